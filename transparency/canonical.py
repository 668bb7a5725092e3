"""Log entries as canonical JSON (RFC 8785, JCS) and their times as RFC 3339 UTC.

An entry holds strings, integers and null only, with ASCII keys, so JCS reduces to: keys sorted,
no whitespace, UTF-8 with only the characters JSON requires escaped (``"``, ``\\``, and control
characters, the common ones in their short forms) — exactly ``json.dumps`` with the options below.
Floats, whose JCS form differs from Python's, are refused.

https://www.rfc-editor.org/rfc/rfc8785  https://www.rfc-editor.org/rfc/rfc3339
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")


def _check(value, path="entry"):
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or not key.isascii():
                raise ValueError(f"{path}: keys are ASCII strings")
            _check(item, f"{path}.{key}")
    elif isinstance(value, bool) or value is None or isinstance(value, str):
        pass
    elif isinstance(value, int):
        if abs(value) > 2**53 - 1:
            raise ValueError(f"{path}: integers beyond 2**53 have no exact JSON number")
    else:
        raise ValueError(f"{path}: only strings, integers, true, false, null and objects are logged")


def canonical_json(value) -> bytes:
    _check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_bytes(*, kind: str, obj_ref: str, digest: str, actor: dict | None, at: datetime) -> bytes:
    return canonical_json({"kind": kind, "object": obj_ref, "digest": digest, "actor": actor, "at": rfc3339(at)})

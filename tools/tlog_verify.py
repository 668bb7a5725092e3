#!/usr/bin/env python3
"""Check the consortium portal's transparency log from outside, trusting nothing but its keys.

Plain Python: the standard library and `cryptography` (for Ed25519); no Django, no database.
Written apart from the portal's own code, from the specifications: RFC 9162 §2.1 (the Merkle
tree, inclusion and consistency proofs), C2SP signed-note, tlog-checkpoint and tlog-cosignature.

    python3 tools/tlog_verify.py https://portal.example.cn \\
        --log-key 'portal.example.cn/log+1a2b3c4d+AZ…' \\
        --witness-key 'portal.example.cn/log/witness/3+5e6f7a8b+BK…' [--witness-key …] \\
        [--min-witnesses N] [--trusted last.checkpoint] [--save last.checkpoint] [--sample N]

It fetches the latest checkpoint and checks the log's signature and the witnesses' cosignatures;
with --trusted, that the log is consistent with a checkpoint verified before (and --save keeps
this one for next time); it fetches every entry, checks each leaf hash against the entry's bytes
and rebuilds the tree, whose root must be the checkpoint's; and it checks the inclusion proof the
portal serves for every entry (or a random sample). It prints a plain report and exits 1 on any
failure (2 when the portal cannot be reached).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import random
import sys
import urllib.error
import urllib.parse
import urllib.request

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

DASH = "\u2014"


class Failure(Exception):
    pass


# --- RFC 9162 §2.1 -------------------------------------------------------------------------------------


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_of(leaves: list[bytes]) -> bytes:
    """MTH over leaf hashes, by a stack of complete subtrees (no recursion over a million leaves)."""
    stack: list[tuple[int, bytes]] = []  # (leaf count, hash)
    for leaf in leaves:
        count, current = 1, leaf
        while stack and stack[-1][0] == count:
            left_count, left = stack.pop()
            count, current = count + left_count, node_hash(left, current)
        stack.append((count, current))
    if not stack:
        return hashlib.sha256(b"").digest()
    current = stack[-1][1]
    for _count, left in reversed(stack[:-1]):
        current = node_hash(left, current)
    return current


def verify_inclusion(index: int, size: int, leaf: bytes, proof: list[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = node_hash(p, r)
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes, proof: list[bytes]) -> bool:
    """RFC 9162 §2.1.4.2 (first > 0)."""
    if first == second:
        return not proof and first_root == second_root
    if first > second or not proof:
        return False
    path = ([first_root] if first & (first - 1) == 0 else []) + list(proof)
    fn, sn = first - 1, second - 1
    while fn % 2 == 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == first_root and sr == second_root


# --- C2SP signed notes, checkpoints, cosignatures -------------------------------------------------------


class Key:
    def __init__(self, vkey: str):
        try:
            name, key_id, material = vkey.strip().split("+", 2)
            raw = base64.b64decode(material, validate=True)
        except ValueError:
            raise Failure(f"not a verifier key: {vkey}") from None
        if len(raw) != 33 or raw[0] not in (0x01, 0x04):
            raise Failure(f"not an Ed25519 (0x01) or cosignature/v1 (0x04) key: {vkey}")
        self.name, self.type, self.public = name, raw[0], raw[1:]
        self.id = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
        if self.id.hex() != key_id:
            raise Failure(f"the key id in {vkey} does not match its key")

    def verify(self, text: str, signature: bytes) -> int | None:
        """The cosignature's time (0 for a log signature) when good, else None."""
        key = Ed25519PublicKey.from_public_bytes(self.public)
        if self.type == 0x01:
            message, raw, when = text.encode(), signature, 0
        else:
            if len(signature) != 72:
                return None
            when = int.from_bytes(signature[:8], "big")
            message, raw = f"cosignature/v1\ntime {when}\n".encode() + text.encode(), signature[8:]
        try:
            key.verify(raw, message)
        except InvalidSignature:
            return None
        return when


def open_note(note: str, keys: list[Key]) -> tuple[str, dict[str, int]]:
    """The note's text and {key name: time} for every known key whose signature verifies."""
    if not note.endswith("\n") or any(ord(c) < 0x20 and c != "\n" for c in note) or "\n\n" not in note:
        raise Failure("the note is malformed")
    cut = note.rfind("\n\n")
    text, lines = note[:cut + 1], note[cut + 2:].split("\n")[:-1]
    known = {(k.name, k.id): k for k in keys}
    good: dict[str, int] = {}
    for line in lines:
        parts = line.split(" ")
        if len(parts) != 3 or parts[0] != DASH:
            raise Failure(f"not a signature line: {line[:60]}")
        try:
            raw = base64.b64decode(parts[2], validate=True)
        except ValueError:
            raise Failure(f"not a signature line: {line[:60]}") from None
        key = known.get((parts[1], raw[:4]))
        if key is None:
            continue
        when = key.verify(text, raw[4:])
        if when is None:
            raise Failure(f"the signature of {key.name} does not verify")
        good[key.name] = when
    return text, good


def parse_checkpoint(text: str) -> tuple[str, int, bytes]:
    lines = text[:-1].split("\n")
    if len(lines) < 3 or not lines[1].isdigit() or (lines[1] != "0" and lines[1].startswith("0")):
        raise Failure("the checkpoint is malformed")
    root = base64.b64decode(lines[2], validate=True)
    if len(root) != 32:
        raise Failure("the checkpoint's root is not 32 bytes")
    return lines[0], int(lines[1]), root


# --- the portal ------------------------------------------------------------------------------------------


class Portal:
    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/") + "/log/"

    def get(self, path: str, **query) -> bytes:
        url = self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            raise Failure(f"GET {url} answered {error.code}") from None

    def json(self, path: str, **query):
        return json.loads(self.get(path, **query))


def b64s(values) -> list[bytes]:
    return [base64.b64decode(v, validate=True) for v in values]


def check(args, report) -> None:
    portal = Portal(args.base_url)
    log_key = Key(args.log_key)
    witness_keys = [Key(k) for k in args.witness_key]
    if log_key.type != 0x01 or any(k.type != 0x04 for k in witness_keys):
        raise Failure("the log's key is of type 0x01 and the witnesses' of type 0x04")

    note = portal.get("checkpoint").decode()
    text, signed = open_note(note, [log_key, *witness_keys])
    if log_key.name not in signed:
        raise Failure("the checkpoint is not signed by the log's key")
    origin, size, root = parse_checkpoint(text)
    if origin != log_key.name:
        raise Failure(f"the checkpoint is of {origin}, not of {log_key.name}")
    cosigned = sorted(name for name in signed if name != log_key.name)
    report(f"Checkpoint: {origin}, {size} entries, root {root.hex()}, signed by the log.")
    report(f"Cosigned by {len(cosigned)} of {len(witness_keys)} witnesses: {', '.join(cosigned) or 'none'}.")
    needed = len(witness_keys) if args.min_witnesses is None else args.min_witnesses
    if len(cosigned) < needed:
        raise Failure(f"{len(cosigned)} cosignatures where {needed} are required")

    if args.trusted:
        with open(args.trusted, encoding="utf-8") as handle:
            trusted_text, trusted_signed = open_note(handle.read(), [log_key])
        _origin, old_size, old_root = parse_checkpoint(trusted_text)
        if old_size > size:
            raise Failure(f"the log shrank: the trusted checkpoint has {old_size} entries, this one {size}")
        if 0 < old_size:
            proof = b64s(portal.json("proof/consistency", first=old_size, second=size)["proof"])
            if not verify_consistency(old_size, size, old_root, root, proof):
                raise Failure(f"the log is not consistent with the trusted checkpoint of {old_size} entries")
        report(f"Consistent with the trusted checkpoint of {old_size} entries.")

    leaves: list[bytes] = []
    while len(leaves) < size:
        page = portal.json("entries", start=len(leaves), end=size)
        if not page["entries"]:
            raise Failure(f"the portal served no entry from {len(leaves)} on")
        for item in page["entries"]:
            index = len(leaves)
            data = base64.b64decode(item["entry_b64"], validate=True)
            if item["index"] != index:
                raise Failure(f"entry {index} was served as {item['index']}")
            if leaf_hash(data) != base64.b64decode(item["leaf_hash"]):
                raise Failure(f"entry {index}: its bytes do not hash to its leaf hash")
            fields = json.loads(data)
            canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
            if canonical != data or set(fields) != {"kind", "object", "digest", "actor", "at"}:
                raise Failure(f"entry {index} is not canonical JSON of a log entry")
            leaves.append(leaf_hash(data))
    rebuilt = root_of(leaves)
    if rebuilt != root:
        # Find the first entry whose inclusion proof fails, to name it.
        for index, leaf in enumerate(leaves):
            answer = portal.json("proof/inclusion", index=index, size=size)
            if not verify_inclusion(index, size, leaf, b64s(answer["proof"]), root):
                raise Failure(f"entry {index} as served is not the entry the checkpoint signed")
        raise Failure("the entries as served do not give the checkpoint's root")
    report(f"All {size} entries fetched; their tree has the checkpoint's root.")

    indices = list(range(size))
    if args.sample is not None and args.sample < size:
        indices = sorted(random.sample(indices, args.sample))
    for index in indices:
        answer = portal.json("proof/inclusion", index=index, size=size)
        if not verify_inclusion(index, size, leaves[index], b64s(answer["proof"]), root):
            raise Failure(f"entry {index}: its inclusion proof does not verify")
    report(f"Inclusion proofs of {len(indices)} entries verify.")

    if args.save:
        with open(args.save, "w", encoding="utf-8") as handle:
            handle.write(note)
        report(f"Checkpoint saved to {args.save} for the next run's --trusted.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="the portal's address, e.g. https://portal.example.cn")
    parser.add_argument("--log-key", required=True, help="the log's verifier key (vkey)")
    parser.add_argument("--witness-key", action="append", default=[], help="a witness's verifier key; repeat")
    parser.add_argument("--min-witnesses", type=int, help="cosignatures required (default: every witness given)")
    parser.add_argument("--trusted", help="a checkpoint verified before: the log must be consistent with it")
    parser.add_argument("--save", help="write the verified checkpoint here")
    parser.add_argument("--sample", type=int, help="check the inclusion proofs of this many random entries only")
    args = parser.parse_args(argv)
    lines: list[str] = []

    def report(line: str) -> None:
        lines.append(line)
        print(line, flush=True)

    try:
        check(args, report)
    except Failure as failure:
        print(f"FAILED: {failure}", flush=True)
        return 1
    except (urllib.error.URLError, OSError) as error:
        print(f"FAILED: the portal cannot be reached ({error})", flush=True)
        return 2
    print("OK: the log verifies.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

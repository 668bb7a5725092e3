"""Checking the stored log against itself, its signed checkpoints and the database's rows
(``manage.py verify_log``).

Every entry's leaf hash is recomputed from its exact bytes and the tree rebuilt from them, and
each signed checkpoint's root compared on the way; entries whose columns disagree with their
bytes, or whose bytes no longer hash to the stored leaf, are named by index. Then, for the kinds
whose app registers a digest function (``TRANSPARENCY_KINDS`` in its portal.py), each object's
digest is computed from its row as it is now and compared with the latest entry of that kind for
it: a row changed without a new entry was changed behind the portal's back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from core.portal import transparency_kinds
from transparency import merkle, note
from transparency.models import Checkpoint, LogEntry, LogKey, TreeNode


@dataclass
class Report:
    entries: int = 0
    checkpoints: int = 0
    objects: int = 0
    problems: list[str] = field(default_factory=list)
    tampered: list[int] = field(default_factory=list)  # entry indices
    changed_objects: list[str] = field(default_factory=list)  # object references

    @property
    def ok(self) -> bool:
        return not self.problems


def digest_functions() -> dict:
    return transparency_kinds()


def _check_checkpoint(checkpoint: Checkpoint, root: bytes, verifier: note.Verifier | None, report: Report) -> None:
    report.checkpoints += 1
    if bytes(checkpoint.root) != root:
        report.problems.append(
            f"checkpoint {checkpoint.size}: the entries give root {root.hex()}, the checkpoint signed "
            f"{bytes(checkpoint.root).hex()} — an entry before {checkpoint.size} was changed"
        )
        return
    try:
        text, _verified = note.open_note(checkpoint.note, [verifier] if verifier else [])
        signed = note.Checkpoint.parse(text)
    except note.NoteError as error:
        report.problems.append(f"checkpoint {checkpoint.size}: its signature does not verify ({error})")
        return
    if (signed.size, signed.root) != (checkpoint.size, root):
        report.problems.append(f"checkpoint {checkpoint.size}: the signed note says size {signed.size}, another root")


def verify_log(*, objects: bool = True, chunk: int = 5000) -> Report:
    report = Report()
    key = LogKey.objects.filter(pk=1).first()
    verifier = note.Verifier(key.name, note.ED25519, bytes(key.public_key)) if key else None
    checkpoints = list(Checkpoint.objects.order_by("size"))
    pending = iter(checkpoints)
    next_checkpoint = next(pending, None)
    frontier = merkle.Frontier()
    latest: dict[tuple[str, str], str] = {}
    functions = digest_functions() if objects else {}

    rows = LogEntry.objects.order_by("index").values_list("index", "kind", "object_ref", "digest", "entry", "leaf_hash")
    for index, kind, object_ref, digest, entry, stored_leaf in rows.iterator(chunk_size=chunk):
        if index != frontier.size:
            report.problems.append(f"entry {frontier.size} is missing (the next stored is {index})")
            break
        data = bytes(entry)
        leaf = merkle.leaf_hash(data)
        try:
            fields = json.loads(data)
            columns_match = (fields["kind"], fields["object"], fields["digest"]) == (kind, object_ref, digest)
        except (ValueError, KeyError, TypeError):
            columns_match = False
        if leaf != bytes(stored_leaf) or not columns_match:
            report.tampered.append(index)
            report.problems.append(f"entry {index}: its stored bytes, hash or columns were changed")
        frontier.append(leaf)
        if kind in functions:
            latest[(kind, object_ref)] = digest
        while next_checkpoint is not None and next_checkpoint.size == frontier.size:
            _check_checkpoint(next_checkpoint, frontier.root(), verifier, report)
            next_checkpoint = next(pending, None)
    report.entries = frontier.size
    if next_checkpoint is not None:
        report.problems.append(f"checkpoint {next_checkpoint.size} is signed for entries that are not stored")

    # The stored tree must agree with the entries: the nodes making up the current root.
    if frontier.size:
        nodes = merkle.decompose(0, frontier.size)
        stored = {(level, index): bytes(value) for level, index, value in TreeNode.objects.filter(
            level__in={level for level, _index in nodes}).filter(
            index__in={index for _level, index in nodes}).values_list("level", "index", "hash")}
        if merkle.fold([stored.get(node, b"") for node in nodes]) != frontier.root():
            report.problems.append("the stored tree nodes do not give the root of the stored entries")

    for (kind, object_ref), logged in latest.items():
        report.objects += 1
        current = functions[kind](object_ref)
        if current is None:
            report.changed_objects.append(object_ref)
            report.problems.append(f"{object_ref} ({kind}): the row is gone")
        elif current != logged:
            report.changed_objects.append(object_ref)
            report.problems.append(f"{object_ref} ({kind}): the row now has digest {current}, the log has {logged}")
    return report

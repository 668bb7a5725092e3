"""Reads of the transparency log: its size, roots and proofs for any size up to the current one,
each from the stored complete subtrees in one query, and what the public endpoints serve."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q

from transparency import merkle, note
from transparency.models import Checkpoint, LogEntry, LogHead, TreeNode


class ProofError(ValueError):
    """A proof asked for sizes or an index the log cannot give."""


def head() -> tuple[int, merkle.Frontier]:
    row = LogHead.objects.filter(pk=1).values_list("size", "frontier").first()
    if row is None:
        return 0, merkle.Frontier()
    return row[0], merkle.Frontier.from_bytes(row[0], row[1])


def size() -> int:
    return head()[0]


def node_hashes(nodes) -> dict[merkle.Node, bytes]:
    """The stored hashes of these (level, index) nodes, in one query; every one must exist."""
    nodes = set(nodes)
    if not nodes:
        return {}
    rows = TreeNode.objects.filter(reduce(or_, (Q(level=level, index=index) for level, index in nodes)))
    found = {(level, index): bytes(value) for level, index, value in rows.values_list("level", "index", "hash")}
    missing = nodes - found.keys()
    if missing:
        raise ProofError(f"the tree lacks nodes {sorted(missing)[:5]}")
    return found


def _check_size(tree_size: int, current: int | None = None) -> None:
    current = size() if current is None else current
    if not 0 <= tree_size <= current:
        raise ProofError(f"the log has {current} entries, not {tree_size}")


def root_at(tree_size: int) -> bytes:
    _check_size(tree_size)
    if tree_size == 0:
        return merkle.EMPTY_ROOT
    found = node_hashes(merkle.decompose(0, tree_size))
    return merkle.hashes_of([(0, tree_size)], found.__getitem__)[0]


def inclusion_proof(index: int, tree_size: int) -> tuple[list[bytes], bytes]:
    """The audit path of leaf ``index`` in the tree of ``tree_size`` leaves, and that tree's root."""
    proof, root, _leaf = inclusion(index, tree_size)
    return proof, root


def inclusion(index: int, tree_size: int) -> tuple[list[bytes], bytes, bytes]:
    """The audit path, the tree's root and the leaf's hash, in one query after the size check."""
    _check_size(tree_size)
    if not 0 <= index < tree_size:
        raise ProofError(f"entry {index} is not in a tree of {tree_size}")
    ranges = merkle.inclusion_ranges(index, tree_size)
    found = node_hashes(merkle.nodes_for(ranges + [(0, tree_size)]) | {(0, index)})
    proof = merkle.hashes_of(ranges, found.__getitem__)
    return proof, merkle.hashes_of([(0, tree_size)], found.__getitem__)[0], found[(0, index)]


def consistency_proof(first: int, second: int) -> list[bytes]:
    _check_size(second)
    if not 0 <= first <= second:
        raise ProofError(f"no consistency proof from {first} to {second}")
    ranges = merkle.consistency_ranges(first, second)
    return merkle.hashes_of(ranges, node_hashes(merkle.nodes_for(ranges)).__getitem__)


# --- what the endpoints serve ----------------------------------------------------------------------


def cosigned_note(checkpoint: Checkpoint) -> str:
    """The checkpoint's signed note with every witness's cosignature line after the log's."""
    lines = [c.line for c in checkpoint.cosignatures.select_related("witness").order_by("witness__name")]
    return checkpoint.note + "".join(lines)


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-size").first()


def tlog_proof(index: int) -> str:
    """The C2SP tlog-proof of entry ``index`` against the latest checkpoint, its cosignatures
    included; the entry's exact bytes travel in the ``extra`` line, so the proof can be checked
    with nothing but the keys."""
    checkpoint = latest_checkpoint()
    entry = LogEntry.objects.filter(index=index).values_list("entry", flat=True).first()
    if entry is None:
        raise ProofError(f"no entry {index}")
    if checkpoint is None or checkpoint.size <= index:
        raise ProofError(f"entry {index} is not yet in a signed checkpoint")
    proof, _root = inclusion_proof(index, checkpoint.size)
    return note.TlogProof(index, tuple(proof), cosigned_note(checkpoint), extra=bytes(entry)).render()

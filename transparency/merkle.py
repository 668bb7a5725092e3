"""The Merkle tree of RFC 9162 §2.1, with no database: hashes, the ranges a proof is made of,
and the verification algorithms of §2.1.3.2 and §2.1.4.2 as written there.

Nodes are named ``(level, index)``: the complete subtree of 2**level leaves starting at leaf
``index * 2**level``. Every tree hash this module needs is a fold of such nodes, so a store that
keeps each complete node as it completes can answer any proof for any past size.

https://www.rfc-editor.org/rfc/rfc9162.html#section-2.1
"""

from __future__ import annotations

import hashlib
from typing import Callable, Iterable, Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

Node = tuple[int, int]  # (level, index)
Range = tuple[int, int]  # leaves [start, end)


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n: int) -> int:
    """k: the largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


# --- the tree as a list of leaves (reference; tests and small trees) -------------------------------


def tree_hash(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH(D[n]) by the definition, from the leaves' hashes."""
    n = len(leaf_hashes)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaf_hashes[0]
    k = split_point(n)
    return node_hash(tree_hash(leaf_hashes[:k]), tree_hash(leaf_hashes[k:]))


# --- the right edge of a growing tree ---------------------------------------------------------------


class Frontier:
    """The complete subtrees that make up the tree of ``size`` leaves, largest first (one per bit
    of ``size``): what an append needs, and the root without reading anything else."""

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()):
        assert len(hashes) == bin(size).count("1"), "one hash per bit of the size"
        self.size = size
        self.hashes = list(hashes)

    @classmethod
    def from_bytes(cls, size: int, packed: bytes) -> "Frontier":
        packed = bytes(packed)
        return cls(size, [packed[i:i + HASH_SIZE] for i in range(0, len(packed), HASH_SIZE)])

    def to_bytes(self) -> bytes:
        return b"".join(self.hashes)

    def append(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Add a leaf hash; return every node it completes, the leaf first, as (level, index, hash)."""
        index = self.size
        completed = [(0, index, leaf)]
        level, current = 0, leaf
        while (index >> level) & 1:
            current = node_hash(self.hashes.pop(), current)
            level += 1
            completed.append((level, index >> level, current))
        self.hashes.append(current)
        self.size += 1
        return completed

    def root(self) -> bytes:
        return fold(self.hashes)


def fold(hashes: Sequence[bytes]) -> bytes:
    """The hash of adjacent complete subtrees given largest first (each aligned to the next)."""
    if not hashes:
        return EMPTY_ROOT
    current = hashes[-1]
    for left in reversed(hashes[:-1]):
        current = node_hash(left, current)
    return current


# --- which stored nodes a hash is made of ------------------------------------------------------------


def decompose(start: int, end: int) -> list[Node]:
    """The complete aligned subtrees covering leaves [start, end), largest first. For a range that
    occurs in the tree's recursion (start aligned to a power of two at least end - start) these
    fold to MTH(D[start:end])."""
    nodes = []
    while start < end:
        size = 1 << ((end - start).bit_length() - 1)
        while start % size:
            size >>= 1
        level = size.bit_length() - 1
        nodes.append((level, start >> level))
        start += size
    return nodes


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """PATH(m, D[n]) of RFC 9162 §2.1.3.1 as the leaf ranges whose hashes it lists, in order."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size}")

    def path(m: int, start: int, end: int) -> list[Range]:
        n = end - start
        if n == 1:
            return []
        k = split_point(n)
        if m < k:
            return path(m, start, start + k) + [(start + k, end)]
        return path(m - k, start + k, end) + [(start, start + k)]

    return path(index, 0, size)


def consistency_ranges(first: int, second: int) -> list[Range]:
    """PROOF(m, D[n]) of RFC 9162 §2.1.4.1 as leaf ranges, in order (empty for m = 0 or m = n)."""
    if not 0 <= first <= second:
        raise ValueError(f"no consistency proof from {first} to {second}")
    if first in (0, second):
        return []

    def subproof(m: int, start: int, end: int, whole: bool) -> list[Range]:
        n = end - start
        if m == n:
            return [] if whole else [(start, end)]
        k = split_point(n)
        if m <= k:
            return subproof(m, start, start + k, whole) + [(start + k, end)]
        return subproof(m - k, start + k, end, False) + [(start, start + k)]

    return subproof(first, 0, second, True)


def nodes_for(ranges: Iterable[Range]) -> set[Node]:
    return {node for start, end in ranges for node in decompose(start, end)}


def hashes_of(ranges: Iterable[Range], lookup: Callable[[Node], bytes]) -> list[bytes]:
    return [fold([lookup(node) for node in decompose(start, end)]) for start, end in ranges]


# --- verification (RFC 9162 §2.1.3.2, §2.1.4.2) -----------------------------------------------------


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes) -> bool:
    if not 0 <= index < size or any(len(h) != HASH_SIZE for h in (leaf, root, *proof)):
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes,
                       proof: Sequence[bytes]) -> bool:
    """False for ``first`` = 0: the empty tree is consistent with every tree, so there is nothing
    to verify (the tlog-witness protocol treats that case apart)."""
    if not 0 < first <= second:
        return False
    if first == second:
        return not proof and first_root == second_root
    if not proof or any(len(h) != HASH_SIZE for h in (first_root, second_root, *proof)):
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_root and sr == second_root and sn == 0

"""The Merkle tree against the published RFC 6962 vectors (transparency-dev/merkle), and
property tests: every proof for random sizes verifies, and any changed byte or hash fails."""

import base64
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from transparency import merkle

VECTORS = Path(__file__).parent / "vectors"


def load(name):
    return json.loads((VECTORS / name).read_text())


def b(text):
    return base64.b64decode(text) if text else b""


TREE = load("rfc6962_tree.json")
LEAVES = [merkle.leaf_hash(bytes.fromhex(x)) for x in TREE["leaf_inputs_hex"]]


def stored(leaves):
    """A store of every complete subtree, as the database keeps it, built by appending."""
    frontier, nodes = merkle.Frontier(), {}
    for leaf in leaves:
        for level, index, value in frontier.append(leaf):
            nodes[(level, index)] = value
    return frontier, nodes


def inclusion(nodes, index, size):
    return merkle.hashes_of(merkle.inclusion_ranges(index, size), nodes.__getitem__)


def consistency(nodes, first, second):
    return merkle.hashes_of(merkle.consistency_ranges(first, second), nodes.__getitem__)


def test_the_empty_tree_hashes_to_the_hash_of_nothing():
    assert merkle.EMPTY_ROOT.hex() == TREE["root_hashes_hex"][0]
    assert merkle.tree_hash([]) == merkle.EMPTY_ROOT


def test_every_stored_node_and_root_matches_the_rfc6962_vectors():
    frontier, nodes = stored([])
    for size, leaf in enumerate(LEAVES, start=1):
        frontier.append(leaf)
        assert frontier.root().hex() == TREE["root_hashes_hex"][size]
        assert merkle.tree_hash(LEAVES[:size]).hex() == TREE["root_hashes_hex"][size]
    _frontier, nodes = stored(LEAVES)
    for level, row in enumerate(TREE["node_hashes_hex"]):
        for index, value in enumerate(row):
            assert nodes[(level, index)].hex() == value


def test_an_append_writes_the_leaf_and_only_the_subtrees_it_completes():
    frontier = merkle.Frontier()
    written = [len(frontier.append(leaf)) for leaf in LEAVES]
    # Leaf i completes one node per trailing one bit of i, besides itself.
    assert written == [1, 2, 1, 3, 1, 2, 1, 4]


INCLUSION = load("merkle_inclusion.json")
CONSISTENCY = load("merkle_consistency.json")


@pytest.mark.parametrize("name", sorted(INCLUSION))
def test_inclusion_probes_verify_or_fail_as_published(name):
    p = INCLUSION[name]
    ok = merkle.verify_inclusion(p["leafIdx"], p["treeSize"], b(p["leafHash"]), [b(h) for h in p["proof"] or []],
                                 b(p["root"]))
    assert ok is not p["wantErr"], p["desc"]


@pytest.mark.parametrize("name", sorted(CONSISTENCY))
def test_consistency_probes_verify_or_fail_as_published(name):
    p = CONSISTENCY[name]
    ok = merkle.verify_consistency(p["size1"], p["size2"], b(p["root1"]), b(p["root2"]),
                                   [b(h) for h in p["proof"] or []])
    assert ok is not p["wantErr"], p["desc"]


def test_proofs_built_from_stored_nodes_equal_the_published_happy_paths():
    _frontier, nodes = stored(LEAVES)
    for p in INCLUSION.values():
        if not p["wantErr"] and p["treeSize"] <= 8 and p["leafHash"] and b(p["leafHash"]) == LEAVES[p["leafIdx"]]:
            assert inclusion(nodes, p["leafIdx"], p["treeSize"]) == [b(h) for h in p["proof"] or []]
    checked = 0
    for p in CONSISTENCY.values():
        if not p["wantErr"] and p["size2"] <= 8 and b(p["root2"]) == merkle.tree_hash(LEAVES[:p["size2"]]):
            assert consistency(nodes, p["size1"], p["size2"]) == [b(h) for h in p["proof"] or []]
            checked += 1
    assert checked


def test_every_proof_of_the_eight_leaf_tree_verifies():
    _frontier, nodes = stored(LEAVES)
    for size in range(1, 9):
        root = merkle.tree_hash(LEAVES[:size])
        for index in range(size):
            assert merkle.verify_inclusion(index, size, LEAVES[index], inclusion(nodes, index, size), root)
        for first in range(1, size + 1):
            proof = consistency(nodes, first, size)
            assert merkle.verify_consistency(first, size, merkle.tree_hash(LEAVES[:first]), root, proof)


# --- properties -----------------------------------------------------------------------------------

TREES = {}


def tree_of(size):
    if size not in TREES:
        leaves = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(size)]
        TREES[size] = (leaves, stored(leaves)[1])
    return TREES[size]


def flip(data: bytes, position: int) -> bytes:
    position %= len(data)
    return data[:position] + bytes([data[position] ^ 1]) + data[position + 1:]


@settings(max_examples=200, deadline=None)
@given(st.data(), st.integers(min_value=1, max_value=300))
def test_every_inclusion_proof_verifies_and_any_change_fails(data, size):
    leaves, nodes = tree_of(size)
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    root = merkle.tree_hash(leaves)
    proof = inclusion(nodes, index, size)
    assert merkle.verify_inclusion(index, size, leaves[index], proof, root)

    byte = data.draw(st.integers(min_value=0, max_value=10**6))
    assert not merkle.verify_inclusion(index, size, flip(leaves[index], byte), proof, root)
    assert not merkle.verify_inclusion(index, size, leaves[index], proof, flip(root, byte))
    if proof:
        which = data.draw(st.integers(min_value=0, max_value=len(proof) - 1))
        changed = proof[:which] + [flip(proof[which], byte)] + proof[which + 1:]
        assert not merkle.verify_inclusion(index, size, leaves[index], changed, root)
        assert not merkle.verify_inclusion(index, size, leaves[index], proof[:-1], root)
    assert not merkle.verify_inclusion(index, size, leaves[index], proof + [root], root)
    other = data.draw(st.integers(min_value=0, max_value=size - 1))
    if other != index and leaves[other] != leaves[index]:
        assert not merkle.verify_inclusion(other, size, leaves[index], proof, root)


@settings(max_examples=200, deadline=None)
@given(st.data(), st.integers(min_value=1, max_value=300))
def test_every_consistency_proof_verifies_and_any_change_fails(data, second):
    leaves, nodes = tree_of(second)
    first = data.draw(st.integers(min_value=0, max_value=second))
    first_root, second_root = merkle.tree_hash(leaves[:first]), merkle.tree_hash(leaves)
    proof = consistency(nodes, first, second)
    if first == 0:
        # Nothing to prove from the empty tree, and nothing a verifier can check.
        assert proof == [] and not merkle.verify_consistency(first, second, first_root, second_root, proof)
        return
    assert merkle.verify_consistency(first, second, first_root, second_root, proof)

    byte = data.draw(st.integers(min_value=0, max_value=10**6))
    assert not merkle.verify_consistency(first, second, flip(first_root, byte), second_root, proof)
    assert not merkle.verify_consistency(first, second, first_root, flip(second_root, byte), proof)
    if proof:
        which = data.draw(st.integers(min_value=0, max_value=len(proof) - 1))
        changed = proof[:which] + [flip(proof[which], byte)] + proof[which + 1:]
        assert not merkle.verify_consistency(first, second, first_root, second_root, changed)
        assert not merkle.verify_consistency(first, second, first_root, second_root, proof[:-1])
    assert not merkle.verify_consistency(first, second, first_root, second_root, proof + [second_root])

"""RDFC-1.0 on the W3C test suite (credentials/tests/vectors/rdf-canon), byte for byte."""

import json
import time
from pathlib import Path

import pyoxigraph
import pytest

from credentials.vc import rdfc

SUITE = Path(__file__).resolve().parent / "vectors" / "rdf-canon"
MANIFEST = json.loads((SUITE / "manifest.jsonld").read_text(encoding="utf-8"))["entries"]
HASH_NAMES = {None: "sha256", "SHA256": "sha256", "SHA384": "sha384"}


def entries(kind):
    return [pytest.param(entry, id=entry["id"].lstrip("#")) for entry in MANIFEST if entry["type"] == kind]


def read_input(entry):
    return rdfc.parse_nquads((SUITE / entry["action"]).read_bytes())


def test_the_suite_is_all_there():
    kinds = {entry["type"] for entry in MANIFEST}
    assert kinds == {"rdfc:RDFC10EvalTest", "rdfc:RDFC10MapTest", "rdfc:RDFC10NegativeEvalTest"}
    assert len(MANIFEST) == 86


@pytest.mark.parametrize("entry", entries("rdfc:RDFC10EvalTest"))
def test_canonical_nquads_equal_the_expected_file(entry):
    expected = (SUITE / entry["result"]).read_text(encoding="utf-8")
    assert rdfc.canonicalize(read_input(entry), hash_name=HASH_NAMES[entry.get("hashAlgorithm")]) == expected


@pytest.mark.parametrize("entry", entries("rdfc:RDFC10MapTest"))
def test_issued_identifiers_equal_the_expected_map(entry):
    expected = json.loads((SUITE / entry["result"]).read_text(encoding="utf-8"))
    labels = rdfc.canonical_labels(read_input(entry), hash_name=HASH_NAMES[entry.get("hashAlgorithm")])
    assert labels == expected


@pytest.mark.parametrize("entry", entries("rdfc:RDFC10NegativeEvalTest"))
def test_a_poisoned_dataset_is_refused_quickly(entry):
    started = time.perf_counter()
    with pytest.raises(rdfc.CanonicalizationError, match="poisoned"):
        rdfc.canonicalize(read_input(entry))
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "entry",
    [param for param in entries("rdfc:RDFC10EvalTest") if not param.values[0].get("hashAlgorithm")],
)
def test_pyoxigraph_canonicalizer_agrees_on_every_computable_dataset(entry):
    """pyoxigraph's own RDFC-1.0 (no work limit, so never given the poisoned one) is a second opinion."""
    dataset = pyoxigraph.Dataset(read_input(entry))
    dataset.canonicalize(pyoxigraph.CanonicalizationAlgorithm.RDFC_1_0)
    assert "".join(sorted(f"{quad} .\n" for quad in dataset)) == (SUITE / entry["result"]).read_text(encoding="utf-8")


def test_duplicate_quads_count_once():
    quad = pyoxigraph.Quad(pyoxigraph.BlankNode("x"), pyoxigraph.NamedNode("urn:p"), pyoxigraph.Literal("o"))
    assert rdfc.canonicalize([quad, quad]) == '_:c14n0 <urn:p> "o" .\n'

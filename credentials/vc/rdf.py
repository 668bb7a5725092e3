"""From a JSON-LD document to its RDF dataset and canonical N-Quads (RDFC-1.0).

Two ways, with the same output:

- ``reference_quads``: pyld expands the document (refusing, as a "safe mode" verifier does,
  any property or IRI that JSON-LD would silently drop, so that nothing unsigned can ride
  along in a signed document) and turns it into RDF. A few milliseconds of pure Python
  per document.
- ``quads`` (the fast path): documents of one shape — the same keys, the same ``type``
  values, the same contexts, different strings — give the same RDF but for those strings.
  The first document of a shape is run through pyld three times with marker strings in
  place of its strings ("probes"); what comes out says, for each string, whether it lands
  whole as a literal, whole as an IRI, or otherwise (then it counts as part of the shape).
  Every later document of the shape is its template with its strings put in: tens of
  microseconds. A document the fast path cannot vouch for — another context, an inline or
  nested context, an IRI that a context could rewrite — goes the reference way.

``canonical_nquads`` canonicalizes either with ``rdfc`` (RDFC-1.0, written out there);
``pyld_normalize`` is the plain pyld pipeline (expand, toRdf, URDNA2015), kept to compare
and to measure against: note that pyld writes control characters in literals unescaped, as
URDNA2015 did, where RDFC-1.0 escapes them, so the two differ on such strings.
"""

import re
import secrets
import threading
import weakref
from collections import OrderedDict

import pyoxigraph
from cachetools import LRUCache
from pyld import jsonld
from pyld.context_resolver import ContextResolver

from . import contexts, rdfc

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"

# An absolute IRI as RFC 3987 writes it: a scheme, a colon, and no character an IRI may not
# hold. pyoxigraph checks the rest when the IRI becomes a term.
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`\x7f]*")


class JsonLdError(ValueError):
    """The document is not JSON-LD the portal can sign or verify; the message says why."""


# --- The reference way: pyld, strictly -------------------------------------------------------

_context_caches = weakref.WeakKeyDictionary()


def _resolver(loader):
    """A context resolver with a cache of the loader's own, so that what one loader served is
    never taken from the cache by a document processed with another."""
    cache = _context_caches.get(loader)
    if cache is None:
        cache = _context_caches[loader] = LRUCache(maxsize=64)
    return ContextResolver(cache, loader)


def _options(loader):
    return {"documentLoader": loader, "contextResolver": _resolver(loader), "base": None}


def _dropped(term):
    raise JsonLdError(f"The property {term!r} is not defined by the document's contexts.")


def _check_expanded(value, path="$"):
    """Refuse what toRdf would drop without a word: relative IRIs as ids or types."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            _check_expanded(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "@id" and not (item.startswith("_:") or ABSOLUTE_IRI.fullmatch(item)):
                raise JsonLdError(f"The id {item!r} at {path} is not an absolute IRI.")
            if key == "@type" and "@value" not in value:
                for kind in item if isinstance(item, list) else [item]:
                    if not (kind.startswith("_:") or ABSOLUTE_IRI.fullmatch(kind)):
                        raise JsonLdError(f"The type {kind!r} at {path} is not defined by the document's contexts.")
            if key not in ("@value", "@id", "@type", "@language", "@direction", "@index"):
                _check_expanded(item, f"{path}.{key}")


def expand(document: dict, *, loader=contexts.document_loader, strict: bool = True) -> list:
    """The document expanded by pyld, refusing dropped properties and (when strict)
    relative IRIs."""
    try:
        expanded = jsonld.expand(document, _options(loader), on_property_dropped=_dropped)
    except jsonld.JsonLdError as error:
        cause = error
        while isinstance(cause.__cause__, Exception):
            if isinstance(cause.__cause__, (JsonLdError, contexts.ContextNotAllowed)):
                raise JsonLdError(str(cause.__cause__)) from error
            cause = cause.__cause__
        raise JsonLdError(f"The document is not valid JSON-LD: {error}") from error
    if strict:
        _check_expanded(expanded)
    return expanded


def _term(term: dict):
    if term["type"] == "blank node":
        return pyoxigraph.BlankNode(term["value"][2:])
    if term["type"] == "IRI":
        return pyoxigraph.NamedNode(term["value"])
    if "language" in term:
        return pyoxigraph.Literal(term["value"], language=term["language"])
    return pyoxigraph.Literal(term["value"], datatype=pyoxigraph.NamedNode(term.get("datatype") or XSD_STRING))


def reference_quads(document: dict, *, loader=contexts.document_loader, strict: bool = True) -> list:
    """The document's RDF dataset as pyoxigraph quads, the reference way (pyld). Not
    strict (for probes alone): relative IRIs are dropped as toRdf drops them."""
    expanded = expand(document, loader=loader, strict=strict)
    dataset = jsonld.to_rdf(expanded, _options(loader))
    quads = []
    try:
        for graph_name, triples in dataset.items():
            graph = (
                pyoxigraph.DefaultGraph()
                if graph_name == "@default"
                else _term({"type": "blank node" if graph_name.startswith("_:") else "IRI", "value": graph_name})
            )
            for triple in triples:
                subject, predicate, object_ = (_term(triple[part]) for part in ("subject", "predicate", "object"))
                quads.append(pyoxigraph.Quad(subject, predicate, object_, graph))
    except ValueError as error:  # an IRI pyoxigraph does not accept
        raise JsonLdError(f"The document holds an invalid IRI or language tag: {error}") from error
    return quads


def pyld_normalize(document: dict, *, loader=contexts.document_loader) -> str:
    """The straightforward pipeline: pyld's expansion, toRdf and URDNA2015, as pyld writes it."""
    options = _options(loader) | {"algorithm": "URDNA2015", "format": "application/n-quads"}
    return jsonld.normalize(document, options)


# --- The fast path: compiled shapes ----------------------------------------------------------


def _known_terms() -> frozenset:
    """Every term any of the portal's contexts defines, scoped ones included."""
    terms = set()

    def collect(context):
        if isinstance(context, list):
            for item in context:
                collect(item)
        elif isinstance(context, dict):
            for term, definition in context.items():
                if not term.startswith("@"):
                    terms.add(term)
                if isinstance(definition, dict) and "@context" in definition:
                    collect(definition["@context"])

    for url in contexts.CONTEXT_FILES:
        collect(contexts.context_document(url)["@context"])
    return frozenset(terms)


_KNOWN_URLS = frozenset(contexts.CONTEXT_FILES)
_KNOWN_TERMS = _known_terms()
# Keys whose strings are always part of a shape: they choose scoped contexts (types) or
# are contexts themselves.
_SHAPE_KEYS = frozenset({"type", "@type"})


def _plain_iri(value: str) -> bool:
    """An absolute IRI that no context of the portal could rewrite: neither a term nor a
    compact IRI whose prefix is a term."""
    return (
        ABSOLUTE_IRI.fullmatch(value) is not None
        and value not in _KNOWN_TERMS
        and value.split(":", 1)[0] not in _KNOWN_TERMS
    )


class _NotFast(Exception):
    """The fast path does not take this document; the reference way will."""


def _shape(document):
    """(shape key, the document's strings in order). Raises _NotFast for documents with
    contexts other than the portal's, given as URLs at the top."""
    context = document.get("@context") if isinstance(document, dict) else None
    urls = context if isinstance(context, list) else [context]
    if not urls or not all(isinstance(url, str) and url in _KNOWN_URLS for url in urls):
        raise _NotFast
    strings = []

    def walk(value, key=None):
        if isinstance(value, str):
            if key in _SHAPE_KEYS:
                return ("t", value)
            strings.append(value)
            return "s"
        if isinstance(value, dict):
            items = []
            for item_key in sorted(value):
                if item_key == "@context":
                    if value is not document:
                        raise _NotFast
                    items.append((item_key, tuple(urls)))
                else:
                    items.append((item_key, walk(value[item_key], item_key)))
            return ("{", tuple(items))
        if isinstance(value, list):
            return ("[", tuple(walk(item, key) for item in value))
        if isinstance(value, bool) or value is None:
            return ("c", value)
        if isinstance(value, int):
            return ("i", value)
        if isinstance(value, float):
            return ("f", repr(value))
        raise _NotFast

    return walk(document), strings


def _fill(document, values):
    """A copy of the document with its strings (outside type values) replaced in order."""
    values = iter(values)

    def walk(value, key=None):
        if isinstance(value, str):
            return value if key in _SHAPE_KEYS else next(values)
        if isinstance(value, dict):  # in the order _shape reads them
            return {k: (value[k] if k == "@context" else walk(value[k], k)) for k in sorted(value)}
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        return value

    return walk(document)


class _Template:
    """The quads of one shape, with slots where the document's strings go."""

    def __init__(self, quads, iri_tokens, literal_tokens):
        self.rows = []
        for quad in quads:
            row = []
            for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
                if isinstance(term, pyoxigraph.NamedNode) and term.value in iri_tokens:
                    row.append(("iri", iri_tokens[term.value]))
                elif isinstance(term, pyoxigraph.Literal) and term.value in literal_tokens:
                    if term.language:
                        row.append(("lang", literal_tokens[term.value], term.language))
                    else:
                        row.append(("typed", literal_tokens[term.value], term.datatype))
                else:
                    row.append(("term", term))
            self.rows.append(tuple(row))

    def quads(self, values):
        Quad, NamedNode, Literal = pyoxigraph.Quad, pyoxigraph.NamedNode, pyoxigraph.Literal
        made = {}
        out = []
        for row in self.rows:
            terms = []
            for slot in row:
                kind = slot[0]
                if kind == "term":
                    terms.append(slot[1])
                    continue
                term = made.get(slot)
                if term is None:
                    value = values[slot[1]]
                    if kind == "iri":
                        term = NamedNode(value)
                    elif kind == "lang":
                        term = Literal(value, language=slot[2])
                    else:
                        term = Literal(value, datatype=slot[2])
                    made[slot] = term
                terms.append(term)
            out.append(Quad(*terms))
        return out


class _Plan:
    """What probing a shape found: which strings are literals, which IRIs, and which are
    part of the shape; templates per value of those."""

    def __init__(self, literal_slots, iri_slots, fixed_slots):
        self.literal_slots = literal_slots
        self.iri_slots = iri_slots
        self.fixed_slots = fixed_slots
        self.templates = {}


_NOT_FAST = _Plan([], [], [])

_MARK = re.compile(r"urn:x-probe-([0-9a-f]{16})-(\d+)-|xprobe([0-9a-f]{16})n(\d+)z")


class FastPath:
    """Compiled shapes, most recently used kept (a bounded number)."""

    def __init__(self, size=256):
        self.size = size
        self.plans = OrderedDict()
        self.lock = threading.Lock()
        self.nonce = secrets.token_hex(8)
        self.compiled = 0

    def _iri_token(self, index):
        return f"urn:x-probe-{self.nonce}-{index}-"

    def _plain_token(self, index):
        return f"xprobe{self.nonce}n{index}z"

    def _occurrences(self, quads):
        """Token index → set of how it occurs: ("iri",), ("lit", datatype, language), ("part",)."""
        found = {}
        for quad in quads:
            for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
                if isinstance(term, pyoxigraph.NamedNode):
                    texts = [(term.value, ("iri",))]
                elif isinstance(term, pyoxigraph.Literal):
                    kind = ("lit", term.datatype.value if term.datatype else None, term.language)
                    texts = [(term.value, kind), (term.datatype.value, ("part",))]
                else:
                    continue
                for text, kind in texts:
                    for match in _MARK.finditer(text):
                        nonce = match.group(1) or match.group(3)
                        if nonce != self.nonce:
                            continue
                        index = int(match.group(2) or match.group(4))
                        whole = match.group(0) == text
                        found.setdefault(index, set()).add(kind if whole else ("part",))
        return found

    def _probe(self, document, strings, tokens, loader, strict=True):
        filled = _fill(document, [tokens.get(i, s) for i, s in enumerate(strings)])
        return reference_quads(filled, loader=loader, strict=strict)

    def _compile(self, document, strings, loader):
        """Probe the shape: every string an IRI-like marker (A); then plain markers where A
        gave literals (B: still the same literals?) and where A gave IRIs (C: an id drops a
        relative IRI; a vocabulary-relative position makes it part of a longer IRI)."""
        count = len(strings)
        iri_tokens = {i: self._iri_token(i) for i in range(count)}
        seen = self._occurrences(self._probe(document, strings, iri_tokens, loader))
        literal_like = {i for i in range(count) if len(seen.get(i, ())) == 1 and next(iter(seen[i]))[0] == "lit"}
        iri_like = {i for i in range(count) if seen.get(i) == {("iri",)}}
        as_plain = {}
        for chosen in (literal_like, iri_like):
            if chosen:
                tokens = iri_tokens | {i: self._plain_token(i) for i in chosen}
                found = self._occurrences(self._probe(document, strings, tokens, loader, strict=False))
                as_plain.update({i: found.get(i, set()) for i in chosen})
        literal_slots, iri_slots, fixed_slots = [], [], []
        for index in range(count):
            if (
                index in literal_like
                and as_plain[index] == seen[index]
                and next(iter(seen[index]))[1]
                not in (
                    XSD_DOUBLE,
                    RDF_JSON,
                )
            ):
                literal_slots.append(index)
            elif index in iri_like and not as_plain[index]:
                # Whole as an IRI, and gone when relative: an id. A string a context would read
                # as a term, or resolve against a vocabulary, stays part of the shape.
                iri_slots.append(index)
            else:
                fixed_slots.append(index)
        return _Plan(literal_slots, iri_slots, fixed_slots)

    def _template(self, document, strings, literal_slots, iri_slots, loader):
        """The shape's quads with markers in the given slots and the document's own strings
        elsewhere; the markers must land as the probes said."""
        tokens = {i: self._iri_token(i) for i in literal_slots + iri_slots}
        quads = self._probe(document, strings, tokens, loader)
        seen = self._occurrences(quads)
        for index in literal_slots:
            if len(seen.get(index, ())) != 1 or next(iter(seen[index]))[0] != "lit":
                raise _NotFast
        for index in iri_slots:
            if seen.get(index) != {("iri",)}:
                raise _NotFast
        return _Template(quads, {tokens[i]: i for i in iri_slots}, {tokens[i]: i for i in literal_slots})

    def quads(self, document, *, loader=contexts.document_loader):
        """The document's quads through a compiled template; _NotFast when it cannot."""
        if loader is not contexts.document_loader:
            raise _NotFast
        key, strings = _shape(document)
        with self.lock:
            plan = self.plans.get(key)
            if plan is not None:
                self.plans.move_to_end(key)
        if plan is None:
            try:
                plan = self._compile(document, strings, loader)
            except (JsonLdError, ValueError, jsonld.JsonLdError):
                plan = _NOT_FAST  # the reference way says what is wrong, for this shape and the next
            with self.lock:
                self.plans[key] = plan
                self.compiled += 1
                while len(self.plans) > self.size:
                    self.plans.popitem(last=False)
        if plan is _NOT_FAST:
            raise _NotFast
        # An id slot holding what is not a plain absolute IRI (a term such as
        # "assertionMethod", or a relative IRI) is part of the shape for this document.
        iri_slots = [i for i in plan.iri_slots if _plain_iri(strings[i])]
        held = tuple(strings[i] for i in plan.fixed_slots) + tuple(
            (i, strings[i]) for i in plan.iri_slots if not _plain_iri(strings[i])
        )
        template = plan.templates.get(held)
        if template is None:
            try:
                template = self._template(document, strings, plan.literal_slots, iri_slots, loader)
            except (JsonLdError, ValueError, jsonld.JsonLdError):
                raise _NotFast from None
            if len(plan.templates) < 64:
                plan.templates[held] = template
        try:
            return template.quads(strings)
        except ValueError:  # an IRI or language tag pyoxigraph refuses: let the reference way say so
            raise _NotFast from None


fast_path = FastPath()


def quads(document: dict, *, loader=contexts.document_loader) -> list:
    """The document's RDF dataset: the fast path when it vouches for the document, else pyld."""
    try:
        return fast_path.quads(document, loader=loader)
    except _NotFast:
        return reference_quads(document, loader=loader)


def canonical_nquads(document: dict, *, loader=contexts.document_loader, fast: bool = True) -> str:
    """The document's canonical N-Quads (RDFC-1.0)."""
    dataset = quads(document, loader=loader) if fast else reference_quads(document, loader=loader)
    try:
        return rdfc.canonicalize(dataset)
    except rdfc.CanonicalizationError as error:
        raise JsonLdError(str(error)) from error

"""The standards the portal's credentials are made of, as plain Python (no models, no database).

- ``contexts``: the JSON-LD contexts, read once from ``contexts/`` and never from the network.
- ``rdf`` and ``rdfc``: JSON-LD to RDF, and RDF Dataset Canonicalization (RDFC-1.0).
- ``multibase``: base58btc, base64url and Multikey encodings.
- ``proofs``: Data Integrity proofs, cryptosuite ``eddsa-rdfc-2022``.
- ``did``: ``did:web`` identifiers and DID documents of issuing organisations.
- ``openbadges``: Open Badges 3.0 credentials (``OpenBadgeCredential``, VC 2.0).
- ``status_list``: W3C Bitstring Status List v1.0.
- ``verification``: the checks a verifier reports, one by one.

Services call these; keys, storage, the transparency log and pages live elsewhere.
"""

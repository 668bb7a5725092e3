"""Data Integrity proofs with the cryptosuite ``eddsa-rdfc-2022`` (W3C vc-di-eddsa, 2025).

Creating a proof, step by step as the specification writes it:

1. proof configuration: ``type`` DataIntegrityProof, ``cryptosuite`` eddsa-rdfc-2022,
   ``created``, ``verificationMethod``, ``proofPurpose`` and the document's ``@context``;
2. transformation: the document without its proof, and the proof configuration, each
   canonicalized with RDFC-1.0 (``rdf.canonical_nquads``);
3. hashing: hashData = SHA-256(canonical proof configuration) ‖ SHA-256(canonical document);
4. signing: Ed25519 over hashData (PyNaCl); ``proofValue`` = "z" + base58btc(signature).

Verifying runs the same steps on the document without its proof and the proof without its
``proofValue``, and checks the signature with the verification method's public key.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from . import contexts, multibase, rdf

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
ASSERTION_METHOD = "assertionMethod"


class ProofError(ValueError):
    """A proof cannot be made or read; the message says why."""


def timestamp(moment: datetime | None = None) -> str:
    """An XML Schema dateTimeStamp in UTC to the second, as proofs and credentials write it."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical_document(unsecured: dict, *, loader=contexts.document_loader) -> str:
    """Step 2 for the document: its canonical N-Quads, without any proof."""
    return rdf.canonical_nquads({k: v for k, v in unsecured.items() if k != "proof"}, loader=loader)


def proof_configuration(options: dict, document_context) -> dict:
    """Step 1: the proof options without ``proofValue``, under the document's ``@context``."""
    if options.get("type") != PROOF_TYPE or options.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(f"The proof is not a {PROOF_TYPE} of the cryptosuite {CRYPTOSUITE}.")
    config = {k: v for k, v in options.items() if k not in ("proofValue", "@context")}
    return {"@context": document_context, **config}


def canonical_proof_configuration(options: dict, document_context, *, loader=contexts.document_loader) -> str:
    """Step 2 for the proof configuration."""
    return rdf.canonical_nquads(proof_configuration(options, document_context), loader=loader)


def hash_data(canonical_config: str, canonical_doc: str) -> bytes:
    """Step 3: SHA-256(canonical proof configuration) ‖ SHA-256(canonical document)."""
    return (
        hashlib.sha256(canonical_config.encode("utf-8")).digest()
        + hashlib.sha256(canonical_doc.encode("utf-8")).digest()
    )


def signing_key(seed_or_key) -> SigningKey:
    return seed_or_key if isinstance(seed_or_key, SigningKey) else SigningKey(bytes(seed_or_key))


def add_proof(
    document: dict,
    *,
    key,
    verification_method: str,
    created: datetime | str | None = None,
    proof_purpose: str = ASSERTION_METHOD,
    loader=contexts.document_loader,
) -> dict:
    """A copy of ``document`` with an eddsa-rdfc-2022 proof by ``key`` (an Ed25519 seed of 32
    bytes, or a PyNaCl SigningKey). The document must not carry a proof already."""
    if "proof" in document:
        raise ProofError("The document already carries a proof.")
    if "@context" not in document:
        raise ProofError("The document has no @context.")
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": created if isinstance(created, str) else timestamp(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    data = hash_data(
        canonical_proof_configuration(options, document["@context"], loader=loader),
        canonical_document(document, loader=loader),
    )
    signature = signing_key(key).sign(data).signature
    return {**document, "proof": {**options, "proofValue": multibase.encode_base58btc(signature)}}


@dataclass(frozen=True)
class ProofResult:
    """What checking a proof found. ``verified`` only when the signature holds."""

    verified: bool
    reason: str
    code: str
    verification_method: str | None = None
    created: str | None = None
    proof_purpose: str | None = None


def _failed(code, reason, proof=None):
    proof = proof if isinstance(proof, dict) else {}
    return ProofResult(
        False,
        reason,
        code,
        proof.get("verificationMethod") if isinstance(proof.get("verificationMethod"), str) else None,
        proof.get("created") if isinstance(proof.get("created"), str) else None,
        proof.get("proofPurpose") if isinstance(proof.get("proofPurpose"), str) else None,
    )


def verify_proof(
    document: dict,
    *,
    public_key_for,
    expected_purpose: str = ASSERTION_METHOD,
    loader=contexts.document_loader,
) -> ProofResult:
    """Check the document's eddsa-rdfc-2022 proof. ``public_key_for(verification_method)``
    returns the 32-byte Ed25519 public key of that verification method, or None when it
    knows none (it may also raise ProofError with a reason)."""
    proof = document.get("proof") if isinstance(document, dict) else None
    if isinstance(proof, list):
        if len(proof) != 1:
            return _failed("proof.several", "The credential carries several proofs; one is expected.")
        proof = proof[0]
    if not isinstance(proof, dict):
        return _failed("proof.missing", "The credential carries no proof.")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return _failed("proof.unsupported", f"The proof is not a {PROOF_TYPE} of the cryptosuite {CRYPTOSUITE}.", proof)
    if proof.get("proofPurpose") != expected_purpose:
        return _failed("proof.purpose", f"The proof's purpose is not {expected_purpose}.", proof)
    method = proof.get("verificationMethod")
    if not isinstance(method, str) or not isinstance(proof.get("created", ""), str):
        return _failed("proof.malformed", "The proof names no verification method.", proof)
    try:
        signature = multibase.decode_base58btc(proof.get("proofValue"))
    except multibase.MultibaseError:
        return _failed("proof.malformed", "The proof's value is not a base58btc signature.", proof)
    if len(signature) != 64:
        return _failed("proof.malformed", "The proof's value is not an Ed25519 signature.", proof)
    context = document.get("@context")
    proof_context = proof.get("@context")
    if proof_context is not None:
        # The specification: the document's contexts must start with the proof's, in order.
        wanted = proof_context if isinstance(proof_context, list) else [proof_context]
        held = context if isinstance(context, list) else [context]
        if held[: len(wanted)] != wanted:
            return _failed("proof.context", "The proof's contexts differ from the credential's.", proof)
        context = proof_context
    try:
        public_key = public_key_for(method)
    except ProofError as error:
        return _failed("proof.key", str(error), proof)
    if public_key is None:
        return _failed("proof.key", f"No public key is known for the verification method {method}.", proof)
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    unsecured["@context"] = context
    try:
        data = hash_data(
            canonical_proof_configuration(proof, context, loader=loader),
            canonical_document(unsecured, loader=loader),
        )
    except (rdf.JsonLdError, ProofError) as error:
        return _failed("proof.jsonld", str(error), proof)
    try:
        VerifyKey(bytes(public_key)).verify(data, signature)
    except (BadSignatureError, ValueError):
        return _failed(
            "proof.signature",
            "The signature does not match the credential: it was changed after signing, or signed by another key.",
            proof,
        )
    return ProofResult(
        True, "The signature matches the credential.", "proof.ok", method, proof.get("created"), expected_purpose
    )

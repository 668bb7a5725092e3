"""Writes to the transparency log: appending entries, signing checkpoints, the hosted witnesses
and collecting their cosignatures.

Appends run inside the caller's transaction and serialise on the log's head row, so an entry
exists exactly when the caller's write committed, and indices are gapless in commit order.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from core.audit import record_event
from core.sealing import seal, unseal
from members.access import is_secretariat
from members.models import Organization
from transparency import merkle, note, proofs
from transparency.canonical import DIGEST, entry_bytes
from transparency.models import Checkpoint, Cosignature, LogEntry, LogHead, LogKey, TreeNode, Witness

logger = logging.getLogger(__name__)

KIND = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
OBJECT_REF = re.compile(r"^\S{1,200}$")
LOG_KEY_PURPOSE = "transparency.log-key"
WITNESS_KEY_PURPOSE = "transparency.witness-key"
MAX_PROOF_LINES = 63


# --- appending -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    kind: str
    obj_ref: str
    digest: str
    actor: Organization | None


def _item(*, kind: str, obj_ref: str, digest: str, actor_organization: Organization | None = None) -> _Item:
    if not KIND.match(kind or "") or len(kind) > 64:
        raise ValueError(f"a log entry's kind is dotted lower-case words, like credential.issued: {kind!r}")
    if not OBJECT_REF.match(obj_ref or ""):
        raise ValueError(f"a log entry's object is a reference without spaces, like credentials.credential:42: {obj_ref!r}")
    if not DIGEST.match(digest or ""):
        raise ValueError(f"a log entry's digest is sha256:<64 hex digits>: {digest!r}")
    return _Item(kind, obj_ref, digest, actor_organization)


def _locked_head() -> LogHead:
    head = LogHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        LogHead.objects.bulk_create([LogHead(pk=1)], ignore_conflicts=True)
        head = LogHead.objects.select_for_update().get(pk=1)
    return head


def append(*, kind: str, obj_ref: str, digest: str, actor_organization: Organization | None = None) -> LogEntry:
    """Log one event in the caller's transaction: ``kind`` like ``credential.issued``, ``obj_ref``
    like ``credentials.credential:42`` (or a URN), ``digest`` the ``sha256:<hex>`` of the object's
    canonical content, and the organisation that acted (if any)."""
    return append_many([{"kind": kind, "obj_ref": obj_ref, "digest": digest,
                         "actor_organization": actor_organization}])[0]


@transaction.atomic
def append_many(items: list[dict]) -> list[LogEntry]:
    """Log several events under one lock with bulk inserts; each item has ``append``'s arguments.
    Writes one entry row and at most log₂ n + 1 tree-node rows per event."""
    prepared = [_item(**item) for item in items]
    if not prepared:
        return []
    head = _locked_head()
    frontier = merkle.Frontier.from_bytes(head.size, head.frontier)
    at = timezone.now().replace(microsecond=0)
    entries, nodes = [], []
    for item in prepared:
        actor = {"id": item.actor.pk, "name": item.actor.name_zh} if item.actor else None
        data = entry_bytes(kind=item.kind, obj_ref=item.obj_ref, digest=item.digest, actor=actor, at=at)
        leaf = merkle.leaf_hash(data)
        entries.append(LogEntry(
            index=frontier.size, kind=item.kind, object_ref=item.obj_ref, digest=item.digest,
            actor_organization=item.actor, actor_name=item.actor.name_zh if item.actor else "", at=at,
            entry=data, leaf_hash=leaf,
        ))
        nodes += [TreeNode(level=level, index=index, hash=value) for level, index, value in frontier.append(leaf)]
    LogEntry.objects.bulk_create(entries, batch_size=2000)
    TreeNode.objects.bulk_create(nodes, batch_size=5000)
    LogHead.objects.filter(pk=1).update(size=frontier.size, frontier=frontier.to_bytes())
    return entries


# --- the log's key and checkpoints -------------------------------------------------------------------


def log_key() -> LogKey:
    """The log's signing key, generated and stored sealed on first use."""
    key = LogKey.objects.filter(pk=1).first()
    if key is None:
        private = Ed25519PrivateKey.generate()
        try:
            with transaction.atomic():
                key = LogKey.objects.create(
                    pk=1, name=settings.TRANSPARENCY_LOG_ORIGIN, public_key=note.public_bytes(private),
                    private_key_encrypted=seal(private.private_bytes_raw(), purpose=LOG_KEY_PURPOSE),
                )
        except IntegrityError:  # made at the same moment elsewhere
            key = LogKey.objects.get(pk=1)
    return key


def _log_private_key(key: LogKey) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(unseal(key.private_key_encrypted, purpose=LOG_KEY_PURPOSE))


def checkpoint_sign() -> Checkpoint | None:
    """Sign a checkpoint of the log as committed now, if it grew since the last one; safe to repeat
    (a size is signed once)."""
    size, frontier = proofs.head()
    latest = Checkpoint.objects.order_by("-size").values_list("size", flat=True).first()
    if size == 0 or (latest is not None and latest >= size):
        return None
    key = log_key()
    text = note.Checkpoint(key.name, size, frontier.root()).text
    signed = note.render(text, [note.sign(text, name=key.name, private_key=_log_private_key(key))])
    try:
        with transaction.atomic():
            return Checkpoint.objects.create(size=size, root=frontier.root(), note=signed)
    except IntegrityError:
        return Checkpoint.objects.get(size=size)


# --- witnesses ---------------------------------------------------------------------------------------


def witness_name(organization: Organization) -> str:
    return f"{settings.TRANSPARENCY_LOG_ORIGIN}/witness/{organization.pk}"


@transaction.atomic
def witness_create(*, organization: Organization, actor=None) -> Witness:
    """见证方: the portal-hosted witness of a member organisation, trusting the log's current key.
    Only the secretariat (or the system, with no actor) sets one up; safe to call twice."""
    if actor is not None and not is_secretariat(actor):
        raise PermissionDenied
    existing = Witness.objects.filter(organization=organization, is_active=True).first()
    if existing:
        return existing
    private = Ed25519PrivateKey.generate()
    key = log_key()
    witness = Witness.objects.create(
        organization=organization, name=witness_name(organization), public_key=note.public_bytes(private),
        private_key_encrypted=seal(private.private_bytes_raw(), purpose=WITNESS_KEY_PURPOSE),
        log_vkey=note.Verifier(key.name, note.ED25519, bytes(key.public_key)).vkey,
    )
    record_event("witness.created", instance=witness, actor=actor,
                 details={"organization": organization.name_zh, "key": witness.name})
    return witness


def witness_verifier(witness: Witness) -> note.Verifier:
    return note.Verifier(witness.name, note.COSIGNATURE_V1, bytes(witness.public_key))


class WitnessRefusal(Exception):
    """An add-checkpoint request the witness refuses, with the HTTP status tlog-witness gives it."""

    def __init__(self, status: int, message: str, size: int | None = None):
        super().__init__(message)
        self.status, self.message, self.size = status, message, size


def add_checkpoint_body(old_size: int, proof: list[bytes], signed_checkpoint: str) -> bytes:
    lines = [f"old {old_size}"] + [note.b64(h) for h in proof]
    return ("\n".join(lines) + "\n\n" + signed_checkpoint).encode()


def _parse_request(body: bytes) -> tuple[int, list[bytes], str]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise WitnessRefusal(400, "the request is not UTF-8") from None
    head, sep, signed = text.partition("\n\n")
    lines = head.split("\n")
    if not sep or not re.fullmatch(r"old (0|[1-9][0-9]*)", lines[0]):
        raise WitnessRefusal(400, "the request starts with an old size line and a blank line before the checkpoint")
    if len(lines) - 1 > MAX_PROOF_LINES:
        raise WitnessRefusal(400, "more than 63 consistency proof lines")
    try:
        proof = [note.unb64(line) for line in lines[1:]]
    except note.NoteError as error:
        raise WitnessRefusal(400, str(error)) from None
    if any(len(h) != merkle.HASH_SIZE for h in proof):
        raise WitnessRefusal(400, "a consistency proof line is not a 32-byte hash")
    return int(lines[0][4:]), proof, signed


def witness_add_checkpoint(*, witness: Witness, body: bytes) -> str:
    """C2SP tlog-witness add-checkpoint: check the log's signature and a consistency proof from the
    witness's latest cosigned checkpoint, then cosign, remember and return the cosignature line.
    Raises WitnessRefusal with the status the spec gives (400, 403, 404, 409, 422)."""
    old_size, proof, signed = _parse_request(body)
    trusted = note.Verifier.parse(witness.log_vkey)
    try:
        text, _signatures = note.split(signed)
        checkpoint = note.Checkpoint.parse(text)
    except note.NoteError as error:
        raise WitnessRefusal(400, str(error)) from None
    if checkpoint.origin != trusted.name:
        raise WitnessRefusal(404, f"this witness knows no log {checkpoint.origin}")
    try:
        note.open_note(signed, [trusted])
    except note.NoteError as error:
        raise WitnessRefusal(403, str(error)) from None
    if old_size > checkpoint.size:
        raise WitnessRefusal(400, "the old size is larger than the checkpoint's")
    with transaction.atomic():
        state = Witness.objects.select_for_update().get(pk=witness.pk)
        if not state.is_active:
            raise WitnessRefusal(404, "this witness is retired")
        if old_size != state.last_size:
            raise WitnessRefusal(409, "the old size is not the latest this witness cosigned", size=state.last_size)
        if checkpoint.size == 0 and checkpoint.root != merkle.EMPTY_ROOT:
            raise WitnessRefusal(422, "an empty tree has the empty tree's root")
        if old_size == 0:
            if proof:
                raise WitnessRefusal(422, "from the empty tree no proof is needed")
        elif not merkle.verify_consistency(old_size, checkpoint.size, bytes(state.last_root), checkpoint.root, proof):
            raise WitnessRefusal(422, "the consistency proof does not verify")
        private = Ed25519PrivateKey.from_private_bytes(
            unseal(state.private_key_encrypted, purpose=WITNESS_KEY_PURPOSE)
        )
        cosignature = note.cosign(text, name=state.name, private_key=private, timestamp=int(time.time()))
        state.last_size, state.last_root = checkpoint.size, checkpoint.root
        state.last_checkpoint = signed + cosignature.line
        state.save(update_fields=["last_size", "last_root", "last_checkpoint"])
    witness.last_size, witness.last_root = state.last_size, state.last_root
    return cosignature.line


def _cosign_with(witness: Witness, checkpoint: Checkpoint) -> Cosignature | None:
    known = Cosignature.objects.filter(witness=witness).aggregate(size=Max("checkpoint__size"))["size"] or 0
    old = known if known <= checkpoint.size else 0
    for _attempt in range(2):
        proof = proofs.consistency_proof(old, checkpoint.size) if 0 < old < checkpoint.size else []
        try:
            line = witness_add_checkpoint(witness=witness, body=add_checkpoint_body(old, proof, checkpoint.note))
        except WitnessRefusal as refusal:
            if refusal.status == 409 and refusal.size is not None and refusal.size <= checkpoint.size and old != refusal.size:
                old = refusal.size  # the witness remembers another checkpoint: prove from that one
                continue
            logger.warning("witness %s refused checkpoint %s: %s %s", witness.name, checkpoint.size,
                           refusal.status, refusal.message)
            return None
        text, _sigs = note.split(checkpoint.note)
        _text, verified = note.open_note(text + "\n" + line, [witness_verifier(witness)])
        cosignature, _created = Cosignature.objects.get_or_create(
            checkpoint=checkpoint, witness=witness,
            defaults={"timestamp": verified[witness_verifier(witness)], "line": line},
        )
        return cosignature
    return None


def checkpoint_collect_cosignatures(*, checkpoint: Checkpoint) -> list[Cosignature]:
    """Ask every active hosted witness that has not yet cosigned ``checkpoint`` to do so, through
    the same add-checkpoint logic the HTTP endpoint serves; a witness that refuses is logged and
    skipped. Safe to repeat."""
    done = Cosignature.objects.filter(checkpoint=checkpoint).values_list("witness_id", flat=True)
    collected = []
    for witness in Witness.objects.filter(is_active=True).exclude(pk__in=list(done)):
        cosignature = _cosign_with(witness, checkpoint)
        if cosignature:
            collected.append(cosignature)
    return collected


def checkpoint_publish() -> Checkpoint | None:
    """What Celery beat runs: sign a checkpoint if the log grew, and collect the cosignatures the
    latest checkpoint still lacks. Safe to run twice at once or again after a failure."""
    checkpoint_sign()
    latest = Checkpoint.objects.order_by("-size").first()
    if latest is not None:
        checkpoint_collect_cosignatures(checkpoint=latest)
    return latest

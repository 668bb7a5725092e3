"""Writes of the credentials area: issuer keys, issuing, status changes, batches.

Every function takes keyword arguments, runs in one transaction, checks the actor's right
inside (``credentials.access``) and leaves its decisions in the audit trail. What a verifier
relies on is also appended to the transparency log in the same transaction: each credential
issued (``credential.issued``), each status list version (``status_list.updated``) and each
DID document version (``did.document``).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from nacl.signing import SigningKey

from core.audit import record_event
from core.sealing import seal
from credentials import access, keys
from credentials.models import (
    OPEN_BADGES_TYPE,
    STATUS_LIST_SIZE,
    Achievement,
    Credential,
    CredentialStatus,
    IssuanceBatch,
    IssuerKey,
    StatusList,
    StatusPurpose,
    _share_token,
)
from credentials.vc import openbadges, proofs, status_list
from members.models import Organization
from transparency import services as log


def _jcs_ready(value):
    """Checks the document holds only what canonical JSON (RFC 8785) writes as ``json.dumps``
    does: objects, arrays, strings, integers, true, false, null (the portal's credentials hold
    no fractional numbers; one would be refused rather than hashed in a form JCS does not use)."""
    if isinstance(value, list):
        for item in value:
            _jcs_ready(item)
    elif isinstance(value, dict):
        for item in value.values():
            _jcs_ready(item)
    elif isinstance(value, float):
        raise ValueError("a fractional number has no canonical JSON form here")
    return value


def canonical_document(document: dict) -> bytes:
    """The document's canonical JSON: keys sorted (they are ASCII), no whitespace, UTF-8 —
    the same options as the log's ``transparency.canonical.canonical_json``."""
    _jcs_ready(document)
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def digest_of_document(document: dict) -> str:
    """``sha256:`` and the hex SHA-256 of the document's canonical JSON (RFC 8785, as the
    transparency log writes its entries)."""
    return "sha256:" + hashlib.sha256(canonical_document(document)).hexdigest()


def credential_ref(credential) -> str:
    return f"credentials.credential:{credential.uuid}"


def status_list_ref(status: StatusList) -> str:
    return f"credentials.statuslist:{status.organization_id}:{status.purpose}:{status.number}"


def did_ref(organization) -> str:
    return f"members.organization:{organization.pk}"


# --- issuer keys -----------------------------------------------------------------------------------


def _lock_organization(organization) -> Organization:
    return Organization.objects.select_for_update(no_key=True).only("pk").get(pk=organization.pk)


def _log_did_document(organization) -> None:
    log.append(kind="did.document", obj_ref=did_ref(organization),
               digest=digest_of_document(keys.did_document(organization)), actor_organization=organization)


def _new_key(organization, number: int, at: datetime) -> IssuerKey:
    private = SigningKey.generate()
    return IssuerKey.objects.create(
        organization=organization, fragment=f"key-{number}", public_key=bytes(private.verify_key),
        private_key_encrypted=seal(bytes(private), purpose=keys.KEY_PURPOSE), created_at=at,
    )


@transaction.atomic
def ensure_issuer_key(*, organization) -> IssuerKey:
    """The organisation's current signing key, made (and its DID document logged) on first use.
    Makes nothing visible to anyone but through the DID document, so it asks no right."""
    existing = keys.current_key(organization)
    if existing is not None:
        return existing
    _lock_organization(organization)
    existing = keys.current_key(organization)
    if existing is not None:
        return existing
    number = IssuerKey.objects.filter(organization=organization).count() + 1
    key = _new_key(organization, number, timezone.now().replace(microsecond=0))
    _log_did_document(organization)
    record_event("issuer_key.created", instance=key, details={"key": key.fragment})
    return key


@transaction.atomic
def rotate_issuer_key(*, organization, actor) -> IssuerKey:
    """Retire the current key (it stays in the DID document, so what it signed still verifies)
    and make a new one; the new DID document is logged."""
    if not access.can_manage_keys(actor, organization):
        raise PermissionDenied
    _lock_organization(organization)
    now = timezone.now().replace(microsecond=0)
    old = keys.current_key(organization)
    if old is not None:
        old.retired_at = now
        old.save(update_fields=["retired_at"])
    number = IssuerKey.objects.filter(organization=organization).count() + 1
    while IssuerKey.objects.filter(organization=organization, fragment=f"key-{number}").exists():
        number += 1
    key = _new_key(organization, number, now)
    _log_did_document(organization)
    record_event("issuer_key.rotated", instance=key, actor=actor,
                 details={"retired": old.fragment if old else "", "key": key.fragment})
    return key


# --- status lists ----------------------------------------------------------------------------------


def _sign_status_list(status: StatusList, key: IssuerKey, signer: SigningKey, now: datetime) -> None:
    unsigned = status_list.status_list_credential(
        list_url=keys.list_url(status), issuer_id=keys.organization_did(status.organization_id),
        purpose=status.purpose, status_list=keys.bits_of(status), valid_from=now,
    )
    status.document = proofs.add_proof(unsigned, key=signer, verification_method=keys.verification_method(key),
                                       created=now)
    status.updated_at = now


def _log_status_list(status: StatusList) -> None:
    log.append(kind="status_list.updated", obj_ref=status_list_ref(status),
               digest=digest_of_document(status.document), actor_organization=status.organization)


def _open_list(organization, purpose: str, number: int, key: IssuerKey, signer: SigningKey) -> StatusList:
    now = timezone.now()
    status = StatusList(organization=organization, purpose=purpose, number=number, size=STATUS_LIST_SIZE,
                        bits=bytes(STATUS_LIST_SIZE // 8), version=1)
    _sign_status_list(status, key, signer, now)
    status.save()
    _log_status_list(status)
    return status


def allocate_entries(*, organization, count: int, key: IssuerKey, signer: SigningKey) -> list[keys.Entry]:
    """Reserve ``count`` status entries (one bit in the current revocation list, one in the
    current suspension list, for each credential), opening new lists when they are full. Runs
    in the caller's transaction; the lists' rows stay locked until it ends."""
    _lock_organization(organization)
    reserved = {}
    for purpose in (StatusPurpose.REVOCATION, StatusPurpose.SUSPENSION):
        current = (StatusList.objects.select_for_update().filter(organization=organization, purpose=purpose)
                   .order_by("-number").first())
        found = []
        while len(found) < count:
            if current is None or current.is_full:
                current = _open_list(organization, purpose, (current.number + 1) if current else 1, key, signer)
            take = min(count - len(found), current.size - current.next_index)
            found += [(current, index) for index in range(current.next_index, current.next_index + take)]
            current.next_index += take
            StatusList.objects.filter(pk=current.pk).update(next_index=current.next_index)
        reserved[purpose] = found
    return [
        keys.Entry(revocation[0], revocation[1], suspension[0], suspension[1])
        for revocation, suspension in zip(reserved[StatusPurpose.REVOCATION], reserved[StatusPurpose.SUSPENSION])
    ]


# --- issuing ---------------------------------------------------------------------------------------


def achievement_document(achievement: Achievement) -> dict:
    return openbadges.achievement(
        achievement_id=achievement.urn, name=str(achievement), description=achievement.description,
        criteria=achievement.criteria, achievement_type=OPEN_BADGES_TYPE[achievement.kind],
        human_code=achievement.major_code or None,
    )


@dataclass
class Signer:
    """What signing credentials of one organisation needs, prepared once per batch."""

    organization: Organization
    key: IssuerKey
    signing_key: SigningKey
    did: str
    method: str

    @classmethod
    def of(cls, organization) -> "Signer":
        key = ensure_issuer_key(organization=organization)
        return cls(organization, key, keys.signing_key(key), keys.organization_did(organization),
                   keys.verification_method(key))


def build_credential(*, signer: Signer, achievement: Achievement, achievement_doc: dict, holder_id: int,
                     entry: keys.Entry, valid_from: datetime, now: datetime, issued_by_id=None,
                     batch_id=None) -> Credential:
    """A signed credential, not yet saved."""
    credential_uuid = uuid.uuid4()
    subject_id = f"urn:uuid:{uuid.UUID(bytes=secrets.token_bytes(16), version=4)}"
    valid_until = None
    if achievement.valid_years:
        valid_until = valid_from + timedelta(days=365 * achievement.valid_years)
    unsigned = openbadges.open_badge_credential(
        issuer_id=signer.did, issuer_name=signer.organization.name_zh, achievement=achievement_doc,
        valid_from=valid_from, valid_until=valid_until, credential_id=f"urn:uuid:{credential_uuid}",
        subject_id=subject_id, credential_status=entry.status_entries(),
    )
    document = proofs.add_proof(unsigned, key=signer.signing_key, verification_method=signer.method, created=now)
    return Credential(
        uuid=credential_uuid, achievement=achievement, issuer=signer.organization, key=signer.key,
        holder_id=holder_id, subject_id=subject_id, document=document, digest=digest_of_document(document),
        issued_at=now, issued_by_id=issued_by_id, valid_until=valid_until, batch_id=batch_id,
        revocation_list=entry.revocation_list, revocation_index=entry.revocation_index,
        suspension_list=entry.suspension_list, suspension_index=entry.suspension_index,
    )


def store_credentials(credentials: list[Credential]) -> list[Credential]:
    """Save signed credentials and log each, in the caller's transaction."""
    Credential.objects.bulk_create(credentials, batch_size=500)
    entries = log.append_many([
        {"kind": "credential.issued", "obj_ref": credential_ref(c), "digest": c.digest,
         "actor_organization": c.issuer} for c in credentials
    ])
    for credential, entry in zip(credentials, entries):
        credential.log_index = entry.index
    Credential.objects.bulk_update(credentials, ["log_index"], batch_size=1000)
    return credentials


def check_holder(achievement: Achievement, holder) -> None:
    if not access.eligible_holders(achievement).filter(pk=holder.pk).exists():
        raise ValidationError(_("%(name)s cannot receive this credential from %(issuer)s.")
                              % {"name": holder.get_full_name() or holder.username, "issuer": achievement.issuer})


@transaction.atomic
def issue_credential(*, achievement: Achievement, holder, actor, valid_from: datetime | None = None) -> Credential:
    """Issue one credential of ``achievement`` to ``holder``: sign it, store it, log it."""
    organization = achievement.issuer
    if actor is not None and not access.can_issue(actor, organization):
        raise PermissionDenied
    if not achievement.is_active:
        raise ValidationError(_("This achievement is no longer in use."))
    check_holder(achievement, holder)
    now = timezone.now().replace(microsecond=0)
    signer = Signer.of(organization)
    (entry,) = allocate_entries(organization=organization, count=1, key=signer.key, signer=signer.signing_key)
    credential = build_credential(
        signer=signer, achievement=achievement, achievement_doc=achievement_document(achievement),
        holder_id=holder.pk, entry=entry, valid_from=valid_from or now, now=now,
        issued_by_id=actor.pk if actor is not None else None,
    )
    store_credentials([credential])
    record_event("credential.issued", instance=credential, actor=actor,
                 details={"achievement": str(achievement), "holder": holder.get_full_name() or holder.username,
                          "log_entry": credential.log_index})
    return credential


# --- achievements ----------------------------------------------------------------------------------


@transaction.atomic
def achievement_save(*, achievement: Achievement, actor) -> Achievement:
    """Create or change what an organisation certifies. Credentials already issued keep the
    achievement as they were signed with it."""
    if not access.can_manage_achievements(actor, achievement.issuer):
        raise PermissionDenied
    clash = Achievement.objects.filter(issuer=achievement.issuer, name=achievement.name, level=achievement.level)
    if clash.exclude(pk=achievement.pk).exists():
        raise ValidationError({"name": _("The school already has an achievement of this name and level.")})
    achievement.full_clean()
    achievement.save()
    return achievement


# --- status ----------------------------------------------------------------------------------------

REVOKE, SUSPEND, REINSTATE = CredentialStatus.REVOKED, CredentialStatus.SUSPENDED, CredentialStatus.ACTIVE
_EVENTS = {REVOKE: "credential.revoked", SUSPEND: "credential.suspended", REINSTATE: "credential.reinstated"}


def _flip(status_row: StatusList, index: int, value: bool, signer: Signer, now: datetime) -> None:
    status_row = StatusList.objects.select_for_update().get(pk=status_row.pk)
    bits = keys.bits_of(status_row)
    bits[index] = value
    status_row.bits = bytes(bits.bits)
    status_row.version += 1
    _sign_status_list(status_row, signer.key, signer.signing_key, now)
    status_row.save(update_fields=["bits", "version", "document", "updated_at"])
    _log_status_list(status_row)


def allowed_statuses(credential: Credential) -> set[str]:
    """What a credential's status may become: a revoked one stays revoked."""
    return {
        CredentialStatus.ACTIVE: {REVOKE, SUSPEND},
        CredentialStatus.SUSPENDED: {REVOKE, REINSTATE},
        CredentialStatus.REVOKED: set(),
    }[credential.status]


@transaction.atomic
def set_status(*, credential: Credential, actor, status: str, reason: str = "") -> Credential:
    """Revoke (for good), suspend, or reinstate a suspended credential. A reason is required to
    revoke or suspend; the status list is re-signed and logged, and the holder sees the change
    with its reason on their credential."""
    if not access.can_change_status(actor, credential):
        raise PermissionDenied
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    reason = (reason or "").strip()
    if status not in _EVENTS:
        raise ValidationError(_("Unknown status."))
    if status in (REVOKE, SUSPEND) and not reason:
        raise ValidationError({"reason": _("Give the reason; the holder will see it.")})
    if status not in allowed_statuses(credential):
        raise ValidationError(_("A %(current)s credential cannot be changed that way.")
                              % {"current": credential.get_status_display()})
    now = timezone.now().replace(microsecond=0)
    signer = Signer.of(credential.issuer)
    if status == REVOKE:
        _flip(credential.revocation_list, credential.revocation_index, True, signer, now)
    elif status == SUSPEND:
        _flip(credential.suspension_list, credential.suspension_index, True, signer, now)
    else:
        _flip(credential.suspension_list, credential.suspension_index, False, signer, now)
    credential.status = status
    credential.status_reason = reason
    credential.status_changed_at = now
    credential.save(update_fields=["status", "status_reason", "status_changed_at"])
    record_event(_EVENTS[status], instance=credential, actor=actor, details={"reason": reason})
    if status == REVOKE:
        # The credit bank takes back what the credential earned (学分银行).
        from credentials.credit_bank import reverse_credential

        reverse_credential(credential=credential, actor=actor)
    return credential


def status_of(credential: Credential) -> dict[str, bool]:
    """The credential's bits as its status lists say now."""
    return {
        StatusPurpose.REVOCATION: keys.bits_of(credential.revocation_list)[credential.revocation_index],
        StatusPurpose.SUSPENSION: keys.bits_of(credential.suspension_list)[credential.suspension_index],
    }


# --- the transparency log's view of our rows ------------------------------------------------------


def credential_digest(obj_ref: str) -> str | None:
    """The digest of the credential named by a log entry, as its row is now (verify_log)."""
    value = obj_ref.rsplit(":", 1)[-1]
    try:
        document = Credential.objects.filter(uuid=value).values_list("document", flat=True).first()
    except (ValueError, ValidationError):
        return None
    return digest_of_document(document) if document is not None else None


def status_list_digest(obj_ref: str) -> str | None:
    try:
        _prefix, org, purpose, number = obj_ref.split(":")
        document = (StatusList.objects.filter(organization_id=int(org), purpose=purpose, number=int(number))
                    .values_list("document", flat=True).first())
    except ValueError:
        return None
    return digest_of_document(document) if document is not None else None


def did_document_digest(obj_ref: str) -> str | None:
    try:
        organization = Organization.objects.get(pk=int(obj_ref.rsplit(":", 1)[-1]))
    except (ValueError, Organization.DoesNotExist):
        return None
    return digest_of_document(keys.did_document(organization))


__all__ = [
    "IssuanceBatch", "ensure_issuer_key", "rotate_issuer_key", "issue_credential", "set_status",
    "allocate_entries", "digest_of_document",
]


# --- batch issuance --------------------------------------------------------------------------------

BATCH_LIMIT = 20_000
CHUNK = 250


@transaction.atomic
def batch_create(*, achievement: Achievement, actor, holder_ids: list[int], source: str = "",
                 queue: bool = True) -> IssuanceBatch:
    """批量颁发: check every holder first (all or none), then queue the job that issues (unless
    ``queue`` is off: the caller then runs ``batch_run`` itself, as the benchmark does)."""
    if not access.can_issue(actor, achievement.issuer):
        raise PermissionDenied
    if not achievement.is_active:
        raise ValidationError(_("This achievement is no longer in use."))
    holder_ids = list(dict.fromkeys(int(pk) for pk in holder_ids))
    if not holder_ids:
        raise ValidationError(_("Nobody to issue to."))
    if len(holder_ids) > BATCH_LIMIT:
        raise ValidationError(_("At most %(limit)s people in one batch.") % {"limit": BATCH_LIMIT})
    eligible = set(access.eligible_holders(achievement).filter(pk__in=holder_ids).values_list("pk", flat=True))
    if len(eligible) != len(holder_ids):
        raise ValidationError(_("%(count)s of these people cannot receive this credential.")
                              % {"count": len(holder_ids) - len(eligible)})
    batch = IssuanceBatch.objects.create(
        achievement=achievement, created_by=actor, source=source[:200],
        rows=[{"holder": pk} for pk in holder_ids], total=len(holder_ids),
    )
    record_event("batch.started", instance=batch, actor=actor,
                 details={"achievement": str(achievement), "total": batch.total, "source": batch.source})
    if queue:
        transaction.on_commit(lambda: _queue(batch.pk))
    return batch


def _queue(batch_id: int) -> None:
    from credentials.tasks import batch_issue_task

    batch_issue_task.delay(batch_id)


def _issue_chunk(batch: IssuanceBatch, signer: Signer, achievement_doc: dict, holder_ids: list[int]) -> int:
    """Issue to ``holder_ids`` (who have none of this batch yet): reserve the status entries
    (committed at once, so other chunks are not held up by the signing), sign outside any
    transaction, then store and log in one transaction. A holder issued meanwhile by another
    run makes the whole chunk roll back; the caller then looks again."""
    with transaction.atomic():
        entries = allocate_entries(organization=signer.organization, count=len(holder_ids), key=signer.key,
                                   signer=signer.signing_key)
    now = timezone.now().replace(microsecond=0)
    built = [
        build_credential(signer=signer, achievement=batch.achievement, achievement_doc=achievement_doc,
                         holder_id=holder_id, entry=entry, valid_from=now, now=now,
                         issued_by_id=batch.created_by_id, batch_id=batch.pk)
        for holder_id, entry in zip(holder_ids, entries)
    ]
    with transaction.atomic():
        store_credentials(built)
        IssuanceBatch.objects.filter(pk=batch.pk).update(done=models.F("done") + len(built))
        record_event("batch.issued", instance=batch, actor=batch.created_by, details={"count": len(built)})
    return len(built)


def batch_run(*, batch_id: int, part: int = 0, parts: int = 1, chunk: int = CHUNK) -> IssuanceBatch:
    """Issue what the batch still lacks, chunk by chunk, with progress in ``done``; safe to run
    again (each holder once: who has theirs is skipped). ``part`` of ``parts`` takes every
    ``parts``-th holder, so that several workers share a batch."""
    batch = IssuanceBatch.objects.select_related("achievement__issuer", "created_by").get(pk=batch_id)
    if batch.state == IssuanceBatch.State.DONE:
        return batch
    IssuanceBatch.objects.filter(
        pk=batch.pk, state__in=[IssuanceBatch.State.QUEUED, IssuanceBatch.State.FAILED]
    ).update(state=IssuanceBatch.State.RUNNING, error="")
    try:
        signer = Signer.of(batch.achievement.issuer)
        achievement_doc = achievement_document(batch.achievement)
        wanted = [row["holder"] for row in batch.rows][part::parts]
        have = set(Credential.objects.filter(batch=batch).values_list("holder_id", flat=True))
        pending = [pk for pk in wanted if pk not in have]
        for start in range(0, len(pending), chunk):
            _issue_chunk(batch, signer, achievement_doc, pending[start:start + chunk])
    except Exception as error:
        IssuanceBatch.objects.filter(pk=batch.pk).update(state=IssuanceBatch.State.FAILED, error=str(error)[:2000])
        raise
    return batch_finish(batch_id=batch.pk)


def batch_finish(*, batch_id: int) -> IssuanceBatch:
    """Mark the batch done once every holder has theirs; its progress recounted from the rows."""
    with transaction.atomic():
        batch = IssuanceBatch.objects.select_for_update().get(pk=batch_id)
        issued = Credential.objects.filter(batch=batch).count()
        batch.done = issued
        fields = ["done"]
        if issued >= batch.total and batch.state != IssuanceBatch.State.DONE:
            batch.state, batch.finished_at, batch.error = IssuanceBatch.State.DONE, timezone.now(), ""
            fields += ["state", "finished_at", "error"]
        batch.save(update_fields=fields)
    return batch


# --- the holder's share link ---------------------------------------------------------------


@transaction.atomic
def regenerate_share_token(*, credential: Credential, actor) -> Credential:
    """Replace the credential's share link by a new one: the old link stops working at once.
    Only the holder does this."""
    if actor is None or credential.holder_id != actor.pk:
        raise PermissionDenied
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    credential.share_token = _share_token()
    credential.save(update_fields=["share_token"])
    record_event("credential.share_link_renewed", instance=credential, actor=actor)
    return credential

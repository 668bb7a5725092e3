"""Reads of credentials that other parts of the portal rely on."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from credentials.models import Credential, CredentialStatus
from members.models import OrganizationStatus
from transparency.models import Checkpoint, LogEntry


def verified_credentials() -> QuerySet[Credential]:
    """The credentials that verify now, whoever holds them, for talent matching and the credit
    bank: active (neither revoked nor suspended), within their validity, issued by an
    organisation that is an active member now, and logged — the log entry at the row's index
    carries the row's digest and lies within the latest signed checkpoint. Filter it by holder
    (``verified_credentials_of``) or by many holders at once.

    One query, no cryptography per call. It relies on what the portal itself wrote: the stored
    status (kept with the signed status list by ``services.set_status``) and the stored digest
    (fixed at issuance, compared with the log). A row changed in the database behind the
    portal's back is what ``manage.py verify_log`` detects; a document handed in from outside is
    verified in full by ``credentials.verify``."""
    now = timezone.now()
    signed_size = Checkpoint.objects.order_by("-size").values("size")[:1]
    logged = LogEntry.objects.filter(index=OuterRef("log_index"), digest=OuterRef("digest"))
    return (
        Credential.objects.filter(
            status=CredentialStatus.ACTIVE,
            issuer__status=OrganizationStatus.ACTIVE,
            log_index__isnull=False,
            log_index__lt=signed_size,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=now))
        .filter(Exists(logged))
    )


def verified_credentials_of(student) -> QuerySet[Credential]:
    """The credentials ``student`` holds that verify now (see ``verified_credentials``)."""
    return verified_credentials().filter(holder=student).select_related("achievement", "issuer")

"""可信凭证: what member organisations certify (achievements), the keys they sign with, the
credentials they issue (W3C VC 2.0 Open Badges 3.0, signed with eddsa-rdfc-2022), the status
lists that revoke or suspend them, batch issuance, and the credit bank (学分银行).

The signed document of a credential is kept exactly as issued; its status is kept twice on
purpose: in the row, for the portal's own lists, and as a bit of a signed status list, which
is what any verifier reads (``credentials.vc.status_list``)."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from members.models import Organization

# A status list holds this many entries (W3C Bitstring Status List v1.0 asks for at least
# 131,072, so that fetching one reveals little about which credential a verifier checks).
STATUS_LIST_SIZE = 131_072


class AchievementKind(models.TextChoices):
    DIPLOMA = "diploma", _("Diploma")
    SKILL_CERTIFICATE = "skill", _("1+X skill certificate")
    AWARD = "award", _("Competition award")
    COURSE = "course", _("Course completion")
    INTERNSHIP = "internship", _("Internship completion")
    TEACHER_TRAINING = "teacher_training", _("Teacher training certificate")
    EMPLOYEE_TRAINING = "employee_training", _("Employee training certificate")


# Open Badges 3.0 achievementType of each kind.
OPEN_BADGES_TYPE = {
    AchievementKind.DIPLOMA: "Diploma",
    AchievementKind.SKILL_CERTIFICATE: "Certificate",
    AchievementKind.AWARD: "Award",
    AchievementKind.COURSE: "Course",
    AchievementKind.INTERNSHIP: "ApprenticeshipCertificate",
    AchievementKind.TEACHER_TRAINING: "Certificate",
    AchievementKind.EMPLOYEE_TRAINING: "Certificate",
}


class Achievement(models.Model):
    """What an issuer certifies (证书类别): a diploma of a major, a skill certificate at a
    level, an award, a course, an internship, a teacher-training programme."""

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    issuer = models.ForeignKey(
        Organization, verbose_name=_("issuer"), on_delete=models.PROTECT, related_name="achievements"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AchievementKind.choices)
    name = models.CharField(_("name"), max_length=100)
    description = LimitedTextField(_("description"), max_length=2000)
    criteria = LimitedTextField(_("criteria"), max_length=2000, help_text=_("What the holder did to earn it."))
    # For the credit bank: the level (初级, 中级, 高级 …) and the major (职业教育专业目录 code).
    level = models.CharField(_("level"), max_length=20, blank=True)
    major_code = models.CharField(_("major code"), max_length=10, blank=True)
    valid_years = models.PositiveSmallIntegerField(
        _("valid for (years)"), null=True, blank=True, help_text=_("Left empty, the credential does not expire.")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["issuer_id", "name"]
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        constraints = [models.UniqueConstraint(fields=["issuer", "name", "level"], name="achievement_unique_name")]

    def __str__(self):
        return f"{self.name} {self.level}".strip()

    @property
    def urn(self) -> str:
        return f"urn:uuid:{self.uuid}"


class IssuerKey(models.Model):
    """An Ed25519 key an organisation signs with. The private part is sealed at rest
    (``core.sealing``); a retired key stays in the DID document so that what it signed still
    verifies, a compromised one asserts nothing."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="issuer_keys"
    )
    fragment = models.CharField(_("key name"), max_length=40)
    public_key = models.BinaryField(_("public key"), max_length=32)
    private_key_encrypted = models.BinaryField(_("private key (sealed)"), editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    compromised = models.BooleanField(_("compromised"), default=False)

    class Meta:
        ordering = ["organization_id", "created_at"]
        verbose_name = _("issuer key")
        verbose_name_plural = _("issuer keys")
        constraints = [
            models.UniqueConstraint(fields=["organization", "fragment"], name="issuer_key_unique_fragment"),
            models.UniqueConstraint(
                fields=["organization"], condition=Q(retired_at__isnull=True), name="issuer_key_one_current"
            ),
        ]

    def __str__(self):
        return f"{self.organization} #{self.fragment}"


class StatusPurpose(models.TextChoices):
    REVOCATION = "revocation", _("Revocation")
    SUSPENSION = "suspension", _("Suspension")


class StatusList(models.Model):
    """One W3C Bitstring Status List of an issuer: bit n set = credential n revoked (or
    suspended). Served as a signed credential at ``get_absolute_url``; every change is a
    new ``version``, and logged."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="status_lists"
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=StatusPurpose.choices)
    number = models.PositiveIntegerField(_("number"))
    size = models.PositiveIntegerField(_("entries"), default=STATUS_LIST_SIZE)
    bits = models.BinaryField(_("bits"), editable=False)
    next_index = models.PositiveIntegerField(_("next free entry"), default=0)
    version = models.PositiveIntegerField(_("version"), default=0)
    # The signed BitstringStatusListCredential of the current version (re-signed on change).
    document = models.JSONField(_("signed list"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["organization_id", "purpose", "number"]
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")
        constraints = [
            models.UniqueConstraint(fields=["organization", "purpose", "number"], name="status_list_unique_number")
        ]

    def __str__(self):
        return f"{self.organization} · {self.get_purpose_display()} #{self.number}"

    def get_absolute_url(self):
        return reverse("credentials:status_list", args=[self.organization_id, self.purpose, self.number])

    @property
    def is_full(self) -> bool:
        return self.next_index >= self.size


class CredentialStatus(models.TextChoices):
    ACTIVE = "active", _("Valid")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


def _share_token() -> str:
    return secrets.token_urlsafe(16)


class IssuanceBatch(models.Model):
    """批量颁发: many credentials of one achievement, issued by a Celery job with progress;
    validated whole before the job starts, safe to run again (each holder once)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Issuing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    achievement = models.ForeignKey(
        Achievement, verbose_name=_("achievement"), on_delete=models.PROTECT, related_name="batches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    source = models.CharField(_("source"), max_length=200, blank=True, help_text=_("The cohort or the file."))
    # [{"holder": user id, "valid_from": "…"}]: the people to issue to, checked before queuing.
    rows = models.JSONField(_("rows"), default=list, editable=False)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("issued"), default=0)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("issuance batch")
        verbose_name_plural = _("issuance batches")

    def __str__(self):
        return f"{self.achievement} · {self.done}/{self.total}"


class Credential(models.Model):
    """A verifiable credential as issued: the signed document, kept byte for byte in meaning
    (its digest is logged), and where its status bits are."""

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    achievement = models.ForeignKey(
        Achievement, verbose_name=_("achievement"), on_delete=models.PROTECT, related_name="credentials"
    )
    issuer = models.ForeignKey(
        Organization, verbose_name=_("issuer"), on_delete=models.PROTECT, related_name="issued_credentials"
    )
    key = models.ForeignKey(IssuerKey, verbose_name=_("signing key"), on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="credentials"
    )
    # The subject's identifier in the document: random, never derived from personal data.
    subject_id = models.CharField(_("subject identifier"), max_length=60, unique=True, editable=False)
    document = models.JSONField(_("signed credential"), editable=False)
    digest = models.CharField(_("digest"), max_length=71, editable=False)  # "sha256:" + 64 hex
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    batch = models.ForeignKey(
        IssuanceBatch, verbose_name=_("batch"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="credentials",
    )
    revocation_list = models.ForeignKey(
        StatusList, verbose_name=_("revocation list"), on_delete=models.PROTECT, related_name="+"
    )
    revocation_index = models.PositiveIntegerField(_("revocation entry"))
    suspension_list = models.ForeignKey(
        StatusList, verbose_name=_("suspension list"), on_delete=models.PROTECT, related_name="+"
    )
    suspension_index = models.PositiveIntegerField(_("suspension entry"))
    status = models.CharField(
        _("status"), max_length=10, choices=CredentialStatus.choices, default=CredentialStatus.ACTIVE
    )
    status_reason = LimitedTextField(_("reason"), max_length=1000, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    # The transparency log's entry of the issuance.
    log_index = models.PositiveBigIntegerField(_("log entry"), null=True, blank=True, editable=False)
    share_token = models.CharField(
        _("share link"), max_length=32, unique=True, default=_share_token, editable=False
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        constraints = [
            models.UniqueConstraint(fields=["revocation_list", "revocation_index"], name="credential_revocation_entry"),
            models.UniqueConstraint(fields=["suspension_list", "suspension_index"], name="credential_suspension_entry"),
            # A batch run again issues each holder once.
            models.UniqueConstraint(
                fields=["batch", "holder"], condition=Q(batch__isnull=False), name="credential_once_per_batch"
            ),
        ]
        indexes = [models.Index(fields=["holder", "-issued_at"], name="credential_wallet")]

    def __str__(self):
        return f"{self.achievement} · {self.holder}"

    @property
    def urn(self) -> str:
        return f"urn:uuid:{self.uuid}"


# --- the credit bank (学分银行) -------------------------------------------------------------


class CreditRule(models.Model):
    """A conversion rule the consortium publishes: credentials of this kind (and level, and
    major) are worth so many credits in a major or a family of majors."""

    kind = models.CharField(_("kind of credential"), max_length=20, choices=AchievementKind.choices)
    level = models.CharField(_("level"), max_length=20, blank=True, help_text=_("Left empty: any level."))
    achievement_major = models.CharField(
        _("major of the credential"), max_length=10, blank=True, help_text=_("Left empty: any major.")
    )
    target_major = models.CharField(
        _("counts towards"), max_length=10,
        help_text=_("A major code (6 digits) or a family of majors (its first 2 or 4 digits)."),
    )
    credits = models.DecimalField(_("credits"), max_digits=5, decimal_places=1)
    note = models.CharField(_("note"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "level", "target_major"]
        verbose_name = _("credit rule")
        verbose_name_plural = _("credit rules")

    def __str__(self):
        return f"{self.get_kind_display()} {self.level} → {self.target_major}: {self.credits}"


class CreditAccount(models.Model):
    """A student's credit account (学分账户) at their school."""

    holder = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="credit_account"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        verbose_name = _("credit account")
        verbose_name_plural = _("credit accounts")

    def __str__(self):
        return str(self.holder)


class RecognitionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the school")
    ACCEPTED = "accepted", _("Recognised")
    REFUSED = "refused", _("Refused")


class RecognitionRequest(models.Model):
    """A student asks another member school to recognise credits earned with a credential."""

    account = models.ForeignKey(
        CreditAccount, verbose_name=_("credit account"), on_delete=models.PROTECT, related_name="requests"
    )
    credential = models.ForeignKey(
        Credential, verbose_name=_("credential"), on_delete=models.PROTECT, related_name="recognition_requests"
    )
    school = models.ForeignKey(
        Organization, verbose_name=_("school"), on_delete=models.PROTECT, related_name="recognition_requests"
    )
    rule = models.ForeignKey(
        CreditRule, verbose_name=_("rule"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    credits = models.DecimalField(_("credits"), max_digits=5, decimal_places=1)
    status = models.CharField(
        _("status"), max_length=10, choices=RecognitionStatus.choices, default=RecognitionStatus.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    reason = LimitedTextField(_("reason"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("recognition request")
        verbose_name_plural = _("recognition requests")
        constraints = [
            models.UniqueConstraint(
                fields=["credential", "school"], condition=Q(status__in=["pending", "accepted"]),
                name="recognition_once_per_school",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False), name="recognition_decision_dated"
            ),
        ]

    def __str__(self):
        return f"{self.credential} → {self.school}"


class CreditMovement(models.Model):
    """One movement of a credit account: credits earned from a verified credential, or
    recognised by another school; each is logged."""

    class Kind(models.TextChoices):
        EARNED = "earned", _("Earned")
        RECOGNISED = "recognised", _("Recognised by another school")
        REVERSED = "reversed", _("Reversed (credential revoked)")

    account = models.ForeignKey(
        CreditAccount, verbose_name=_("credit account"), on_delete=models.PROTECT, related_name="movements"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    credential = models.ForeignKey(
        Credential, verbose_name=_("credential"), on_delete=models.PROTECT, related_name="credit_movements"
    )
    school = models.ForeignKey(
        Organization, verbose_name=_("school"), on_delete=models.PROTECT, related_name="+",
        help_text=_("Where the credits count."),
    )
    major = models.CharField(_("major"), max_length=10)
    credits = models.DecimalField(_("credits"), max_digits=6, decimal_places=1)
    at = models.DateTimeField(_("at"), default=timezone.now)
    request = models.OneToOneField(
        RecognitionRequest, verbose_name=_("request"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="movement",
    )
    rule = models.ForeignKey(
        CreditRule, verbose_name=_("rule"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The movement a REVERSED one takes back (each at most once).
    reverses = models.OneToOneField(
        "self", verbose_name=_("reverses"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="reversal",
    )
    log_index = models.PositiveBigIntegerField(_("log entry"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("credit movement")
        verbose_name_plural = _("credit movements")
        constraints = [
            # A credential earns credits by a rule once.
            models.UniqueConstraint(
                fields=["credential", "rule"], condition=Q(kind="earned"), name="credit_earned_once_per_rule"
            ),
        ]

    def __str__(self):
        return f"{self.account} {self.get_kind_display()} {self.credits}"

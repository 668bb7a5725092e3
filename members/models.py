"""Organisations, people, their roles, and how organisations join the consortium."""

import re
import secrets
import unicodedata
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import LimitedTextField
from members.validators import validate_credit_code, validate_registration_fits_kind


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
    ENTERPRISE = "enterprise", _("Enterprise")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational school")
    HIGHER_VOCATIONAL = "higher_vocational", _("Higher vocational school")
    VOCATIONAL_BACHELOR = "vocational_bachelor", _("Vocational bachelor school")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    INDUSTRY_ASSOCIATION = "industry_association", _("Industry association")


SCHOOL_KINDS = frozenset(
    {
        OrganizationKind.SECONDARY_VOCATIONAL,
        OrganizationKind.HIGHER_VOCATIONAL,
        OrganizationKind.VOCATIONAL_BACHELOR,
        OrganizationKind.UNIVERSITY,
    }
)
PUBLIC_BODY_KINDS = frozenset({OrganizationKind.GOVERNMENT, OrganizationKind.INDUSTRIAL_PARK})


class OrganizationStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    ACTIVE = "active", _("Active member")
    SUSPENDED = "suspended", _("Suspended")
    LEFT = "left", _("Left")


_KIND_LABELS = dict(OrganizationKind.choices)
_STATUS_LABELS = dict(OrganizationStatus.choices)


class OrganizationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=OrganizationStatus.ACTIVE)

    def for_user(self, user):
        """Organisations the user may see: see ``members.access``."""
        from members.access import organizations_for

        return organizations_for(user, self)


class Organization(models.Model):
    """成员单位: a member organisation of the consortium (or one applying to be)."""

    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18 characters, GB 32100, including the check character."),
    )
    industry = models.ForeignKey(
        "reference.Industry",
        verbose_name=_("industry (GB/T 4754)"),
        to_field="code",
        db_column="industry_code",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("region (GB/T 2260)"),
        to_field="code",
        db_column="region_code",
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    is_lead_member = models.BooleanField(_("lead member"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=OrganizationStatus.choices, default=OrganizationStatus.APPLICANT
    )
    description = LimitedTextField(_("description"), max_length=2000, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    contact_email = models.EmailField(_("contact email"))
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    def clean(self):
        super().clean()
        if self.kind and self.credit_code and len(self.credit_code) == 18:
            try:
                validate_registration_fits_kind(self.credit_code, self.kind, self.get_kind_display())
            except ValidationError as error:
                raise ValidationError({"credit_code": error}) from None

    class Meta:
        ordering = ["name_zh"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["status", "kind"]),
            # The member directory's order: its pages are read off this index, not sorted each time.
            models.Index(fields=["-is_lead_member", "name_zh"], name="members_org_directory_idx"),
        ]

    def __str__(self):
        return self.name

    # Django's generic get_FOO_display() rebuilds and hashes the whole list of lazily
    # translated choices on every call, which cost the member directory a millisecond a page.
    def get_kind_display(self):
        return force_str(_KIND_LABELS.get(self.kind, self.kind), strings_only=True)

    def get_status_display(self):
        return force_str(_STATUS_LABELS.get(self.status, self.status), strings_only=True)

    @property
    def name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_zh

    @property
    def is_school(self) -> bool:
        return self.kind in SCHOOL_KINDS

    @property
    def is_active_member(self) -> bool:
        return self.status == OrganizationStatus.ACTIVE

    def get_absolute_url(self):
        return reverse("members:organization_detail", args=[self.pk])

    def audit_organization_id(self) -> int | None:
        return self.pk


class User(AbstractUser):
    """A person using the portal. Belongs to organisations through ``Membership``."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    large_text = models.BooleanField(
        _("larger text"), default=False, help_text=_("Show the portal's pages in larger type, for easier reading.")
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def get_short_name(self) -> str:
        """How the admin console greets the person: by name, not by user name."""
        return self.display_name

    def audit_organization_id(self) -> int | None:
        """A person's changes are filed under the organisation they act for. Read afresh,
        not through the access profile, which would be kept on this object while its
        memberships may still be changing."""
        if hasattr(self, "_access_profile"):
            from members.access import primary_organization_id

            return primary_organization_id(self)
        if self.pk is None:
            return None
        rows = self.memberships.filter(ended_at__isnull=True).values_list("organization_id", "organization__status")
        active = sorted(org for org, status in rows if status == OrganizationStatus.ACTIVE)
        return (active or sorted(org for org, _status in rows) or [None])[0]


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat staff")
    COUNCIL_REP = "council_rep", _("Council representative")
    ORG_ADMIN = "org_admin", _("Organisation administrator")
    TEACHER = "teacher", _("Teacher")
    STUDENT = "student", _("Student")
    HR = "hr", _("Enterprise HR")
    ENGINEER = "engineer", _("Enterprise engineer")
    OFFICER = "officer", _("Government officer")
    RESEARCHER = "researcher", _("Researcher")
    STAFF = "staff", _("Staff")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)

    def for_user(self, user):
        from members.access import memberships_for

        return memberships_for(user, self)


class Membership(models.Model):
    """A person's role in an organisation. Ended memberships are kept for the record."""

    user = models.ForeignKey(User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    title = models.CharField(_("job title"), max_length=50, blank=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        User, verbose_name=_("ended by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization_id", "role", "user_id"]
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"],
                condition=Q(ended_at__isnull=True),
                name="membership_one_active_role",
            )
        ]
        indexes = [models.Index(fields=["organization", "role"])]

    def __str__(self):
        return f"{self.user} · {self.organization} · {self.get_role_display()}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


# An open application is still the secretariat's or the applicant's to act on.
OPEN_APPLICATION_STATUSES = (ApplicationStatus.PENDING, ApplicationStatus.RETURNED)

REFERENCE_PREFIX = "SQ"


def application_reference(today=None) -> str:
    """受理编号: SQ, the date of submission and six random digits, e.g. SQ-20261201-482193."""
    today = today or timezone.localdate()
    return f"{REFERENCE_PREFIX}-{today:%Y%m%d}-{secrets.randbelow(1_000_000):06d}"


def normalize_reference(value: str) -> str:
    """What a person types back: any case, full-width characters, spaces or dashes of any kind."""
    value = unicodedata.normalize("NFKC", value or "").upper()
    value = re.sub(r"[\s\-‐‑‒–—―－_]+", "", value)
    match = re.fullmatch(rf"{REFERENCE_PREFIX}(\d{{8}})(\d{{6}})", value)
    return f"{REFERENCE_PREFIX}-{match[1]}-{match[2]}" if match else ""


class MembershipApplication(models.Model):
    """入会申请: an organisation's application to join, decided by the secretariat."""

    reference = models.CharField(
        _("reference number"), max_length=20, unique=True, editable=False, default=application_reference
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="applications"
    )
    applicant = models.ForeignKey(
        User, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="membership_applications"
    )
    statement = LimitedTextField(_("why the organisation wants to join"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = LimitedTextField(_("reason for the decision"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(status__in=["pending", "returned"]),
                name="application_one_open_per_organization",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "returned"]) | Q(decided_at__isnull=False),
                name="application_decision_dated",
            ),
        ]

    def __str__(self):
        return f"{self.reference} · {self.organization} · {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("members:application_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_APPLICATION_STATUSES


class ApplicationEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    RESUBMITTED = "resubmitted", _("Corrected and submitted again")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ApplicationEvent(models.Model):
    """One step in an application's history, as the applicant and the secretariat see it;
    each is e-mailed to the applicant once (``notified_at``)."""

    application = models.ForeignKey(
        MembershipApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("step"), max_length=16, choices=ApplicationEventKind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        User, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = LimitedTextField(_("reason"), max_length=1000, blank=True)
    # On a resubmission: what the applicant changed, {field name: [before, after]}.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    notified_at = models.DateTimeField(_("applicant notified at"), null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")

    def __str__(self):
        return f"{self.application.reference} · {self.get_kind_display()}"

    def readable_changes(self) -> list[tuple[str, str, str]]:
        """What a resubmission changed, as (label, before, after) in the reader's language."""
        labels = {field.name: field.verbose_name for field in Organization._meta.fields}
        labels["statement"] = MembershipApplication._meta.get_field("statement").verbose_name
        labels["attachments"] = _("files added")
        kinds = dict(OrganizationKind.choices)
        return [
            (
                force_str(labels.get(name, name)),
                *((force_str(kinds.get(value, value)) if name == "kind" else value) for value in pair),
            )
            for name, pair in self.changes.items()
        ]


def _application_file_path(instance, filename) -> str:
    return f"applications/{secrets.token_hex(16)}"


class ApplicationAttachment(models.Model):
    """A licence or permit attached to an application: private, seen by the secretariat only."""

    application = models.ForeignKey(
        MembershipApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=_application_file_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        User, verbose_name=_("uploaded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("application attachment")
        verbose_name_plural = _("application attachments")

    def __str__(self):
        return self.name


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An organisation administrator's invitation for a person to join with a role."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    full_name = models.CharField(_("full name"), max_length=50)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    token = models.CharField(
        _("invitation token"), max_length=64, unique=True, default=_invitation_token, editable=False
    )
    invited_by = models.ForeignKey(User, verbose_name=_("invited by"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, verbose_name=_("accepted by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("email sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()

    def get_accept_url(self):
        return reverse("members:invitation_accept", args=[self.token])


def invitation_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class LoginLockout(AccessAttempt):
    """登录锁定: failed sign-ins for one user name from one address, counted by django-axes.
    Deleting one lifts the lock. A proxy, so that the console names it in the reader's
    language and its deletion lands in the audit trail like every other write."""

    class Meta:
        proxy = True
        verbose_name = _("sign-in lockout")
        verbose_name_plural = _("sign-in lockouts")


class ApiKeyQuerySet(models.QuerySet):
    def in_use(self):
        """Keys that still open the API (not revoked, not expired)."""
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))


class ApiKey(models.Model):
    """接口密钥: a partner system's key to the API, owned by an organisation, not a person.

    Only a SHA-256 hash of the secret is kept; the full key is shown once, when created.
    A request made with it acts for the organisation with an organisation administrator's
    reach at most, narrowed further by the key's scopes (``members:read``, ``members:write``…)."""

    PREFIX = "ck"

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the key is for, e.g. the HR system."))
    prefix = models.CharField(_("key prefix"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_by = models.ForeignKey(User, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(_("last used from"), null=True, blank=True)
    # An invitation is withdrawn (撤回), a key revoked (撤销): the same English, two Chinese words.
    revoked_at = models.DateTimeField(pgettext_lazy("API key", "revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, verbose_name=_("revoked by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.name} ({self.prefix})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired

    def allows(self, part: str, *, write: bool) -> bool:
        """Whether the key's scopes open this part of the portal; write implies read."""
        if f"{part}:write" in self.scopes:
            return True
        return not write and f"{part}:read" in self.scopes

    def scope_descriptions(self) -> list[str]:
        """The scopes as people read them, e.g. "Organisations and people: read"."""
        from core.api_scopes import api_parts

        parts = api_parts()
        described = []
        for scope in self.scopes:
            part, _sep, level = scope.partition(":")
            words = _("%(part)s: read and write") if level == "write" else _("%(part)s: read")
            described.append(words % {"part": parts.get(part, part)})
        return described

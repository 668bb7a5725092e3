"""Every change to organisations, people, memberships, applications, invitations and API keys.

Each function is one transaction; pages, the API, admin actions and tasks call these and
nothing else writes these models. Rule violations raise ``ValidationError`` with a
message for the person who caused them; the audit trail is written by the model signals.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from core.api_scopes import api_scopes
from core.audit import acting_as, record_event
from core.files import SCANS, check_upload, clean_name
from members import access
from members.events import application_approved
from members.models import (
    OPEN_APPLICATION_STATUSES,
    ApiKey,
    ApplicationAttachment,
    ApplicationEvent,
    ApplicationEventKind,
    ApplicationStatus,
    Invitation,
    Membership,
    MembershipApplication,
    Organization,
    OrganizationStatus,
    Role,
    User,
    application_reference,
    invitation_expiry,
)
from members.validators import normalize_credit_code

# Every field an organisation's record takes (``access`` says who may change which).
ORGANIZATION_FIELDS = access.ORGANIZATION_FIELDS


def _check_unique(organization: Organization) -> None:
    """Name and credit code clash checks with messages that say which field and why."""
    others = Organization.objects.exclude(pk=organization.pk)
    errors = {}
    if others.filter(credit_code=organization.credit_code).exists():
        errors["credit_code"] = _("An organisation with this unified social credit code is already registered.")
    if others.filter(name_zh=organization.name_zh).exists():
        errors["name_zh"] = _("An organisation with this name is already registered.")
    if errors:
        raise ValidationError(errors)


def _save_organization(organization: Organization) -> Organization:
    organization.credit_code = normalize_credit_code(organization.credit_code)
    organization.full_clean(validate_unique=False)
    _check_unique(organization)
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError:
        # Lost a race with another registration of the same organisation.
        _check_unique(organization)
        raise
    return organization


@transaction.atomic
def organization_create(*, actor: User, status: str = OrganizationStatus.ACTIVE, **fields) -> Organization:
    """Register an organisation directly (the secretariat's onboarding, not an application)."""
    if not access.can_create_organization(actor):
        raise PermissionDenied
    organization = Organization(status=status, **{k: v for k, v in fields.items() if k in ORGANIZATION_FIELDS})
    if status == OrganizationStatus.ACTIVE:
        organization.joined_at = timezone.now()
    return _save_organization(organization)


@transaction.atomic
def organization_update(*, organization: Organization, actor: User, **fields) -> Organization:
    """Change an organisation's details; returns it unchanged when nothing differs."""
    allowed = access.editable_organization_fields(actor, organization)
    if not allowed:
        raise PermissionDenied
    refused = set(fields) - set(allowed)
    if refused:
        raise ValidationError({name: _("You may not change this field.") for name in sorted(refused)})
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    changed = False
    for name, value in fields.items():
        if getattr(organization, name) != value:
            setattr(organization, name, value)
            changed = True
    if not changed:
        return organization
    return _save_organization(organization)


@transaction.atomic
def organization_set_status(*, organization: Organization, actor: User, status: str) -> Organization:
    """Suspend, reinstate or record the departure of a member organisation."""
    if not access.is_secretariat(actor):
        raise PermissionDenied
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if organization.status == status:
        return organization
    if organization.status == OrganizationStatus.APPLICANT:
        raise ValidationError(_("An applicant becomes a member only by an approved application."))
    organization.status = status
    if status == OrganizationStatus.ACTIVE and organization.joined_at is None:
        organization.joined_at = timezone.now()
    organization.save(update_fields=["status", "joined_at", "updated_at"])
    return organization


def _account_create(*, username: str, password: str, **fields) -> User:
    """A new person's account, with a unique user name and a password the validators accept."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is taken; please choose another.")})
    user = User(username=username, **fields)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages})
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


# --- applications ----------------------------------------------------------------------


# The most a licence or permit scan may weigh, and how many an application may carry.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENTS_PER_APPLICATION = 5


def _new_reference() -> str:
    taken = True
    while taken:
        reference = application_reference()
        taken = MembershipApplication.objects.filter(reference=reference).exists()
    return reference


def _record_step(application, kind, *, actor, note: str = "", changes=None) -> ApplicationEvent:
    """A step of the application's history, e-mailed to the applicant after commit."""
    from members.tasks import application_event_notify_task

    event = ApplicationEvent.objects.create(
        application=application, kind=kind, actor=actor, note=note, changes=changes or {}
    )
    transaction.on_commit(lambda: application_event_notify_task.delay(event.pk))
    return event


def _attach(application, files, *, actor) -> None:
    """Check every file first (type by content, size, count), then store them all."""
    files = list(files or [])
    if application.attachments.count() + len(files) > ATTACHMENTS_PER_APPLICATION:
        raise ValidationError({"attachments": _("An application may carry at most %(count)d files.")
                               % {"count": ATTACHMENTS_PER_APPLICATION}})
    checked, errors = [], []
    for upload in files:
        try:
            checked.append((upload, check_upload(upload, kinds=SCANS, max_bytes=ATTACHMENT_MAX_BYTES)))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    for upload, kind in checked:
        ApplicationAttachment.objects.create(
            application=application, file=upload, name=clean_name(upload.name), content_type=kind.content_type,
            size=upload.size, uploaded_by=actor,
        )


@transaction.atomic
def application_submit(
    *, organization_fields: dict, username: str, password: str, full_name: str, email: str, phone: str = "",
    statement: str, attachments=(),
) -> MembershipApplication:
    """An organisation applies to join: its record, its first administrator's account, the
    application with its reference number (受理编号) and its files are created together, or
    not at all. The applicant is sent a receipt."""
    user = _account_create(username=username, password=password, full_name=full_name, email=email, phone=phone)
    # The rest is the new applicant's doing, and the audit trail names them.
    with acting_as(user):
        organization = Organization(
            status=OrganizationStatus.APPLICANT,
            is_lead_member=False,
            **{k: v for k, v in organization_fields.items() if k in ORGANIZATION_FIELDS and k != "is_lead_member"},
        )
        _save_organization(organization)
        Membership.objects.create(user=user, organization=organization, role=Role.ORG_ADMIN)
        application = MembershipApplication.objects.create(
            reference=_new_reference(), organization=organization, applicant=user, statement=statement
        )
        _attach(application, attachments, actor=user)
        _record_step(application, ApplicationEventKind.SUBMITTED, actor=user)
    return application


def _lock(application: MembershipApplication) -> MembershipApplication:
    return MembershipApplication.objects.select_for_update().select_related("organization").get(pk=application.pk)


def _display(organization: Organization, name: str) -> str:
    value = getattr(organization, name)
    return "" if value is None else str(value)


@transaction.atomic
def application_correct(
    *, application: MembershipApplication, actor: User, organization_fields: dict, statement: str, attachments=(),
) -> MembershipApplication:
    """The applicant corrects an application the secretariat sent back, and submits it again:
    the same application and reference number, with what changed kept in its history."""
    application = _lock(application)
    if application.applicant_id != actor.pk:
        raise PermissionDenied
    if application.status != ApplicationStatus.RETURNED:
        raise ValidationError(_("Only an application sent back for changes can be corrected."))
    organization = application.organization
    changes = {}
    for name, value in organization_fields.items():
        if name not in ORGANIZATION_FIELDS or name == "is_lead_member":
            continue
        before = _display(organization, name)
        setattr(organization, name, value)
        if _display(organization, name) != before:
            changes[name] = [before, _display(organization, name)]
    _save_organization(organization)
    if statement != application.statement:
        changes["statement"] = [application.statement, statement]
    _attach(application, attachments, actor=actor)
    if attachments:
        changes["attachments"] = ["", ", ".join(upload.name for upload in attachments)]
    application.statement = statement
    application.status = ApplicationStatus.PENDING
    application.save(update_fields=["statement", "status"])
    _record_step(application, ApplicationEventKind.RESUBMITTED, actor=actor, changes=changes)
    return application


@transaction.atomic
def application_resubmit(*, application: MembershipApplication, actor: User, statement: str) -> MembershipApplication:
    """After a rejection, the applicant may apply again with a new statement: a new
    application with a new reference number."""
    application = _lock(application)
    if application.applicant_id != actor.pk:
        raise PermissionDenied
    if application.organization.applications.filter(status__in=OPEN_APPLICATION_STATUSES).exists():
        raise ValidationError(_("An application of this organisation is already open."))
    if application.status != ApplicationStatus.REJECTED:
        raise ValidationError(_("Only a rejected application can be submitted again."))
    if application.organization.status != OrganizationStatus.APPLICANT:
        raise ValidationError(_("This organisation is no longer applying."))
    fresh = MembershipApplication.objects.create(
        reference=_new_reference(), organization=application.organization, applicant=actor, statement=statement
    )
    _record_step(fresh, ApplicationEventKind.SUBMITTED, actor=actor)
    return fresh


def _lock_pending(application: MembershipApplication, actor: User) -> MembershipApplication:
    if not access.can_decide_applications(actor):
        raise PermissionDenied
    application = _lock(application)
    if application.status != ApplicationStatus.PENDING:
        raise ValidationError(_("This application is not waiting for a decision."))
    return application


def _reason(reason: str, message) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


@transaction.atomic
def application_approve(*, application: MembershipApplication, actor: User, reason: str = "") -> MembershipApplication:
    """Admit the organisation: it becomes an active member and its people gain their roles."""
    application = _lock_pending(application, actor)
    now = timezone.now()
    reason = (reason or "").strip()
    application.status = ApplicationStatus.APPROVED
    application.decided_at, application.decided_by, application.decision_reason = now, actor, reason
    application.save()
    held = any(answer is True for _receiver, answer in
               application_approved.send(sender=MembershipApplication, application=application, actor=actor))
    if not held:
        _admit(application.organization, now)
    record_event("application.approved", instance=application, actor=actor, details={"decision_reason": reason})
    _record_step(application, ApplicationEventKind.APPROVED, actor=actor, note=reason)
    return application


def _admit(organization: Organization, now) -> None:
    organization.status = OrganizationStatus.ACTIVE
    organization.joined_at = now
    organization.save(update_fields=["status", "joined_at", "updated_at"])


@transaction.atomic
def application_settle(*, application: MembershipApplication, admitted: bool, note: str) -> MembershipApplication:
    """The further decision on an approved application whose admission a receiver of
    ``events.application_approved`` held (the council's vote, called by the app that holds it):
    admitted, the organisation becomes an active member; refused, the application is rejected
    with ``note`` as its reason. Safe to call twice."""
    application = _lock(application)
    organization = Organization.objects.select_for_update().get(pk=application.organization_id)
    if application.status != ApplicationStatus.APPROVED or organization.status != OrganizationStatus.APPLICANT:
        return application
    if admitted:
        _admit(organization, timezone.now())
    else:
        application.status = ApplicationStatus.REJECTED
        application.decision_reason = note
        application.save(update_fields=["status", "decision_reason"])
        _record_step(application, ApplicationEventKind.REJECTED, actor=None, note=note)
    return application


@transaction.atomic
def application_reject(*, application: MembershipApplication, actor: User, reason: str) -> MembershipApplication:
    """Refuse the application; the reason is shown to the applicant and is required."""
    reason = _reason(reason, _("Please give the applicant a reason for the rejection."))
    application = _lock_pending(application, actor)
    application.status = ApplicationStatus.REJECTED
    application.decided_at, application.decided_by, application.decision_reason = timezone.now(), actor, reason
    application.save()
    record_event("application.rejected", instance=application, actor=actor, details={"decision_reason": reason})
    _record_step(application, ApplicationEventKind.REJECTED, actor=actor, note=reason)
    return application


@transaction.atomic
def application_return(*, application: MembershipApplication, actor: User, reason: str) -> MembershipApplication:
    """Send the application back to the applicant for changes; the reason says what to change."""
    reason = _reason(reason, _("Please tell the applicant what to change."))
    application = _lock_pending(application, actor)
    application.status = ApplicationStatus.RETURNED
    application.save(update_fields=["status"])
    record_event("application.returned", instance=application, actor=actor, details={"decision_reason": reason})
    _record_step(application, ApplicationEventKind.RETURNED, actor=actor, note=reason)
    return application


# --- people ------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, organization: Organization, actor: User, email: str, full_name: str, role: str) -> Invitation:
    """Invite a person to the organisation with a role; the email goes out after commit."""
    if not access.can_manage_people(actor, organization):
        raise PermissionDenied
    email = _address(email)
    errors = _invitation_errors(
        actor=actor, organization=organization, full_name=full_name, email=email, role=role,
        known=_Invitees(organization, [email]),
    )
    if errors:
        raise ValidationError(errors)
    _close_expired_invitations(organization, [email])
    return _invitation_make(organization=organization, actor=actor, email=email, full_name=full_name, role=role)


def _address(email: str) -> str:
    return User.objects.normalize_email((email or "").strip()).lower()


def _open_invitations(organization: Organization):
    return Invitation.objects.filter(
        organization=organization, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )


class _Invitees:
    """What the rules of invitations need to know about the addresses invited to an
    organisation, read for all of them at once: the roles they hold there already, and
    which of them have an invitation open."""

    def __init__(self, organization: Organization, emails):
        emails = sorted({email for email in emails if email})
        self.roles_held: set[tuple[str, str]] = set()
        self.invited: set[str] = set()
        if emails:
            self.roles_held = set(
                Membership.objects.active().filter(organization=organization)
                .annotate(address=Lower("user__email")).filter(address__in=emails).values_list("address", "role")
            )
            self.invited = set(
                _open_invitations(organization).annotate(address=Lower("email")).filter(address__in=emails)
                .values_list("address", flat=True)
            )


_INVITEE_FIELDS = ("full_name", "email", "role")


def _invitation_errors(
    *, actor, organization: Organization, full_name: str, email: str, role: str, known: _Invitees
) -> dict[str, list[str]]:
    """Everything that stops this invitation, field by field (empty when nothing does): the
    one rule of invitations, for a single one and for each of a list. ``email`` is normalised."""
    errors: dict[str, list[str]] = {}
    try:
        Invitation(organization=organization, full_name=full_name, email=email, role=role).clean_fields(
            exclude=[field.name for field in Invitation._meta.fields if field.name not in _INVITEE_FIELDS]
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if role and role not in Role.values:
        labels = [str(Role(value).label) for value in access.grantable_roles(actor, organization)]
        errors["role"] = [
            _("“%(role)s” is not a role. The roles you may give here: %(roles)s.")
            % {"role": role, "roles": pgettext("list separator", ", ").join(labels)}
        ]
    elif "role" not in errors:
        try:
            _check_grant(actor=actor, organization=organization, role=role)
        except ValidationError as error:
            errors["role"] = error.messages
    if "email" not in errors:
        if email == (getattr(actor, "email", "") or "").lower():
            errors["email"] = [_("You cannot invite yourself: no one changes their own roles.")]
        elif (email, role) in known.roles_held:
            errors["email"] = [_("This person already has this role in the organisation.")]
        elif email in known.invited:
            errors["email"] = [_("An invitation to this address is already open.")]
    return errors


def _close_expired_invitations(organization: Organization, emails) -> None:
    """An expired, unanswered invitation to one of these addresses is closed to make room
    (the open ones were refused before)."""
    stale = Invitation.objects.filter(
        organization=organization, accepted_at__isnull=True, revoked_at__isnull=True
    ).annotate(address=Lower("email")).filter(address__in=sorted(set(emails)))
    for invitation in stale:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def _invitation_make(*, organization: Organization, actor: User, email: str, full_name: str, role: str) -> Invitation:
    invitation = Invitation.objects.create(
        organization=organization, email=email, full_name=full_name, role=role,
        invited_by=actor, expires_at=invitation_expiry(),
    )
    _send_after_commit(invitation)
    return invitation


# The most people one list (one file) may invite at once.
INVITATION_BATCH_LIMIT = 500


@dataclass(frozen=True)
class Invitee:
    """One person of a list to invite, and the line of the file (or list) they were read from."""

    full_name: str
    email: str
    role: str
    line: int


class InvitationsRefused(ValidationError):
    """Raised by ``invitation_batch_create`` when some of the list may not be invited; nothing
    was created. ``refusals`` pairs every refused invitee with the ValidationError that names
    what is wrong, field by field (``full_name``, ``email``, ``role``)."""

    def __init__(self, refusals: list[tuple[Invitee, ValidationError]]):
        self.refusals = refusals
        super().__init__([message for _invitee, error in refusals for message in error.messages])


@transaction.atomic
def invitation_batch_create(
    *, organization: Organization, actor: User, invitees: list[Invitee], source: str = ""
) -> list[Invitation]:
    """批量邀请: invite everyone listed, all or none. Each is checked under the rules of a
    single invitation (``invitation_create``), and an address may appear once; when any is
    refused, ``InvitationsRefused`` names every refusal and nothing is created. The e-mails go
    out after commit; the batch is recorded as one event (``source`` names the file) beside
    each invitation's own record."""
    if not access.can_manage_people(actor, organization):
        raise PermissionDenied
    if not invitees:
        raise ValidationError(_("The list names no one to invite."))
    if len(invitees) > INVITATION_BATCH_LIMIT:
        raise ValidationError(_("At most %(limit)s people can be invited at once; split the list.")
                              % {"limit": INVITATION_BATCH_LIMIT})
    invitees = [
        Invitee(full_name=(i.full_name or "").strip(), email=_address(i.email), role=(i.role or "").strip(), line=i.line)
        for i in invitees
    ]
    known = _Invitees(organization, [invitee.email for invitee in invitees])
    first_line: dict[str, int] = {}
    refusals = []
    for invitee in invitees:
        errors = _invitation_errors(
            actor=actor, organization=organization, full_name=invitee.full_name, email=invitee.email,
            role=invitee.role, known=known,
        )
        if "email" not in errors:
            if invitee.email in first_line:
                errors["email"] = [_("The same address as line %(line)s: each person is invited once.")
                                   % {"line": first_line[invitee.email]}]
            else:
                first_line[invitee.email] = invitee.line
        if errors:
            refusals.append((invitee, ValidationError(errors)))
    if refusals:
        raise InvitationsRefused(refusals)
    _close_expired_invitations(organization, first_line)
    try:
        with transaction.atomic():
            invitations = [
                _invitation_make(organization=organization, actor=actor, email=invitee.email,
                                 full_name=invitee.full_name, role=invitee.role)
                for invitee in invitees
            ]
    except IntegrityError:
        # Another invitation to one of the addresses was sent meanwhile.
        raise ValidationError(_("Someone invited one of these addresses a moment ago. Nothing was sent; "
                                "please send the list again to see which.")) from None
    record_event("invitation.batch_sent", instance=organization, actor=actor,
                 details={"count": len(invitations), "file": source[:200]})
    return invitations


def _send_after_commit(invitation: Invitation) -> None:
    """Queue the invitation's e-mail once the transaction that made it commits."""
    from members.tasks import invitation_send_task

    invitation_id = invitation.pk
    transaction.on_commit(lambda: invitation_send_task.delay(invitation_id))


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    if not access.can_manage_people(actor, invitation.organization):
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


# A second "resend" within this time sends nothing: the first e-mail is on its way.
RESEND_PAUSE = timedelta(minutes=1)


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User) -> Invitation:
    """Send an unanswered invitation again, valid for a full period from now; the link stays
    the same. Safe to press twice: a resend within RESEND_PAUSE of the last sending is refused."""
    if not access.can_manage_people(actor, invitation.organization):
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was accepted or withdrawn; it cannot be sent again."))
    if invitation.sent_at is not None and timezone.now() - invitation.sent_at < RESEND_PAUSE:
        raise ValidationError(_("This invitation was sent a moment ago; please wait a minute before sending it again."))
    invitation.expires_at, invitation.sent_at, invitation.reminded_at = invitation_expiry(), None, None
    invitation.save(update_fields=["expires_at", "sent_at", "reminded_at"])
    _send_after_commit(invitation)
    return invitation


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None = None, username: str = "", password: str = ""
) -> Membership:
    """Take up an invitation, as the signed-in person or as a new account. Accepting
    twice returns the same membership."""
    invitation = Invitation.objects.select_for_update().select_related("organization").get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        membership = Membership.objects.active().filter(
            user=invitation.accepted_by, organization=invitation.organization, role=invitation.role
        ).first()
        if membership is not None and (user is None or user.pk == membership.user_id):
            return membership
    if not invitation.is_open:
        raise ValidationError(_("This invitation is no longer valid. Ask the organisation to invite you again."))
    # The grant is decided again now: the inviter may have lost the right, or the
    # organisation its membership, since the invitation was sent.
    if not access.can_grant_role(invitation.invited_by, invitation.organization, invitation.role):
        raise ValidationError(
            _("This invitation can no longer be accepted: the person who sent it may not grant this role now. "
              "Ask the organisation to invite you again.")
        )
    signed_in = user is not None and user.is_authenticated
    if signed_in and user.pk == invitation.invited_by_id:
        raise ValidationError(_("You cannot accept an invitation you sent yourself: no one changes their own roles."))
    if signed_in and invitation.role in access.PRIVILEGED_ROLES and user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation is for %(email)s. Sign in with the account of that address, or sign out and "
              "create a new account.") % {"email": invitation.email}
        )
    if not signed_in:
        user = _account_create(
            username=username, password=password, email=invitation.email, full_name=invitation.full_name
        )
    with acting_as(user):
        membership, created = Membership.objects.get_or_create(
            user=user, organization=invitation.organization, role=invitation.role, ended_at=None
        )
        invitation.accepted_at, invitation.accepted_by = timezone.now(), user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    if created:
        record_event("role.granted", instance=membership, actor=user,
                     details={"role": membership.get_role_display(), "invited_by": str(invitation.invited_by)})
    access.forget(user)
    return membership


def _person(actor) -> User | None:
    """The actor as a person to name in a record, or None for a principal that is not one (an API key)."""
    return actor if isinstance(actor, User) and actor.pk is not None else None


def _check_grant(*, actor, organization: Organization, role: str) -> None:
    """The one rule for giving a role: raises PermissionDenied for someone who gives no
    roles here, ValidationError (on ``role``) for a role they may not give."""
    if not access.can_manage_people(actor, organization):
        raise PermissionDenied
    if role in access.STANDING_ROLES:
        raise ValidationError({"role": _("This standing in the consortium is appointed by the secretariat, "
                                         "not granted by an organisation.")})
    if not access.can_grant_role(actor, organization, role):
        raise ValidationError({"role": _("This role does not exist in an organisation of this kind.")})


def _belongs(user: User, organization: Organization) -> bool:
    return Membership.objects.active().filter(user=user, organization=organization).exists()


@transaction.atomic
def membership_grant(*, actor, user: User, organization: Organization, role: str) -> Membership:
    """Give a person who already belongs to the organisation another role in it, under the
    same rule as invitations. No one changes their own roles."""
    _check_grant(actor=actor, organization=organization, role=role)
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError({"user": _("You cannot change your own roles; ask another administrator.")})
    if not _belongs(user, organization):
        raise ValidationError({"user": _("This person does not belong to the organisation; invite them instead.")})
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, role=role, ended_at=None
    )
    if not created:
        raise ValidationError({"role": _("This person already has this role in the organisation.")})
    record_event("role.granted", instance=membership, actor=actor, details={"role": membership.get_role_display()})
    access.forget(user)
    return membership


@transaction.atomic
def standing_appoint(*, actor, user: User, organization: Organization, role: str) -> Membership:
    """The secretariat appoints a person of a lead member or a public body as secretariat
    staff. Safe to call twice. A council representative is not appointed: the role follows
    from holding a council seat (see ``seat_role_sync``)."""
    if not access.is_secretariat(actor):
        raise PermissionDenied
    if role in access.SEAT_ROLES:
        raise ValidationError({"role": _("A council representative is whoever holds their organisation's council "
                                         "seat: appoint the seat under Council, bodies and seats.")})
    if role not in access.STANDING_ROLES:
        raise ValidationError({"role": _("Only secretariat staff and council representatives are appointed.")})
    if not access.can_appoint_standing(actor, organization, role):
        raise ValidationError({"organization": _("Secretariat staff serve in a lead member or a public body that "
                                                 "is an active member.")})
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError({"user": _("You cannot change your own roles; ask another administrator.")})
    if not _belongs(user, organization):
        raise ValidationError({"user": _("This person does not belong to the organisation.")})
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, role=role, ended_at=None
    )
    if created:
        record_event("standing.appointed", instance=membership, actor=actor,
                     details={"role": membership.get_role_display()})
    access.forget(user)
    return membership


def secretariat_appoint(*, actor, user: User, organization: Organization) -> Membership:
    return standing_appoint(actor=actor, user=user, organization=organization, role=Role.SECRETARIAT)


@transaction.atomic
def seat_role_sync(*, user: User, organization: Organization, role: str, held: bool, actor=None,
                   reason: str = "") -> Membership | None:
    """Give or end a role that follows from a seat (``access.SEAT_ROLES``: the council
    representative), as the seat's owner decides: ``held`` says whether the person still needs
    it in the organisation. Called only by the service that keeps the seats
    (``consortium.governance.services.bodies``), which checks who may act. Safe to call twice;
    returns the role held, or None."""
    if role not in access.SEAT_ROLES:
        raise ValueError(f"{role} does not follow from a seat")
    current = Membership.objects.select_for_update().filter(
        user=user, organization=organization, role=role, ended_at__isnull=True).first()
    details = {"role": Role(role).label, "reason": reason} if reason else {"role": Role(role).label}
    if held and current is None:
        current = Membership.objects.create(user=user, organization=organization, role=role)
        record_event("standing.appointed", instance=current, actor=actor, details=details)
    elif not held and current is not None:
        current.ended_at, current.ended_by = timezone.now(), _person(actor)
        current.save(update_fields=["ended_at", "ended_by"])
        record_event("standing.dismissed", instance=current, actor=actor, details=details)
        current = None
    access.forget(user)
    return current


@transaction.atomic
def membership_end(*, membership: Membership, actor: User) -> Membership:
    """Remove a person's role from an organisation. The record is kept, marked ended.
    An organisation keeps at least one administrator; no one removes their own roles; a
    standing in the consortium is ended by the secretariat only."""
    if not access.can_manage_people(actor, membership.organization):
        raise PermissionDenied
    if membership.role in access.STANDING_ROLES and not access.is_secretariat(actor):
        raise PermissionDenied
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.ended_at is not None:
        return membership
    if membership.role in access.SEAT_ROLES:
        raise ValidationError(_("A council representative's role ends with their council seat: end the seat or "
                                "change its representatives under Council, bodies and seats."))
    if membership.user_id == getattr(actor, "pk", None):
        raise ValidationError(_("You cannot remove your own role; ask another administrator."))
    if membership.role == Role.ORG_ADMIN:
        admins = Membership.objects.active().filter(organization_id=membership.organization_id, role=Role.ORG_ADMIN)
        if admins.count() <= 1:
            raise ValidationError(_("An organisation needs at least one administrator; appoint another first."))
    membership.ended_at, membership.ended_by = timezone.now(), _person(actor)
    membership.save(update_fields=["ended_at", "ended_by"])
    event = "standing.dismissed" if membership.role in access.STANDING_ROLES else "role.ended"
    record_event(event, instance=membership, actor=actor, details={"role": membership.get_role_display()})
    return membership


@transaction.atomic
def profile_update(*, user: User, full_name: str, email: str, phone: str) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    user.full_name, user.email, user.phone = full_name, email, phone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "email", "phone"])
    return user


@transaction.atomic
def text_size_set(*, user: User, large: bool) -> User:
    """The person's choice of larger text, kept with their account."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.large_text != large:
        user.large_text = large
        user.save(update_fields=["large_text"])
    return user


@transaction.atomic
def user_deactivate(*, user: User, actor: User) -> User:
    """Stop a person from signing in; their records stay. The API keys they created belong
    to their organisation and keep working until someone revokes them."""
    if not access.is_secretariat(actor):
        raise PermissionDenied
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return user


# --- API keys ------------------------------------------------------------------------------


def _key_hash(full_key: str) -> str:
    # The secret is 256 random bits, so a plain SHA-256 is enough: nothing to guess by brute force.
    return hashlib.sha256(full_key.encode()).hexdigest()


def _normalise_scopes(scopes) -> list[str]:
    known = api_scopes()
    scopes = sorted(set(scopes or []))
    unknown = [scope for scope in scopes if scope not in known]
    if unknown:
        raise ValidationError(
            {"scopes": _("These scopes do not exist: %(scopes)s.") % {"scopes": ", ".join(unknown)}}
        )
    if not scopes:
        raise ValidationError({"scopes": _("Choose at least one part of the portal the key may use.")})
    # Write implies read: keep only the stronger scope of each part.
    return [scope for scope in scopes if not (scope.endswith(":read") and scope[:-5] + ":write" in scopes)]


@transaction.atomic
def api_key_create(
    *, organization: Organization, actor: User, name: str, scopes, expires_at=None
) -> tuple[ApiKey, str]:
    """Create an API key for the organisation; returns the key and the full secret key,
    which is stored nowhere and cannot be shown again."""
    if not access.can_manage_api_keys(actor, organization):
        raise PermissionDenied
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Say what the key is for.")})
    scopes = _normalise_scopes(scopes)
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry date must be in the future.")})
    while True:
        prefix = secrets.token_hex(5)
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    full_key = f"{ApiKey.PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    api_key = ApiKey(
        organization=organization, name=name, prefix=prefix, key_hash=_key_hash(full_key), scopes=scopes,
        created_by=actor, expires_at=expires_at,
    )
    api_key.full_clean()
    api_key.save()
    return api_key, full_key


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey, actor: User) -> ApiKey:
    """Stop the key from opening the API. Safe to call twice: a revoked key stays as it was."""
    if not access.can_manage_api_keys(actor, api_key.organization):
        raise PermissionDenied
    api_key = ApiKey.objects.select_for_update().select_related("organization").get(pk=api_key.pk)
    if api_key.revoked_at is None:
        api_key.revoked_at, api_key.revoked_by = timezone.now(), actor
        api_key.save(update_fields=["revoked_at", "revoked_by"])
    return api_key


def api_key_find(full_key: str) -> ApiKey | None:
    """The key this secret belongs to, whatever its state, or None if it belongs to none."""
    parts = full_key.split("_", 2)
    if len(parts) != 3 or parts[0] != ApiKey.PREFIX or not parts[1]:
        return None
    api_key = ApiKey.objects.select_related("organization").filter(prefix=parts[1]).first()
    if api_key is None or not hmac.compare_digest(api_key.key_hash, _key_hash(full_key)):
        return None
    return api_key


# A key's last use is written at most this often: the audit trail has every use anyway.
LAST_USE_RESOLUTION = timedelta(minutes=1)


def api_key_record_use(*, api_key: ApiKey, method: str, path: str, status: int) -> None:
    """Record one request made with the key: an audit event (channel API, for the key's
    organisation, with the method, path, answer and address) and the key's last use. A
    request refused because the key no longer works (401) is recorded but is no use."""
    from core.audit import current_context, record
    from members.principals import ApiKeyPrincipal

    ip = current_context().ip
    now = timezone.now()
    with transaction.atomic():
        record(
            action="api_call", instance=api_key, actor=ApiKeyPrincipal(api_key),
            object_repr=f"{method} {path} → {status}",
        )
        if status == 401:
            return
        # A conditional update, so that a busy key costs one write a minute, not one per request.
        ApiKey.objects.filter(pk=api_key.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USE_RESOLUTION)
        ).update(last_used_at=now, last_used_ip=ip)

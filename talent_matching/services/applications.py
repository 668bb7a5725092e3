"""Writes of the talent platform: applications (求职申请).

A student applies to an open posting; an enterprise invites a student whose profile it sees, and
the student accepts (the invitation becomes an application) or declines. The enterprise moves an
application through shortlisted → interview → offer; the student accepts or declines the offer;
the enterprise rejects at any open stage; the student withdraws. Every step is an
``ApplicationEvent`` (the history both sides see), and the other side is told by e-mail after
commit — the student's school's administrators too, at an offer and its acceptance.

Every transition is in ``TRANSITIONS``, with the side that may make it; anything else is refused
with a sentence saying why (``ValidationError``, or ``PermissionDenied`` for the wrong side)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import record_event
from members.access import is_secretariat
from members.models import OrganizationStatus
from talent_matching import access
from talent_matching.models import (
    Application,
    ApplicationEvent,
    ApplicationMessage,
    ApplicationOrigin,
    ApplicationStage as S,
    Posting,
    StudentProfile,
    Visibility,
)

STUDENT, ENTERPRISE, PLACEMENT = "student", "enterprise", "placement"


@dataclass(frozen=True)
class Transition:
    to: str
    side: str


# (action, stage it starts from) → the stage it leads to and the side that may take it.
TRANSITIONS: dict[tuple[str, str], Transition] = {
    ("accept", S.INVITED): Transition(S.APPLIED, STUDENT),
    ("decline", S.INVITED): Transition(S.DECLINED, STUDENT),
    ("shortlist", S.APPLIED): Transition(S.SHORTLISTED, ENTERPRISE),
    ("interview", S.APPLIED): Transition(S.INTERVIEW, ENTERPRISE),
    ("interview", S.SHORTLISTED): Transition(S.INTERVIEW, ENTERPRISE),
    ("interview", S.INTERVIEW): Transition(S.INTERVIEW, ENTERPRISE),  # a new time or place
    ("offer", S.APPLIED): Transition(S.OFFER, ENTERPRISE),
    ("offer", S.SHORTLISTED): Transition(S.OFFER, ENTERPRISE),
    ("offer", S.INTERVIEW): Transition(S.OFFER, ENTERPRISE),
    ("accept", S.OFFER): Transition(S.ACCEPTED, STUDENT),
    ("decline", S.OFFER): Transition(S.DECLINED, STUDENT),
    **{("reject", stage): Transition(S.REJECTED, ENTERPRISE)
       for stage in (S.INVITED, S.APPLIED, S.SHORTLISTED, S.INTERVIEW, S.OFFER)},
    **{("withdraw", stage): Transition(S.WITHDRAWN, STUDENT)
       for stage in (S.APPLIED, S.SHORTLISTED, S.INTERVIEW, S.OFFER, S.ACCEPTED)},
    ("place", S.ACCEPTED): Transition(S.PLACED, PLACEMENT),
}

ACTIONS = {
    "accept": gettext_lazy("Accept"),
    "decline": gettext_lazy("Decline"),
    "shortlist": gettext_lazy("Shortlist"),
    "interview": gettext_lazy("Invite to an interview"),
    "offer": gettext_lazy("Make an offer"),
    "reject": gettext_lazy("Reject"),
    "withdraw": gettext_lazy("Withdraw"),
    "place": gettext_lazy("Mark as placed"),
}

SIDE_NAMES = {
    STUDENT: gettext_lazy("the student"),
    ENTERPRISE: gettext_lazy("the enterprise"),
    PLACEMENT: gettext_lazy("the enterprise or the student's school"),
}

# The steps the student's school's administrators (placement officers) are told of.
SCHOOL_NOTIFIED_STAGES = frozenset({S.OFFER, S.ACCEPTED})


def may_act(user, application: Application, side: str) -> bool:
    if side == STUDENT:
        return user.pk is not None and application.profile.student_id == user.pk
    if side == ENTERPRISE:
        return access.can_edit_posting(user, application.posting)
    if side == PLACEMENT:
        return (access.can_edit_posting(user, application.posting)
                or application.profile.school_id in access.school_ids(user) or is_secretariat(user))
    return False


def actions_for(user, application: Application) -> list[str]:
    """The actions ``user`` may take on the application now, in the table's order."""
    return [action for (action, stage), step in TRANSITIONS.items()
            if stage == application.stage and step.side != PLACEMENT and may_act(user, application, step.side)]


def action_label(action: str, application: Application) -> str:
    """The button's words for an action on this application."""
    if action == "interview" and application.stage == S.INTERVIEW:
        return _("Change the interview's time or place")
    if action in ("accept", "decline") and application.stage == S.INVITED:
        return _("Accept the invitation") if action == "accept" else _("Decline the invitation")
    if action in ("accept", "decline") and application.stage == S.OFFER:
        return _("Accept the offer") if action == "accept" else _("Decline the offer")
    return str(ACTIONS[action])


def _notify(event: ApplicationEvent) -> None:
    from talent_matching.tasks.applications import application_event_notify_task

    transaction.on_commit(lambda: application_event_notify_task.delay(event.pk))


def _person(actor):
    """The person who acted, for the record (an API key is no person: its call is in the audit trail)."""
    return None if getattr(actor, "is_api_key", False) else actor


def _record(application: Application, *, stage_from: str, actor, note: str) -> ApplicationEvent:
    event = ApplicationEvent.objects.create(
        application=application, stage_from=stage_from, stage_to=application.stage, actor=_person(actor), note=note,
    )
    _notify(event)
    return event


def _check_consent(profile: StudentProfile) -> None:
    if profile.visibility == Visibility.NOBODY:
        raise ValidationError(_(
            "Your profile is shown to no one. Choose who may see it (at least the enterprises you apply to) "
            "before you apply."))


def _check_open(posting: Posting) -> None:
    if not posting.is_open or posting.organization.status != OrganizationStatus.ACTIVE:
        raise ValidationError(_("This posting is not taking applications."))


@transaction.atomic
def application_apply(*, posting: Posting, actor, note: str = "") -> Application:
    """The student ``actor`` applies to ``posting``: the posting's enterprise sees their profile
    for this application from now on. An invitation to the same posting is accepted instead; an
    application the student withdrew is opened again. Raises ValidationError (no profile, a
    profile shown to no one, a posting that is not open, an application already decided)."""
    if not access.can_apply(actor):
        raise PermissionDenied(_("Only students apply to postings."))
    profile = StudentProfile.objects.select_for_update().filter(student=actor).first()
    if profile is None:
        raise ValidationError(_("Make your profile first: the enterprise sees it when you apply."))
    _check_consent(profile)
    posting = Posting.objects.select_related("organization").get(pk=posting.pk)
    existing = Application.objects.select_for_update().filter(posting=posting, profile=profile).first()
    if existing is not None:
        existing.profile, existing.posting = profile, posting
        if existing.stage == S.INVITED:
            return application_transition(application=existing, action="accept", actor=actor, note=note)
        if existing.stage != S.WITHDRAWN:
            raise ValidationError(_("You have already applied to this posting (stage: %(stage)s).")
                                  % {"stage": existing.get_stage_display()})
        _check_open(posting)
        existing.stage = S.APPLIED
        existing.save(update_fields=["stage", "updated_at"])
        _record(existing, stage_from=S.WITHDRAWN, actor=actor, note=note)
        record_event("talent_application.applied", instance=existing, actor=actor, details={"posting": posting.pk})
        return existing
    _check_open(posting)
    application = Application.objects.create(
        posting=posting, profile=profile, origin=ApplicationOrigin.APPLIED, stage=S.APPLIED, created_by=actor,
    )
    _record(application, stage_from="", actor=actor, note=note)
    record_event("talent_application.applied", instance=application, actor=actor, details={"posting": posting.pk})
    return application


@transaction.atomic
def application_invite(*, posting: Posting, profile: StudentProfile, actor, note: str = "") -> Application:
    """An enterprise's administrator or HR invites a student whose profile they see to apply to an
    open posting of the enterprise. The student accepts (it becomes an application) or declines.
    Raises PermissionDenied (not the enterprise's, or a profile they may not see) or
    ValidationError (posting not open, the student already applied or was invited)."""
    posting = Posting.objects.select_related("organization").get(pk=posting.pk)
    if not access.can_edit_posting(actor, posting):
        raise PermissionDenied(_("Only the enterprise's administrators and HR invite students to its postings."))
    if not access.profiles_for(actor).filter(pk=profile.pk).exists():
        raise PermissionDenied(_("This student's profile is not shown to your enterprise."))
    # The student's own application to the posting, made at the same moment, waits for this.
    profile = StudentProfile.objects.select_for_update().get(pk=profile.pk)
    _check_open(posting)
    existing = Application.objects.filter(posting=posting, profile=profile).first()
    if existing is not None:
        raise ValidationError(_("This student is already on this posting's applications (stage: %(stage)s).")
                              % {"stage": existing.get_stage_display()})
    application = Application.objects.create(
        posting=posting, profile=profile, origin=ApplicationOrigin.INVITED, stage=S.INVITED, created_by=_person(actor),
    )
    _record(application, stage_from="", actor=actor, note=note)
    record_event("talent_application.invited", instance=application, actor=actor,
                 details={"posting": posting.pk, "profile": profile.pk})
    return application


@transaction.atomic
def application_transition(*, application: Application, action: str, actor, note: str = "",
                           interview_at: datetime | None = None, interview_place: str = "") -> Application:
    """Take ``action`` on the application, as ``TRANSITIONS`` allows from its stage for the
    actor's side. An interview needs a time and a place. Raises ValidationError (not allowed from
    this stage, interview details missing) or PermissionDenied (the other side's action)."""
    application = Application.objects.select_for_update().select_related(
        "posting__organization", "profile").get(pk=application.pk)
    if action not in ACTIONS:
        raise ValidationError(_("There is no such step as %(action)s.") % {"action": action})
    step = TRANSITIONS.get((action, application.stage))
    if step is None:
        raise ValidationError(_("An application at the stage “%(stage)s” cannot take the step “%(action)s”.")
                              % {"stage": application.get_stage_display(), "action": ACTIONS[action]})
    if not may_act(actor, application, step.side):
        raise PermissionDenied(_("Only %(side)s can take the step “%(action)s” here.")
                               % {"side": SIDE_NAMES[step.side], "action": ACTIONS[action]})
    fields = ["stage", "updated_at"]
    if step.to == S.INTERVIEW:
        errors = {}
        if interview_at is None:
            errors["interview_at"] = [_("Give the interview's date and time.")]
        elif interview_at < timezone.now():
            errors["interview_at"] = [_("The interview's time has passed; give a time to come.")]
        if not interview_place.strip():
            errors["interview_place"] = [_("Give the interview's place (an address, or how to join online).")]
        if errors:
            raise ValidationError(errors)
        application.interview_at, application.interview_place = interview_at, interview_place.strip()
        fields += ["interview_at", "interview_place"]
    if action == "accept" and application.stage == S.INVITED:
        _check_consent(application.profile)
        _check_open(application.posting)
    stage_from = application.stage
    application.stage = step.to
    application.save(update_fields=fields)
    _record(application, stage_from=stage_from, actor=actor, note=note)
    # The stage it came from is in the step's own row (ApplicationEvent), audited as it is written.
    record_event("talent_application.moved", instance=application, actor=actor,
                 details={"stage": step.to, **({"note": note} if note else {})})
    return application


def application_mark_placed(*, application: Application, actor) -> Application:
    """安置: an accepted application becomes placed (called by the placement part). The
    enterprise, the student's school or the secretariat; raises as ``application_transition``."""
    return application_transition(application=application, action="place", actor=actor)


@transaction.atomic
def application_message_send(*, application: Application, actor, body: str) -> ApplicationMessage:
    """A message from one side to the other on the application; the other side is e-mailed.
    The school reads messages but does not write them (PermissionDenied)."""
    application = Application.objects.select_related("posting__organization", "profile").get(pk=application.pk)
    if may_act(actor, application, STUDENT):
        from_student = True
    elif may_act(actor, application, ENTERPRISE):
        from_student = False
    else:
        raise PermissionDenied(_("Only the student and the enterprise write messages on an application."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": [_("Write a message.")]})
    message = ApplicationMessage.objects.create(
        application=application, author=_person(actor), from_student=from_student, body=body,
    )
    from talent_matching.tasks.applications import application_message_notify_task

    transaction.on_commit(lambda: application_message_notify_task.delay(message.pk))
    return message

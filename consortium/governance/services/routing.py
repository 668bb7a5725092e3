"""Governance services: routing of matters (every write: keyword-only, one transaction, permission
checked inside, audited).

A matter's path: drafted at a body (level 统筹协调), reviewed at others, forwarded to a body of the
decision level (规划决策, the council) that decides by a motion of ``services.votes`` whose subject is
the matter; adopted, it goes to the secretariat (组织实施) for execution; rejected, it is closed.
Membership admission joins the path when the governance settings say so: the application the
secretariat approves becomes an admission matter at the council (``members.events``)."""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consortium.governance.access import routing as rules
from consortium.governance.events import motion_decided
from consortium.governance.models import (
    Body,
    BodyKind,
    GovernanceSettings,
    Level,
    Matter,
    MatterKind,
    MatterStatus,
    MatterStep,
    Motion,
    MotionStatus,
    StepAction,
    StepOutcome,
    VotingMode,
)
from core.audit import record_event
from members.events import application_approved
from members.models import MembershipApplication

# What a body may be asked to do: deciding belongs to the decision level.
FORWARD_ACTIONS = (StepAction.REVIEW, StepAction.DECIDE)


def settings() -> GovernanceSettings:
    found = GovernanceSettings.objects.filter(pk=1).first()
    return found or GovernanceSettings(pk=1)


@transaction.atomic
def settings_update(*, actor, admission_needs_council_vote: bool) -> GovernanceSettings:
    if not rules.can_manage_matters(actor):
        raise PermissionDenied
    row, _created = GovernanceSettings.objects.select_for_update().get_or_create(pk=1)
    if row.admission_needs_council_vote != admission_needs_council_vote:
        row.admission_needs_council_vote = admission_needs_council_vote
        row.save()
        record_event("governance.settings_changed", instance=row, actor=actor,
                     details={"admission_needs_council_vote": admission_needs_council_vote})
    return row


def _step(*, matter: Matter, body: Body | None, action: str, position: int) -> MatterStep:
    level = body.level if body is not None else Level.IMPLEMENTATION
    step = MatterStep.objects.create(matter=matter, position=position, body=body, level=level, action=action,
                                     entered_on=timezone.localdate())
    matter.current_step = step
    return step


def _check_decider(body: Body, action: str) -> None:
    if action == StepAction.DECIDE and body.level != Level.DECISION:
        raise ValidationError({"body": _("A matter is decided by a body of the planning and decision level.")})
    if not body.is_active:
        raise ValidationError({"body": _("This body is no longer active.")})


@transaction.atomic
def matter_create(*, actor, title: str, description: str = "", kind: str = MatterKind.GENERAL, body: Body,
                  action: str = StepAction.DRAFT) -> Matter:
    """Open a matter at the body that drafts it (or reviews or decides it)."""
    if not rules.can_manage_matters(actor):
        raise PermissionDenied
    return _open(actor=actor, title=title, description=description, kind=kind, body=body, action=action)


def _open(*, actor, title, description, kind, body, action, subject=None) -> Matter:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Please give the matter a title.")})
    if kind not in MatterKind.values or kind == MatterKind.MINUTES:
        raise ValidationError({"kind": _("Minutes are approved on their own page, not routed as a matter.")})
    if action not in (StepAction.DRAFT, StepAction.REVIEW, StepAction.DECIDE):
        raise ValidationError({"action": _("A matter starts with drafting, review or decision.")})
    _check_decider(body, action)
    matter = Matter(title=title, description=(description or "").strip(), kind=kind, created_by=actor,
                    status=MatterStatus.IN_PROGRESS)
    if subject is not None:
        matter.subject = subject
    matter.save()
    _step(matter=matter, body=body, action=action, position=1)
    matter.save(update_fields=["current_step"])
    record_event("matter.opened", instance=matter, actor=actor, details={"body": body.name})
    return matter


def _lock(matter: Matter) -> Matter:
    return Matter.objects.select_for_update(of=("self",)).select_related("current_step__body").get(pk=matter.pk)


def _close_step(step: MatterStep, *, outcome: str, text: str, actor) -> None:
    step.outcome, step.outcome_text = outcome, text
    step.decided_on, step.decided_by = timezone.localdate(), actor
    step.save(update_fields=["outcome", "outcome_text", "decided_on", "decided_by"])


@transaction.atomic
def matter_forward(*, actor, matter: Matter, outcome_text: str, body: Body, action: str) -> Matter:
    """The body where the matter is has done its part: record the outcome, send it to the next body."""
    matter = _lock(matter)
    if not rules.can_forward(actor, matter):
        raise PermissionDenied
    outcome_text = (outcome_text or "").strip()
    if not outcome_text:
        raise ValidationError({"outcome_text": _("Please say what this step concluded.")})
    if action not in FORWARD_ACTIONS:
        raise ValidationError({"action": _("A matter is forwarded for review or for decision.")})
    _check_decider(body, action)
    step = matter.current_step
    _close_step(step, outcome=StepOutcome.FORWARDED, text=outcome_text, actor=actor)
    _step(matter=matter, body=body, action=action, position=step.position + 1)
    matter.save(update_fields=["current_step"])
    record_event("matter.forwarded", instance=matter, actor=actor,
                 details={"from": str(step.body or _("Secretariat")), "to": body.name})
    return matter


@transaction.atomic
def matter_put_to_vote(*, actor, matter: Matter, deadline: datetime) -> Motion:
    """The deciding body votes in writing on the matter: a motion whose subject is the matter."""
    from consortium.governance.services import votes

    if not rules.can_manage_matters(actor):
        raise PermissionDenied
    matter = _lock(matter)
    step = matter.current_step
    if matter.status != MatterStatus.IN_PROGRESS or step is None or step.action != StepAction.DECIDE:
        raise ValidationError(_("The matter is put to the vote when it has reached the body that decides it."))
    if deadline is None or deadline <= timezone.now():
        raise ValidationError({"deadline": _("The vote must close in the future.")})
    motion = votes.propose_motion(actor=actor, body=step.body, title=matter.title,
                                  text=matter.description or matter.title, matter=matter.kind, subject=matter,
                                  mode=VotingMode.WRITTEN, deadline=deadline)
    votes.open_voting(actor=actor, motion=motion)
    step.motion = motion
    step.save(update_fields=["motion"])
    matter.status = MatterStatus.DECISION
    matter.save(update_fields=["status"])
    record_event("matter.put_to_vote", instance=matter, actor=actor, details={"body": step.body.name})
    return motion


@transaction.atomic
def matter_record_execution(*, actor, matter: Matter, outcome_text: str) -> Matter:
    """The secretariat has carried out the decision."""
    if not rules.can_manage_matters(actor):
        raise PermissionDenied
    matter = _lock(matter)
    if matter.status != MatterStatus.EXECUTION:
        raise ValidationError(_("Only a decided matter being carried out can be recorded as done."))
    outcome_text = (outcome_text or "").strip()
    if not outcome_text:
        raise ValidationError({"outcome_text": _("Please say what was done.")})
    _close_step(matter.current_step, outcome=StepOutcome.EXECUTED, text=outcome_text, actor=actor)
    matter.status, matter.closed_at = MatterStatus.DONE, timezone.now()
    matter.save(update_fields=["status", "closed_at"])
    record_event("matter.executed", instance=matter, actor=actor)
    return matter


@transaction.atomic
def matter_withdraw(*, actor, matter: Matter, reason: str) -> Matter:
    """Close a matter still being prepared (not one being voted on: the vote decides it)."""
    if not rules.can_manage_matters(actor):
        raise PermissionDenied
    matter = _lock(matter)
    if matter.status != MatterStatus.IN_PROGRESS:
        raise ValidationError(_("Only a matter still being prepared can be withdrawn."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for withdrawing the matter.")})
    _close_step(matter.current_step, outcome=StepOutcome.WITHDRAWN, text=reason, actor=actor)
    matter.status, matter.closed_at = MatterStatus.CLOSED, timezone.now()
    matter.save(update_fields=["status", "closed_at"])
    record_event("matter.withdrawn", instance=matter, actor=actor, details={"reason": reason})
    return matter


# --- what other parts and apps tell this part ---------------------------------------------------


def _settle_admission(matter: Matter, *, admitted: bool, note: str) -> None:
    if matter.kind != MatterKind.ADMISSION or matter.subject_type_id != _type_id(MembershipApplication):
        return
    from members.services import application_settle

    application = MembershipApplication.objects.filter(pk=matter.subject_id).first()
    if application is not None:
        application_settle(application=application, admitted=admitted, note=note)


def _type_id(model) -> int:
    return ContentType.objects.get_for_model(model).pk


def _motion_decided(sender, motion: Motion, **kwargs) -> None:
    """The deciding body's vote closed: adopted goes to the secretariat for execution, rejected
    closes the matter, no quorum leaves it at the body to be put to the vote again."""
    if motion.subject_type_id is None or motion.subject_type_id != _type_id(Matter):
        return
    matter = (Matter.objects.select_for_update(of=("self",)).select_related("current_step")
              .filter(pk=motion.subject_id).first())
    if matter is None or matter.status != MatterStatus.DECISION or matter.current_step.motion_id != motion.pk:
        return
    step = matter.current_step
    if motion.status == MotionStatus.ADOPTED:
        resolution = getattr(motion, "resolution", None)
        text = (_("Adopted: resolution %(number)s") % {"number": resolution.number} if resolution
                else _("Adopted"))
        _close_step(step, outcome=StepOutcome.ADOPTED, text=text, actor=None)
        _step(matter=matter, body=None, action=StepAction.EXECUTE, position=step.position + 1)
        matter.status = MatterStatus.EXECUTION
        matter.save(update_fields=["status", "current_step"])
        record_event("matter.decided", instance=matter, actor=None, details={"outcome": text})
        _settle_admission(matter, admitted=True, note=text)
    elif motion.status == MotionStatus.REJECTED:
        text = _("Rejected by %(body)s") % {"body": step.body.name}
        _close_step(step, outcome=StepOutcome.REJECTED, text=text, actor=None)
        matter.status, matter.closed_at = MatterStatus.CLOSED, timezone.now()
        matter.save(update_fields=["status", "closed_at"])
        record_event("matter.decided", instance=matter, actor=None, details={"outcome": text})
        _settle_admission(matter, admitted=False, note=text)
    else:  # no quorum or withdrawn: the body has not decided; the matter waits to be put to the vote again
        step.motion = None
        step.save(update_fields=["motion"])
        matter.status = MatterStatus.IN_PROGRESS
        matter.save(update_fields=["status"])


def _application_approved(sender, application: MembershipApplication, actor, **kwargs) -> bool:
    """When the settings ask for it, the approved application goes to the council as an admission
    matter and the organisation stays an applicant until the council adopts it."""
    if not settings().admission_needs_council_vote:
        return False
    council = Body.objects.filter(kind=BodyKind.COUNCIL, is_active=True).order_by("pk").first()
    if council is None:
        return False
    organization = application.organization
    _open(
        actor=actor, kind=MatterKind.ADMISSION, body=council, action=StepAction.DECIDE, subject=application,
        title=_("Admission of %(organization)s") % {"organization": organization.name_zh},
        description=_("The secretariat approved the membership application %(reference)s; the council "
                      "decides the admission.") % {"reference": application.reference})
    return True


motion_decided.connect(_motion_decided, dispatch_uid="governance.routing.motion_decided")
application_approved.connect(_application_approved, dispatch_uid="governance.routing.application_approved")


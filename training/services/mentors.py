"""Industry mentors: a school's administrators appoint an enterprise's engineer for a term; the
enterprise's administrators accept or decline; the school records the hours taught, withdraws an
appointment or, after the term's end, completes it — the enterprise then earns responsibility
credits (``core.events.contribution``, kind ``mentor_term``, sent once: the governance app records
each source once). Every write: keyword-only, one transaction, permission checked inside, audited."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events
from core.audit import record_event
from members.models import SCHOOL_KINDS, Organization, OrganizationStatus, User
from training.access import mentors as access
from training.models import LIVE_MENTOR_STATUSES, Course, MentorAppointment, MentorStatus

MAX_HOURS = 2000


def _overlapping(*, school, mentor, starts_on: date, ends_on: date, exclude=None):
    qs = MentorAppointment.objects.filter(school=school, mentor=mentor, status__in=LIVE_MENTOR_STATUSES,
                                          starts_on__lte=ends_on, ends_on__gte=starts_on)
    return qs.exclude(pk=exclude) if exclude else qs


@transaction.atomic
def appointment_create(*, actor: User, school: Organization, mentor: User, enterprise: Organization, term: str,
                       starts_on: date, ends_on: date, planned_hours: int, duties: str = "",
                       courses=()) -> MentorAppointment:
    """A school appoints ``mentor`` (of ``enterprise``) for a term; the enterprise is asked to accept."""
    if school is None or school.pk not in access.appointing_school_ids(actor):
        raise PermissionDenied
    school = Organization.objects.select_for_update().get(pk=school.pk)
    errors = {}
    if not (term or "").strip():
        errors["term"] = [_("Name the term, for example the first term of 2026–2027.")]
    if starts_on is None:
        errors["starts_on"] = [_("Give the date the term starts.")]
    if ends_on is None:
        errors["ends_on"] = [_("Give the date the term ends.")]
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = [_("The term cannot end before it starts.")]
    if planned_hours is None or not 0 < planned_hours <= MAX_HOURS:
        errors["planned_hours"] = [_("Give the planned hours, from 1 to %(max)s.") % {"max": MAX_HOURS}]
    if mentor is None or enterprise is None or not access.mentor_memberships().filter(
            user=mentor, organization=enterprise).exists():
        errors["mentor"] = [_("Choose an engineer of an active member enterprise.")]
    courses = list(courses or ())
    if any(course.school_id != school.pk for course in courses):
        errors["courses"] = [_("Choose courses of your own school.")]
    if "mentor" not in errors and starts_on and ends_on and not errors.get("ends_on"):
        clash = _overlapping(school=school, mentor=mentor, starts_on=starts_on, ends_on=ends_on).first()
        if clash is not None:
            errors["starts_on"] = [_("%(mentor)s already has an appointment here from %(start)s to %(end)s.") % {
                "mentor": mentor.full_name or mentor.username, "start": clash.starts_on, "end": clash.ends_on}]
    if errors:
        raise ValidationError(errors)
    appointment = MentorAppointment(school=school, enterprise=enterprise, mentor=mentor, term=term.strip(),
                                    starts_on=starts_on, ends_on=ends_on, planned_hours=planned_hours,
                                    duties=(duties or "").strip(), appointed_by=actor)
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError:  # the database's guard: a concurrent appointment took these dates
        raise ValidationError({"starts_on": [_("The mentor already has an appointment here in these dates.")]}) from None
    if courses:
        appointment.courses.set(courses)
    record_event("mentor.appointed", instance=appointment, actor=actor,
                 details={"mentor": mentor.pk, "enterprise": enterprise.pk, "term": appointment.term})
    return appointment


def _locked(appointment: MentorAppointment) -> MentorAppointment:
    return MentorAppointment.objects.select_for_update().get(pk=appointment.pk)


@transaction.atomic
def appointment_decide(*, appointment: MentorAppointment, actor: User, accept: bool,
                       reason: str = "") -> MentorAppointment:
    """The enterprise's administrators accept or decline (with a reason) an appointment awaiting them."""
    appointment = _locked(appointment)
    if not access.can_decide(actor, appointment):
        raise PermissionDenied
    if appointment.status != MentorStatus.PROPOSED:
        raise ValidationError(_("This appointment is not awaiting a decision."))
    if not accept and not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason for declining.")]})
    appointment.status = MentorStatus.ACCEPTED if accept else MentorStatus.DECLINED
    appointment.reason = (reason or "").strip()
    appointment.decided_by, appointment.decided_at = actor, timezone.now()
    appointment.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    record_event("mentor.accepted" if accept else "mentor.declined", instance=appointment, actor=actor,
                 details={"reason": appointment.reason} if not accept else None)
    return appointment


@transaction.atomic
def appointment_record_hours(*, appointment: MentorAppointment, actor: User, taught_hours: int) -> MentorAppointment:
    """The school records the hours the mentor has taught so far (an accepted appointment)."""
    appointment = _locked(appointment)
    if not access.can_manage(actor, appointment):
        raise PermissionDenied
    if appointment.status != MentorStatus.ACCEPTED:
        raise ValidationError(_("Hours are recorded for accepted appointments only."))
    if taught_hours is None or not 0 <= taught_hours <= MAX_HOURS:
        raise ValidationError({"taught_hours": [_("Give the hours taught, from 0 to %(max)s.") % {"max": MAX_HOURS}]})
    appointment.taught_hours = taught_hours
    appointment.save(update_fields=["taught_hours"])
    return appointment


@transaction.atomic
def appointment_complete(*, appointment: MentorAppointment, actor: User, today: date | None = None) -> MentorAppointment:
    """After the term's end the school marks an accepted appointment completed: the enterprise earns
    responsibility credits for the term (once)."""
    appointment = _locked(appointment)
    if not access.can_manage(actor, appointment):
        raise PermissionDenied
    if appointment.status != MentorStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted appointment can be completed."))
    today = today or timezone.localdate()
    if appointment.ends_on > today:
        raise ValidationError(_("The term ends on %(date)s; complete it after that day.") % {
            "date": appointment.ends_on})
    if appointment.taught_hours <= 0:
        raise ValidationError(_("Record the hours taught before completing the term."))
    appointment.status, appointment.completed_at = MentorStatus.COMPLETED, timezone.now()
    appointment.save(update_fields=["status", "completed_at"])
    record_event("mentor.completed", instance=appointment, actor=actor,
                 details={"taught_hours": appointment.taught_hours})
    events.contribution.send(sender=MentorAppointment, kind="mentor_term", organization=appointment.enterprise,
                             source=appointment, quantity=1, occurred_on=appointment.ends_on)
    return appointment


@transaction.atomic
def appointment_withdraw(*, appointment: MentorAppointment, actor: User, reason: str) -> MentorAppointment:
    """The school withdraws an appointment not yet completed (the mentor's dates are freed)."""
    appointment = _locked(appointment)
    if not access.can_manage(actor, appointment):
        raise PermissionDenied
    if appointment.status not in (MentorStatus.PROPOSED, MentorStatus.ACCEPTED):
        raise ValidationError(_("Only an appointment awaiting the enterprise or accepted can be withdrawn."))
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason for withdrawing.")]})
    appointment.status, appointment.reason = MentorStatus.WITHDRAWN, reason.strip()
    appointment.save(update_fields=["status", "reason"])
    record_event("mentor.withdrawn", instance=appointment, actor=actor, details={"reason": appointment.reason})
    return appointment


def school_choices(actor) -> list[Organization]:
    return list(Organization.objects.filter(pk__in=access.appointing_school_ids(actor), kind__in=SCHOOL_KINDS,
                                            status=OrganizationStatus.ACTIVE).order_by("name_zh"))


def course_choices(actor):
    return Course.objects.filter(school_id__in=access.appointing_school_ids(actor)).order_by("pk")

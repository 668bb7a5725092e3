"""E-mails about applications (求职申请): each step to the other side, each message to the other
side, and an offer and its acceptance to the student's school's administrators (the placement
officers). Sent in the portal's language through Django's mail backend, by Celery tasks after
commit; each e-mail is claimed first with a conditional update, so a retried or duplicated task
never sends twice, and a failed send releases the claim for the retry."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from members.models import Membership, OrganizationStatus, Role
from talent_matching.access import ENTERPRISE_ROLES
from talent_matching.models import ApplicationEvent, ApplicationMessage

TEMPLATES = "talent_matching/applications/email"


def _addresses(users) -> list[str]:
    return sorted({user.email for user in users if user is not None and user.email and user.is_active})


def student_addresses(application) -> list[str]:
    return _addresses([application.profile.student])


def enterprise_addresses(application) -> list[str]:
    """The enterprise's administrators and HR, while it is an active member."""
    organization = application.posting.organization
    if organization.status != OrganizationStatus.ACTIVE:
        return []
    people = Membership.objects.active().filter(organization=organization, role__in=ENTERPRISE_ROLES)
    return _addresses(m.user for m in people.select_related("user"))


def school_addresses(application) -> list[str]:
    """The student's school's administrators: its placement officers."""
    people = Membership.objects.active().filter(organization_id=application.profile.school_id, role=Role.ORG_ADMIN)
    return _addresses(m.user for m in people.select_related("user"))


def _send(template: str, context: dict, to: list[str]) -> None:
    if not to:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "base_url": settings.PORTAL_BASE_URL, "consortium_name": settings.CONSORTIUM_NAME}
        subject = " ".join(render_to_string(f"{TEMPLATES}/{template}_subject.txt", context).split())
        body = render_to_string(f"{TEMPLATES}/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def _claim(model, pk: int, field: str) -> bool:
    return model.objects.filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: timezone.now()}) == 1


def _send_claimed(model, pk: int, field: str, send) -> int:
    if not _claim(model, pk, field):
        return 0
    try:
        send()
    except Exception:
        model.objects.filter(pk=pk).update(**{field: None})
        raise
    return 1


EVENTS = ApplicationEvent.objects.select_related(
    "application__posting__organization", "application__profile__student", "application__profile__school", "actor")


def event_notify(*, event_id: int) -> int:
    """Tell the other side of a step (the student of the enterprise's steps, the enterprise of
    the student's), and the school's administrators of an offer or its acceptance. Returns how
    many e-mails this call sent (0 when already sent)."""
    from talent_matching.services.applications import SCHOOL_NOTIFIED_STAGES

    event = EVENTS.get(pk=event_id)
    application = event.application
    by_student = event.actor_id is not None and event.actor_id == application.profile.student_id
    to = enterprise_addresses(application) if by_student else student_addresses(application)
    context = {"event": event, "application": application, "by_student": by_student}
    sent = _send_claimed(ApplicationEvent, event_id, "notified_at", lambda: _send("event", context, to))
    if event.stage_to in SCHOOL_NOTIFIED_STAGES:
        sent += _send_claimed(ApplicationEvent, event_id, "school_notified_at",
                              lambda: _send("school_event", context, school_addresses(application)))
    return sent


def message_notify(*, message_id: int) -> int:
    message = ApplicationMessage.objects.select_related(
        "application__posting__organization", "application__profile__student", "author").get(pk=message_id)
    application = message.application
    to = enterprise_addresses(application) if message.from_student else student_addresses(application)
    context = {"message": message, "application": application}
    return _send_claimed(ApplicationMessage, message_id, "notified_at", lambda: _send("message", context, to))

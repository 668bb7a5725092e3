"""Emails to people about their invitations and applications.

Each send is claimed first with a conditional update, so a retried or duplicated task
never sends twice; a failed send releases the claim for the retry."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from members.models import ApplicationEvent, Invitation


def _send(*, template: str, context: dict, to: str | list[str]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "base_url": settings.PORTAL_BASE_URL, "consortium_name": settings.CONSORTIUM_NAME}
        subject = render_to_string(f"members/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"members/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to] if isinstance(to, str) else to)


def _send_once(claimable, *, pk: int, field: str, message) -> bool:
    """Claim the row's ``field`` (still empty in ``claimable``), then send ``message(obj)``
    (template, context, address). Returns whether this call sent it."""
    if claimable.filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: timezone.now()}) != 1:
        return False
    try:
        template, context, to = message(claimable.model.objects.get(pk=pk))
        _send(template=template, context=context, to=to)
    except Exception:
        claimable.model.objects.filter(pk=pk).update(**{field: None})
        raise
    return True


def invitation_send(*, invitation_id: int) -> bool:
    """Email the invitation once, unless it was accepted or withdrawn meanwhile."""
    return _send_once(
        Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True),
        pk=invitation_id,
        field="sent_at",
        message=lambda invitation: ("invitation", {"invitation": invitation}, invitation.email),
    )


def _application_recipients(event: ApplicationEvent) -> list[str]:
    """The applicant and, when another address, the organisation's contact."""
    addresses = [event.application.applicant.email, event.application.organization.contact_email]
    return list(dict.fromkeys(address for address in addresses if address))


def application_event_notify(*, event_id: int) -> bool:
    """Tell the applicant of a step of their application (received, sent back, decided), once."""
    return _send_once(
        ApplicationEvent.objects.select_related("application__applicant", "application__organization"),
        pk=event_id,
        field="notified_at",
        message=lambda event: (
            "application_event",
            {"event": event, "application": event.application, "review_days": settings.APPLICATION_REVIEW_DAYS},
            _application_recipients(event),
        ),
    )


def invitation_reminders_send() -> int:
    """Remind invitees whose invitation expires within two days; each is reminded once."""
    now = timezone.now()
    due = Invitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, sent_at__isnull=False,
        expires_at__gt=now, expires_at__lte=now + timedelta(days=2),
    )
    sent = 0
    for invitation_id in list(due.filter(reminded_at__isnull=True).values_list("pk", flat=True)):
        sent += _send_once(
            due,
            pk=invitation_id,
            field="reminded_at",
            message=lambda invitation: ("invitation", {"invitation": invitation, "reminder": True}, invitation.email),
        )
    return sent

"""Emails to people about their invitations and applications.

Each send is claimed first with a conditional update, so a retried or duplicated task
never sends twice; a failed send releases the claim for the retry."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from members.models import ApplicationStatus, Invitation, MembershipApplication


def _send(*, template: str, context: dict, to: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "base_url": settings.PORTAL_BASE_URL, "consortium_name": settings.CONSORTIUM_NAME}
        subject = render_to_string(f"members/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"members/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def _claim(queryset, field: str) -> bool:
    return queryset.filter(**{f"{field}__isnull": True}).update(**{field: timezone.now()}) == 1


def invitation_send(*, invitation_id: int) -> bool:
    """Email the invitation once. Returns whether this call sent it."""
    claim = Invitation.objects.filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
    if not _claim(claim, "sent_at"):
        return False
    invitation = Invitation.objects.select_related("organization", "invited_by").get(pk=invitation_id)
    try:
        _send(template="invitation", context={"invitation": invitation}, to=invitation.email)
    except Exception:
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    return True


def application_decision_notify(*, application_id: int) -> bool:
    """Tell the applicant the secretariat's decision, once."""
    claim = MembershipApplication.objects.filter(pk=application_id).exclude(status=ApplicationStatus.PENDING)
    if not _claim(claim, "decision_notified_at"):
        return False
    application = MembershipApplication.objects.select_related("organization", "applicant").get(pk=application_id)
    try:
        _send(template="application_decision", context={"application": application}, to=application.applicant.email)
    except Exception:
        MembershipApplication.objects.filter(pk=application_id).update(decision_notified_at=None)
        raise
    return True


def invitation_reminders_send() -> int:
    """Remind invitees whose invitation expires within two days; each is reminded once."""
    now = timezone.now()
    due = Invitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, sent_at__isnull=False,
        reminded_at__isnull=True, expires_at__gt=now, expires_at__lte=now + timedelta(days=2),
    ).values_list("pk", flat=True)
    sent = 0
    for invitation_id in list(due):
        if not _claim(Invitation.objects.filter(pk=invitation_id), "reminded_at"):
            continue
        invitation = Invitation.objects.select_related("organization", "invited_by").get(pk=invitation_id)
        try:
            _send(template="invitation", context={"invitation": invitation, "reminder": True}, to=invitation.email)
        except Exception:
            Invitation.objects.filter(pk=invitation_id).update(reminded_at=None)
            raise
        sent += 1
    return sent

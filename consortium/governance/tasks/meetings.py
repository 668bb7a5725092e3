"""Governance background jobs: meetings — e-mailing notifications at once, and the daily digest.
Thin wrappers around ``services.meetings``; each is safe to run twice (notifications are claimed
before they are sent)."""

from celery import shared_task

__all__ = ["notifications_mail_task", "notifications_digest_task"]


@shared_task(bind=True, max_retries=5, default_retry_delay=60, autoretry_for=(OSError,))
def notifications_mail_task(self, ids: list[int]) -> int:
    from consortium.governance.services import meetings

    return meetings.notifications_mail(ids=ids)


@shared_task(bind=True, max_retries=5, default_retry_delay=300, autoretry_for=(OSError,))
def notifications_digest_task(self) -> int:
    from consortium.governance.services import meetings

    return meetings.digest_send()

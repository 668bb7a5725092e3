"""Governance background jobs: action items — the daily reminder of overdue items' owners, a
thin wrapper around ``services.actions.reminders_send``."""

from celery import shared_task

from core.audit import audit_context

__all__ = ["action_reminders_task"]


@shared_task(bind=True, max_retries=3, default_retry_delay=60, autoretry_for=(Exception,))
def action_reminders_task(self) -> int:
    """Scheduled daily: reminds the owners of each overdue action item once that day; safe to
    repeat (an item already reminded today is skipped)."""
    from consortium.governance.services.actions import reminders_send

    with audit_context():
        return reminders_send()

"""Background jobs of supply and demand: thin wrappers around ``services.supply``."""

from celery import shared_task

from core.audit import audit_context

__all__ = ["supply_snapshot_due_task", "supply_snapshot_task"]


@shared_task(bind=True, max_retries=3, default_retry_delay=30, autoretry_for=(Exception,))
def supply_snapshot_due_task(self) -> int:
    """Scheduled daily: takes the month's figures on the first run of each month."""
    from talent_matching.services.supply import snapshot_due

    with audit_context():
        return snapshot_due()


@shared_task(bind=True, max_retries=3, default_retry_delay=30, autoretry_for=(Exception,))
def supply_snapshot_task(self, period: str | None = None, actor_id: int | None = None) -> int:
    """Takes (or takes again) one month's figures: ``period`` as YYYY-MM-DD, the current month
    when None; ``actor_id`` the person who asked (the secretariat), if any. Safe to repeat: the
    month's figures are replaced whole."""
    from datetime import date

    from django.contrib.auth import get_user_model

    from talent_matching.services.supply import snapshot_month

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    with audit_context(actor=actor):
        return snapshot_month(period=date.fromisoformat(period) if period else None, actor=actor)

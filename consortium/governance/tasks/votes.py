"""Governance background jobs: votes — thin wrappers around ``services.votes``."""

from celery import shared_task

from core.audit import audit_context

__all__ = ["close_due_motions_task"]


@shared_task(bind=True, max_retries=3, default_retry_delay=30, autoretry_for=(Exception,))
def close_due_motions_task(self) -> int:
    """Scheduled: closes the written votes past their deadline (safe to retry and to overlap)."""
    from consortium.governance.services.votes import close_due_motions

    with audit_context():
        return close_due_motions()

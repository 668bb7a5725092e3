"""Matching jobs: thin wrappers over ``talent_matching.services.matching`` (arguments are ids;
each is safe to run again — a retry or a redelivered job after a lost worker redoes the run
from the start or finds it done)."""

from celery import shared_task

from core.audit import audit_context

__all__ = ["run_matching_task", "nightly_matching_task", "rematch_posting_task", "rematch_profile_task"]


@shared_task(bind=True, max_retries=2, default_retry_delay=30, autoretry_for=(Exception,), acks_late=True)
def run_matching_task(self, run_id: int) -> int:
    """A full run; returns the pairs kept."""
    from talent_matching.services import matching

    with audit_context():
        return matching.run_execute(run_id=run_id).summary.get("pairs", 0)


@shared_task
def nightly_matching_task() -> int:
    """The scheduled full run (Celery beat, every night)."""
    from talent_matching.services import matching

    with audit_context():
        return matching.run_start(actor=None).pk


@shared_task(bind=True, max_retries=3, default_retry_delay=5, autoretry_for=(Exception,), acks_late=True)
def rematch_posting_task(self, posting_id: int) -> int:
    from talent_matching.services import matching

    with audit_context():
        return matching.rematch_posting(posting_id=posting_id)


@shared_task(bind=True, max_retries=3, default_retry_delay=5, autoretry_for=(Exception,), acks_late=True)
def rematch_profile_task(self, profile_id: int) -> int:
    from talent_matching.services import matching

    with audit_context():
        return matching.rematch_profile(profile_id=profile_id)

"""Scheduled work on student profiles: de-identification after the retention period."""

from celery import shared_task

__all__ = ["profiles_deidentify_task"]


@shared_task
def profiles_deidentify_task() -> int:
    """De-identify the profiles of students who left longer ago than the secretariat's retention
    period (safe to run again)."""
    from talent_matching.services.profiles import profiles_deidentify

    return profiles_deidentify()

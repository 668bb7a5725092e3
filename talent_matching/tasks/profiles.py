"""Background work on student profiles: the nightly de-identification after the retention
period, and telling students whose school imported their profile to choose who may see it."""

from celery import shared_task

__all__ = ["profiles_deidentify_task", "profiles_ask_consent_task"]


@shared_task
def profiles_deidentify_task() -> int:
    """De-identify the profiles of students who left longer ago than the secretariat's retention
    period (safe to run again)."""
    from talent_matching.services.profiles import profiles_deidentify

    return profiles_deidentify()


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def profiles_ask_consent_task(self, profile_ids: list[int]) -> int:
    """E-mail the students whose profiles a school imported (those who chose meanwhile are skipped)."""
    from talent_matching.services.profiles import profiles_ask_consent

    try:
        return profiles_ask_consent(profile_ids=profile_ids)
    except OSError as error:  # the mail server could not be reached: try again later
        raise self.retry(exc=error)

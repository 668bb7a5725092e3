"""Background jobs of applications: thin wrappers that fetch by id and send the e-mails. Each is
safe to run twice: an e-mail is claimed before it is sent."""

from celery import shared_task

__all__ = ["application_event_notify_task", "application_message_notify_task"]


@shared_task(bind=True, max_retries=5, default_retry_delay=30, autoretry_for=(OSError,))
def application_event_notify_task(self, event_id: int) -> int:
    from talent_matching.services import applications_mail

    return applications_mail.event_notify(event_id=event_id)


@shared_task(bind=True, max_retries=5, default_retry_delay=30, autoretry_for=(OSError,))
def application_message_notify_task(self, message_id: int) -> int:
    from talent_matching.services import applications_mail

    return applications_mail.message_notify(message_id=message_id)

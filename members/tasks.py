"""Background jobs of the members app: thin wrappers that fetch by id and call services.
Each is safe to run twice: a sent email is claimed before it is sent."""

from celery import shared_task

from members import notifications


@shared_task(bind=True, max_retries=5, default_retry_delay=30, autoretry_for=(OSError,))
def invitation_send_task(self, invitation_id: int) -> bool:
    return notifications.invitation_send(invitation_id=invitation_id)


@shared_task(bind=True, max_retries=5, default_retry_delay=30, autoretry_for=(OSError,))
def application_event_notify_task(self, event_id: int) -> bool:
    return notifications.application_event_notify(event_id=event_id)


@shared_task
def invitation_reminders_task() -> int:
    return notifications.invitation_reminders_send()

"""Background jobs of the credentials area: thin wrappers that call the services."""

from celery import shared_task

from core.audit import audit_context
from credentials import services


@shared_task(bind=True, max_retries=3, default_retry_delay=10, autoretry_for=(Exception,))
def batch_issue_task(self, batch_id: int) -> int:
    """Issue a batch; retried after a failure (three times), it issues only what is missing."""
    with audit_context():
        return services.batch_run(batch_id=batch_id).done

from celery import shared_task


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def checkpoint_publish_task(self) -> int | None:
    """Sign a checkpoint when the log grew and collect the witnesses' cosignatures; the size signed."""
    from core.audit import audit_context
    from transparency.services import checkpoint_publish

    with audit_context(source="system"):
        checkpoint = checkpoint_publish()
    return checkpoint.size if checkpoint else None

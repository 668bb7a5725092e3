"""Waiting for what a real Celery worker does in the background."""

import time


def wait_for(predicate, timeout: float = 30.0) -> bool:
    """True as soon as ``predicate()`` is, False when ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False

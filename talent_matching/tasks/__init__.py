"""Background jobs of the talent platform, one module per part (found by Celery's autodiscovery)."""

from talent_matching.tasks.applications import *  # noqa

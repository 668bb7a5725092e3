"""The talent platform's Celery jobs, one module per part (autodiscovered by the site's Celery app)."""
from talent_matching.tasks.matching import *  # noqa

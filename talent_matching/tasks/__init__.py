"""Celery tasks of the talent platform, one module per part."""
from talent_matching.tasks.profiles import *  # noqa

"""The talent platform's background jobs, one module per part (Celery finds them here)."""

from talent_matching.tasks.applications import *  # noqa
from talent_matching.tasks.matching import *  # noqa
from talent_matching.tasks.profiles import *  # noqa
from talent_matching.tasks.supply import *  # noqa

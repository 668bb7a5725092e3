"""Governance background jobs, one module per part (Celery finds them here)."""

from consortium.governance.tasks.bodies import *  # noqa
from consortium.governance.tasks.meetings import *  # noqa
from consortium.governance.tasks.votes import *  # noqa
from consortium.governance.tasks.minutes import *  # noqa
from consortium.governance.tasks.routing import *  # noqa
from consortium.governance.tasks.actions import *  # noqa
from consortium.governance.tasks.plans import *  # noqa
from consortium.governance.tasks.projects import *  # noqa
from consortium.governance.tasks.credits import *  # noqa
from consortium.governance.tasks.disclosure import *  # noqa

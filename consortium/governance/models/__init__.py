"""The governance data, one module per part."""

from consortium.governance.models.bodies import *  # noqa: F401,F403
from consortium.governance.models.meetings import *  # noqa: F401,F403
from consortium.governance.models.votes import *  # noqa: F401,F403
from consortium.governance.models.minutes import *  # noqa: F401,F403
from consortium.governance.models.routing import *  # noqa: F401,F403
from consortium.governance.models.actions import *  # noqa: F401,F403
from consortium.governance.models.plans import *  # noqa: F401,F403
from consortium.governance.models.projects import *  # noqa: F401,F403
from consortium.governance.models.credits import *  # noqa: F401,F403
from consortium.governance.models.disclosure import *  # noqa: F401,F403

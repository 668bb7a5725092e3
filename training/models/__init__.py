"""The training app's models, one module per part."""

from training.models.standards import *  # noqa: F401,F403
from training.models.competitions import *  # noqa: F401,F403
from training.models.courses import *  # noqa: F401,F403
from training.models.resources import *  # noqa: F401,F403
from training.models.teachers import *  # noqa: F401,F403
from training.models.mentors import *  # noqa: F401,F403
from training.models.employees import *  # noqa: F401,F403
from training.models.bases import *  # noqa: F401,F403
from training.models.pathways import *  # noqa: F401,F403

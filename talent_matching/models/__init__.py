"""The talent supply–demand platform's data, one module per part: postings (岗位需求), student
profiles and consent, applications, matching runs and results, placement rounds, and the
supply–demand figures with their early-warning thresholds."""

from talent_matching.models.applications import *  # noqa: F401,F403
from talent_matching.models.matching import *  # noqa: F401,F403
from talent_matching.models.placement import *  # noqa: F401,F403
from talent_matching.models.postings import *  # noqa: F401,F403
from talent_matching.models.profiles import *  # noqa: F401,F403
from talent_matching.models.supply import *  # noqa: F401,F403

"""The governance rules in the security matrix (see ``tests/matrix.py``), one module per part."""

from consortium.governance.tests import (
    matrix_actions, matrix_bodies, matrix_credits, matrix_disclosure, matrix_hub, matrix_meetings, matrix_minutes,
    matrix_plans, matrix_projects, matrix_routing, matrix_votes,
)

RULES = {
    **matrix_hub.RULES,
    **matrix_bodies.RULES,
    **matrix_meetings.RULES,
    **matrix_votes.RULES,
    **matrix_minutes.RULES,
    **matrix_routing.RULES,
    **matrix_actions.RULES,
    **matrix_plans.RULES,
    **matrix_projects.RULES,
    **matrix_credits.RULES,
    **matrix_disclosure.RULES,
}

"""Connects the receivers each part keeps in its services module (motion_decided, core.events)."""

from consortium.governance.services import (  # noqa: F401
    actions, bodies, credits, disclosure, meetings, minutes, plans, projects, routing, votes,
)

"""Every governance page the accessibility test (tests/test_accessibility.py) opens, part by part."""

from django.urls import reverse

from consortium.governance.tests import (
    pages_actions, pages_bodies, pages_credits, pages_disclosure, pages_meetings, pages_minutes, pages_plans,
    pages_projects, pages_routing, pages_votes,
)

PARTS = (pages_bodies, pages_meetings, pages_votes, pages_minutes, pages_routing, pages_actions, pages_plans,
         pages_projects, pages_credits, pages_disclosure)


def pages() -> dict[str, list[tuple[str, str]]]:
    found = {"council": [("council hub", reverse("governance:home"))]}
    for part in PARTS:
        for who, more in part.pages().items():
            found.setdefault(who, []).extend(more)
    return found

"""The home page's content for each person: the panels every app declares in its
``portal.py``, with links only to what this person may open; and the latest announcements,
the same for everyone."""

from django.template.loader import render_to_string

from consortium.selectors import ANNOUNCEMENTS, latest_announcements
from core.caching import cached_fragment
from core.portal import Section, resolved_sections


def home_sections(user) -> list[Section]:
    return resolved_sections(user)


def latest_announcements_html() -> str:
    """The home page's list of announcements, rendered once per language until one changes."""
    return cached_fragment(ANNOUNCEMENTS, key=("home",), render=lambda: render_to_string(
        "consortium/_home_announcements.html", {"announcements": latest_announcements()}
    ))

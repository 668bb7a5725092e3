"""The home page's content for each person: the panels every app declares in its
``portal.py``, with links only to what this person may open; and the latest announcements,
the same for everyone."""

from django.template.loader import render_to_string
from django.urls import reverse

from consortium.selectors import ANNOUNCEMENTS, latest_announcements
from core.caching import cached_fragment
from core.portal import Section, home_panels, link_allowed


def _resolved(user, section: Section) -> Section | None:
    links = []
    for label, url_name, *args in section.links:
        if link_allowed(user, url_name):
            links.append((label, reverse(url_name, args=args[0] if args else None)))
    if section.links and not links:
        return None
    return Section(section.title, section.text, links, section.badge)


def home_sections(user) -> list[Section]:
    sections = []
    for panel in home_panels():
        for section in panel.build(user):
            shown = _resolved(user, section)
            if shown is not None:
                sections.append(shown)
    return sections


def latest_announcements_html() -> str:
    """The home page's list of announcements, rendered once per language until one changes."""
    return cached_fragment(ANNOUNCEMENTS, key=("home",), render=lambda: render_to_string(
        "consortium/_home_announcements.html", {"announcements": latest_announcements()}
    ))

"""The home page's content for each person: the panels every app declares in its
``portal.py``, with links only to what this person may open."""

from django.urls import reverse

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

"""How an app plugs into the site. Each app may keep a ``portal.py`` declaring what it adds;
the site collects the declarations of every installed app, so adding an app edits no
central list.

``portal.py`` may define any of:

* ``URLS = "talent/"``: the prefix its ``urls.py`` (with ``app_name``) is mounted at;
* ``MENU``: ``MenuEntry`` items — the main navigation, each with the check that decides
  who sees it;
* ``HOME_PANELS``: ``HomePanel`` items — what the home page shows a signed-in person;
  a panel's links to pages guarded by a menu entry appear only to people who pass that
  entry's check, so the home page never offers what the menu hides;
* ``API_ROUTES``: ``ApiRoute`` items, registered on the ``/api/v1/`` router;
* ``PERIODIC_TASKS``: ``PeriodicTask`` items, run by Celery beat;
* ``AUDIT_EVENTS``: ``{"application.approved": _("Application approved")}`` — the decisions
  its services record by name in the audit trail (``core.audit.record_event``);
* ``API_SCOPES``: ``{"members": _("Organisations and people")}`` — the parts of the API its
  viewsets serve (``api_part``), which API keys are given read or write scopes on;
* ``TRANSPARENCY_KINDS``: ``{"credential.issued": digest_of}`` — the kinds of transparency-log
  entry it writes, each with a function taking the entry's object reference and returning the
  ``sha256:<hex>`` digest of that object as it is now in the database (None when it is gone), so
  ``manage.py verify_log`` can tell a row changed behind the portal's back.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from typing import Callable

from django.apps import apps


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    allowed: Callable  # (user) -> bool
    section: str  # the first part of the path that marks the entry as current ("" = the home page)
    order: int = 100


@dataclass
class Section:
    """One panel of the home page as shown: a title, a sentence, links (label, address)."""

    title: str
    text: str
    links: list = field(default_factory=list)
    badge: int | None = None


@dataclass(frozen=True)
class HomePanel:
    """``build(user)`` returns the sections to show this person (none, one or several), with
    links as (label, URL name[, args])."""

    build: Callable
    order: int = 100


@dataclass(frozen=True)
class ApiRoute:
    prefix: str
    viewset: type
    basename: str


@dataclass(frozen=True)
class PeriodicTask:
    name: str
    task: str
    schedule: timedelta


@lru_cache(maxsize=None)
def _modules() -> tuple:
    found = []
    for config in apps.get_app_configs():
        try:
            found.append(importlib.import_module(f"{config.name}.portal"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.portal":
                raise
    return tuple(found)


def _collect(name: str) -> list:
    return [item for module in _modules() for item in getattr(module, name, ())]


@lru_cache(maxsize=None)
def menu_entries() -> tuple[MenuEntry, ...]:
    return tuple(sorted(_collect("MENU"), key=lambda entry: entry.order))


@lru_cache(maxsize=None)
def home_panels() -> tuple[HomePanel, ...]:
    return tuple(sorted(_collect("HOME_PANELS"), key=lambda panel: panel.order))


def api_routes() -> list[ApiRoute]:
    return _collect("API_ROUTES")


def periodic_tasks() -> list[PeriodicTask]:
    return _collect("PERIODIC_TASKS")


@lru_cache(maxsize=None)
def declared(name: str) -> dict:
    """A dict every app's portal.py may add to (``AUDIT_EVENTS``, ``API_SCOPES``)."""
    return {key: value for module in _modules() for key, value in getattr(module, name, {}).items()}


def audit_events() -> dict:
    return declared("AUDIT_EVENTS")


def transparency_kinds() -> dict[str, Callable]:
    return declared("TRANSPARENCY_KINDS")


def url_mounts() -> list[tuple[str, str]]:
    """(prefix, urls module) for every app that declares ``URLS``."""
    return [(module.URLS, module.__name__.rsplit(".", 1)[0] + ".urls") for module in _modules() if hasattr(module, "URLS")]


@lru_cache(maxsize=None)
def _guards() -> dict[str, Callable]:
    return {entry.url_name: entry.allowed for entry in menu_entries()}


def link_allowed(user, url_name: str) -> bool:
    """A page guarded by a menu entry is offered only to people who see that entry."""
    guard = _guards().get(url_name)
    return guard is None or guard(user)


def resolved_sections(user, panels=None) -> list[Section]:
    """The sections ``panels`` (every app's home panels, by default) build for ``user``, each link
    as (label, address) and only where the person may open it; a section whose every link is
    withheld is left out. An app's own hub page shows its own panels this way."""
    from django.urls import reverse

    sections = []
    for panel in home_panels() if panels is None else sorted(panels, key=lambda p: p.order):
        for section in panel.build(user):
            links = [(label, reverse(url_name, args=args[0] if args else None))
                     for label, url_name, *args in section.links if link_allowed(user, url_name)]
            if section.links and not links:
                continue
            sections.append(Section(section.title, section.text, links, section.badge))
    return sections

"""The navigation each person sees: only what their role may use."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from members import access


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: Callable
    section: str  # the first part of the path that marks the item as current

    def url(self):
        return _url(self.url_name, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=256)
def _url(url_name: str, script_prefix: str, urlconf) -> str:
    """The menu's addresses take no arguments: work each out once per prefix, not per page."""
    return reverse(url_name, urlconf=urlconf)


def _anyone(user):
    return True


def _anonymous(user):
    return not user.is_authenticated


ITEMS = [
    NavItem(_("Home"), "home", _anyone, ""),
    NavItem(_("About"), "about", _anonymous, "about"),
    NavItem(_("Members"), "members:organization_list", _anyone, "members/organizations"),
    NavItem(_("Talent"), "talent_matching:index", access.can_use_talent_platform, "talent"),
    NavItem(_("Training"), "training:index", access.can_use_training, "training"),
    NavItem(_("Credentials"), "credentials:index", access.can_use_credentials, "credentials"),
    NavItem(_("Applications"), "members:application_list", access.can_decide_applications, "members/applications"),
    NavItem(_("Audit trail"), "audit_list", access.can_view_audit, "audit"),
    NavItem(_("Join"), "members:apply", _anonymous, "members/apply"),
]


def navigation_for(user, path: str = "") -> list[dict]:
    current = path.strip("/")
    items = []
    for item in ITEMS:
        if item.allowed(user):
            is_current = current == item.section if not item.section else current.startswith(item.section)
            items.append({"label": item.label, "url": item.url(), "current": is_current})
    return items


def navigation(request):
    """Template context: the menu, the viewer's organisation and admin-console access."""
    user = request.user

    def managed():
        org_id = access.primary_organization_id(user)
        return org_id if org_id in access.profile(user).orgs_with_role("org_admin") else None

    def api_url():
        # Administrators land on their organisation's keys, which link to the documentation.
        org_id = managed()
        return reverse("members:api_keys", args=[org_id]) if org_id else reverse("api_docs")

    return {
        "nav_items": SimpleLazyObject(lambda: navigation_for(user, request.path)),
        "nav_primary_organization_id": SimpleLazyObject(lambda: access.primary_organization_id(user)),
        "nav_managed_organization_id": SimpleLazyObject(managed),
        "nav_admin_console": SimpleLazyObject(lambda: access.can_use_admin_console(user)),
        # Only those who manage some organisation's API keys: not students, teachers or staff.
        "nav_api": SimpleLazyObject(lambda: access.can_manage_any_api_keys(user)),
        "nav_api_url": SimpleLazyObject(api_url),
        "consortium_name": settings.CONSORTIUM_NAME,
    }

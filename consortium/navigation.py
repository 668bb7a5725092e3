"""The navigation each person sees: every app's menu entries (``core.portal``), only those
their role may use."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject

from core.portal import menu_entries
from members import access


@lru_cache(maxsize=256)
def _url(url_name: str, script_prefix: str, urlconf) -> str:
    """The menu's addresses take no arguments: work each out once per prefix, not per page."""
    return reverse(url_name, urlconf=urlconf)


def navigation_for(user, path: str = "") -> list[dict]:
    current = path.strip("/")
    items = []
    prefix, urlconf = get_script_prefix(), get_urlconf()
    for entry in menu_entries():
        if entry.allowed(user):
            is_current = current == entry.section if not entry.section else current.startswith(entry.section)
            items.append({"label": entry.label, "url": _url(entry.url_name, prefix, urlconf), "current": is_current})
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

"""The parts of the portal an API key's scopes name.

Each app declares the parts its API serves in its portal.py (``API_SCOPES = {"members":
_("Organisations and people")}``, see ``core.portal``) and names the part on its viewsets (``api_part = "members"``); no central list knows the apps. A key is given,
per part, read (``members:read``) or read and write (``members:write``, which implies read).

``ApiScopePermission`` (in DRF's default permission classes) enforces them. This module
imports no DRF views, so that DRF's settings can name it.
"""

from django.utils.translation import gettext_lazy
from rest_framework import permissions

READ, WRITE = "read", "write"


def api_parts() -> dict[str, object]:
    """Part name -> its (translatable) label, in the order of the installed apps."""
    from core.portal import declared

    return declared("API_SCOPES")


def api_scopes() -> set[str]:
    """Every scope name a key may hold."""
    return {f"{part}:{level}" for part in api_parts() for level in (READ, WRITE)}


class ApiScopePermission(permissions.BasePermission):
    """A request made with an API key reaches a view only if the key's scopes cover the
    view's ``api_part``: reading needs the part's read scope, anything else its write scope.
    Views that name no part are closed to keys (the API root's list of links excepted).
    Requests made by a signed-in person (session) are not concerned."""

    message = gettext_lazy("This API key's scopes do not cover this part of the portal.")

    def has_permission(self, request, view):
        allows = getattr(request.auth, "allows", None)
        if allows is None:
            return True
        write = request.method not in permissions.SAFE_METHODS
        part = getattr(view, "api_part", None)
        if part is None:
            from rest_framework.routers import APIRootView

            return not write and isinstance(view, APIRootView)
        return part in api_parts() and allows(part, write=write)

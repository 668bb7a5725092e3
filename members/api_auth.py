"""How partner systems authenticate to the API: organisation API keys.

``Authorization: Bearer ck_<prefix>_<secret>`` (or ``Api-Key …``). The request then acts for
the key's organisation as an ``ApiKeyPrincipal``: never with more than an administrator of
that organisation could do, never with the secretariat's standing, and only in the parts of
the portal the key's scopes name (``core.api_scopes.ApiScopePermission``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.throttling import UserRateThrottle

from members.models import ApiKey, OrganizationStatus
from members.principals import ApiKeyPrincipal
from members.services import api_key_find

KEYWORDS = {"bearer", "api-key"}


class ApiKeyAuthentication(BaseAuthentication):
    """Reads the key from the Authorization header; a wrong, revoked or expired key, or one
    of an organisation that is not an active member, answers 401."""

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].decode("latin-1").lower() not in KEYWORDS:
            return None
        if len(words) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the API key as 'Authorization: Bearer <key>'."), code="invalid_key"
            )
        try:
            raw = words[1].decode("ascii")
        except UnicodeDecodeError:
            raw = ""
        api_key = api_key_find(raw)
        if api_key is None:
            raise exceptions.AuthenticationFailed(_("This API key is not valid."), code="invalid_key")
        # Seen by members.middleware.ApiKeyUseMiddleware, which records the use after the
        # response: a genuine key refused for being revoked or expired is recorded too.
        request._request.api_key = api_key
        if api_key.is_revoked:
            raise exceptions.AuthenticationFailed(_("This API key was revoked."), code="key_revoked")
        if api_key.is_expired:
            raise exceptions.AuthenticationFailed(_("This API key has expired."), code="key_expired")
        if api_key.organization.status != OrganizationStatus.ACTIVE:
            raise exceptions.AuthenticationFailed(
                _("The organisation of this API key is not an active member."), code="organization_inactive"
            )
        return ApiKeyPrincipal(api_key), api_key

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiRateThrottle(UserRateThrottle):
    """The per-caller rate: each API key has its own bucket, each person theirs."""

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey):
            return self.cache_format % {"scope": self.scope, "ident": f"key-{request.auth.pk}"}
        return super().get_cache_key(request, view)

"""Signing in: Django's model backend, with the signed-in person read from the cache."""

import copy

from django.contrib.auth.backends import ModelBackend

from core.caching import get_versioned, keep_versioned
from members import access

USER_TIMEOUT = 3600


def _user_key(user_id) -> str:
    return f"access:user:{user_id}"


class CachedModelBackend(ModelBackend):
    """Django's ModelBackend, except that the person behind a session — and their access
    profile with them, in the same round trip — is read from the cache rather than the
    database on every request, until their account, their memberships or an organisation
    changes (the versions members.signals bumps). The session's password hash is still
    checked against the person as cached, which a password change refreshes."""

    def get_user(self, user_id):
        current, (user, profile) = get_versioned(
            access.person_versions(user_id), [_user_key(user_id), access.profile_key(user_id)]
        )
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            # A copy as read now: what the request later keeps on the object stays out.
            keep_versioned(_user_key(user_id), current, copy.copy(user), USER_TIMEOUT)
        if not self.user_can_authenticate(user):
            return None
        if profile is not None:
            access.remember(user, profile)
        # What the person's account and roles were read under: pages kept per viewer are
        # keyed on it (page_viewer).
        user.access_versions = current
        return user


def page_viewer(request):
    """Names a signed-in viewer for pages kept per viewer (core.caching.cache_page): the
    person and the versions of their account and roles, so that any change to either is a
    new key. None for a caller not signed in through this backend."""
    versions = getattr(request.user, "access_versions", None)
    return None if versions is None else (request.user.pk, versions)

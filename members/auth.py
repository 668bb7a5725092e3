"""Signing in: Django's model backend, with the signed-in person read from the cache."""

import copy

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

from core.caching import version
from members.access import person_version_name

USER_TIMEOUT = 3600


class CachedModelBackend(ModelBackend):
    """Django's ModelBackend, except that the person behind a session is read from the cache
    rather than the database on every request, until their account or memberships change
    (their version, bumped by members.signals). The session's password hash is still
    checked against the person as cached, which a password change refreshes."""

    def get_user(self, user_id):
        key = f"auth:user:{user_id}:{version(person_version_name(user_id))}"
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                # A copy as read now: what the request later keeps on the object stays out.
                snapshot = copy.copy(user)
                transaction.on_commit(lambda: cache.set(key, snapshot, USER_TIMEOUT))
        return user if user is not None and self.user_can_authenticate(user) else None

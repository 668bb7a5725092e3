"""Whole-page caching of public pages for visitors who are not signed in.

A visitor's page depends only on the address and the language, so it is rendered once and
served from the cache (Redis in production) until the data behind it changes: each cached
page belongs to a named *version* that the models it shows bump on every save and delete.
Signed-in people, visitors with pending messages or a session, and pages that hand out a
CSRF token are never cached."""

import hashlib
import secrets
from functools import wraps
from typing import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

PAGE_TIMEOUT = 300


def _version_key(name: str) -> str:
    return f"version:{name}"


def version(name: str) -> int:
    """The current version of a named set of data. It starts at a random number so that a
    lost counter can never bring back pages cached under an earlier one."""
    key = _version_key(name)
    current = cache.get(key)
    if current is None:
        cache.add(key, secrets.randbits(48), None)
        current = cache.get(key)
    return current


def versions(*names: str) -> tuple[int, ...]:
    """The current versions of several named sets of data, in one round trip."""
    keys = [_version_key(name) for name in names]
    found = cache.get_many(keys)
    return tuple(found[key] if key in found else version(name) for key, name in zip(keys, names))


def bump(name: str) -> None:
    """The data changed: every page cached under the old version is stale."""
    try:
        cache.incr(_version_key(name))
    except ValueError:
        cache.set(_version_key(name), secrets.randbits(48), None)


def cached_fragment(data_version: str, *, key: tuple, render: Callable[[], str], timeout: int = PAGE_TIMEOUT) -> str:
    """A piece of a page rendered once per (data version, language, key) — for parts that
    are the same for everyone who shares the key, signed in or not."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    cache_key = f"fragment:{data_version}:{version(data_version)}:{get_language()}:{digest}"
    html = cache.get(cache_key)
    if html is None:
        html = render()
        cache.set(cache_key, str(html), timeout)
    return mark_safe(html)


def _cacheable(request) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_for_visitors(data_version: str, timeout: int = PAGE_TIMEOUT):
    """Serve the view's page to visitors from the cache, per address and language.

    For views that only read: they run outside ATOMIC_REQUESTS' transaction, so a page
    served from the cache does not touch the database at all."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            path_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
            key = f"page:{data_version}:{version(data_version)}:{get_language()}:{path_hash}"
            hit = cache.get(key)
            if hit is not None:
                content, content_type = hit
                response = HttpResponse(content, content_type=content_type)
                patch_vary_headers(response, ["Cookie"])
                return response
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.cookies
                and not getattr(response, "streaming", False)
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            ):
                cache.set(key, (response.content, response["Content-Type"]), timeout)
            return response

        return transaction.non_atomic_requests(wrapped)

    return decorator

"""Whole-page caching of pages that only read.

A visitor's page depends only on the address and the language, so it is rendered once and
served from the cache (Redis in production) until the data behind it changes: each cached
page belongs to one or more named *versions* (the home page shows organisations and
announcements alike) that the models it shows bump on every save and delete.

A signed-in person's page also depends on who they are — their menu, their name, what their
roles let them see. Where the view says how to name that state (``viewer_key``: the person
and the versions of their account and roles), their page is kept for them alone, under the
same data version, and served again with a fresh CSRF token in place of the one it was
rendered with. Pages with pending messages, other forms carrying a CSRF token, or cookies
set by the view are never kept."""

import hashlib
import secrets
from functools import wraps
from typing import Callable, Sequence

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.http import csrf_field

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


def get_versioned(names: Sequence[str], keys: Sequence[str]) -> tuple[tuple[int, ...], list]:
    """The current versions of the named sets of data, and the values kept under ``keys``
    by ``keep_versioned`` while those versions were current — all in one round trip. A value
    kept under other versions is stale and comes back as None."""
    version_keys = [_version_key(name) for name in names]
    found = cache.get_many([*version_keys, *keys])
    current = tuple(found[key] if key in found else version(name) for key, name in zip(version_keys, names))
    values = []
    for key in keys:
        entry = found.get(key)
        values.append(entry[1] if entry is not None and entry[0] == current else None)
    return current, values


def keep_versioned(key: str, versions: tuple[int, ...], value, timeout: int) -> None:
    """Keep a value read from the database while ``versions`` (read before it) were current,
    once the transaction that read it commits: what a request that then fails read must not
    outlive it. A change committed meanwhile bumped a version, so the value is stale at once."""
    transaction.on_commit(lambda: cache.set(key, (versions, value), timeout))


def _names(data_version: str | Sequence[str]) -> tuple[str, ...]:
    """One version's name, or several: a page stale when any of them changes."""
    return (data_version,) if isinstance(data_version, str) else tuple(data_version)


def bump(name: str) -> None:
    """The data changed: every page cached under the old version is stale."""
    try:
        cache.incr(_version_key(name))
    except ValueError:
        cache.set(_version_key(name), secrets.randbits(48), None)


def cached_fragment(data_version: str | Sequence[str], *, key: tuple, render: Callable[[], str],
                    timeout: int = PAGE_TIMEOUT) -> str:
    """A piece of a page rendered once per (data versions, language, key) — for parts that
    are the same for everyone who shares the key, signed in or not. One cache round trip."""
    names = _names(data_version)
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    cache_key = f"fragment:{':'.join(names)}:{get_language()}:{digest}"
    current, (html,) = get_versioned(names, [cache_key])
    if html is None:
        html = str(render())
        cache.set(cache_key, (current, html), timeout)
    return mark_safe(html)


def _visitor(request) -> bool:
    return (
        not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _messages_pending(request) -> bool:
    return "messages" in request.COOKIES or "_messages" in request.session


# Where the request's CSRF field stood in a page kept for a signed-in viewer.
_CSRF_SLOT = b"<!--csrf-field-->"


def _serve(content: bytes, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    patch_vary_headers(response, ["Cookie"])
    return response


def _keepable(response) -> bool:
    return response.status_code == 200 and not response.cookies and not getattr(response, "streaming", False)


def _for_visitor(request, view, args, kwargs, data_version, timeout):
    looks = tuple(request.COOKIES.get(name, "") for name in settings.PAGE_CACHE_VARY_COOKIES)
    path_hash = hashlib.sha256(repr((request.get_full_path(), looks)).encode()).hexdigest()[:32]
    names = _names(data_version)
    key = f"page:{':'.join(names)}:{get_language()}:{path_hash}"
    current, (hit,) = get_versioned(names, [key])
    if hit is not None:
        return _serve(*hit)
    response = view(request, *args, **kwargs)
    if _keepable(response) and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        cache.set(key, (current, (response.content, response["Content-Type"])), timeout)
    return response


def _for_viewer(request, view, args, kwargs, data_version, viewer, timeout):
    digest = hashlib.sha256(repr((request.get_full_path(), viewer)).encode()).hexdigest()[:32]
    names = _names(data_version)
    key = f"viewerpage:{':'.join(names)}:{get_language()}:{digest}"
    current, (hit,) = get_versioned(names, [key])
    if hit is not None:
        content, content_type = hit
        return _serve(content.replace(_CSRF_SLOT, csrf_field(request).encode(), 1), content_type)
    response = view(request, *args, **kwargs)
    if _keepable(response):
        content = response.content
        field = getattr(request, "_csrf_field", None)
        if field is not None:
            content = content.replace(field.encode(), _CSRF_SLOT, 1)
        # A token in any other form would be served to the viewer's other sessions: not kept.
        if b"csrfmiddlewaretoken" not in content:
            cache.set(key, (current, (content, response["Content-Type"])), timeout)
    return response


def cache_page(data_version: str | Sequence[str], *, viewer_key: Callable | None = None,
               timeout: int = PAGE_TIMEOUT):
    """Serve the view's page from the cache while ``data_version`` (one name or several)
    holds: to visitors per address and language, and — when ``viewer_key(request)`` names
    the signed-in viewer's state (None: not cacheable) — to that viewer alone.

    For views that only read: they run outside ATOMIC_REQUESTS' transaction, so a page
    served from the cache does not touch the database at all."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "GET":
                if _visitor(request):
                    return _for_visitor(request, view, args, kwargs, data_version, timeout)
                if viewer_key is not None and request.user.is_authenticated and not _messages_pending(request):
                    viewer = viewer_key(request)
                    if viewer is not None:
                        return _for_viewer(request, view, args, kwargs, data_version, viewer, timeout)
            return view(request, *args, **kwargs)

        return transaction.non_atomic_requests(wrapped)

    return decorator


def cache_for_visitors(data_version: str | Sequence[str], timeout: int = PAGE_TIMEOUT):
    """Serve the view's page to visitors from the cache, per address and language."""
    return cache_page(data_version, timeout=timeout)

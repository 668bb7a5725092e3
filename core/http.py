"""Facts about an HTTP request that several parts of the portal need alike."""

from functools import wraps

from django.conf import settings
from django.http import HttpResponseForbidden
from django.middleware.csrf import get_token
from django.utils.html import format_html


def client_ip(request) -> str | None:
    """The caller's address: REMOTE_ADDR, or the X-Forwarded-For entry added by the
    outermost of TRUSTED_PROXY_COUNT trusted proxies."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def request_source(request) -> str:
    """Which door a request came through: the API, the admin console or the site."""
    path = request.path_info
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/admin/"):
        return "admin"
    return "site"


def is_cross_site(request) -> bool:
    """Whether a browser sent this request from another site: Fetch Metadata
    (``Sec-Fetch-Site``) where the browser gives it, else the ``Origin`` header. A request
    with neither (not from a browser form) is not counted as cross-site.
    https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Sec-Fetch-Site"""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return origin not in {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}


def same_origin_only(view):
    """Refuse (403) a state-changing request another site's page made the browser send —
    for views that need no CSRF token, such as the language switch, whose pages are cached
    whole for visitors and so carry no per-visitor token."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS") and is_cross_site(request):
            return HttpResponseForbidden("Cross-site request refused.", content_type="text/plain")
        return view(request, *args, **kwargs)

    return wrapped


def csrf_field(request) -> str:
    """The hidden CSRF field for this request's forms, the same string however often a
    request asks: a page cached per viewer (core.caching) finds it and puts a fresh one in
    when it serves the page again."""
    field = getattr(request, "_csrf_field", None)
    if field is None:
        field = request._csrf_field = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        )
    return field


def over_limit(request, scope: str, *, limit: int, window: int) -> bool:
    """Count one more try of ``scope`` (a lookup someone could repeat to guess) from this
    address, and say whether it went past ``limit`` tries in ``window`` seconds."""
    from django.core.cache import cache

    key = f"limit:{scope}:{client_ip(request) or 'unknown'}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=window)
        return False

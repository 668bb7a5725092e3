"""Facts about an HTTP request that several parts of the portal need alike."""

from django.conf import settings


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

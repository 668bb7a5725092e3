"""The layout's header and footer: every app's menu entries (``core.portal``), only those the
viewer's role may use, the language switch and the viewer's name.

Both are rendered from their inputs alone — the language, the menu the viewer's profile
allows, the address, the name — so each distinct set of inputs is rendered once per process
and then reused (an in-process memo, not the shared cache: nothing in it can go stale, since
the key holds everything the HTML shows). The sign-out form's CSRF token, which differs per
request, is put in afterwards."""

from functools import lru_cache
from typing import NamedTuple

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.http import csrf_field
from core.portal import menu_entries
from members import access

# Where the sign-out form's CSRF field goes in a memoised header.
_CSRF_SLOT = "<!--csrf-field-->"


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


class HeaderState(NamedTuple):
    """Everything the header shows, but the CSRF token."""

    language: str
    script_prefix: str
    items: tuple  # (label, url, current) per menu entry
    admin_console: bool
    api_url: str
    full_path: str
    signed_in: bool
    display_name: str
    large_text: bool


def _api_url(user) -> str:
    """Only those who manage some organisation's API keys see the API entry; administrators
    land on their organisation's keys, which link to the documentation."""
    if not access.can_manage_any_api_keys(user):
        return ""
    org_id = access.primary_organization_id(user)
    if org_id in access.profile(user).orgs_with_role("org_admin"):
        return reverse("members:api_keys", args=[org_id])
    return reverse("api_docs")


def header_state(request) -> HeaderState:
    user = request.user
    signed_in = user.is_authenticated
    return HeaderState(
        language=get_language(),
        script_prefix=get_script_prefix(),
        items=tuple((str(item["label"]), item["url"], item["current"]) for item in navigation_for(user, request.path)),
        admin_console=access.can_use_admin_console(user),
        api_url=_api_url(user),
        full_path=request.get_full_path(),
        signed_in=signed_in,
        display_name=user.display_name if signed_in else "",
        large_text=large_text(request),
    )


@lru_cache(maxsize=4096)
def _header(state: HeaderState) -> str:
    return render_to_string("_header.html", {
        "consortium_name": settings.CONSORTIUM_NAME,
        "nav_items": [{"label": label, "url": url, "current": current} for label, url, current in state.items],
        "admin_console": state.admin_console,
        "api_url": state.api_url,
        "full_path": state.full_path,
        "signed_in": state.signed_in,
        "display_name": state.display_name,
        "language_code": state.language,
        "large_text": state.large_text,
        "csrf_input": mark_safe(_CSRF_SLOT),
    })


def header_html(request) -> str:
    html = _header(header_state(request))
    if _CSRF_SLOT in html:
        html = html.replace(_CSRF_SLOT, csrf_field(request))
    return mark_safe(html)


FOOTER_SETTINGS = ("CONSORTIUM_NAME", "CONSORTIUM_HOST", "CONSORTIUM_CONTACT", "ICP_FILING", "PUBLIC_SECURITY_FILING")


@lru_cache(maxsize=16)
def _footer(language: str, script_prefix: str, values: tuple) -> str:
    context = {name.lower(): value for name, value in zip(FOOTER_SETTINGS, values)}
    # 公安备案: the record number is the digits of the filing ("苏公网安备 32041102000123号").
    context["public_security_record"] = "".join(char for char in context["public_security_filing"] if char.isdigit())
    return render_to_string("_footer.html", context)


def footer_html() -> str:
    values = tuple(str(getattr(settings, name)) for name in FOOTER_SETTINGS)
    return mark_safe(_footer(get_language(), get_script_prefix(), values))


def large_text(request) -> bool:
    """Larger text (适老化): the person's choice when signed in, else the visitor's cookie."""
    user = request.user
    if user.is_authenticated:
        # An API key's principal is no person and has no choice of its own.
        return getattr(user, "large_text", False)
    return request.COOKIES.get(settings.TEXT_SIZE_COOKIE_NAME) == "large"


def navigation(request):
    """Template context: the consortium's name and the text size (the header and footer come
    from their tags)."""
    return {"consortium_name": settings.CONSORTIUM_NAME, "large_text": large_text(request)}

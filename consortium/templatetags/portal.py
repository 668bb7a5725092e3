from functools import lru_cache

from django import forms, template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()

_PLAIN = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def bootstrap(field):
    """Render a bound field's widget with Bootstrap's classes and its error state."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    elif isinstance(widget, _PLAIN):
        css = ""
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": css.strip()}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def sentence_gap() -> str:
    """What goes between two sentences: a space in English, nothing in Chinese, whose
    full-width punctuation carries its own."""
    return "" if (get_language() or "").startswith("zh") else " "


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def minutes(duration) -> int:
    """A timedelta in whole minutes (at least one), for sentences such as the lockout's."""
    return max(1, round(duration.total_seconds() / 60)) if duration else 0


@register.simple_tag(takes_context=True)
def portal_header(context):
    """The layout's header for this request (see consortium.navigation)."""
    from consortium.navigation import header_html

    return header_html(context["request"])


@register.simple_tag
def portal_footer():
    from consortium.navigation import footer_html

    return footer_html()


@lru_cache(maxsize=None)
def _asset(path: str) -> str:
    return static(path)


@register.simple_tag
def asset(path: str) -> str:
    """``{% static %}`` worked out once per process: the file names never change while it runs."""
    return _asset(path)


@register.simple_tag
def crumb(label, target: str = "", *args):
    """One step of the breadcrumb trail (当前位置): a link when given a URL name (with its
    arguments) or an address, else the current page."""
    if not target:
        return format_html('<li class="breadcrumb-item active" aria-current="page">{}</li>', label)
    url = target if target.startswith("/") else reverse(target, args=args)
    return format_html('<li class="breadcrumb-item"><a href="{}">{}</a></li>', url, label)

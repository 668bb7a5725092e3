from django import forms, template

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


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def minutes(duration) -> int:
    """A timedelta in whole minutes (at least one), for sentences such as the lockout's."""
    return max(1, round(duration.total_seconds() / 60)) if duration else 0

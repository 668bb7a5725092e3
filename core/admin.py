"""Bases for the admin console's pages. Who may use the console is the site's to decide
(``AdminSite.has_permission``); these bases give that person full or read-only rights."""

from datetime import datetime

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import dateformat, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ConsoleAdmin(admin.ModelAdmin):
    """Full rights for whoever may use the console, none for anyone else."""

    def _allowed(self, request) -> bool:
        return self.admin_site.has_permission(request)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, *args):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


class ReadOnlyConsoleAdmin(ConsoleAdmin):
    """Seen, never changed, in the console (records written by services or kept by the system)."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ConsoleInline:
    """The same rights for an inline as for the page it sits in."""

    def has_add_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.admin_site.has_permission(request)


def date_column(field_name: str, description, *, with_time: bool = False):
    """A list column showing a date (or date and time) as 2026-03-01 (14:05): short enough
    for the console's lists to fit a laptop's screen, where Django's own format takes three
    times the width. Sorted by the field."""

    @admin.display(description=description, ordering=field_name, empty_value="—")
    def column(obj):
        value = getattr(obj, field_name)
        if value is None:
            return None
        if isinstance(value, datetime):
            value = timezone.localtime(value)
        return dateformat.format(value, "Y-m-d H:i" if with_time else "Y-m-d")

    column.__name__ = f"{field_name}_shown"
    return column


def sentences(messages) -> str:
    """Several messages as one text: run together in Chinese, a space apart in English."""
    return ("" if (get_language() or "").startswith("zh") else " ").join(str(m) for m in messages)


def refusal(obj, error) -> str:
    """Why the console could not act on one of the selected objects: "对象：理由。"."""
    reasons = sentences(error.messages) if isinstance(error, ValidationError) else str(_("Not allowed."))
    return _("%(object)s: %(reasons)s") % {"object": obj, "reasons": reasons}


class ReadOnlyInline(ConsoleInline, admin.TabularInline):
    """Rows seen beside the record they belong to, written elsewhere (by services)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

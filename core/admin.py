"""Bases for the admin console's pages. Who may use the console is the site's to decide
(``AdminSite.has_permission``); these bases give that person full or read-only rights."""

from django.contrib import admin


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

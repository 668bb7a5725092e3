"""The secretariat's admin console. Who may use it, and what they may do there, is
decided by ``members.access`` like everywhere else."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from consortium.models import AuditEvent
from members import access


class ConsortiumAdminSite(admin.AdminSite):
    site_header = _("Consortium secretariat console")
    site_title = _("Secretariat console")
    index_title = _("Administration")

    def has_permission(self, request):
        return access.can_use_admin_console(request.user)


admin_site = ConsortiumAdminSite(name="admin")


class SecretariatAdmin(admin.ModelAdmin):
    """Full rights for the secretariat, none for anyone else."""

    def has_module_permission(self, request):
        return access.is_secretariat(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_secretariat(request.user)

    def has_add_permission(self, request):
        return access.is_secretariat(request.user)

    def has_change_permission(self, request, obj=None):
        return access.is_secretariat(request.user)

    def has_delete_permission(self, request, obj=None):
        return access.is_secretariat(request.user)


class ReadOnlyAdmin(SecretariatAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent, site=admin_site)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "actor_label", "organization", "action", "source", "content_type", "object_repr", "ip_address"]
    list_filter = ["action", "source", "content_type", "occurred_at"]
    search_fields = ["actor_label", "object_repr", "object_id", "ip_address"]
    list_select_related = ["organization", "content_type"]
    date_hierarchy = "occurred_at"
    show_full_result_count = False

"""The secretariat's admin console. Who may use it, and what they may do there, is
decided by ``members.access`` like everywhere else."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from consortium.models import AuditEvent
from members import access


class ConsortiumAdminSite(admin.AdminSite):
    site_header = _("Consortium secretariat console")
    site_title = _("Secretariat console")
    index_title = _("Administration")

    def has_permission(self, request):
        return access.can_use_admin_console(request.user)

    def login(self, request, extra_context=None):
        """One sign-in page for the whole portal (rate-limited): the admin console's own
        form is not used."""
        if access.can_use_admin_console(request.user):
            return redirect(request.GET.get("next") if url_has_allowed_host_and_scheme(
                request.GET.get("next"), allowed_hosts={request.get_host()}) else reverse("admin:index"))
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


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

"""The secretariat's admin console: the default admin site (see ``ConsoleAdminConfig``).
Who may use it is decided by ``members.access`` like everywhere else; each app registers
its own pages with ``@admin.register`` on the bases in ``core.admin``. This module registers
nothing itself: it is imported while the default site is being built."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members import access


class ConsortiumAdminSite(admin.AdminSite):
    # The consortium's own name heads every page of its console.
    site_header = format_lazy("{} · {}", settings.CONSORTIUM_NAME, _("Secretariat console"))
    site_title = _("Secretariat console")
    index_title = _("Administration")
    # The lists need the width of a laptop's screen: the console's index and the trail at the
    # top of every page lead to every list, so no second menu runs down the side.
    enable_nav_sidebar = False

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

"""The console's pages of the resources part: the library's resources. Read-only but for
withdrawing the selected resources from sharing, which goes through ``services.resources``."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ReadOnlyConsoleAdmin, refusal
from training.models import TeachingResource
from training.services import resources as services


@admin.register(TeachingResource)
class TeachingResourceAdmin(ReadOnlyConsoleAdmin):
    list_display = ("title", "kind", "owner", "licence", "is_shared", "created_at")
    list_select_related = ("owner",)
    list_filter = ("kind", "licence", "is_shared")
    search_fields = ("title", "description", "owner__name_zh")
    exclude = ("file",)
    actions = ["unshare"]

    @admin.action(description=_("Stop sharing the selected resources"))
    def unshare(self, request, queryset):
        done = 0
        for resource in queryset.filter(is_shared=True):
            try:
                services.resource_update(
                    resource=resource, actor=request.user, title=resource.title, kind=resource.kind,
                    licence=resource.licence, description=resource.description, url=resource.url,
                    major=resource.major, skills=list(resource.skills.all()), is_shared=False)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, refusal(resource, error), messages.ERROR)
        message = ngettext("%(count)d resource no longer shared.", "%(count)d resources no longer shared.", done)
        self.message_user(request, message % {"count": done}, messages.SUCCESS)

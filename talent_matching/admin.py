from consortium.admin import ReadOnlyAdmin, admin_site
from django.contrib import admin

from talent_matching.models import Industry, Region


@admin.register(Region, site=admin_site)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


@admin.register(Industry, site=admin_site)
class IndustryAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_zh", "name_en", "parent"]
    search_fields = ["code", "name_zh", "name_en"]
    list_select_related = ["parent"]

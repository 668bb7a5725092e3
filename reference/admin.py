from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin
from reference.models import Industry, Major, Region


@admin.register(Region)
class RegionAdmin(ReadOnlyConsoleAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


@admin.register(Industry)
class IndustryAdmin(ReadOnlyConsoleAdmin):
    list_display = ["code", "name_zh", "name_en", "parent"]
    search_fields = ["code", "name_zh", "name_en"]
    list_select_related = ["parent"]


@admin.register(Major)
class MajorAdmin(ReadOnlyConsoleAdmin):
    list_display = ["code", "name_zh", "name_en", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name_zh", "name_en"]
    list_select_related = ["parent"]

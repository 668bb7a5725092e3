from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyConsoleAdmin
from reference.models import Industry, Major, Occupation, Region, Skill


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


class MajorFamilyFilter(admin.SimpleListFilter):
    """专业大类: the 19 families, each across its three levels (46 高职专科 with 66 中职 and 26 职教本科)."""

    title = _("family")
    parameter_name = "family"

    def lookups(self, request, model_admin):
        families = Major.objects.filter(level=Major.Level.FAMILY).order_by("family_code", "-education_level")
        names = {}
        for family in families:
            names.setdefault(family.family_code, family.name)
        return sorted(names.items())

    def queryset(self, request, queryset):
        return queryset.filter(family_code=self.value()) if self.value() else queryset


@admin.register(Major)
class MajorAdmin(ReadOnlyConsoleAdmin):
    list_display = ["code", "name_zh", "name_en", "level", "education_level", "family", "parent"]
    list_filter = ["education_level", MajorFamilyFilter, "level"]
    search_fields = ["code", "name_zh", "name_en"]
    list_select_related = ["parent"]
    readonly_fields = ["family"]

    def get_queryset(self, request):
        family = Major.objects.filter(level=Major.Level.FAMILY, family_code=OuterRef("family_code")).order_by(
            "-education_level"
        )
        return super().get_queryset(request).annotate(
            family_name_zh=Subquery(family.values("name_zh")[:1]), family_name_en=Subquery(family.values("name_en")[:1])
        )

    @admin.display(description=_("family"), ordering="family_code")
    def family(self, obj):
        name = getattr(obj, "family_name_en" if get_language() == "en" else "family_name_zh", None)
        return f"{obj.family_code} {name}" if name else obj.family_code


class MajorGroupFilter(admin.SimpleListFilter):
    """大类: the eight major groups of the occupation catalogue."""

    title = _("major group")
    parameter_name = "group"

    def lookups(self, request, model_admin):
        return [(group.code, group.name) for group in Occupation.objects.filter(level=Occupation.Level.MAJOR_GROUP)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(code__startswith=f"{self.value()}-") | queryset.filter(code=self.value())


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyConsoleAdmin):
    list_display = ["code", "name_zh", "name_en", "level", "parent"]
    list_filter = ["level", MajorGroupFilter]
    search_fields = ["code", "name_zh", "name_en"]
    list_select_related = ["parent"]


@admin.register(Skill)
class SkillAdmin(ReadOnlyConsoleAdmin):
    list_display = ["code", "name_zh", "name_en", "family"]
    list_filter = ["family"]
    search_fields = ["code", "name_zh", "name_en", "family"]


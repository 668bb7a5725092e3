"""The console's pages of the standards part: standards (every version) with their competences.
Read-only: keepers write them on the pages, through ``services.standards``, so that a new
version always copies its competences and flags the courses citing the old one."""

from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline
from training.models import Competence, Standard


class CompetenceInline(ReadOnlyInline):
    model = Competence
    fields = ("code", "name", "skill", "description")


@admin.register(Standard)
class StandardAdmin(ReadOnlyConsoleAdmin):
    list_display = ("code", "version", "title", "kind", "owner", "effective_on", "is_current")
    list_select_related = ("owner",)
    list_filter = ("kind", "is_current")
    search_fields = ("code", "title", "issuing_body", "owner__name_zh")
    inlines = [CompetenceInline]


@admin.register(Competence)
class CompetenceAdmin(ReadOnlyConsoleAdmin):
    list_display = ("code", "name", "standard", "skill")
    list_select_related = ("standard", "skill")
    list_filter = ("standard__kind", "standard__is_current")
    search_fields = ("code", "name", "standard__code", "standard__title")

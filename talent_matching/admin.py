"""The talent platform in the admin console."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline, date_column
from talent_matching.models import Posting, PostingCertificate, PostingSkill


# --- postings ---
class PostingSkillInline(ReadOnlyInline):
    model = PostingSkill
    fields = readonly_fields = ["skill", "level", "weight", "required"]


class PostingCertificateInline(ReadOnlyInline):
    model = PostingCertificate
    fields = readonly_fields = ["name", "level", "required"]


@admin.register(Posting)
class PostingAdmin(ReadOnlyConsoleAdmin):
    """岗位需求, seen here; the enterprise writes, publishes and closes them on its pages, through
    the services that check a posting is complete and tell matching."""

    list_display = ("title", "organization", "kind", "status", "headcount",
                    date_column("deadline", _("application deadline")), date_column("published_at", _("published at")))
    list_filter = ("status", "kind")
    search_fields = ("title", "organization__name_zh")
    list_select_related = ("organization",)
    fields = readonly_fields = (
        "organization", "kind", "title", "description", "occupation", "majors_shown", "min_level", "headcount",
        "location", "salary_min", "salary_max", "starts_on", "ends_on", "deadline", "status", "published_at",
        "closed_at", "created_by", "created_at", "updated_at",
    )
    inlines = [PostingSkillInline, PostingCertificateInline]

    @admin.display(description=_("accepted majors"))
    def majors_shown(self, posting):
        return "、".join(str(major) for major in posting.majors.all()) or _("Every major")
# --- end of postings ---

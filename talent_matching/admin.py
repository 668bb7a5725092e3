"""The admin console's views of the talent platform, one block per part."""
"""The admin console's views of the talent platform's records."""

from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin
from talent_matching.models import SupplyDemandSnapshot, WarningThresholds

# --- supply ---
# Read-only: thresholds change on the thresholds page (checked and audited by the service),
# figures only by taking a month again.


@admin.register(WarningThresholds)
class WarningThresholdsAdmin(ReadOnlyConsoleAdmin):
    list_display = ("__str__", "low_red", "low_yellow", "high_yellow", "high_red", "updated_at")


@admin.register(SupplyDemandSnapshot)
class SupplyDemandSnapshotAdmin(ReadOnlyConsoleAdmin):
    list_display = ("period", "family_code", "major_code", "demand", "supply", "ratio", "level", "warning")
    list_filter = ("level", "warning", "backfilled")
    search_fields = ("family_code", "major_code")
    date_hierarchy = "period"
# --- end supply ---

# --- profiles ---
# Read-only: a profile's consent is the student's alone (through the consent page), and the
# retention period is set on the secretariat's page, where the change is recorded as a decision.
from talent_matching.models import ConsentRecord, ProfileAccess, StudentProfile, TalentSettings  # noqa: E402


@admin.register(StudentProfile)
class StudentProfileAdmin(ReadOnlyConsoleAdmin):
    list_display = ("__str__", "school", "major", "graduation_year", "visibility", "deidentified_at")
    list_filter = ("visibility", "education_level", "graduation_year")
    search_fields = ("student__username", "student__full_name", "school__name_zh")
    list_select_related = ("student", "school", "major")
    exclude = ("regions",)


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyConsoleAdmin):
    list_display = ("profile", "visibility", "language", "given_at")
    list_filter = ("visibility", "language")
    list_select_related = ("profile__student",)


@admin.register(ProfileAccess)
class ProfileAccessAdmin(ReadOnlyConsoleAdmin):
    list_display = ("profile", "organization", "user", "kind", "at")
    list_filter = ("kind",)
    search_fields = ("organization__name_zh", "profile__student__username")
    list_select_related = ("profile__student", "organization", "user")


@admin.register(TalentSettings)
class TalentSettingsAdmin(ReadOnlyConsoleAdmin):
    list_display = ("retention_days", "updated_at", "updated_by")
# --- end profiles ---

# --- applications ---
from talent_matching.models import Application, ApplicationEvent, ApplicationMessage  # noqa: E402


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(ReadOnlyConsoleAdmin):
    list_display = ("application", "stage_from", "stage_to", "actor", "at")
    list_filter = ("stage_to",)
    list_select_related = ("application__profile__student", "application__posting", "actor")
    search_fields = ("application__posting__title", "application__profile__student__full_name")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyConsoleAdmin):
    """求职申请, read-only: every step goes through the services (and is e-mailed)."""

    list_display = ("profile", "posting", "stage", "origin", "updated_at")
    list_filter = ("stage", "origin")
    search_fields = ("profile__student__full_name", "profile__student__username", "posting__title",
                     "posting__organization__name_zh")
    list_select_related = ("profile__student", "posting")


@admin.register(ApplicationMessage)
class ApplicationMessageAdmin(ReadOnlyConsoleAdmin):
    list_display = ("application", "from_student", "author", "at")
    list_filter = ("from_student",)
    list_select_related = ("application__profile__student", "application__posting", "author")
    search_fields = ("body",)
# --- end applications ---
# --- matching ---
from django.contrib import admin  # noqa: E402

from core.admin import ReadOnlyConsoleAdmin  # noqa: E402
from talent_matching.models import MatchResult, MatchRun  # noqa: E402


@admin.register(MatchRun)
class MatchRunAdmin(ReadOnlyConsoleAdmin):
    """Matching runs, read-only: started on the secretariat's matching page or by the schedule."""

    list_display = ("created_at", "status", "started_by", "done", "total", "finished_at")
    list_filter = ("status",)
    list_select_related = ("started_by",)
    fields = readonly_fields = ("status", "done", "total", "summary", "error", "started_by", "created_at",
                                "started_at", "finished_at")


@admin.register(MatchResult)
class MatchResultAdmin(ReadOnlyConsoleAdmin):
    """The pairs of the runs, read-only (written in bulk by each run)."""

    list_display = ("run", "posting", "profile", "score", "posting_rank", "profile_rank")
    list_select_related = ("run", "posting", "profile__student")
    raw_id_fields = ("run", "posting", "profile")
    search_fields = ("posting__title",)
    show_full_result_count = False
    fields = readonly_fields = ("run", "posting", "profile", "score", "parts", "posting_rank", "profile_rank")
# --- end of matching ---

# --- placement ---
from talent_matching.models import (  # noqa: E402
    Placement,
    PlacementResult,
    PlacementRound,
    PlacementRun,
    Refusal,
    RoundPosting,
    StudentPreference,
)


# Placement rounds are read-only here: every change (places, runs, confirmation with its
# transparency-log entries) goes through the pages' services.
@admin.register(PlacementRound)
class PlacementRoundAdmin(ReadOnlyConsoleAdmin):
    list_display = ("name", "kind", "number", "status", "created_at", "confirmed_at")
    list_filter = ("kind", "status")
    search_fields = ("name", "seed")
    date_hierarchy = "created_at"


@admin.register(RoundPosting)
class RoundPostingAdmin(ReadOnlyConsoleAdmin):
    list_display = ("round", "posting", "slots")
    list_select_related = ("round", "posting")
    search_fields = ("round__name", "posting__title")


@admin.register(StudentPreference)
class StudentPreferenceAdmin(ReadOnlyConsoleAdmin):
    list_display = ("round", "profile", "posting", "rank")
    list_select_related = ("round", "profile__student", "posting")
    search_fields = ("round__name", "posting__title", "profile__student__full_name")


@admin.register(Refusal)
class RefusalAdmin(ReadOnlyConsoleAdmin):
    list_display = ("round", "posting", "profile", "by", "at")
    list_select_related = ("round", "posting", "profile__student", "by")


@admin.register(PlacementRun)
class PlacementRunAdmin(ReadOnlyConsoleAdmin):
    list_display = ("round", "at", "placed", "unplaced", "input_digest")
    list_select_related = ("round",)
    search_fields = ("round__name", "input_digest", "result_digest")


@admin.register(PlacementResult)
class PlacementResultAdmin(ReadOnlyConsoleAdmin):
    list_display = ("run", "profile", "posting", "choice", "score", "reason")
    list_filter = ("reason", "score_source")
    list_select_related = ("run__round", "profile__student", "posting")


@admin.register(Placement)
class PlacementAdmin(ReadOnlyConsoleAdmin):
    list_display = ("round", "profile", "posting", "confirmed_at", "log_index")
    list_select_related = ("round", "profile__student", "posting")
    search_fields = ("round__name", "posting__title", "profile__student__full_name")
    date_hierarchy = "confirmed_at"
# --- end placement ---
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

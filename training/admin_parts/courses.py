"""The console's pages of co-developed courses: read-only (courses are written and reviewed on
the pages, through ``services.courses``)."""

from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin, ReadOnlyInline
from training.models import Course, CourseReview, CourseUnit, CourseVersion, TextbookChapter


class CourseVersionInline(ReadOnlyInline):
    model = CourseVersion
    fields = ("number", "status", "note", "created_by", "created_at", "submitted_at", "decided_at")


class CourseUnitInline(ReadOnlyInline):
    model = CourseUnit
    fields = ("order", "title", "hours", "outcomes")


class TextbookChapterInline(ReadOnlyInline):
    model = TextbookChapter
    fields = ("number", "title", "revision")


class CourseReviewInline(ReadOnlyInline):
    model = CourseReview
    fields = ("organization", "decision", "comment", "by", "at")


@admin.register(Course)
class CourseAdmin(ReadOnlyConsoleAdmin):
    list_display = ("title", "code", "school", "major", "status", "needs_review", "updated_at")
    list_select_related = ("school", "major")
    list_filter = ("status", "needs_review", "level")
    search_fields = ("title", "code", "school__name_zh")
    inlines = [CourseVersionInline]


@admin.register(CourseVersion)
class CourseVersionAdmin(ReadOnlyConsoleAdmin):
    list_display = ("course", "number", "status", "created_by", "created_at", "decided_at")
    list_select_related = ("course", "created_by")
    list_filter = ("status",)
    search_fields = ("course__title",)
    inlines = [CourseUnitInline, TextbookChapterInline, CourseReviewInline]

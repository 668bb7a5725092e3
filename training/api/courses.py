"""Co-developed courses in the API, read-only under the pages' rules (``access.courses``): a
course is read by its school's and partners' people, approved and in-use courses by everyone in
training. Each course comes with its current version's outline. Writes go through the pages'
services."""

from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from training.access import courses as access
from training.models import Course, CourseUnit, CourseVersion, TextbookChapter


class CourseUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = CourseUnit
        fields = ["order", "title", "hours", "outcomes", "competences", "standards"]
        read_only_fields = fields


class TextbookChapterSerializer(serializers.ModelSerializer):
    class Meta:
        model = TextbookChapter
        fields = ["number", "title", "revision"]
        read_only_fields = fields


class CourseVersionSerializer(serializers.ModelSerializer):
    units = CourseUnitSerializer(many=True, read_only=True)
    chapters = TextbookChapterSerializer(many=True, read_only=True)

    class Meta:
        model = CourseVersion
        fields = ["number", "status", "note", "submitted_at", "decided_at", "resources", "units", "chapters"]
        read_only_fields = fields


class CourseSerializer(serializers.ModelSerializer):
    school_name = serializers.CharField(source="school.name", read_only=True)
    versions = CourseVersionSerializer(many=True, read_only=True,
                                       help_text="Every version, oldest first; one at most is approved.")

    class Meta:
        model = Course
        component_name = "TrainingCourse"
        fields = ["id", "code", "title", "school", "school_name", "partners", "major", "level", "hours", "credits",
                  "summary", "status", "needs_review", "review_reason", "skills", "competitions", "certificates",
                  "retired_reason", "versions"]
        read_only_fields = fields


class CourseFilter(FilterSet):
    class Meta:
        model = Course
        fields = ["status", "school", "major", "needs_review"]


class CourseViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """共建课程: courses a school writes with its partner enterprises, with every version's outline."""

    api_part = "training"
    queryset = (Course.objects.select_related("school")
                .prefetch_related("partners", "skills", "competitions", "certificates",
                                  Prefetch("versions", CourseVersion.objects.prefetch_related(
                                      "resources", "chapters",
                                      Prefetch("units", CourseUnit.objects.prefetch_related("competences", "standards"))))))
    scope = staticmethod(access.courses_for)
    serializer_class = CourseSerializer
    filterset_class = CourseFilter
    search_fields = ["title", "code"]
    ordering_fields = ["title", "updated_at"]
    ordering = ["school_id", "title", "id"]

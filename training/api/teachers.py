"""Teachers' training records in the API, read-only under the pages' rules (``access.teachers``):
a teacher's own records, the provider's records to sign off (``?status=submitted``), the school's
teacher overview (five-year practice days, indicator, 双师型) and 双师型 applications. Writes go
through the pages' services."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from core.api import FilterSet, IdFilter, ScopedQuerysetMixin
from members.models import User
from training.access import teachers as access
from training.models import DualTeacherApplication, PracticeColour, TeacherTrainingRecord
from training.selectors import teachers as selectors


class TeacherTrainingRecordSerializer(serializers.ModelSerializer):
    teacher_name = serializers.CharField(source="teacher.display_name", read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    credential = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    level = serializers.CharField(read_only=True, help_text="Of a training course: national, provincial or school.")

    class Meta:
        model = TeacherTrainingRecord
        fields = ["id", "teacher", "teacher_name", "school", "kind", "level", "provider", "provider_name", "title",
                  "starts_on", "ends_on", "days", "hours", "content", "outcomes", "status", "return_reason",
                  "submitted_at", "signed_off_at", "credential"]
        read_only_fields = fields


class TeacherTrainingRecordFilter(FilterSet):
    provider = IdFilter(field_name="provider_id")
    school = IdFilter(field_name="school_id")

    class Meta:
        model = TeacherTrainingRecord
        fields = ["kind", "status", "provider", "school"]


class TeacherTrainingRecordViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """教师培训记录: a teacher's own records, those a provider signs off, those of a school's teachers."""

    api_part = "training"
    queryset = TeacherTrainingRecord.objects.select_related("teacher", "provider", "credential").order_by(
        "-starts_on", "-id")
    scope = staticmethod(access.records_for)
    serializer_class = TeacherTrainingRecordSerializer
    filterset_class = TeacherTrainingRecordFilter
    search_fields = ["title", "content"]
    ordering_fields = ["starts_on", "ends_on"]


class TeacherPracticeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)
    days = serializers.IntegerField(read_only=True, help_text="Signed-off enterprise-practice days in the last five years.")
    lasting_days = serializers.IntegerField(read_only=True, help_text="Of those, the days still counted a year from now.")
    colour = serializers.SerializerMethodField(help_text="green: met; yellow: at least half, or met but expiring "
                                                         "within a year; red: less than half.")
    is_certified = serializers.BooleanField(read_only=True, help_text="Certified dual-qualified (双师型).")

    class Meta:
        model = User
        fields = ["id", "name", "days", "lasting_days", "colour", "is_certified"]
        read_only_fields = fields
        component_name = "TrainingTeacherPractice"

    @extend_schema_field(serializers.ChoiceField(choices=PracticeColour.choices))
    def get_colour(self, obj) -> str:
        return obj.colour


class TeacherOverviewViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """教师概览: the school's teachers with their five-year enterprise practice, indicator and 双师型
    certification (the school's administrators; the secretariat every school). ``?colour=`` and
    ``?school=`` filter."""

    api_part = "training"
    serializer_class = TeacherPracticeSerializer
    search_fields = ["full_name", "username"]
    ordering_fields = ["days"]

    def get_queryset(self):
        user = self.request.user
        if not access.can_see_overview(user):
            return User.objects.none()
        scope = access.overview_school_ids(user)
        school = self.request.query_params.get("school", "")
        if school.isdigit() and (scope is None or int(school) in scope):
            scope = {int(school)}
        rows = selectors.overview(scope)
        colour = self.request.query_params.get("colour", "")
        if colour in PracticeColour.values:
            rows = rows.filter(colour=colour)
        return rows.order_by("days", "full_name", "id")


class DualTeacherApplicationSerializer(serializers.ModelSerializer):
    level = serializers.CharField(read_only=True, help_text="Applied for: junior, intermediate or senior.")
    decided_level = serializers.CharField(read_only=True, help_text="Certified at: junior, intermediate or senior.")
    class Meta:
        model = DualTeacherApplication
        fields = ["id", "teacher", "school", "level", "qualifications", "records", "status", "decided_level",
                  "reasons", "decided_at", "created_at"]
        read_only_fields = fields


class DualTeacherApplicationFilter(FilterSet):
    school = IdFilter(field_name="school_id")

    class Meta:
        model = DualTeacherApplication
        fields = ["status", "level", "school"]


class DualTeacherApplicationViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """双师型认定申请: a teacher's own; the school committee's school's; the decisions with reasons."""

    api_part = "training"
    queryset = DualTeacherApplication.objects.prefetch_related("records").order_by("-created_at", "-id")
    scope = staticmethod(access.applications_for)
    serializer_class = DualTeacherApplicationSerializer
    filterset_class = DualTeacherApplicationFilter
    ordering_fields = ["created_at"]


"""Through-training pathways in the API, read-only under the pages' rules (``access.pathways``):
the pathways of the caller's schools with their stages, courses and transfer assessments, and the
enrolments they may see with each stage's result. Writes go through the pages' services."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from training.access import pathways as access
from training.models import (
    ComponentScore, Pathway, PathwayEnrolment, PathwayStage, PathwayStageCourse, StageResult, TransferComponent,
)


@extend_schema_serializer(component_name="TrainingTransferComponent")
class TransferComponentSerializer(serializers.ModelSerializer):
    class Meta:
        model = TransferComponent
        fields = ["id", "position", "name", "weight", "pass_mark"]
        read_only_fields = fields


@extend_schema_serializer(component_name="TrainingPathwayStageCourse")
class StageCourseSerializer(serializers.ModelSerializer):
    class Meta:
        model = PathwayStageCourse
        fields = ["position", "course", "name"]
        read_only_fields = fields


@extend_schema_serializer(component_name="TrainingPathwayStage")
class StageSerializer(serializers.ModelSerializer):
    school_name = serializers.CharField(source="school.name", read_only=True)
    major_code = serializers.CharField(source="major.code", read_only=True)
    major_name = serializers.CharField(source="major.name", read_only=True)
    components = TransferComponentSerializer(many=True, read_only=True)
    courses = StageCourseSerializer(many=True, read_only=True)

    class Meta:
        model = PathwayStage
        fields = ["id", "order", "school", "school_name", "major", "major_code", "major_name", "years",
                  "pass_total", "confirmed_at", "components", "courses"]
        read_only_fields = fields


@extend_schema_serializer(component_name="TrainingPathway")
class PathwaySerializer(serializers.ModelSerializer):
    stages = StageSerializer(many=True, read_only=True)

    class Meta:
        model = Pathway
        fields = ["id", "title", "kind", "description", "lead_school", "status", "activated_at", "stages"]
        read_only_fields = fields


class PathwayFilter(FilterSet):
    class Meta:
        model = Pathway
        fields = ["kind", "status", "lead_school"]


class PathwayViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """贯通培养: the through-training pathways of the caller's schools, stage by stage."""

    api_part = "training"
    queryset = Pathway.objects.prefetch_related(
        Prefetch("stages", queryset=PathwayStage.objects.select_related("school", "major").prefetch_related(
            Prefetch("components", queryset=TransferComponent.objects.order_by("position")),
            Prefetch("courses", queryset=PathwayStageCourse.objects.order_by("position"))).order_by("order")),
    ).order_by("-created_at", "-id")
    scope = staticmethod(access.pathways_for)
    serializer_class = PathwaySerializer
    filterset_class = PathwayFilter
    search_fields = ["title"]
    ordering_fields = ["created_at", "title"]


@extend_schema_serializer(component_name="TrainingComponentScore")
class ComponentScoreSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="component.name", read_only=True)

    class Meta:
        model = ComponentScore
        fields = ["component", "name", "score"]
        read_only_fields = fields


@extend_schema_serializer(component_name="TrainingStageResult")
class StageResultSerializer(serializers.ModelSerializer):
    stage_order = serializers.IntegerField(source="stage.order", read_only=True)
    scores = ComponentScoreSerializer(many=True, read_only=True)

    class Meta:
        model = StageResult
        fields = ["stage", "stage_order", "total", "passed", "recorded_at", "transferred_at", "scores"]
        read_only_fields = fields


@extend_schema_serializer(component_name="TrainingPathwayEnrolment")
class EnrolmentSerializer(serializers.ModelSerializer):
    student_name = serializers.CharField(source="student.full_name", read_only=True)
    stage_order = serializers.IntegerField(source="stage.order", read_only=True)
    stage_school = serializers.IntegerField(source="stage.school_id", read_only=True)
    results = StageResultSerializer(many=True, read_only=True)

    class Meta:
        model = PathwayEnrolment
        fields = ["id", "pathway", "student", "student_name", "cohort_year", "stage", "stage_order", "stage_school",
                  "status", "results"]
        read_only_fields = fields


class EnrolmentFilter(FilterSet):
    class Meta:
        model = PathwayEnrolment
        fields = ["pathway", "cohort_year", "status"]


class PathwayEnrolmentViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """贯通培养学生: the enrolments the caller may see, with the result of each stage."""

    api_part = "training"
    queryset = PathwayEnrolment.objects.select_related("student", "stage").prefetch_related(
        Prefetch("results", queryset=StageResult.objects.select_related("stage").prefetch_related(
            Prefetch("scores", queryset=ComponentScore.objects.select_related("component").order_by(
                "component__position"))).order_by("stage__order")),
    ).order_by("pathway_id", "-cohort_year", "id")
    scope = staticmethod(access.enrolments_for)
    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilter
    search_fields = ["student__full_name"]
    ordering_fields = ["cohort_year"]

"""Enterprise employee training in the API, read-only under the pages' rules
(``access.employees``): programmes with their sessions, and enrolments. Writes go through the
pages' services."""

from django.db.models import Count, Q
from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from training.access import employees as access
from training.models import EmployeeEnrolment, EnrolmentStatus, ProgrammeSession, TrainingProgramme


class ProgrammeSessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgrammeSession
        component_name = "TrainingProgrammeSession"
        fields = ["id", "date", "hours", "topic"]
        read_only_fields = fields


class ProgrammeSerializer(serializers.ModelSerializer):
    school_name = serializers.CharField(source="school.name_zh", read_only=True)
    enrolled = serializers.IntegerField(read_only=True, help_text="Employees enrolled (withdrawals left out).")
    sessions = ProgrammeSessionSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingProgramme
        component_name = "TrainingEmployeeProgramme"
        fields = ["id", "school", "school_name", "title", "kind", "major", "skills", "description", "hours",
                  "required_share", "fee", "capacity", "enrolled", "starts_on", "ends_on", "status", "sessions"]
        read_only_fields = fields


class EnrolmentSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name_zh", read_only=True)

    class Meta:
        model = EmployeeEnrolment
        component_name = "TrainingEmployeeEnrolment"
        fields = ["id", "programme", "enterprise", "enterprise_name", "name", "employee_number", "account", "status",
                  "attended_hours", "score", "passed", "completed_at"]
        read_only_fields = fields


class ProgrammeFilter(FilterSet):
    class Meta:
        model = TrainingProgramme
        fields = ["school", "kind", "status"]


class EnrolmentFilter(FilterSet):
    class Meta:
        model = EmployeeEnrolment
        fields = ["programme", "enterprise", "status"]


class ProgrammeViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """企业员工培训: the training programmes schools offer to enterprises, with their sessions."""

    api_part = "training"
    queryset = (TrainingProgramme.objects.select_related("school").prefetch_related("sessions", "skills")
                .annotate(enrolled=Count("enrolments", filter=~Q(enrolments__status=EnrolmentStatus.WITHDRAWN)))
                .order_by("-starts_on", "id"))
    scope = staticmethod(access.programmes_for)
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilter
    search_fields = ["title", "description"]
    ordering_fields = ["starts_on"]


class EnrolmentViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """培训报名: the employees enrolled in training programmes, with their hours, assessment and completion."""

    api_part = "training"
    queryset = EmployeeEnrolment.objects.select_related("enterprise").order_by("programme_id", "name", "id")
    scope = staticmethod(access.enrolments_for)
    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilter
    search_fields = ["name", "employee_number"]
    ordering_fields = ["enrolled_at"]

"""Industry mentor appointments in the API, read-only under the pages' rules (``access.mentors``):
a school's staff its mentors, an enterprise's administrators and HR its engineers appointed, the
mentor their own, the secretariat all. Writes go through the pages' services."""

from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from training.access import mentors as access
from training.models import MentorAppointment


class MentorAppointmentSerializer(serializers.ModelSerializer):
    mentor_name = serializers.CharField(source="mentor.full_name", read_only=True)
    school_name = serializers.CharField(source="school.name_zh", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name_zh", read_only=True)

    class Meta:
        model = MentorAppointment
        component_name = "TrainingMentorAppointment"
        fields = ["id", "school", "school_name", "enterprise", "enterprise_name", "mentor", "mentor_name", "term",
                  "starts_on", "ends_on", "duties", "courses", "planned_hours", "taught_hours", "status",
                  "decided_at", "completed_at"]
        read_only_fields = fields


class MentorAppointmentFilter(FilterSet):
    class Meta:
        model = MentorAppointment
        fields = ["school", "enterprise", "term", "status"]


class MentorAppointmentViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """产业导师: the industry mentor appointments the caller sees, with their terms and hours."""

    api_part = "training"
    queryset = (MentorAppointment.objects.select_related("school", "enterprise", "mentor")
                .prefetch_related("courses").order_by("-starts_on", "id"))
    scope = staticmethod(access.appointments_for)
    serializer_class = MentorAppointmentSerializer
    filterset_class = MentorAppointmentFilter
    search_fields = ["term", "mentor__full_name", "duties"]
    ordering_fields = ["starts_on", "ends_on"]

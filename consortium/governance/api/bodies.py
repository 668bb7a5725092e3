"""Governing bodies and their seats in the API, under the pages' rules: everyone who may use
governance reads the active bodies, each with its quotas and current seats, and the seats
(current and ended, ``?current=true`` for those in force); the secretariat also reads
deactivated bodies. Writes go through the pages (``services.bodies``)."""

from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from consortium.governance.access import bodies as access
from consortium.governance.models import Body, Seat, SeatQuota
from core.api import FilterSet, YesNoFilter


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="display_name", read_only=True)


class SeatSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    organization_kind = serializers.CharField(source="organization.kind", read_only=True)
    principal = PersonSerializer(read_only=True)
    alternate = PersonSerializer(read_only=True, allow_null=True)
    current = serializers.BooleanField(source="is_current", read_only=True)

    class Meta:
        model = Seat
        fields = ["id", "body", "organization", "organization_name", "organization_kind", "principal", "alternate",
                  "role", "weight", "term_start", "term_end", "delegated_until", "current", "created_at",
                  "ended_at", "end_reason"]
        read_only_fields = fields


class QuotaSerializer(serializers.ModelSerializer):
    class Meta:
        model = SeatQuota
        fields = ["organization_kind", "seats"]
        read_only_fields = fields


class BodySerializer(serializers.ModelSerializer):
    quotas = QuotaSerializer(many=True, read_only=True)
    seats = SeatSerializer(source="current_seats", many=True, read_only=True)

    class Meta:
        model = Body
        fields = ["id", "name", "name_en", "kind", "level", "code", "quorum_rule", "description", "is_active",
                  "quotas", "seats"]
        read_only_fields = fields


class BodyFilter(FilterSet):
    class Meta:
        model = Body
        fields = ["kind", "level", "is_active"]


class BodyViewSet(viewsets.ReadOnlyModelViewSet):
    """治理机构: governing bodies with their seat quotas and current seats."""

    api_part = "governance"
    serializer_class = BodySerializer
    filterset_class = BodyFilter
    search_fields = ["name", "name_en", "code"]
    ordering_fields = ["name", "kind"]

    def get_queryset(self):
        seats = Seat.objects.current().select_related("organization", "principal", "alternate").order_by(
            "organization__name_zh")
        return access.bodies_for(self.request.user).prefetch_related(
            "quotas", Prefetch("seats", queryset=seats, to_attr="current_seats")).order_by("kind", "name", "pk")


class SeatFilter(FilterSet):
    current = YesNoFilter(field_name="ended_at", lookup_expr="isnull")

    class Meta:
        model = Seat
        fields = ["body", "organization", "role", "current"]


class SeatViewSet(viewsets.ReadOnlyModelViewSet):
    """席位: seats of the governing bodies, current and ended (seat history)."""

    api_part = "governance"
    serializer_class = SeatSerializer
    filterset_class = SeatFilter
    search_fields = ["organization__name_zh", "principal__full_name", "alternate__full_name"]
    ordering_fields = ["created_at", "ended_at"]

    def get_queryset(self):
        return access.seats_for(self.request.user).select_related(
            "organization", "principal", "alternate").order_by("body_id", "ended_at", "organization__name_zh", "pk")

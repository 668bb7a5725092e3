"""Placement rounds and confirmed placements in the API, read-only and under the pages' rules:
the secretariat reads every round, everyone else the open, run and confirmed rounds their
school or enterprise takes part in; a placement is read by its student, their school, the
enterprise that receives them and the secretariat. Writes go through the pages' services."""

from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from talent_matching import access
from talent_matching.models import Placement, PlacementRound, RoundPosting


class RoundPostingSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="posting.title", read_only=True)
    enterprise = serializers.IntegerField(source="posting.organization_id", read_only=True)
    places = serializers.IntegerField(source="capacity", read_only=True)

    class Meta:
        model = RoundPosting
        fields = ["posting", "title", "enterprise", "places"]
        read_only_fields = fields


class PlacementRoundSerializer(serializers.ModelSerializer):
    schools = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    postings = RoundPostingSerializer(source="round_postings", many=True, read_only=True)

    class Meta:
        model = PlacementRound
        fields = ["id", "name", "kind", "status", "number", "parent", "seed", "preferences_close_on", "schools",
                  "postings", "created_at", "opened_at", "confirmed_at"]
        read_only_fields = fields


class PlacementRoundFilter(FilterSet):
    class Meta:
        model = PlacementRound
        fields = ["kind", "status"]


class PlacementRoundViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """安置轮次: placement rounds with their schools, postings and places, and the lottery seed."""

    api_part = "talent"
    queryset = PlacementRound.objects.prefetch_related("schools", "round_postings__posting").order_by("-created_at", "-id")
    scope = staticmethod(access.rounds_for)
    serializer_class = PlacementRoundSerializer
    filterset_class = PlacementRoundFilter
    ordering_fields = ["created_at"]


class PlacementSerializer(serializers.ModelSerializer):
    enterprise = serializers.IntegerField(source="posting.organization_id", read_only=True)
    school = serializers.IntegerField(source="profile.school_id", read_only=True)

    class Meta:
        model = Placement
        fields = ["id", "round", "profile", "school", "posting", "enterprise", "confirmed_at", "log_index"]
        read_only_fields = fields


class PlacementFilter(FilterSet):
    class Meta:
        model = Placement
        fields = ["round", "posting", "profile"]


class PlacementViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """已确认安置: confirmed placements, each with its transparency-log entry."""

    api_part = "talent"
    queryset = Placement.objects.select_related("posting", "profile").order_by("-confirmed_at", "-id")
    scope = staticmethod(access.placements_for)
    serializer_class = PlacementSerializer
    filterset_class = PlacementFilter
    ordering_fields = ["confirmed_at"]

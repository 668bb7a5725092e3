"""Governance API: routed matters with their steps, read-only and under the pages' rules (the
secretariat reads them all, the people of organisations seated in a body on a matter's path that
matter). Writes go through the pages' services."""

from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from consortium.governance.access import routing as rules
from consortium.governance.models import Matter, MatterStep


class MatterStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatterStep
        fields = ["position", "body", "level", "action", "entered_on", "outcome", "outcome_text", "decided_on",
                  "motion"]
        read_only_fields = fields


class MatterSerializer(serializers.ModelSerializer):
    steps = MatterStepSerializer(many=True, read_only=True)
    current_step = serializers.IntegerField(source="current_step.position", read_only=True, default=None)

    class Meta:
        model = Matter
        fields = ["id", "title", "description", "kind", "status", "current_step", "created_at", "closed_at",
                  "steps"]
        read_only_fields = fields


class MatterFilter(FilterSet):
    class Meta:
        model = Matter
        fields = ["kind", "status"]


class MatterViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """事项: matters routed from the drafting bodies to the council and the secretariat, each with its
    steps (body, level, action, dates and outcome)."""

    api_part = "governance"
    queryset = Matter.objects.select_related("current_step").prefetch_related("steps").order_by("-created_at", "-id")
    scope = staticmethod(rules.matters_for)
    serializer_class = MatterSerializer
    filterset_class = MatterFilter
    search_fields = ["title"]
    ordering_fields = ["created_at"]

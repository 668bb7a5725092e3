"""Plans in the API, read-only under the pages' rules (``access.plans``): everyone in governance
reads the adopted plans with their items and completion (computed by the database); the
secretariat the drafts too. Writes go through the pages' services."""

from rest_framework import serializers, viewsets

from consortium.governance.access import plans as access
from consortium.governance.models import Plan, PlanItem
from core.api import FilterSet, ScopedQuerysetMixin


class PlanItemSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)

    class Meta:
        model = PlanItem
        fields = ["id", "position", "title", "owner", "owner_name", "due_on", "status", "percent", "resolution", "project"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    items_total = serializers.IntegerField(read_only=True, help_text="Items that count (not dropped).")
    items_done = serializers.IntegerField(read_only=True)
    completion = serializers.IntegerField(read_only=True, help_text="Share of the items done, 0–100.")
    items = PlanItemSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "year", "kind", "title", "description", "status", "resolution", "is_public", "adopted_at",
                  "items_total", "items_done", "completion", "items"]
        read_only_fields = fields


class PlanFilter(FilterSet):
    class Meta:
        model = Plan
        fields = ["year", "kind", "status"]


class PlanViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """工作计划: the annual work plans and training plans, with their items and completion."""

    api_part = "governance"
    queryset = Plan.objects.with_completion().prefetch_related("items__owner").order_by("-year", "kind", "id")
    scope = staticmethod(access.plans_for)
    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    search_fields = ["title"]
    ordering_fields = ["year"]

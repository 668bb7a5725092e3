"""Supply and demand in the API, read-only and under the pages' rules: the monthly figures per
family of majors (``major_code`` empty) and per major, and the warnings among them. Counts only:
no figure names a student, and the postings and cohorts behind a figure are on its page."""

from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from talent_matching import access
from talent_matching.models import SupplyDemandSnapshot


def supply_figures_for(user, queryset):
    return queryset if access.can_view_supply_demand(user) else queryset.none()


class SupplyDemandSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupplyDemandSnapshot
        fields = ["id", "period", "family_code", "major_code", "demand", "supply", "matched", "placed", "ratio",
                  "level", "side", "warning", "backfilled", "computed_at"]
        read_only_fields = fields


class SupplyDemandFilter(FilterSet):
    class Meta:
        model = SupplyDemandSnapshot
        fields = ["period", "family_code", "major_code", "level", "side", "warning"]


class SupplyDemandViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """供需数据: each month's demand (open headcount), supply (students graduating within a year),
    their ratio and early-warning level, per family of majors and per major. ``period`` filters
    by the month's first day (YYYY-MM-01)."""

    api_part = "talent"
    queryset = SupplyDemandSnapshot.objects.order_by("-period", "family_code", "major_code", "id")
    scope = staticmethod(supply_figures_for)
    serializer_class = SupplyDemandSerializer
    filterset_class = SupplyDemandFilter
    ordering_fields = ["period", "demand", "supply", "ratio"]


class SupplyWarningViewSet(SupplyDemandViewSet):
    """预警: the figures outside the balanced band on the same side two months in a row."""

    queryset = SupplyDemandSnapshot.objects.filter(warning=True).order_by("-period", "family_code", "major_code", "id")

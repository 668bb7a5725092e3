"""Match results through the API, under the pages' rules (``access.match_results_for``): an
enterprise reads the ranked candidates of its own postings whose profiles its consent lets it
see — read at the moment of the call —, a student their own recommended postings, the
secretariat everything; each with the parts of its score. Read-only: runs are started on the
secretariat's page or by the schedule."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from talent_matching import access, matching
from talent_matching.models import MatchResult


class MatchPartsSerializer(serializers.Serializer):
    """The named parts of a score (points; they add up to the score)."""

    skills_verified = serializers.FloatField(help_text="Skills backed by a credential that verifies.")
    skills_declared = serializers.FloatField(help_text="Self-declared skills (they count less).")
    major = serializers.FloatField()
    certificates = serializers.FloatField(help_text="Preferred certificates held, verified.")
    awards = serializers.FloatField(help_text="Verified competition awards.")
    location = serializers.FloatField()
    availability = serializers.FloatField()


class MatchResultSerializer(serializers.ModelSerializer):
    parts = serializers.SerializerMethodField()
    run = serializers.IntegerField(source="run_id", read_only=True)
    posting_title = serializers.CharField(source="posting.title", read_only=True)
    enterprise = serializers.IntegerField(source="posting.organization_id", read_only=True)

    class Meta:
        model = MatchResult
        fields = ["id", "run", "posting", "posting_title", "enterprise", "profile", "score", "parts",
                  "posting_rank", "profile_rank"]
        read_only_fields = fields

    @extend_schema_field(MatchPartsSerializer)
    def get_parts(self, result) -> dict:
        return {name: float(result.parts.get(name, 0)) for name in matching.PARTS}


class MatchResultFilter(FilterSet):
    class Meta:
        model = MatchResult
        fields = ["posting", "profile"]


class MatchResultViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """匹配结果: pairs of the current matching run, each with its score and the named parts that
    make it up ('why this match'). ``?posting=`` gives a posting's candidates (ordered by
    ``posting_rank``), ``?profile=`` a student's postings (by ``profile_rank``)."""

    api_part = "talent"
    queryset = MatchResult.objects.select_related("posting").order_by("posting_id", "posting_rank", "profile_rank", "id")
    scope = staticmethod(access.match_results_for)
    serializer_class = MatchResultSerializer
    filterset_class = MatchResultFilter
    ordering_fields = ["score", "posting_rank", "profile_rank"]

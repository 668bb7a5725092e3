"""The credit bank's API (学分银行), read-only and under the pages' rules: the published
conversion rules for every caller; credit movements in the caller's scope — a student's own,
the movements counted at a school its administrators (and its API keys) look after, all for
the secretariat. Writes go through the pages' services."""

from rest_framework import serializers, viewsets

from core.api import FilterSet, ScopedQuerysetMixin
from credentials import access, credit_bank
from credentials.models import CreditMovement, CreditRule


class CreditRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = CreditRule
        fields = ["id", "kind", "level", "achievement_major", "target_major", "credits", "note", "published_at"]
        read_only_fields = fields


class CreditRuleFilter(FilterSet):
    class Meta:
        model = CreditRule
        fields = ["kind", "target_major"]


class CreditRuleViewSet(viewsets.ReadOnlyModelViewSet):
    """学分转换规则: the conversion rules the consortium has published (withdrawn ones are not here)."""

    api_part = "credentials"
    queryset = CreditRule.objects.filter(published_at__isnull=False, withdrawn_at__isnull=True).order_by("id")
    serializer_class = CreditRuleSerializer
    filterset_class = CreditRuleFilter
    ordering_fields = ["published_at", "credits"]

    def get_queryset(self):
        return credit_bank.published_rules().order_by("id")


class CreditMovementSerializer(serializers.ModelSerializer):
    holder = serializers.IntegerField(source="account.holder_id", read_only=True)
    credential = serializers.UUIDField(source="credential.uuid", read_only=True)
    school_name = serializers.CharField(source="school.name_zh", read_only=True)

    class Meta:
        model = CreditMovement
        fields = ["id", "holder", "kind", "credential", "school", "school_name", "major", "credits", "at",
                  "request", "reverses", "log_index"]
        read_only_fields = fields


class CreditMovementFilter(FilterSet):
    class Meta:
        model = CreditMovement
        fields = ["kind", "school", "major"]


class CreditMovementViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """学分变动: credits earned, recognised and reversed, each with its transparency-log entry."""

    api_part = "credentials"
    queryset = CreditMovement.objects.select_related("account", "credential", "school").order_by("-at", "-id")
    scope = staticmethod(access.credit_movements_for)
    serializer_class = CreditMovementSerializer
    filterset_class = CreditMovementFilter
    ordering_fields = ["at"]

"""Responsibility credits in the API, read-only and under the pages' rules: an organisation's
administrators read their own account and ledger, the secretariat and government officers every
account; the published rules are read by everyone in governance. Writes go through the pages'
services."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers, viewsets

from consortium.governance.access import credits as access
from consortium.governance.models import CreditAccount, CreditEntry, CreditRule
from core.api import FilterSet, ScopedQuerysetMixin


class CreditAccountSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = CreditAccount
        fields = ["id", "organization", "organization_name", "balance", "entry_count", "opened_at"]
        read_only_fields = fields


class CreditAccountFilter(FilterSet):
    class Meta:
        model = CreditAccount
        fields = ["organization"]


class CreditAccountViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """教育责任积分账户: each organisation's credit balance."""

    api_part = "governance"
    queryset = CreditAccount.objects.select_related("organization").order_by("organization__name_zh", "id")
    scope = staticmethod(access.accounts_for)
    serializer_class = CreditAccountSerializer
    filterset_class = CreditAccountFilter
    ordering_fields = ["balance"]


class CreditEntrySerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(source="account.organization_id", read_only=True)
    rule = serializers.SlugRelatedField(slug_field="code", read_only=True)
    contribution_kind = serializers.CharField(source="contribution.kind", read_only=True, default=None)
    reverses = serializers.IntegerField(source="reverses.number", read_only=True, default=None)

    class Meta:
        model = CreditEntry
        fields = ["id", "account", "organization", "number", "kind", "amount", "balance_after", "rule", "contribution",
                  "contribution_kind", "redemption", "reverses", "at", "note", "log_index"]
        read_only_fields = fields


class CreditEntryFilter(FilterSet):
    class Meta:
        model = CreditEntry
        fields = ["account", "kind"]


class CreditEntryViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """积分明细: the append-only ledger, each entry with its source and transparency-log entry."""

    api_part = "governance"
    queryset = CreditEntry.objects.select_related("account", "rule", "contribution", "reverses").order_by("-at", "-id")
    scope = staticmethod(access.entries_for)
    serializer_class = CreditEntrySerializer
    filterset_class = CreditEntryFilter
    ordering_fields = ["at", "amount"]


@extend_schema_serializer(component_name="ResponsibilityCreditRule")  # the credit bank has a CreditRule
class CreditRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = CreditRule
        fields = ["id", "code", "title", "kind", "credits_per_unit", "valid_from", "valid_to", "published_at",
                  "is_active"]
        read_only_fields = fields


class CreditRuleFilter(FilterSet):
    class Meta:
        model = CreditRule
        fields = ["kind", "is_active"]


class CreditRuleViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    """积分规则: how many credits each kind of contribution earns, and when."""

    api_part = "governance"
    queryset = CreditRule.objects.order_by("kind", "-valid_from", "code")
    scope = staticmethod(access.rules_for)
    serializer_class = CreditRuleSerializer
    filterset_class = CreditRuleFilter
    ordering_fields = ["valid_from"]

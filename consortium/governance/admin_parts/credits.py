"""Admin console: responsibility credits — read-only. Rules, schemes and decisions are written on
the credits pages (checked and audited by the services); the ledger is append-only, never edited."""

from django.contrib import admin

from consortium.governance.models import (
    Contribution,
    CreditAccount,
    CreditEntry,
    CreditRule,
    Redemption,
    SubsidyScheme,
)
from core.admin import ReadOnlyConsoleAdmin


@admin.register(CreditRule)
class CreditRuleAdmin(ReadOnlyConsoleAdmin):
    list_display = ("code", "title", "kind", "credits_per_unit", "valid_from", "valid_to", "is_active", "published_at")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "title")


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyConsoleAdmin):
    list_display = ("organization", "kind", "quantity", "occurred_on", "source_type", "source_id", "recorded_at")
    list_filter = ("kind",)
    search_fields = ("organization__name_zh", "organization__name_en")
    list_select_related = ("organization", "source_type")
    date_hierarchy = "occurred_on"


@admin.register(CreditAccount)
class CreditAccountAdmin(ReadOnlyConsoleAdmin):
    list_display = ("organization", "balance", "entry_count", "opened_at")
    search_fields = ("organization__name_zh", "organization__name_en")
    list_select_related = ("organization",)
    ordering = ("-balance",)


@admin.register(CreditEntry)
class CreditEntryAdmin(ReadOnlyConsoleAdmin):
    list_display = ("account", "number", "kind", "amount", "balance_after", "rule", "at", "log_index")
    list_filter = ("kind",)
    search_fields = ("account__organization__name_zh", "note")
    list_select_related = ("account__organization", "rule")
    date_hierarchy = "at"


@admin.register(SubsidyScheme)
class SubsidySchemeAdmin(ReadOnlyConsoleAdmin):
    list_display = ("title", "credits_per_unit", "value_per_unit", "opens_on", "closes_on", "publisher")
    search_fields = ("title",)
    list_select_related = ("publisher",)


@admin.register(Redemption)
class RedemptionAdmin(ReadOnlyConsoleAdmin):
    list_display = ("account", "scheme", "credits", "value", "status", "requested_at", "decided_by", "decided_at")
    list_filter = ("status",)
    search_fields = ("account__organization__name_zh", "scheme__title")
    list_select_related = ("account__organization", "scheme", "decided_by")

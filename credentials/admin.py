from django.contrib import admin

from core.admin import ReadOnlyConsoleAdmin
from credentials.models import CreditAccount, CreditMovement, CreditRule, RecognitionRequest

# --- the credit bank (学分银行): read-only here, written through credentials.credit_bank --------


@admin.register(CreditRule)
class CreditRuleAdmin(ReadOnlyConsoleAdmin):
    list_display = ["kind", "level", "achievement_major", "target_major", "credits", "published_at", "withdrawn_at"]
    list_filter = ["kind"]
    search_fields = ["achievement_major", "target_major", "note"]


@admin.register(CreditAccount)
class CreditAccountAdmin(ReadOnlyConsoleAdmin):
    list_display = ["holder", "opened_at"]
    search_fields = ["holder__username", "holder__full_name"]
    list_select_related = ["holder"]


@admin.register(RecognitionRequest)
class RecognitionRequestAdmin(ReadOnlyConsoleAdmin):
    list_display = ["account", "credential", "school", "credits", "status", "requested_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["account__holder__username", "account__holder__full_name", "school__name_zh"]
    list_select_related = ["account__holder", "credential__achievement", "credential__holder", "school"]


@admin.register(CreditMovement)
class CreditMovementAdmin(ReadOnlyConsoleAdmin):
    list_display = ["account", "kind", "credential", "school", "major", "credits", "at", "log_index"]
    list_filter = ["kind"]
    search_fields = ["account__holder__username", "account__holder__full_name", "major"]
    list_select_related = ["account__holder", "credential__achievement", "credential__holder", "school"]

"""The admin console's read-only views of credentials: issuer keys (their public halves only,
never the sealed private ones), achievements, credentials, status lists and batches. Every
change goes through the services, which sign and log it."""

import json

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyConsoleAdmin
from credentials import keys
from credentials.models import (
    Achievement,
    Credential,
    CreditAccount,
    CreditMovement,
    CreditRule,
    IssuanceBatch,
    IssuerKey,
    RecognitionRequest,
    StatusList,
)


@admin.register(IssuerKey)
class IssuerKeyAdmin(ReadOnlyConsoleAdmin):
    list_display = ("organization", "fragment", "created_at", "retired_at", "compromised")
    list_filter = ("compromised",)
    search_fields = ("organization__name_zh", "fragment")
    list_select_related = ("organization",)
    fields = readonly_fields = ("organization", "fragment", "public_key_multibase", "verification_method",
                                "created_at", "retired_at", "compromised")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("private_key_encrypted")

    @admin.display(description=_("public key (multibase)"))
    def public_key_multibase(self, obj):
        from credentials.vc import multibase

        return multibase.encode_public_key(bytes(obj.public_key))

    @admin.display(description=_("verification method"))
    def verification_method(self, obj):
        return keys.verification_method(obj)


@admin.register(Achievement)
class AchievementAdmin(ReadOnlyConsoleAdmin):
    list_display = ("name", "level", "kind", "issuer", "major_code", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "issuer__name_zh", "major_code")
    list_select_related = ("issuer",)


@admin.register(Credential)
class CredentialAdmin(ReadOnlyConsoleAdmin):
    list_display = ("achievement", "holder", "issued_at", "status", "log_index")
    list_filter = ("status",)
    search_fields = ("uuid", "holder__username", "holder__full_name", "issuer__name_zh")
    list_select_related = ("achievement", "issuer", "holder")
    show_full_result_count = False
    fields = readonly_fields = (
        "uuid", "achievement", "issuer", "holder", "key", "subject_id", "issued_at", "issued_by", "valid_until",
        "batch", "status", "status_reason", "status_changed_at", "revocation_list", "revocation_index",
        "suspension_list", "suspension_index", "log_index", "digest", "document_text",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).defer("share_token")

    @admin.display(description=_("signed credential"))
    def document_text(self, obj):
        return json.dumps(obj.document, ensure_ascii=False, indent=2)


@admin.register(StatusList)
class StatusListAdmin(ReadOnlyConsoleAdmin):
    list_display = ("organization", "purpose", "number", "next_index", "size", "version", "updated_at")
    list_filter = ("purpose",)
    list_select_related = ("organization",)
    fields = readonly_fields = ("organization", "purpose", "number", "size", "next_index", "version", "updated_at",
                                "set_entries")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("document")

    @admin.display(description=_("entries set"))
    def set_entries(self, obj):
        return ", ".join(map(str, keys.bits_of(obj).set_indexes()[:200])) or "—"


@admin.register(IssuanceBatch)
class IssuanceBatchAdmin(ReadOnlyConsoleAdmin):
    list_display = ("achievement", "source", "created_by", "created_at", "done", "total", "state")
    list_filter = ("state",)
    list_select_related = ("achievement", "created_by")
    fields = readonly_fields = ("achievement", "source", "created_by", "created_at", "total", "done", "state",
                                "error", "finished_at")


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

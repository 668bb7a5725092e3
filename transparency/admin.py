"""The admin console's read-only views of the log: entries, checkpoints and witnesses (never
their private keys)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyConsoleAdmin
from transparency.models import Checkpoint, LogEntry, Witness


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyConsoleAdmin):
    list_display = ("index", "kind", "object_ref", "actor_name", "at")
    list_filter = ("kind",)
    search_fields = ("object_ref", "digest", "actor_name")
    fields = readonly_fields = (
        "index", "kind", "object_ref", "digest", "actor_name", "at", "entry_text", "leaf_hash_hex",
    )
    show_full_result_count = False

    @admin.display(description=_("entry (canonical JSON)"))
    def entry_text(self, obj):
        return bytes(obj.entry).decode()

    @admin.display(description=_("leaf hash"))
    def leaf_hash_hex(self, obj):
        return bytes(obj.leaf_hash).hex()


@admin.register(Checkpoint)
class CheckpointAdmin(ReadOnlyConsoleAdmin):
    list_display = ("size", "root_hex", "cosignature_count", "created_at")
    fields = readonly_fields = ("size", "root_hex", "note", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cosignature_count=Count("cosignatures"))

    @admin.display(description=_("root hash"))
    def root_hex(self, obj):
        return bytes(obj.root).hex()

    @admin.display(description=_("cosignatures"), ordering="cosignature_count")
    def cosignature_count(self, obj):
        return obj.cosignature_count


@admin.register(Witness)
class WitnessAdmin(ReadOnlyConsoleAdmin):
    list_display = ("name", "organization", "last_size", "is_active", "created_at")
    fields = readonly_fields = (
        "name", "organization", "vkey", "log_vkey", "last_size", "last_checkpoint", "is_active", "created_at",
    )
    list_select_related = ("organization",)

    @admin.display(description=_("verifier key"))
    def vkey(self, obj):
        from transparency.services import witness_verifier

        return witness_verifier(obj).vkey

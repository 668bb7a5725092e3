"""The audit trail every write goes into. Knows no domain: the organisation an event
belongs to is whatever model ``settings.AUDIT_ORGANIZATION_MODEL`` names."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import change_rows


class AuditEvent(models.Model):
    """审计记录: one write or sign-in, with who, for which organisation, when and from where."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        LOGIN = "login", _("Signed in")
        LOGOUT = "logout", _("Signed out")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        EVENT = "event", _("Decision recorded")
        API_CALL = "api_call", _("API call")

    class Source(models.TextChoices):
        SITE = "site", _("Portal")
        API = "api", _("API")
        ADMIN = "admin", _("Admin console")
        SYSTEM = "system", _("System")

    occurred_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )
    actor_label = models.CharField(_("user name"), max_length=150, blank=True)
    organization = models.ForeignKey(
        settings.AUDIT_ORGANIZATION_MODEL, verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    source = models.CharField(_("channel"), max_length=8, choices=Source.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    event = models.CharField(_("event"), max_length=64, blank=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        # The table predates the ground app it now lives in.
        db_table = "consortium_auditevent"
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="consortium__content_c4b954_idx"),
            models.Index(fields=["organization", "-occurred_at"], name="consortium__organiz_f036b6_idx"),
            models.Index(fields=["actor", "-occurred_at"], name="consortium__actor_i_6ca837_idx"),
        ]

    def change_rows(self) -> list[tuple[str, object, object]]:
        """The changes as (field label, before, after), for people to read."""
        return change_rows(self)

    def action_label(self) -> str:
        """What happened, for readers: the named decision, else the kind of write."""
        return self.event_label() if self.event else self.get_action_display()

    def object_type_label(self) -> str:
        from core.audit import content_type_label

        return content_type_label(self.content_type) if self.content_type_id else ""

    def event_label(self) -> str:
        """The named decision, in the reader's language (see ``core.audit.record_event``)."""
        from core.audit import event_label

        return event_label(self.event)

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label or '-'} {self.get_action_display()} {self.object_repr}"

"""The consortium as a whole. For now: the audit trail every write goes into."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortium.audit import change_rows


class AuditEvent(models.Model):
    """审计记录: one write or sign-in, with who, for which organisation, when and from where."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        LOGIN = "login", _("Signed in")
        LOGOUT = "logout", _("Signed out")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
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
        "members.Organization", verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_constraint=False,
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    source = models.CharField(_("channel"), max_length=8, choices=Source.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["organization", "-occurred_at"]),
            models.Index(fields=["actor", "-occurred_at"]),
        ]

    def change_rows(self) -> list[tuple[str, object, object]]:
        """The changes as (field label, before, after), for people to read."""
        return change_rows(self)

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label or '-'} {self.get_action_display()} {self.object_repr}"

"""Minutes (会议纪要) of a held meeting, kept as numbered versions.

The secretariat drafts version 1; seat holders of the body comment on it; the body approves it
by a motion (``services.votes``, subject = the version). An approved version is locked: its
text never changes again (the service refuses, and a PostgreSQL trigger refuses an UPDATE or
DELETE of an approved row, ``LOCK_TRIGGER_SQL``). A later correction is a new version, a copy of
the approved text, approved the same way."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Minutes(models.Model):
    """The minutes of one meeting: its versions, and whether the approved text is public."""

    meeting = models.OneToOneField("governance.Meeting", verbose_name=_("meeting"), on_delete=models.PROTECT,
                                   related_name="minutes")
    is_public = models.BooleanField(_("public"), default=False,
                                    help_text=_("Shown on the public disclosure pages without signing in."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-meeting__starts_at"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return str(self.meeting)


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    VOTING = "voting", _("Put to the vote")
    APPROVED = "approved", _("Approved")


OPEN_MINUTES_STATUSES = (MinutesStatus.DRAFT, MinutesStatus.VOTING)


class MinutesVersion(models.Model):
    minutes = models.ForeignKey(Minutes, verbose_name=_("minutes"), on_delete=models.PROTECT,
                                related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"), max_length=50000)
    status = models.CharField(_("status"), max_length=20, choices=MinutesStatus.choices,
                              default=MinutesStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    # The motion that put this version to the vote (the one that approved it, once approved).
    motion = models.ForeignKey("governance.Motion", verbose_name=_("motion"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["minutes", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="governance_minutes_version_once"),
            models.UniqueConstraint(fields=["minutes"], condition=Q(status__in=["draft", "voting"]),
                                    name="governance_minutes_one_open_version"),
            models.CheckConstraint(condition=Q(number__gte=1), name="governance_minutes_version_positive"),
            models.CheckConstraint(
                condition=(Q(status="approved", approved_at__isnull=False, motion__isnull=False)
                           | (~Q(status="approved") & Q(approved_at__isnull=True))),
                name="governance_minutes_approved_has_date_and_motion"),
            models.CheckConstraint(condition=~Q(status="voting") | Q(motion__isnull=False),
                                   name="governance_minutes_vote_has_motion"),
        ]
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")

    def __str__(self):
        return f"{self.minutes} · v{self.number}"

    @property
    def is_locked(self) -> bool:
        return self.status == MinutesStatus.APPROVED


class MinutesComment(models.Model):
    version = models.ForeignKey(MinutesVersion, verbose_name=_("version"), on_delete=models.CASCADE,
                                related_name="comments")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="+")
    text = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment on minutes")
        verbose_name_plural = _("comments on minutes")

    def __str__(self):
        return f"{self.version} · {self.person}"


# Approved minutes are locked in the database too. The merged migration runs this with
# ``migrations.RunSQL(LOCK_TRIGGER_SQL, UNLOCK_TRIGGER_SQL)`` after creating the table.
LOCK_TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION governance_minutes_version_locked() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'approved' THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'approved minutes (version %) cannot be deleted', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF NEW.text IS DISTINCT FROM OLD.text OR NEW.status IS DISTINCT FROM OLD.status
           OR NEW.number IS DISTINCT FROM OLD.number OR NEW.minutes_id IS DISTINCT FROM OLD.minutes_id
           OR NEW.approved_at IS DISTINCT FROM OLD.approved_at OR NEW.motion_id IS DISTINCT FROM OLD.motion_id THEN
            RAISE EXCEPTION 'approved minutes (version %) are locked', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS governance_minutes_version_locked ON governance_minutesversion;
CREATE TRIGGER governance_minutes_version_locked BEFORE UPDATE OR DELETE ON governance_minutesversion
    FOR EACH ROW EXECUTE FUNCTION governance_minutes_version_locked();
"""
UNLOCK_TRIGGER_SQL = """
DROP TRIGGER IF EXISTS governance_minutes_version_locked ON governance_minutesversion;
DROP FUNCTION IF EXISTS governance_minutes_version_locked();
"""

"""Industry mentors (产业导师): a school appoints an engineer of a member enterprise to teach for a
term (its dates, the courses and the planned hours); the enterprise accepts or declines; the
school records the hours taught and, after the term's end, marks it completed — which earns the
enterprise responsibility credits (``core.events.contribution``, kind ``mentor_term``).

One mentor never holds two live appointments at one school whose terms overlap: the services
check it, and PostgreSQL refuses it too (``MENTOR_OVERLAP_GUARD_SQL``)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

__all__ = ["MentorStatus", "MentorAppointment", "LIVE_MENTOR_STATUSES", "MENTOR_OVERLAP_GUARD_SQL",
           "MENTOR_OVERLAP_GUARD_REVERSE_SQL"]


class MentorStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting the enterprise")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The appointments that hold the mentor's time (declined and withdrawn ones do not).
LIVE_MENTOR_STATUSES = (MentorStatus.PROPOSED, MentorStatus.ACCEPTED, MentorStatus.COMPLETED)


class MentorAppointment(models.Model):
    school = models.ForeignKey("members.Organization", verbose_name=_("school"), on_delete=models.PROTECT,
                               related_name="training_mentor_appointments")
    enterprise = models.ForeignKey("members.Organization", verbose_name=_("enterprise"), on_delete=models.PROTECT,
                                   related_name="training_mentors_sent")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("mentor"), on_delete=models.PROTECT,
                               related_name="training_mentor_appointments")
    term = models.CharField(_("term"), max_length=60, help_text=_("The school year and term, for example the first term of 2026–2027."))
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    duties = models.CharField(_("teaching duties"), max_length=200, blank=True)
    courses = models.ManyToManyField("training.Course", verbose_name=_("courses"), blank=True,
                                     related_name="mentor_appointments")
    planned_hours = models.PositiveSmallIntegerField(_("planned hours"))
    taught_hours = models.PositiveSmallIntegerField(_("hours taught"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=MentorStatus.choices,
                              default=MentorStatus.PROPOSED)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("appointed by"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="training_mentor_term_dates"),
            models.CheckConstraint(condition=Q(planned_hours__gt=0), name="training_mentor_planned_hours"),
            models.CheckConstraint(condition=~Q(school=F("enterprise")), name="training_mentor_two_organisations"),
            models.CheckConstraint(condition=~Q(status="completed") | Q(completed_at__isnull=False),
                                   name="training_mentor_completed_has_date"),
        ]
        indexes = [models.Index(fields=["school", "mentor", "starts_on"], name="training_mentor_school_idx")]
        verbose_name = _("industry mentor appointment")
        verbose_name_plural = _("industry mentor appointments")

    def __str__(self):
        return f"{self.mentor} · {self.term}"


MENTOR_OVERLAP_GUARD_SQL = """
CREATE OR REPLACE FUNCTION training_mentor_no_overlap() RETURNS trigger AS $$
BEGIN
    IF NEW.status IN ('proposed', 'accepted', 'completed') THEN
        PERFORM pg_advisory_xact_lock(hashtext('training_mentor'), NEW.mentor_id::integer);
        IF EXISTS (
            SELECT 1 FROM training_mentorappointment a
            WHERE a.school_id = NEW.school_id AND a.mentor_id = NEW.mentor_id AND a.id <> NEW.id
              AND a.status IN ('proposed', 'accepted', 'completed')
              AND a.starts_on <= NEW.ends_on AND NEW.starts_on <= a.ends_on
        ) THEN
            RAISE EXCEPTION 'training_mentor_overlap: the mentor already has an appointment at this school in these dates'
                USING ERRCODE = '23P01';
        END IF;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS training_mentor_no_overlap ON training_mentorappointment;
CREATE TRIGGER training_mentor_no_overlap BEFORE INSERT OR UPDATE ON training_mentorappointment
    FOR EACH ROW EXECUTE FUNCTION training_mentor_no_overlap();
"""

MENTOR_OVERLAP_GUARD_REVERSE_SQL = """
DROP TRIGGER IF EXISTS training_mentor_no_overlap ON training_mentorappointment;
DROP FUNCTION IF EXISTS training_mentor_no_overlap();
"""

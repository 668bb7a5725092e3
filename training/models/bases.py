"""产业学院 and 实训基地: an industry college a school leads with partner enterprises, and the
training bases schools and enterprises build together (on campus, off campus or at an enterprise),
with their equipment, capacity and opening hours. A base's calendar holds the bookings of training
sessions: a school's or partner enterprise's people request one, the owner school's
administrators accept or decline it, and it may be cancelled.

No two accepted bookings of one base overlap: the service locks the base and checks, and on
PostgreSQL an exclusion constraint (``BOOKING_NO_OVERLAP_SQL``, applied by the migration
``0003_bases_guards``) refuses an overlapping accepted row whatever writes it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import LimitedTextField
from members.models import Organization

__all__ = [
    "BaseKind", "BookingStatus", "IndustryCollege", "TrainingBase", "BaseEquipment", "BaseBooking",
    "BOOKING_NO_OVERLAP_SQL", "BOOKING_NO_OVERLAP_REVERSE_SQL", "BOOKING_NO_OVERLAP_CONSTRAINT",
]


class BaseKind(models.TextChoices):
    ON_CAMPUS = "on_campus", _("On-campus base")  # 校内实训基地
    OFF_CAMPUS = "off_campus", _("Off-campus base")  # 校外实训基地
    ENTERPRISE = "enterprise", _("Enterprise-based base")  # 企业实训基地


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class IndustryCollege(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    lead_school = models.ForeignKey(Organization, verbose_name=_("lead school"), on_delete=models.PROTECT,
                                    related_name="training_led_colleges")
    partners = models.ManyToManyField(Organization, verbose_name=_("partner enterprises"), blank=True,
                                      related_name="training_partner_colleges")
    majors = models.ManyToManyField("reference.Major", verbose_name=_("majors"), blank=True,
                                    related_name="training_colleges")
    description = LimitedTextField(_("description"), max_length=5000, blank=True)
    established_on = models.DateField(_("established"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("industry college")
        verbose_name_plural = _("industry colleges")

    def __str__(self):
        return self.name


class TrainingBase(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=BaseKind.choices)
    college = models.ForeignKey(IndustryCollege, verbose_name=_("industry college"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="bases")
    owner = models.ForeignKey(Organization, verbose_name=_("owner school"), on_delete=models.PROTECT,
                              related_name="training_bases")
    partners = models.ManyToManyField(Organization, verbose_name=_("partner enterprises"), blank=True,
                                      related_name="training_partner_bases")
    address = models.CharField(_("address"), max_length=300, blank=True)
    majors = models.ManyToManyField("reference.Major", verbose_name=_("majors"), blank=True,
                                    related_name="training_bases")
    capacity = models.PositiveIntegerField(_("capacity (people)"))
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    description = LimitedTextField(_("description"), max_length=5000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("training base")
        verbose_name_plural = _("training bases")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="training_base_name_once_per_owner"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="training_base_capacity_positive"),
        ]

    def __str__(self):
        return self.name


class BaseEquipment(models.Model):
    base = models.ForeignKey(TrainingBase, verbose_name=_("training base"), on_delete=models.CASCADE,
                             related_name="equipment")
    name = models.CharField(_("name"), max_length=200)
    model = models.CharField(_("model"), max_length=100, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        ordering = ["base", "name", "pk"]
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="training_equipment_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.name} {self.model}".strip()


class BaseBooking(models.Model):
    base = models.ForeignKey(TrainingBase, verbose_name=_("training base"), on_delete=models.CASCADE,
                             related_name="bookings")
    organization = models.ForeignKey(Organization, verbose_name=_("booking organisation"),
                                     on_delete=models.PROTECT, related_name="training_base_bookings")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
                                     on_delete=models.SET_NULL, related_name="training_base_bookings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    purpose = models.CharField(_("purpose"), max_length=300)
    group_size = models.PositiveIntegerField(_("group size"))
    course = models.ForeignKey("training.Course", verbose_name=_("course"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="base_bookings")
    status = models.CharField(_("status"), max_length=12, choices=BookingStatus.choices,
                              default=BookingStatus.PENDING, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cancelled by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("training base booking")
        verbose_name_plural = _("training base bookings")
        indexes = [models.Index(fields=["base", "starts_at"], name="training_booking_base_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="training_booking_ends_after_start"),
            models.CheckConstraint(condition=Q(group_size__gt=0), name="training_booking_group_positive"),
            models.CheckConstraint(condition=~Q(status="declined") | ~Q(decline_reason=""),
                                   name="training_booking_declined_has_reason"),
        ]

    def __str__(self):
        return f"{self.base} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"


BOOKING_NO_OVERLAP_CONSTRAINT = "training_booking_no_overlap"

# PostgreSQL: no two accepted bookings of one base overlap (half-open ranges: one may end when the
# next starts).
BOOKING_NO_OVERLAP_SQL = f"""
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE training_basebooking ADD CONSTRAINT {BOOKING_NO_OVERLAP_CONSTRAINT}
    EXCLUDE USING gist (base_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    WHERE (status = 'accepted');
"""

BOOKING_NO_OVERLAP_REVERSE_SQL = f"""
ALTER TABLE training_basebooking DROP CONSTRAINT IF EXISTS {BOOKING_NO_OVERLAP_CONSTRAINT};
"""

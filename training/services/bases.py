"""Industry colleges, training bases and their bookings. Every write: keyword-only, one
transaction, permission checked inside; decisions audited.

No double booking: accepting a booking locks the base's row, then checks that no accepted booking
of the base overlaps it (half-open ranges: one may end when the next starts); PostgreSQL's
exclusion constraint (``models.bases.BOOKING_NO_OVERLAP_SQL``) keeps the same rule underneath."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit import record_event
from members.models import SCHOOL_KINDS, Organization, OrganizationKind, OrganizationStatus, User
from training.access import bases as access
from training.models import BaseBooking, BaseEquipment, BaseKind, BookingStatus, IndustryCollege, TrainingBase

COLLEGE_FIELDS = ("name", "lead_school", "partners", "majors", "description", "established_on")
BASE_FIELDS = ("name", "kind", "college", "owner", "partners", "address", "majors", "capacity", "opening_hours",
               "description", "equipment")


def _person(actor):
    """The person acting (None for an organisation's API key, which has no row)."""
    return None if getattr(actor, "is_api_key", False) else actor


def _active_school(org) -> bool:
    return org is not None and org.kind in SCHOOL_KINDS and org.status == OrganizationStatus.ACTIVE


def _check_partners(errors: dict, partners) -> None:
    if any(p.kind != OrganizationKind.ENTERPRISE or p.status != OrganizationStatus.ACTIVE for p in partners):
        errors["partners"] = [_("Choose active member enterprises as partners.")]


# --- industry colleges ---

def _check_college(*, actor, name, lead_school, partners, college=None) -> None:
    errors = {}
    if not (name or "").strip():
        errors["name"] = [_("Give the industry college a name.")]
    elif IndustryCollege.objects.filter(name=name.strip()).exclude(pk=getattr(college, "pk", None)).exists():
        errors["name"] = [_("There is already an industry college of this name.")]
    if not _active_school(lead_school):
        errors["lead_school"] = [_("Choose an active member school.")]
    elif not access.lead_school_choices(actor).filter(pk=lead_school.pk).exists():
        errors["lead_school"] = [_("You may only choose a school you administer.")]
    _check_partners(errors, partners)
    if errors:
        raise ValidationError(errors)


def _save(obj, field, message):
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise ValidationError({field: [message]}) from None


@transaction.atomic
def college_create(*, actor: User, name: str, lead_school: Organization, partners=(), majors=(),
                   description: str = "", established_on: date | None = None) -> IndustryCollege:
    if not access.can_create_college(actor):
        raise PermissionDenied
    partners, majors = list(partners), list(majors)
    _check_college(actor=actor, name=name, lead_school=lead_school, partners=partners)
    college = IndustryCollege(name=name.strip(), lead_school=lead_school, description=(description or "").strip(),
                              established_on=established_on, created_by=_person(actor))
    _save(college, "name", _("There is already an industry college of this name."))
    college.partners.set(partners)
    college.majors.set(majors)
    record_event("training.college_created", instance=college, actor=actor,
                 details={"name": college.name})
    return college


@transaction.atomic
def college_update(*, college: IndustryCollege, actor: User, name: str, lead_school: Organization, partners=(),
                   majors=(), description: str = "", established_on: date | None = None) -> IndustryCollege:
    college = IndustryCollege.objects.select_for_update().get(pk=college.pk)
    if not access.can_edit_college(actor, college):
        raise PermissionDenied
    partners, majors = list(partners), list(majors)
    _check_college(actor=actor, name=name, lead_school=lead_school, partners=partners, college=college)
    college.name, college.lead_school, college.description, college.established_on = (
        name.strip(), lead_school, (description or "").strip(), established_on)
    _save(college, "name", _("There is already an industry college of this name."))
    college.partners.set(partners)
    college.majors.set(majors)
    return college


# --- training bases ---

def _check_base(*, actor, name, kind, owner, partners, capacity, equipment, training_base=None) -> None:
    errors = {}
    if not (name or "").strip():
        errors["name"] = [_("Give the training base a name.")]
    if kind not in BaseKind.values:
        errors["kind"] = [_("Choose the kind of base.")]
    if not _active_school(owner):
        errors["owner"] = [_("Choose an active member school.")]
    elif not access.lead_school_choices(actor).filter(pk=owner.pk).exists():
        errors["owner"] = [_("You may only choose a school you administer.")]
    elif TrainingBase.objects.filter(owner=owner, name=(name or "").strip()).exclude(
            pk=getattr(training_base, "pk", None)).exists():
        errors["name"] = [_("The school already has a training base of this name.")]
    _check_partners(errors, partners)
    if capacity is None or capacity < 1:
        errors["capacity"] = [_("Give the number of people the base holds (at least 1).")]
    for item in equipment:
        if not (item.get("name") or "").strip() or not item.get("quantity") or item["quantity"] < 1:
            errors["equipment"] = [_("Each piece of equipment needs a name and a quantity of at least 1.")]
            break
    if errors:
        raise ValidationError(errors)


def _set_equipment(training_base, equipment) -> None:
    """The base's equipment list replaced, row by row (so that the audit trail sees each)."""
    for item in training_base.equipment.all():
        item.delete()
    for item in equipment:
        BaseEquipment.objects.create(base=training_base, name=item["name"].strip(),
                                     model=(item.get("model") or "").strip(), quantity=item["quantity"])


@transaction.atomic
def base_create(*, actor: User, name: str, kind: str, owner: Organization, capacity: int, college=None, partners=(),
                address: str = "", majors=(), opening_hours: str = "", description: str = "",
                equipment=()) -> TrainingBase:
    """A new base; ``equipment`` is a list of ``{"name", "model", "quantity"}``."""
    if not access.can_create_base(actor):
        raise PermissionDenied
    partners, majors, equipment = list(partners), list(majors), list(equipment)
    _check_base(actor=actor, name=name, kind=kind, owner=owner, partners=partners, capacity=capacity,
                equipment=equipment)
    training_base = TrainingBase(name=name.strip(), kind=kind, college=college, owner=owner,
                                 address=(address or "").strip(), capacity=capacity,
                                 opening_hours=(opening_hours or "").strip(),
                                 description=(description or "").strip(), created_by=_person(actor))
    _save(training_base, "name", _("The school already has a training base of this name."))
    training_base.partners.set(partners)
    training_base.majors.set(majors)
    _set_equipment(training_base, equipment)
    record_event("training.base_created", instance=training_base, actor=actor,
                 details={"name": training_base.name, "kind": kind})
    return training_base


@transaction.atomic
def base_update(*, training_base: TrainingBase, actor: User, name: str, kind: str, owner: Organization,
                capacity: int, college=None, partners=(), address: str = "", majors=(), opening_hours: str = "",
                description: str = "", equipment=()) -> TrainingBase:
    training_base = TrainingBase.objects.select_for_update().get(pk=training_base.pk)
    if not access.can_edit_base(actor, training_base):
        raise PermissionDenied
    partners, majors, equipment = list(partners), list(majors), list(equipment)
    _check_base(actor=actor, name=name, kind=kind, owner=owner, partners=partners, capacity=capacity,
                equipment=equipment, training_base=training_base)
    (training_base.name, training_base.kind, training_base.college, training_base.owner, training_base.address,
     training_base.capacity, training_base.opening_hours, training_base.description) = (
        name.strip(), kind, college, owner, (address or "").strip(), capacity, (opening_hours or "").strip(),
        (description or "").strip())
    _save(training_base, "name", _("The school already has a training base of this name."))
    training_base.partners.set(partners)
    training_base.majors.set(majors)
    _set_equipment(training_base, equipment)
    return training_base


# --- bookings ---

def _when(value: datetime) -> str:
    return date_format(timezone.localtime(value), "Y-m-d H:i")


def overlapping(training_base: TrainingBase, starts_at: datetime, ends_at: datetime, *, exclude=None):
    """The accepted bookings of the base overlapping [starts_at, ends_at)."""
    qs = BaseBooking.objects.filter(base=training_base, status=BookingStatus.ACCEPTED, starts_at__lt=ends_at,
                                    ends_at__gt=starts_at)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.select_related("organization").order_by("starts_at")


def conflict_message(other: BaseBooking) -> str:
    return _("It overlaps with the booking of %(organization)s from %(start)s to %(end)s.") % {
        "organization": other.organization.name_zh, "start": _when(other.starts_at), "end": _when(other.ends_at)}


@transaction.atomic
def booking_request(*, actor: User, training_base: TrainingBase, organization: Organization, starts_at: datetime,
                    ends_at: datetime, purpose: str, group_size: int, course=None) -> BaseBooking:
    """A request, pending the owner school's decision. Refused at once if it overlaps an accepted
    booking (it could never be accepted)."""
    training_base = TrainingBase.objects.select_for_update().get(pk=training_base.pk)
    allowed = access.booking_org_ids(actor, training_base)
    if not allowed:
        raise PermissionDenied
    errors = {}
    if organization is None or organization.pk not in allowed:
        errors["organization"] = [_("Choose an organisation you may book this base for.")]
    if not (purpose or "").strip():
        errors["purpose"] = [_("Say what the session is for.")]
    if group_size is None or group_size < 1:
        errors["group_size"] = [_("Give the number of people (at least 1).")]
    elif group_size > training_base.capacity:
        errors["group_size"] = [_("The base holds at most %(capacity)d people.") % {"capacity": training_base.capacity}]
    if starts_at is None or ends_at is None:
        errors["starts_at"] = [_("Give when the session starts and ends.")]
    elif ends_at <= starts_at:
        errors["ends_at"] = [_("The session must end after it starts.")]
    elif starts_at < timezone.now():
        errors["starts_at"] = [_("The session cannot start in the past.")]
    else:
        clash = overlapping(training_base, starts_at, ends_at).first()
        if clash is not None:
            errors["starts_at"] = [conflict_message(clash)]
    if errors:
        raise ValidationError(errors)
    booking = BaseBooking.objects.create(
        base=training_base, organization=organization, requested_by=_person(actor), starts_at=starts_at, ends_at=ends_at,
        purpose=purpose.strip(), group_size=group_size, course=course)
    record_event("training.booking_requested", instance=booking, actor=actor,
                 details={"base": training_base.pk, "starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat()})
    return booking


def _locked(booking: BaseBooking) -> tuple[TrainingBase, BaseBooking]:
    """The base's row locked first (every accept of the base waits here), then the booking's."""
    training_base = TrainingBase.objects.select_for_update().get(pk=booking.base_id)
    booking = BaseBooking.objects.select_for_update().select_related("organization").get(pk=booking.pk)
    return training_base, booking


@transaction.atomic
def booking_accept(*, booking: BaseBooking, actor: User) -> BaseBooking:
    training_base, booking = _locked(booking)
    if not access.can_decide(actor, training_base):
        raise PermissionDenied
    if booking.status != BookingStatus.PENDING:
        raise ValidationError(_("Only a request awaiting a decision can be accepted."))
    clash = overlapping(training_base, booking.starts_at, booking.ends_at, exclude=booking).first()
    if clash is not None:
        raise ValidationError(conflict_message(clash))
    booking.status, booking.decided_by, booking.decided_at = BookingStatus.ACCEPTED, _person(actor), timezone.now()
    try:
        with transaction.atomic():
            booking.save(update_fields=["status", "decided_by", "decided_at"])
    except IntegrityError:  # the database's exclusion constraint: another accept got there first
        raise ValidationError(_("It overlaps with another accepted booking of this base.")) from None
    record_event("training.booking_accepted", instance=booking, actor=actor,
                 details={"base": training_base.pk})
    return booking


@transaction.atomic
def booking_decline(*, booking: BaseBooking, actor: User, reason: str) -> BaseBooking:
    training_base, booking = _locked(booking)
    if not access.can_decide(actor, training_base):
        raise PermissionDenied
    if booking.status != BookingStatus.PENDING:
        raise ValidationError(_("Only a request awaiting a decision can be declined."))
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason for declining.")]})
    booking.status, booking.decided_by, booking.decided_at, booking.decline_reason = (
        BookingStatus.DECLINED, _person(actor), timezone.now(), reason.strip())
    booking.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    record_event("training.booking_declined", instance=booking, actor=actor,
                 details={"base": training_base.pk, "reason": booking.decline_reason})
    return booking


@transaction.atomic
def booking_cancel(*, booking: BaseBooking, actor: User) -> BaseBooking:
    training_base, booking = _locked(booking)
    booking.base = training_base
    if not access.can_cancel(actor, booking):
        if booking.status in (BookingStatus.PENDING, BookingStatus.ACCEPTED) or not (
                access.bookings_for(actor).filter(pk=booking.pk).exists()):
            raise PermissionDenied
        raise ValidationError(_("Only a pending or accepted booking can be cancelled."))
    before = booking.status
    booking.status, booking.cancelled_by, booking.cancelled_at = BookingStatus.CANCELLED, _person(actor), timezone.now()
    booking.save(update_fields=["status", "cancelled_by", "cancelled_at"])
    record_event("training.booking_cancelled", instance=booking, actor=actor,
                 details={"base": training_base.pk, "from": before})
    return booking

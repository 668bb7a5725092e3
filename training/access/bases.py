"""Who may do what with industry colleges, training bases and their bookings (built on the base
rules in access/__init__.py).

Everyone in the training area (people of schools and enterprises, the secretariat) reads the
industry colleges, the bases and their calendars. A lead school's administrators (and the
secretariat) write its industry college; an owner school's administrators (and the secretariat)
write its bases. The owner school's and the partner enterprises' teachers, engineers, HR staff,
staff and administrators request bookings for their organisation; the owner school's
administrators accept or decline them; the requester, their organisation's administrators, the owner's administrators or the secretariat
cancel one.
A booking's details are seen by its requesting organisation, the owner school and the
secretariat; the calendar shows everyone the accepted ones."""

from django.db.models import Q, QuerySet

from members.models import SCHOOL_KINDS, Organization, OrganizationStatus, Role
from training import access as base
from training.models import BaseBooking, BookingStatus, IndustryCollege, TrainingBase

BOOKING_ROLES = {Role.ORG_ADMIN, Role.TEACHER, Role.ENGINEER, Role.HR, Role.STAFF}


def can_read_bases(user) -> bool:
    """People of schools and enterprises and the secretariat; in the API, a school's or an enterprise's
    key too (as its administrator would)."""
    if base.is_api_key(user):
        return bool(base.profile(user).kinds() & base.USER_KINDS)
    return base.can_use_training(user)


def colleges_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = IndustryCollege.objects.all() if queryset is None else queryset
    return qs if can_read_bases(user) else qs.none()


def bases_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = TrainingBase.objects.all() if queryset is None else queryset
    return qs if can_read_bases(user) else qs.none()


def school_admin_ids(user) -> set[int]:
    """The schools this person administers."""
    return base.admin_school_ids(user)


def lead_school_choices(user) -> QuerySet:
    """The schools whose industry colleges and bases this person may write."""
    schools = Organization.objects.filter(kind__in=SCHOOL_KINDS, status=OrganizationStatus.ACTIVE)
    if base.is_secretariat(user):
        return schools.order_by("name_zh")
    return schools.filter(pk__in=school_admin_ids(user)).order_by("name_zh")


def can_create_college(user) -> bool:
    return can_read_bases(user) and (base.is_secretariat(user) or bool(school_admin_ids(user)))


can_create_base = can_create_college


def can_edit_college(user, college: IndustryCollege) -> bool:
    return can_read_bases(user) and (base.is_secretariat(user) or college.lead_school_id in school_admin_ids(user))


def can_edit_base(user, training_base: TrainingBase) -> bool:
    return can_read_bases(user) and (base.is_secretariat(user) or training_base.owner_id in school_admin_ids(user))


def can_decide(user, training_base: TrainingBase) -> bool:
    """Accept or decline the base's booking requests: the owner school's administrators."""
    return can_read_bases(user) and training_base.owner_id in school_admin_ids(user)


def booking_org_ids(user, training_base: TrainingBase, partner_ids: set[int] | None = None) -> set[int]:
    """The organisations this person may book the base for: the owner school and its partners, where
    they hold a booking role."""
    if not can_read_bases(user):
        return set()
    if partner_ids is None:
        partner_ids = set(training_base.partners.values_list("pk", flat=True))
    return base.org_ids_with_roles(user, BOOKING_ROLES) & ({training_base.owner_id} | partner_ids)


def can_book(user, training_base: TrainingBase) -> bool:
    return bool(booking_org_ids(user, training_base))


def can_book_somewhere(user) -> bool:
    return can_read_bases(user) and bool(base.org_ids_with_roles(user, BOOKING_ROLES))


def bookable_bases(user) -> QuerySet:
    """The bases this person may request a booking of."""
    orgs = base.org_ids_with_roles(user, BOOKING_ROLES) if can_read_bases(user) else set()
    if not orgs:
        return TrainingBase.objects.none()
    return TrainingBase.objects.filter(Q(owner_id__in=orgs) | Q(partners__in=orgs)).distinct()


def bookings_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """The bookings whose details this person sees: their organisations' requests, the requests to
    the bases their school owns; the secretariat all."""
    qs = BaseBooking.objects.all() if queryset is None else queryset
    if not can_read_bases(user):
        return qs.none()
    if base.is_secretariat(user):
        return qs
    orgs = base.member_ids(user)
    mine = Q(requested_by_id=user.pk) if user.pk is not None else Q(pk__in=[])
    return qs.filter(Q(organization_id__in=orgs) | Q(base__owner_id__in=school_admin_ids(user)) | mine)


def calendar_bookings(user, training_base: TrainingBase, queryset: QuerySet | None = None) -> QuerySet:
    """What the base's calendar shows this person: the accepted bookings, and the pending ones they
    see the details of."""
    qs = (BaseBooking.objects.all() if queryset is None else queryset).filter(base=training_base)
    if not can_read_bases(user):
        return qs.none()
    visible_pending = bookings_for(user, qs.filter(status=BookingStatus.PENDING))
    return qs.filter(Q(status=BookingStatus.ACCEPTED) | Q(pk__in=visible_pending.values("pk")))


def can_cancel(user, booking: BaseBooking) -> bool:
    if booking.status not in (BookingStatus.PENDING, BookingStatus.ACCEPTED) or not can_read_bases(user):
        return False
    return ((user.pk is not None and booking.requested_by_id == user.pk) or base.is_secretariat(user)
            or booking.organization_id in base.admin_ids(user) or booking.base.owner_id in school_admin_ids(user))


def decision_queue(user) -> QuerySet:
    """The pending requests to the bases whose owner school this person administers."""
    if not can_read_bases(user):
        return BaseBooking.objects.none()
    return BaseBooking.objects.filter(status=BookingStatus.PENDING, base__owner_id__in=school_admin_ids(user))


def can_see_queue(user) -> bool:
    return can_read_bases(user) and bool(school_admin_ids(user))

"""Who may do what with meetings (built on the base rules in access/__init__.py).

Who sees a body's meetings (agenda, invited seats, answers, attendance, documents):

- the secretariat sees every meeting and manages them all;
- government officers read every meeting (they follow the council for the government);
- the holders of a current seat of the body (principal or alternate), and the administrators of
  an organisation holding a current seat of the body, see that body's meetings;
- everyone else who takes part in governance (``can_use_governance``: people of an active
  member organisation, students excepted) sees the meetings of the council (理事会) only;
- students and visitors see none.

The chair of a body (the principal or alternate of its current seat with the office of chair)
schedules and manages that body's meetings like the secretariat. A seat's holders answer for their
seat (RSVP) while the meeting is scheduled and not over. Anything outside the viewer's scope answers 404."""

from django.db.models import Q
from django.utils import timezone

from consortium.governance import access as base
from members import access as members_access
from members.models import Role


def _is_officer(user) -> bool:
    return user.is_authenticated and not members_access.is_api_key(user) and members_access.has_role(user, Role.OFFICER)


def sees_all_meetings(user) -> bool:
    return base.is_secretariat(user) or _is_officer(user)


def can_use_meetings(user) -> bool:
    """The governance hub's people; an organisation's API key reads as that organisation's administrator."""
    if members_access.is_api_key(user):
        return bool(members_access.profile(user).roles() & base.GOVERNANCE_ROLES)
    return base.can_use_governance(user)


_CHAIRED_ATTR = "_governance_chaired_body_ids"
_BODIES_ATTR = "_governance_meeting_body_ids"


def chaired_body_ids(user) -> frozenset[int]:
    """The bodies whose current chair seat this person holds (read once per request)."""
    seats = base.seat_ids(user)
    if not seats:
        return frozenset()
    cached = getattr(user, _CHAIRED_ATTR, None)
    if cached is None or cached[0] is not seats:  # read again when the seats were (base.forget_seats)
        from consortium.governance.models import Seat, SeatRole

        cached = (seats, frozenset(Seat.objects.filter(pk__in=seats, role=SeatRole.CHAIR)
                                   .values_list("body_id", flat=True)))
        setattr(user, _CHAIRED_ATTR, cached)
    return cached[1]


def member_body_ids(user) -> frozenset[int]:
    """The bodies in which this person holds a seat, or whose seat their organisation holds (as its administrator)."""
    seats, admin_orgs = base.seat_ids(user), frozenset(base.admin_organization_ids(user))
    cached = getattr(user, _BODIES_ATTR, None)
    if cached is None or cached[0] is not seats or cached[1] != admin_orgs:
        from consortium.governance.models import Seat

        bodies = frozenset()
        if seats or admin_orgs:
            bodies = frozenset(Seat.objects.current().filter(Q(pk__in=seats) | Q(organization_id__in=admin_orgs))
                               .values_list("body_id", flat=True))
        cached = (seats, admin_orgs, bodies)
        setattr(user, _BODIES_ATTR, cached)
    return cached[2]


def can_schedule_any(user) -> bool:
    """The secretariat, or the chair of some body."""
    return base.is_secretariat(user) or bool(chaired_body_ids(user))


def can_schedule(user, body) -> bool:
    return base.is_secretariat(user) or body.pk in chaired_body_ids(user)


def schedulable_bodies(user, queryset):
    if base.is_secretariat(user):
        return queryset.filter(is_active=True)
    return queryset.filter(is_active=True, pk__in=chaired_body_ids(user))


def can_manage(user, meeting) -> bool:
    """Edit the agenda, documents and invitations, record attendance, cancel, mark held."""
    return can_schedule(user, meeting.body)


def meetings_for(user, queryset):
    """The meetings this person may see (see the module's rules)."""
    from consortium.governance.models import BodyKind

    if not can_use_meetings(user):
        return queryset.none()
    if sees_all_meetings(user):
        return queryset
    return queryset.filter(Q(body_id__in=member_body_ids(user) | chaired_body_ids(user)) | Q(body__kind=BodyKind.COUNCIL))


def can_see(user, meeting) -> bool:
    return meetings_for(user, type(meeting).objects.filter(pk=meeting.pk)).exists()


def is_open_for_answers(meeting) -> bool:
    from consortium.governance.models import MeetingStatus

    return meeting.status == MeetingStatus.SCHEDULED and meeting.ends_at > timezone.now()


def can_answer(user, meeting_seat) -> bool:
    """RSVP for the seat: its principal or alternate, while the meeting is scheduled and not over."""
    return meeting_seat.seat_id in base.seat_ids(user) and is_open_for_answers(meeting_seat.meeting)


def my_invitations(user, queryset):
    """The invitations (MeetingSeat) of the seats this person holds."""
    return queryset.filter(seat_id__in=base.seat_ids(user))


def can_record_attendance(user, meeting) -> bool:
    """During or after the meeting (from its start), unless it was cancelled."""
    from consortium.governance.models import MeetingStatus

    return (can_manage(user, meeting) and meeting.status != MeetingStatus.CANCELLED
            and meeting.starts_at <= timezone.now())


def can_edit(user, meeting) -> bool:
    """The agenda, documents, time and invitations change while the meeting is scheduled."""
    from consortium.governance.models import MeetingStatus

    return can_manage(user, meeting) and meeting.status == MeetingStatus.SCHEDULED


def can_use_notifications(user) -> bool:
    """The notifications pages live in the council's hub: the same people as the hub."""
    return base.can_use_governance(user)

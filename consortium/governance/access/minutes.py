"""Who may do what with minutes (built on the base rules in access/__init__.py).

The secretariat drafts, edits, puts to the vote, corrects and discloses minutes and sees them
all. The people of an organisation holding a current seat in the meeting's body read that body's
minutes, drafts included; the seat's representatives (principal or alternate) comment on a draft.
Every other person using governance reads only minutes made public, and only approved versions."""

from django.db.models import Exists, OuterRef, Q

from consortium.governance import access
from consortium.governance.models import Minutes, MinutesStatus, MinutesVersion, OPEN_MINUTES_STATUSES, Seat


def can_manage_minutes(user) -> bool:
    return access.is_secretariat(user)


def _seat_bodies_q(user, prefix: str) -> Q:
    """Minutes of a body in which one of the person's organisations holds a current seat."""
    orgs = access.organization_ids(user)
    if not orgs:
        return Q(pk__in=[])
    seated = Seat.objects.current().filter(body=OuterRef(f"{prefix}meeting__body"), organization__in=orgs)
    return Q(Exists(seated))


def minutes_for(user, qs=None):
    qs = Minutes.objects.all() if qs is None else qs
    if not access.can_use_governance(user):
        return qs.none()
    if access.is_secretariat(user):
        return qs
    approved = MinutesVersion.objects.filter(minutes=OuterRef("pk"), status=MinutesStatus.APPROVED)
    return qs.filter(_seat_bodies_q(user, "") | (Q(is_public=True) & Q(Exists(approved))))


def sees_drafts(user, minutes: Minutes) -> bool:
    """The secretariat and the people of the organisations seated in the body."""
    if access.is_secretariat(user):
        return True
    orgs = access.organization_ids(user)
    return bool(orgs) and Seat.objects.current().filter(body_id=minutes.meeting.body_id,
                                                        organization__in=orgs).exists()


def versions_for(user, qs=None):
    qs = MinutesVersion.objects.all() if qs is None else qs
    if not access.can_use_governance(user):
        return qs.none()
    if access.is_secretariat(user):
        return qs
    return qs.filter(_seat_bodies_q(user, "minutes__")
                     | Q(minutes__is_public=True, status=MinutesStatus.APPROVED))


def can_comment(user, version: MinutesVersion) -> bool:
    """A representative of a current seat in the body, or the secretariat, on an open version."""
    if version.status not in OPEN_MINUTES_STATUSES or not access.can_use_governance(user):
        return False
    if access.is_secretariat(user):
        return True
    body_id = version.minutes.meeting.body_id
    return Seat.objects.filter(pk__in=access.seat_ids(user), body_id=body_id).exists()

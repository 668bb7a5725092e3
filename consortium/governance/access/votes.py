"""Who may do what with motions, votes and resolutions (built on the base rules in access/__init__.py).

* The secretariat and the chair of a body (the principal of its current chair seat) propose
  motions for the body, open, close and withdraw them.
* A seat votes through its principal, or through its alternate when the principal has delegated
  (``Seat.delegated_until`` is today or later) or, in a meeting, when the alternate attends in the
  principal's place (attendance "alternate present", or the answer "the alternate will attend"
  while attendance is not yet recorded). The vote belongs to the seat: either may change it
  until the vote closes.
* A seat's conflict of interest is declared by those who vote for it, or recorded by the secretariat.
* Reading: the secretariat and government officers read every motion; every governance user reads
  the motions of the council (理事会); the motions of other bodies are read by their seat holders
  and by the administrators of the organisations holding a seat. Drafts are read only by those who
  manage the body's motions. Each seat's vote is shown once the vote is closed (to the secretariat
  while it is open). The resolution register is open to every governance user.
* An organisation's API key reads what its administrator reads; holding no seat, it never votes.
"""

from django.db.models import Q

from consortium.governance import access as base
from consortium.governance.models import BodyKind, Motion, MotionStatus, Resolution, Seat, SeatRole
from members import access as members_access
from members.models import Role


def is_officer(user) -> bool:
    return user.is_authenticated and members_access.has_role(user, Role.OFFICER)


def chaired_body_ids(user) -> frozenset[int]:
    """The bodies whose current chair seat this person holds as principal (read once per request)."""
    if not user.is_authenticated or not base.seat_ids(user):
        return frozenset()
    cached = getattr(user, "_governance_chaired_body_ids", None)
    if cached is None:
        cached = frozenset(Seat.objects.current().filter(pk__in=base.seat_ids(user), principal=user,
                                                         role=SeatRole.CHAIR).values_list("body_id", flat=True))
        user._governance_chaired_body_ids = cached
    return cached


def can_manage_motions(user, body) -> bool:
    """Propose, open, close and withdraw the body's motions."""
    return base.is_secretariat(user) or body.pk in chaired_body_ids(user)


def can_propose_any(user) -> bool:
    return base.is_secretariat(user) or bool(chaired_body_ids(user))


def _reader_body_ids(user) -> set[int]:
    """Bodies (other than the council) whose motions this person reads: their seats' bodies and
    those of the seats their organisations hold."""
    seats = Seat.objects.current()
    condition = Q(pk__in=base.seat_ids(user))
    admin_orgs = base.admin_organization_ids(user)
    if admin_orgs:
        condition |= Q(organization_id__in=admin_orgs)
    return set(seats.filter(condition).values_list("body_id", flat=True))


def reads_governance(user) -> bool:
    """A governance user, or an organisation's API key (which reads as that organisation's
    administrator would: it holds no seat, so it never votes)."""
    if members_access.is_api_key(user):
        return bool(base.organization_ids(user))
    return base.can_use_governance(user)


def motions_for(user, queryset=None):
    """The motions this person may read."""
    queryset = Motion.objects.all() if queryset is None else queryset
    if not reads_governance(user):
        return queryset.none()
    if base.is_secretariat(user):
        return queryset
    managed = chaired_body_ids(user)
    visible = Q(body__kind=BodyKind.COUNCIL) | Q(body_id__in=_reader_body_ids(user))
    if is_officer(user):
        visible = Q(pk__isnull=False)
    return queryset.filter((visible & ~Q(status=MotionStatus.DRAFT)) | Q(body_id__in=managed))


def resolutions_for(user, queryset=None):
    """The resolution register: every governance user reads it whole."""
    queryset = Resolution.objects.all() if queryset is None else queryset
    return queryset if reads_governance(user) else queryset.none()


def can_see_votes(user, motion) -> bool:
    """Each seat's vote: once the vote is closed, or live for the secretariat."""
    return motion.status not in (MotionStatus.OPEN, MotionStatus.DRAFT) or base.is_secretariat(user)


def can_disclose(user) -> bool:
    return base.is_secretariat(user)


def may_vote_for(user, seat, *, principal_absent: bool) -> bool:
    """The person may vote for the seat: its principal, or its alternate when the principal has
    delegated or is absent from the meeting (``principal_absent``)."""
    if not user.is_authenticated or seat.ended_at is not None:
        return False
    if seat.principal_id == user.pk:
        return True
    if seat.alternate_id != user.pk:
        return False
    delegated = seat.delegated_until is not None and seat.delegated_until >= base.today()
    return delegated or principal_absent


def may_declare_for(user, seat) -> bool:
    return base.is_secretariat(user) or (seat.ended_at is None and user.pk in (seat.principal_id, seat.alternate_id))

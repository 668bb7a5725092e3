"""Governance services: governing bodies and their seats.

The secretariat sets up the bodies (kind, level, resolution mark, quorum rule, seat quotas per
kind of organisation) and appoints their seats. A seat belongs to an active member organisation;
its principal and alternate are people of that organisation. The rules kept here, each in one
transaction with the body locked (``select_for_update``) so two appointments cannot both take
the last place:

- a body with quotas gives each kind of organisation at most its quota of current seats, and
  none to a kind without a quota; a body without any quota takes seats of every kind;
- one current seat per organisation per body, one chair per body (also database constraints);
- the principal and the alternate are two different active people of the seat's organisation
  (a current role there, not a student's), and no one appoints themselves;
- an ended seat is kept, with its reason, as the body's seat history.

Holding a seat on a council (principal or alternate) is what makes a person a council
representative (``Role.COUNCIL_REP``) of their organisation: every change of seats brings the
role in line through ``members.services.seat_role_sync``.

Who votes for a seat: the principal, or the alternate when the principal is absent or has
delegated the vote until a day (``voting_person``, ``who_votes``)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from consortium.governance import access as base_access
from consortium.governance.access import bodies as access
from consortium.governance.models import Body, BodyKind, Level, QuorumRule, Seat, SeatQuota, SeatRole
from core.audit import record_event
from members import services as members_services
from members.models import Membership, Organization, OrganizationKind, OrganizationStatus, Role, User

COUNCIL_NAME = "理事会"
COUNCIL_MARK = "理"
# The roles that make someone one of their organisation's people in governance (not the
# council representative's own role, which follows from the seat, nor a student's).
REPRESENTATIVE_ROLES = frozenset(base_access.GOVERNANCE_ROLES - {Role.COUNCIL_REP})


def _secretariat(actor) -> None:
    if not access.can_manage_bodies(actor):
        raise PermissionDenied


def _locked_body(body: Body) -> Body:
    return Body.objects.select_for_update().get(pk=body.pk)


def _locked_seat(seat: Seat) -> Seat:
    return Seat.objects.select_for_update().select_related("body", "organization").get(pk=seat.pk)


# --- bodies ------------------------------------------------------------------------------------


def _clean_quotas(quotas) -> dict[str, int]:
    quotas = {kind: seats for kind, seats in (quotas or {}).items() if seats is not None}
    unknown = set(quotas) - set(OrganizationKind.values)
    if unknown:
        raise ValidationError({"quotas": _("No such kind of organisation: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))}})
    if any(seats < 0 for seats in quotas.values()):
        raise ValidationError({"quotas": _("A quota is a number of seats, zero or more.")})
    return quotas


def _check_body(*, body_id, name, kind, level, code, quorum_rule) -> dict:
    errors = {}
    name, code = (name or "").strip(), (code or "").strip()
    if not name:
        errors["name"] = _("Give the body a name.")
    elif Body.objects.filter(name=name).exclude(pk=body_id).exists():
        errors["name"] = _("Another body has this name.")
    if kind not in BodyKind.values:
        errors["kind"] = _("Choose the kind of body.")
    if level not in Level.values:
        errors["level"] = _("Choose the level the body works at.")
    if quorum_rule not in QuorumRule.values:
        errors["quorum_rule"] = _("Choose the quorum rule.")
    if not code or len(code) > 2:
        errors["code"] = _("The resolution mark is one or two characters, such as 理.")
    elif Body.objects.filter(code=code).exclude(pk=body_id).exists():
        errors["code"] = _("Another body uses this resolution mark.")
    if errors:
        raise ValidationError(errors)
    return {"name": name, "code": code}


def _set_quotas(body: Body, quotas: dict[str, int]) -> None:
    """Replace the body's quotas; a quota may not fall below the seats its kind holds now."""
    held = dict(Seat.objects.current().filter(body=body).values("organization__kind")
                .annotate(n=Count("pk")).values_list("organization__kind", "n"))
    if quotas:
        short = [OrganizationKind(kind).label for kind, n in held.items() if quotas.get(kind, 0) < n]
        if short:
            raise ValidationError({"quotas": _("Organisations of these kinds hold more seats than the new quota; end "
                                               "seats first: %(kinds)s.") % {"kinds": "、".join(map(str, short))}})
    body.quotas.exclude(organization_kind__in=list(quotas)).delete()
    existing = {q.organization_kind: q for q in body.quotas.all()}
    for kind, seats in quotas.items():
        quota = existing.get(kind)
        if quota is None:
            SeatQuota.objects.create(body=body, organization_kind=kind, seats=seats)
        elif quota.seats != seats:
            quota.seats = seats
            quota.save(update_fields=["seats"])


@transaction.atomic
def create_body(*, actor, name: str, kind: str, level: str, code: str, quorum_rule: str = QuorumRule.MORE_THAN_HALF,
                name_en: str = "", description: str = "", quotas: dict[str, int] | None = None) -> Body:
    """A new governing body. ``quotas`` maps a kind of organisation to its number of seats."""
    _secretariat(actor)
    cleaned = _check_body(body_id=None, name=name, kind=kind, level=level, code=code, quorum_rule=quorum_rule)
    quotas = _clean_quotas(quotas)
    body = Body.objects.create(name=cleaned["name"], code=cleaned["code"], name_en=(name_en or "").strip(),
                               kind=kind, level=level, quorum_rule=quorum_rule, description=description or "")
    _set_quotas(body, quotas)
    record_event("body.created", instance=body, actor=actor,
                 details={"name": body.name, "kind": body.get_kind_display(), "resolution mark": body.code})
    return body


@transaction.atomic
def update_body(*, actor, body: Body, name: str, kind: str, level: str, code: str, quorum_rule: str,
                name_en: str = "", description: str = "", quotas: dict[str, int] | None = None) -> Body:
    """Change a body's details and quotas. Its kind stays while it has seats (a council's seats
    make council representatives); a quota never falls below the seats held."""
    _secretariat(actor)
    body = _locked_body(body)
    cleaned = _check_body(body_id=body.pk, name=name, kind=kind, level=level, code=code, quorum_rule=quorum_rule)
    if kind != body.kind and Seat.objects.current().filter(body=body).exists():
        raise ValidationError({"kind": _("A body with seats keeps its kind; end its seats first.")})
    quotas = _clean_quotas(quotas)
    _set_quotas(body, quotas)
    body.name, body.code, body.name_en = cleaned["name"], cleaned["code"], (name_en or "").strip()
    body.kind, body.level, body.quorum_rule, body.description = kind, level, quorum_rule, description or ""
    body.save()
    return body


@transaction.atomic
def deactivate_body(*, actor, body: Body) -> Body:
    """A body that no longer meets: it takes no new seats and leaves the lists of what is in force.
    Its current seats must be ended first (their history stays)."""
    _secretariat(actor)
    body = _locked_body(body)
    if not body.is_active:
        return body
    if Seat.objects.current().filter(body=body).exists():
        raise ValidationError(_("End the body's current seats before deactivating it."))
    body.is_active = False
    body.save(update_fields=["is_active"])
    record_event("body.deactivated", instance=body, actor=actor, details={"name": body.name})
    return body


@transaction.atomic
def reactivate_body(*, actor, body: Body) -> Body:
    _secretariat(actor)
    body = _locked_body(body)
    if not body.is_active:
        body.is_active = True
        body.save(update_fields=["is_active"])
        record_event("body.reactivated", instance=body, actor=actor, details={"name": body.name})
    return body


# --- seats -------------------------------------------------------------------------------------


def _is_person_of(user: User | None, organization: Organization) -> bool:
    return user is not None and user.is_active and Membership.objects.active().filter(
        user=user, organization=organization, role__in=REPRESENTATIVE_ROLES).exists()


def _check_people(*, actor, organization, principal, alternate) -> None:
    errors = {}
    if principal is None:
        errors["principal"] = _("Choose the principal representative.")
    elif not _is_person_of(principal, organization):
        errors["principal"] = _("The principal must be an active person of the seat's organisation.")
    if alternate is not None:
        if principal is not None and alternate.pk == principal.pk:
            errors["alternate"] = _("The alternate must be someone other than the principal.")
        elif not _is_person_of(alternate, organization):
            errors["alternate"] = _("The alternate must be an active person of the seat's organisation.")
    me = getattr(actor, "pk", None)
    if me is not None and me in {getattr(principal, "pk", None), getattr(alternate, "pk", None)}:
        errors.setdefault("principal" if getattr(principal, "pk", None) == me else "alternate",
                          _("You cannot appoint yourself; ask another member of the secretariat."))
    if errors:
        raise ValidationError(errors)


def _check_terms(*, role, weight, term_start, term_end) -> None:
    errors = {}
    if role not in SeatRole.values:
        errors["role"] = _("Choose chair, vice-chair or member.")
    if weight is None or weight < 1:
        errors["weight"] = _("A seat's voting weight is 1 or more.")
    if term_start is None:
        errors["term_start"] = _("Give the day the term starts.")
    elif term_end is not None and term_end < term_start:
        errors["term_end"] = _("The term cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


def _check_chair(body: Body, role: str, seat_id=None) -> None:
    if role == SeatRole.CHAIR and Seat.objects.current().filter(body=body, role=SeatRole.CHAIR).exclude(
            pk=seat_id).exists():
        raise ValidationError({"role": _("The body has a chair already; change that seat's office first.")})


def _check_quota(body: Body, organization: Organization) -> None:
    """Called with the body locked: the seats of the organisation's kind, counted now, stay
    within the quota."""
    quotas = dict(body.quotas.values_list("organization_kind", "seats"))
    if not quotas:
        return
    allowed = quotas.get(organization.kind, 0)
    held = Seat.objects.current().filter(body=body, organization__kind=organization.kind).count()
    if held >= allowed:
        raise ValidationError({"organization": _(
            "The quota of %(kind)s in this body is %(quota)s seats, and all are taken.") % {
            "kind": organization.get_kind_display(), "quota": allowed}})


def _council_seat_needed(user_id: int, organization_id: int) -> bool:
    return Seat.objects.current().filter(body__kind=BodyKind.COUNCIL, organization_id=organization_id).filter(
        Q(principal_id=user_id) | Q(alternate_id=user_id)).exists()


def _sync_council_roles(*, organization: Organization, user_ids, actor, reason: str) -> None:
    """Give or end the council representative's role of these people in the organisation, as
    their current council seats require."""
    people = User.objects.in_bulk([pk for pk in set(user_ids) if pk is not None])
    for pk, user in sorted(people.items()):
        members_services.seat_role_sync(user=user, organization=organization, role=Role.COUNCIL_REP,
                                        held=_council_seat_needed(pk, organization.pk), actor=actor, reason=reason)
        base_access.forget_seats(user)


def _seat_details(seat: Seat) -> dict:
    return {"body": seat.body.name, "organisation": str(seat.organization), "principal": str(seat.principal),
            "alternate": str(seat.alternate) if seat.alternate_id else "", "office": seat.get_role_display(),
            "weight": seat.weight}


@transaction.atomic
def appoint_seat(*, actor, body: Body, organization: Organization, principal: User, alternate: User | None = None,
                 role: str = SeatRole.MEMBER, weight: int = 1, term_start: date | None = None,
                 term_end: date | None = None) -> Seat:
    """Give an active member organisation a seat on an active body, within the quota of its kind."""
    _secretariat(actor)
    body = _locked_body(body)
    organization = Organization.objects.get(pk=organization.pk)
    term_start = term_start or timezone.localdate()
    if not body.is_active:
        raise ValidationError(_("This body is no longer active; it takes no new seats."))
    if organization.status != OrganizationStatus.ACTIVE:
        raise ValidationError({"organization": _("Only an active member organisation holds a seat.")})
    if Seat.objects.current().filter(body=body, organization=organization).exists():
        raise ValidationError({"organization": _("This organisation holds a seat on the body already.")})
    _check_terms(role=role, weight=weight, term_start=term_start, term_end=term_end)
    _check_people(actor=actor, organization=organization, principal=principal, alternate=alternate)
    _check_chair(body, role)
    _check_quota(body, organization)
    seat = Seat.objects.create(body=body, organization=organization, principal=principal, alternate=alternate,
                               role=role, weight=weight, term_start=term_start, term_end=term_end)
    record_event("seat.appointed", instance=seat, actor=actor, details=_seat_details(seat))
    if body.kind == BodyKind.COUNCIL:
        _sync_council_roles(organization=organization, user_ids=[seat.principal_id, seat.alternate_id], actor=actor,
                            reason=_("Seat on %(body)s") % {"body": body.name})
    return seat


def _current_or_refuse(seat: Seat) -> None:
    if seat.ended_at is not None:
        raise ValidationError(_("This seat has ended; it is kept as history and no longer changes."))


@transaction.atomic
def change_representatives(*, actor, seat: Seat, principal: User, alternate: User | None) -> Seat:
    """A new principal or alternate for the seat. On a council, whoever leaves the seat stops being
    a council representative (unless another council seat of theirs needs it); a delegation to
    an alternate who is replaced lapses."""
    _secretariat(actor)
    _locked_body(seat.body)
    seat = _locked_seat(seat)
    _current_or_refuse(seat)
    _check_people(actor=actor, organization=seat.organization, principal=principal, alternate=alternate)
    before = {seat.principal_id, seat.alternate_id}
    if (seat.principal_id, seat.alternate_id) == (principal.pk, getattr(alternate, "pk", None)):
        return seat
    if getattr(alternate, "pk", None) != seat.alternate_id or principal.pk != seat.principal_id:
        seat.delegated_until = None
    seat.principal, seat.alternate = principal, alternate
    seat.save(update_fields=["principal", "alternate", "delegated_until"])
    record_event("seat.representatives_changed", instance=seat, actor=actor, details=_seat_details(seat))
    if seat.body.kind == BodyKind.COUNCIL:
        _sync_council_roles(organization=seat.organization, user_ids=before | {seat.principal_id, seat.alternate_id},
                            actor=actor, reason=_("Seat on %(body)s") % {"body": seat.body.name})
    return seat


@transaction.atomic
def change_seat(*, actor, seat: Seat, role: str, weight: int, term_start: date, term_end: date | None) -> Seat:
    """The seat's office (chair, vice-chair, member), voting weight and term."""
    _secretariat(actor)
    _locked_body(seat.body)
    seat = _locked_seat(seat)
    _current_or_refuse(seat)
    _check_terms(role=role, weight=weight, term_start=term_start, term_end=term_end)
    _check_chair(seat.body, role, seat.pk)
    seat.role, seat.weight, seat.term_start, seat.term_end = role, weight, term_start, term_end
    seat.save(update_fields=["role", "weight", "term_start", "term_end"])
    record_event("seat.changed", instance=seat, actor=actor,
                 details={**_seat_details(seat), "term": f"{term_start} – {term_end or ''}"})
    return seat


@transaction.atomic
def end_seat(*, actor, seat: Seat, reason: str) -> Seat:
    """End a seat: it leaves the body's current seats and is kept, with the reason, in its history."""
    _secretariat(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the seat ends; it is kept in the seat history.")})
    _locked_body(seat.body)
    seat = _locked_seat(seat)
    if seat.ended_at is not None:
        return seat
    seat.ended_at, seat.end_reason, seat.delegated_until = timezone.now(), reason[:200], None
    seat.save(update_fields=["ended_at", "end_reason", "delegated_until"])
    record_event("seat.ended", instance=seat, actor=actor, details={**_seat_details(seat), "reason": seat.end_reason})
    if seat.body.kind == BodyKind.COUNCIL:
        _sync_council_roles(organization=seat.organization, user_ids=[seat.principal_id, seat.alternate_id],
                            actor=actor, reason=seat.end_reason)
    return seat


@transaction.atomic
def delegate_seat(*, actor, seat: Seat, until: date | None) -> Seat:
    """The principal (or the secretariat for them) hands the seat's vote to the alternate until a
    day, inclusive; ``until=None`` takes it back."""
    seat = _locked_seat(seat)
    if not access.can_delegate(actor, seat):
        raise PermissionDenied
    _current_or_refuse(seat)
    if until is not None:
        if seat.alternate_id is None:
            raise ValidationError({"until": _("The seat has no alternate to hand the vote to.")})
        if until < timezone.localdate():
            raise ValidationError({"until": _("Choose today or a later day.")})
        if seat.term_end is not None and until > seat.term_end:
            raise ValidationError({"until": _("A delegation ends with the term, on %(day)s at the latest.") % {
                "day": seat.term_end}})
    if seat.delegated_until == until:
        return seat
    seat.delegated_until = until
    seat.save(update_fields=["delegated_until"])
    record_event("seat.delegated" if until else "seat.delegation_withdrawn", instance=seat, actor=actor,
                 details={**_seat_details(seat), "until": str(until or "")})
    return seat


# --- who votes ---------------------------------------------------------------------------------


def voting_person(seat: Seat, on_date: date | None = None) -> User | None:
    """Who casts the seat's vote on the day, the principal being there: the alternate when the
    principal has delegated until that day or later, else the principal. None for an ended seat."""
    return who_votes(seat, on_date=on_date)


def who_votes(seat: Seat, *, present=None, on_date: date | None = None) -> User | None:
    """Who casts the seat's vote. ``present``, when known (a meeting's attendance), is the set of
    people (or their ids) who are there: an absent principal is replaced by the alternate, if the
    alternate is there; neither there, no one votes (None). A delegation in force on the day gives
    the vote to the alternate. An ended seat votes no more."""
    if seat.ended_at is not None:
        return None
    on_date = on_date or timezone.localdate()
    ids = None if present is None else {getattr(p, "pk", p) for p in present}

    def there(user_id):
        return user_id is not None and (ids is None or user_id in ids)

    if seat.delegated_on(on_date) and there(seat.alternate_id):
        return seat.alternate
    if there(seat.principal_id):
        return seat.principal
    if there(seat.alternate_id):
        return seat.alternate
    return None


# --- the move from appointed council representatives to council seats ----------------------------


@transaction.atomic
def seats_from_council_representatives() -> int:
    """For every current council representative's role (appointed by hand before seats existed),
    give the organisation a seat on the council body — created as 理事会 (mark 理) when there is
    none — with that person as principal; a second representative of the same organisation
    becomes the alternate. Safe to run twice; returns the number of seats made. Kept out of the
    quota check: the seats were there before the quotas."""
    council = Body.objects.filter(kind=BodyKind.COUNCIL).order_by("-is_active", "pk").first()
    if council is None:
        council = Body.objects.filter(code=COUNCIL_MARK).first() or Body.objects.create(
            name=COUNCIL_NAME, name_en="Council", kind=BodyKind.COUNCIL, level=Level.DECISION, code=COUNCIL_MARK,
            quorum_rule=QuorumRule.MORE_THAN_HALF)
    council = _locked_body(council)
    made = 0
    representatives = (Membership.objects.active().filter(role=Role.COUNCIL_REP)
                       .select_related("organization").order_by("organization_id", "started_at", "pk"))
    for membership in representatives:
        seat = Seat.objects.current().filter(body=council, organization_id=membership.organization_id).first()
        if seat is None:
            start = timezone.localtime(membership.started_at).date()
            Seat.objects.create(body=council, organization_id=membership.organization_id,
                                principal_id=membership.user_id, term_start=start, created_at=membership.started_at)
            made += 1
        elif seat.alternate_id is None and membership.user_id != seat.principal_id:
            seat.alternate_id = membership.user_id
            seat.save(update_fields=["alternate"])
    return made

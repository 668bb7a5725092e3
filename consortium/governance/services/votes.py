"""Motions, votes and resolutions (动议, 表决, 决议): every write is keyword-only, one transaction,
its permission checked inside (``PermissionDenied``), its refusals ``ValidationError`` naming the
field, and its decision in the audit trail.

Rules this module keeps:

* The majority rule comes from the kind of matter (``RULE_OF_MATTER``), never typed.
* A seat votes for, against or abstains once (one row per seat, a database constraint); its
  principal or alternate (see ``access.votes``) may change the seat's vote until the vote closes —
  the last choice counts, and each change is in the audit trail.
* A recused seat (declared conflict of interest) cannot vote and leaves the quorum and majority
  denominators; a conflict must be declared before the seat votes.
* Every write that depends on the motion's state locks the motion row first, so a vote and the
  close, or two votes, never interleave.
* The outcome is computed by ``count`` (a pure function over weights) from the seats current when
  the vote closes; a vote of a seat that ended meanwhile does not count. An adopted motion becomes
  a resolution numbered per body and year (2026-理-007, the body row locked for the sequence), with
  an entry in the transparency log, in the same transaction, and ``events.motion_decided`` is sent.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Collection, Mapping

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from consortium.governance import access as base
from consortium.governance.access import votes as access
from consortium.governance.events import motion_decided
from consortium.governance.models import (
    RULE_OF_MATTER,
    AgendaItem,
    Attendance,
    Body,
    Choice,
    MajorityRule,
    MatterKind,
    MeetingSeat,
    Motion,
    MotionStatus,
    QuorumRule,
    Recusal,
    Resolution,
    Rsvp,
    Seat,
    Vote,
    VotingMode,
)
from core.audit import record_event

TRANSPARENCY_KIND = "resolution.adopted"


# --- counting: a pure function over weights ---------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """The count of a vote, in seat weights. ``eligible_weight`` (the seats less the recused)
    is the denominator of the quorum and of the absolute and two-thirds majorities."""

    seats_weight: int
    recused_weight: int
    present_weight: int
    for_weight: int
    against_weight: int
    abstain_weight: int
    quorum_met: bool
    outcome: str  # MotionStatus.ADOPTED, REJECTED or NO_QUORUM

    @property
    def eligible_weight(self) -> int:
        return self.seats_weight - self.recused_weight

    @property
    def outcome_label(self) -> str:
        return MotionStatus(self.outcome).label


def quorum_reached(present: int, eligible: int, quorum_rule: str) -> bool:
    if eligible <= 0:
        return False
    if quorum_rule == QuorumRule.TWO_THIRDS:
        return 3 * present >= 2 * eligible
    return 2 * present > eligible  # more than half


def majority_reached(for_weight: int, against_weight: int, eligible: int, rule: str) -> bool:
    """VOTES_CAST: more for than against — abstentions are not votes cast, so they count neither
    way; ABSOLUTE: for is more than half the eligible seats' weight; TWO_THIRDS: for is at least
    two thirds of it."""
    if rule == MajorityRule.VOTES_CAST:
        return for_weight > against_weight
    if rule == MajorityRule.ABSOLUTE:
        return 2 * for_weight > eligible
    if rule == MajorityRule.TWO_THIRDS:
        return eligible > 0 and 3 * for_weight >= 2 * eligible
    raise ValueError(f"unknown majority rule {rule!r}")


def count(seats: Mapping[int, int], votes: Mapping[int, str], recusals: Collection[int], rule: str,
          quorum_rule: str, present: Collection[int]) -> Tally:
    """The outcome of a vote: ``seats`` maps each seat to its weight, ``votes`` a seat to its
    choice, ``recusals`` the recused seats, ``present`` the seats attending (a seat that voted is
    present; for a written vote, pass none). Votes and presence of seats not in ``seats`` or
    recused are ignored."""
    recused = {seat for seat in recusals if seat in seats}
    totals = {Choice.FOR: 0, Choice.AGAINST: 0, Choice.ABSTAIN: 0}
    present_weight = 0
    attending = set(present)
    for seat, weight in seats.items():
        if seat in recused:
            continue
        choice = votes.get(seat)
        if choice is not None:
            totals[choice] += weight
        if choice is not None or seat in attending:
            present_weight += weight
    seats_weight = sum(seats.values())
    recused_weight = sum(seats[seat] for seat in recused)
    eligible = seats_weight - recused_weight
    quorum = quorum_reached(present_weight, eligible, quorum_rule)
    if not quorum:
        outcome = MotionStatus.NO_QUORUM
    elif majority_reached(totals[Choice.FOR], totals[Choice.AGAINST], eligible, rule):
        outcome = MotionStatus.ADOPTED
    else:
        outcome = MotionStatus.REJECTED
    return Tally(seats_weight=seats_weight, recused_weight=recused_weight, present_weight=present_weight,
                 for_weight=totals[Choice.FOR], against_weight=totals[Choice.AGAINST],
                 abstain_weight=totals[Choice.ABSTAIN], quorum_met=quorum, outcome=outcome)


def count_motion(motion: Motion) -> Tally:
    """The motion's count from the database now, in one query over the body's current seats
    (each with its vote, its recusal and its attendance at the meeting)."""
    vote = Vote.objects.filter(motion_id=motion.pk, seat=OuterRef("pk"))
    attending = Value(False)
    if motion.mode == VotingMode.MEETING and motion.agenda_item_id:
        attending = Exists(MeetingSeat.objects.filter(
            meeting__agenda_items=motion.agenda_item_id, seat=OuterRef("pk"),
            attendance__in=(Attendance.PRINCIPAL, Attendance.ALTERNATE)))
    rows = (Seat.objects.current().filter(body_id=motion.body_id).order_by()
            .annotate(choice=Subquery(vote.values("choice")[:1]), vote_weight=Subquery(vote.values("weight")[:1]),
                      recused=Exists(Recusal.objects.filter(motion_id=motion.pk, seat=OuterRef("pk"))),
                      attending=attending)
            .values_list("pk", "weight", "choice", "vote_weight", "recused", "attending"))
    seats, votes, recusals, present = {}, {}, [], []
    for pk, weight, choice, vote_weight, recused, attends in rows:
        # A seat weighs what it weighed when it voted.
        seats[pk] = vote_weight or weight
        if choice:
            votes[pk] = choice
        if recused:
            recusals.append(pk)
        if attends:
            present.append(pk)
    return count(seats, votes, recusals, motion.rule, motion.body.quorum_rule, present)


# --- motions ---------------------------------------------------------------------------------


def _locked(motion: Motion) -> Motion:
    return Motion.objects.select_for_update().select_related("body").get(pk=motion.pk)


def _require_manager(actor, body) -> None:
    if not access.can_manage_motions(actor, body):
        raise PermissionDenied(_("Only the secretariat and the chair of the body manage its motions."))


@transaction.atomic
def propose_motion(*, actor, body, title, text, matter, agenda_item=None, mode=VotingMode.MEETING,
                   deadline=None, subject=None) -> Motion:
    """A draft motion of ``body``; its majority rule follows from ``matter``. A motion voted in a
    meeting belongs on one of the meeting's agenda items; a written vote has a deadline ahead."""
    _require_manager(actor, body)
    errors = {}
    if matter not in MatterKind.values:
        errors["matter"] = _("Choose the kind of matter.")
    if mode not in VotingMode.values:
        errors["mode"] = _("Choose how the motion is voted.")
    if not (title or "").strip():
        errors["title"] = _("Give the motion a title.")
    if not (text or "").strip():
        errors["text"] = _("Write the text of the motion.")
    if not body.is_active:
        errors["body"] = _("This body is no longer active.")
    if agenda_item is not None and AgendaItem.objects.filter(pk=agenda_item.pk, meeting__body=body).count() == 0:
        errors["agenda_item"] = _("The agenda item belongs to a meeting of another body.")
    if mode == VotingMode.MEETING:
        if agenda_item is None:
            errors["agenda_item"] = _("A motion voted in a meeting belongs on one of its agenda items.")
        deadline = None
    elif mode == VotingMode.WRITTEN and (deadline is None or deadline <= timezone.now()):
        errors["deadline"] = _("A written vote needs a deadline in the future.")
    if errors:
        raise ValidationError(errors)
    motion = Motion(body=body, agenda_item=agenda_item, title=title.strip(), text=text.strip(), matter=matter,
                    rule=RULE_OF_MATTER[MatterKind(matter)], mode=mode, deadline=deadline, proposed_by=actor)
    if subject is not None:
        motion.subject_type = ContentType.objects.get_for_model(subject)
        motion.subject_id = subject.pk
    motion.save()
    record_event("motion.proposed", instance=motion, actor=actor,
                 details={_("majority rule"): motion.get_rule_display()})
    return motion


@transaction.atomic
def open_voting(*, actor, motion) -> Motion:
    """DRAFT → OPEN: the seat holders may vote."""
    motion = _locked(motion)
    _require_manager(actor, motion.body)
    if motion.status != MotionStatus.DRAFT:
        raise ValidationError(_("Only a draft motion can be opened for voting."))
    if motion.mode == VotingMode.WRITTEN and motion.deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline of this written vote has passed.")})
    motion.status = MotionStatus.OPEN
    motion.opened_at = timezone.now()
    motion.save(update_fields=["status", "opened_at"])
    record_event("motion.opened", instance=motion, actor=actor)
    return motion


@transaction.atomic
def withdraw_motion(*, actor, motion) -> Motion:
    """A draft or open motion is withdrawn: nothing is decided; votes already cast stay on record."""
    motion = _locked(motion)
    _require_manager(actor, motion.body)
    if motion.status not in (MotionStatus.DRAFT, MotionStatus.OPEN):
        raise ValidationError(_("A decided motion cannot be withdrawn."))
    motion.status = MotionStatus.WITHDRAWN
    motion.closed_at = timezone.now()
    motion.save(update_fields=["status", "closed_at"])
    record_event("motion.withdrawn", instance=motion, actor=actor)
    return motion


def _principal_absent(motion: Motion, seat: Seat) -> bool:
    """In a meeting, the alternate sits for the principal (recorded, or announced while attendance
    is not recorded yet)."""
    if motion.mode != VotingMode.MEETING or not motion.agenda_item_id:
        return False
    invited = MeetingSeat.objects.filter(meeting__agenda_items=motion.agenda_item_id, seat=seat).first()
    if invited is None:
        return False
    return invited.attendance == Attendance.ALTERNATE or (
        invited.attendance == Attendance.UNKNOWN and invited.rsvp == Rsvp.ALTERNATE)


def may_vote(user, motion, seat) -> bool:
    return access.may_vote_for(user, seat, principal_absent=_principal_absent(motion, seat))


def _open_for_votes(motion: Motion, field: str) -> None:
    if motion.status != MotionStatus.OPEN:
        raise ValidationError({field: _("Voting on this motion is not open.")})
    if motion.mode == VotingMode.WRITTEN and motion.deadline <= timezone.now():
        raise ValidationError({field: _("The deadline of this written vote has passed.")})


def _seat_of_body(motion: Motion, seat: Seat) -> Seat:
    seat = Seat.objects.select_related("organization").filter(pk=seat.pk).first()
    if seat is None or seat.body_id != motion.body_id or seat.ended_at is not None:
        raise ValidationError({"seat": _("This is not a current seat of the body.")})
    return seat


@transaction.atomic
def declare_conflict(*, actor, motion, seat, reason) -> Recusal:
    """The seat declares a conflict of interest on the motion: it is recused (it cannot vote and
    leaves the denominators). Declared by those who vote for the seat, or recorded by the
    secretariat; before the seat votes."""
    motion = _locked(motion)
    seat = _seat_of_body(motion, seat)
    if not access.may_declare_for(actor, seat):
        raise PermissionDenied(_("Only the seat's representatives or the secretariat declare its conflicts."))
    if motion.status not in (MotionStatus.DRAFT, MotionStatus.OPEN):
        raise ValidationError({"reason": _("The vote on this motion is over.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what the conflict of interest is.")})
    if Recusal.objects.filter(motion=motion, seat=seat).exists():
        raise ValidationError({"seat": _("This seat is already recused.")})
    if Vote.objects.filter(motion=motion, seat=seat).exists():
        raise ValidationError({"seat": _("This seat has voted: a conflict is declared before voting.")})
    recusal = Recusal.objects.create(motion=motion, seat=seat, reason=reason.strip(), declared_by=actor)
    record_event("motion.conflict_declared", instance=motion, actor=actor,
                 details={_("seat"): str(seat.organization), _("conflict of interest"): recusal.reason})
    return recusal


@transaction.atomic
def cast_vote(*, actor, motion, seat, choice) -> Vote:
    """The seat's vote (for, against, abstain), cast or changed until the vote closes."""
    motion = _locked(motion)
    if choice not in Choice.values:
        raise ValidationError({"choice": _("Choose for, against or abstain.")})
    _open_for_votes(motion, "choice")
    seat = _seat_of_body(motion, seat)
    if not may_vote(actor, motion, seat):
        raise PermissionDenied(_("You do not vote for this seat."))
    if Recusal.objects.filter(motion=motion, seat=seat).exists():
        raise ValidationError({"seat": _("This seat is recused: it does not vote on this motion.")})
    vote = Vote.objects.filter(motion=motion, seat=seat).first()
    if vote is None:
        vote = Vote.objects.create(motion=motion, seat=seat, choice=choice, weight=seat.weight, cast_by=actor)
    elif vote.choice != choice or vote.cast_by_id != actor.pk:
        vote.choice, vote.cast_by, vote.cast_at = choice, actor, timezone.now()
        vote.save(update_fields=["choice", "cast_by", "cast_at"])
    record_event("vote.cast", instance=motion, actor=actor,
                 details={_("seat"): str(seat.organization), _("vote"): vote.get_choice_display()})
    return vote


def _close(motion: Motion, *, actor) -> Motion:
    """Count and decide a locked, open motion (the caller holds the transaction)."""
    tally = count_motion(motion)
    motion.status = tally.outcome
    motion.closed_at = timezone.now()
    for name in ("seats_weight", "recused_weight", "present_weight", "for_weight", "against_weight",
                 "abstain_weight", "quorum_met"):
        setattr(motion, name, getattr(tally, name))
    motion.save(update_fields=["status", "closed_at", "seats_weight", "recused_weight", "present_weight",
                               "for_weight", "against_weight", "abstain_weight", "quorum_met"])
    record_event("motion.decided", instance=motion, actor=actor, details={
        _("outcome"): motion.get_status_display(), _("for"): tally.for_weight,
        _("against"): tally.against_weight, _("abstentions"): tally.abstain_weight,
        _("weight present or voting"): tally.present_weight, _("weight recused"): tally.recused_weight})
    if motion.status == MotionStatus.ADOPTED:
        _register(motion, actor=actor)
    motion_decided.send(sender=Motion, motion=motion)
    return motion


@transaction.atomic
def close_motion(*, actor, motion) -> Motion:
    """OPEN → ADOPTED, REJECTED or NO_QUORUM, as counted; an adopted motion becomes a resolution."""
    motion = _locked(motion)
    _require_manager(actor, motion.body)
    if motion.status != MotionStatus.OPEN:
        raise ValidationError(_("Only a motion open for voting can be closed."))
    return _close(motion, actor=actor)


def close_due_motions() -> int:
    """Close every written vote past its deadline; returns how many were closed. Safe to run
    again and alongside itself: each motion is claimed under its lock and skipped once decided."""
    closed = 0
    due = Motion.objects.filter(status=MotionStatus.OPEN, mode=VotingMode.WRITTEN, deadline__lte=timezone.now())
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            motion = (Motion.objects.select_for_update(skip_locked=True).select_related("body")
                      .filter(pk=pk, status=MotionStatus.OPEN).first())
            if motion is not None:
                _close(motion, actor=None)
                closed += 1
    return closed


# --- resolutions -------------------------------------------------------------------------------


def resolution_ref(resolution: Resolution) -> str:
    return f"governance.resolution:{resolution.pk}"


def resolution_document(resolution: Resolution) -> dict:
    """What the transparency log vouches for: the resolution and its vote record (not whether it
    is disclosed, which the secretariat may change)."""
    motion = resolution.motion
    votes = sorted([seat, org, choice, weight] for seat, org, choice, weight in Vote.objects.filter(
        motion=motion).values_list("seat_id", "seat__organization_id", "choice", "weight"))
    recused = sorted(Recusal.objects.filter(motion=motion).values_list("seat_id", flat=True))
    return {
        "number": resolution.number, "body": resolution.body.code, "title": resolution.title,
        "text": resolution.text, "adopted_on": resolution.adopted_on.isoformat(), "motion": motion.pk,
        "matter": motion.matter, "rule": motion.rule,
        "count": {"seats": motion.seats_weight, "recused": motion.recused_weight, "present": motion.present_weight,
                  "for": motion.for_weight, "against": motion.against_weight, "abstain": motion.abstain_weight},
        "votes": votes, "recused": recused,
    }


def resolution_digest(resolution: Resolution) -> str:
    data = json.dumps(resolution_document(resolution), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()


def digest_of_ref(obj_ref: str) -> str | None:
    """The digest of a logged resolution as its rows are now (None when gone)."""
    try:
        pk = int(obj_ref.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return None
    resolution = Resolution.objects.select_related("body", "motion").filter(pk=pk).first()
    return resolution_digest(resolution) if resolution else None


def _acting_organization(actor):
    from members import access as members_access
    from members.models import Organization

    if actor is None or not actor.is_authenticated:
        return None
    pk = members_access.primary_organization_id(actor)
    return Organization.objects.filter(pk=pk).first() if pk else None


def _register(motion: Motion, *, actor) -> Resolution:
    """The adopted motion's resolution, numbered next in its body and year (the body row is
    locked, so two closings never take the same number), logged in the transparency log."""
    from transparency import services as log

    Body.objects.select_for_update().filter(pk=motion.body_id).values_list("pk", flat=True).get()
    adopted_on = timezone.localdate(motion.closed_at)
    last = Resolution.objects.filter(body_id=motion.body_id, year=adopted_on.year).aggregate(n=Max("sequence"))["n"]
    sequence = (last or 0) + 1
    resolution = Resolution.objects.create(
        number=f"{adopted_on.year}-{motion.body.code}-{sequence:03d}", body_id=motion.body_id, year=adopted_on.year,
        sequence=sequence, motion=motion, title=motion.title, text=motion.text, adopted_on=adopted_on)
    resolution.body = motion.body
    log.append(kind=TRANSPARENCY_KIND, obj_ref=resolution_ref(resolution), digest=resolution_digest(resolution),
               actor_organization=_acting_organization(actor))
    record_event("resolution.adopted", instance=resolution, actor=actor, details={_("number"): resolution.number})
    return resolution


@transaction.atomic
def set_resolution_public(*, actor, resolution, public: bool) -> Resolution:
    """The secretariat discloses a resolution (信息公开) or takes it off the public pages."""
    if not access.can_disclose(actor):
        raise PermissionDenied(_("Only the secretariat discloses resolutions."))
    resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if resolution.is_public != bool(public):
        resolution.is_public = bool(public)
        resolution.save(update_fields=["is_public"])
        record_event("resolution.disclosed" if public else "resolution.withdrawn_from_public",
                     instance=resolution, actor=actor)
    return resolution


def votes_due(user) -> list[tuple[Motion, Seat]]:
    """The open motions on which a seat this person may vote for has neither voted nor been
    recused: (motion, seat), soonest deadline first."""
    seat_ids = base.seat_ids(user)
    if not seat_ids:
        return []
    seats = {seat.pk: seat for seat in Seat.objects.current().filter(pk__in=seat_ids).select_related("organization")}
    by_body = {}
    for seat in seats.values():
        by_body.setdefault(seat.body_id, []).append(seat)
    motions = list(Motion.objects.filter(status=MotionStatus.OPEN, body_id__in=by_body).select_related("body")
                   .order_by("deadline", "opened_at", "pk"))
    if not motions:
        return []
    done = set(Vote.objects.filter(motion__in=motions, seat_id__in=seats).values_list("motion_id", "seat_id"))
    done |= set(Recusal.objects.filter(motion__in=motions, seat_id__in=seats).values_list("motion_id", "seat_id"))
    sitting_in = set(MeetingSeat.objects.filter(
        Q(attendance=Attendance.ALTERNATE) | Q(attendance=Attendance.UNKNOWN, rsvp=Rsvp.ALTERNATE),
        seat_id__in=seats, meeting__agenda_items__motions__in=motions,
    ).values_list("meeting__agenda_items__motions", "seat_id"))
    now = timezone.now()
    due = []
    for motion in motions:
        if motion.mode == VotingMode.WRITTEN and motion.deadline <= now:
            continue
        for seat in by_body[motion.body_id]:
            if (motion.pk, seat.pk) in done:
                continue
            if access.may_vote_for(user, seat, principal_absent=(motion.pk, seat.pk) in sitting_in):
                due.append((motion, seat))
    return due

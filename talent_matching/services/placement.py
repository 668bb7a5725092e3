"""Writes of the talent platform: placement rounds (实习 / 订单班 / 2+1).

The secretariat creates a round (its kind, the schools and the postings taking part, each
posting's places), opens it for preferences, runs it, and confirms the result; students of the
schools taking part rank up to ``MAX_CHOICES`` postings; each enterprise may refuse a student
for its posting. A run is student-proposing deferred acceptance with capacities
(``talent_matching.placement``):

- the enterprise side's priority for a (posting, student) pair is the score of the current
  matching run (``MatchRun.objects.current()``) where it kept the pair; students it did not keep
  for the posting come after those it did, ordered by the **fallback score** (0–100): 40 for
  the major — the posting names no majors, or the student's major is one of them or lies in a
  class or family it names — plus 60 × the share of the posting's skill weight the student
  holds at the level asked (0 when it lists no skills);
- a student below the posting's minimum school level, or refused by its enterprise, is not
  acceptable to it;
- ties are broken by the round's published lottery seed.

Confirming writes one ``Placement`` per placed student, each appended to the transparency log
as ``placement.confirmed`` in the same transaction; a placement an enterprise hosts (internship,
2+1) is announced there as a contribution (``core.events.contribution``, ``internship_month``)
for the enterprise's responsibility credits. A second round, for the students a
confirmed round left unplaced, offers the postings' places still free."""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events
from core.audit import record, record_event
from members.access import profile as access_profile
from members.models import SCHOOL_KINDS, OrganizationStatus, Role
from talent_matching import access
from talent_matching import placement as algorithm
from talent_matching.models import (
    MAX_CHOICES,
    Application,
    ApplicationStage,
    MatchResult,
    MatchRun,
    Placement,
    PlacementResult,
    PlacementRound,
    PlacementRun,
    Posting,
    PostingKind,
    PostingStatus,
    Refusal,
    RoundPosting,
    RoundStatus,
    ScoreSource,
    StudentPreference,
    StudentProfile,
)
from transparency import services as log
from transparency.canonical import canonical_json

LOG_KIND = "placement.confirmed"
# Pairs the matching engine kept rank above the rest: their priority is lifted by this much.
MATCHED_TIER = 1_000_000.0
MAJOR_POINTS = 40.0
SKILL_POINTS = 60.0


def _digest_of_data(data) -> str:
    """``sha256:`` of plain JSON with sorted keys: the digests of a run's input and result."""
    return "sha256:" + hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def digest_of_document(document: dict) -> str:
    """``sha256:`` and the hex SHA-256 of the document's canonical JSON (RFC 8785)."""
    return "sha256:" + hashlib.sha256(canonical_json(document)).hexdigest()


def _secretariat(actor) -> None:
    if not access.can_manage_placement(actor):
        raise PermissionDenied


def _locked(placement_round: PlacementRound) -> PlacementRound:
    return PlacementRound.objects.select_for_update().get(pk=placement_round.pk)


# --- who and what takes part ------------------------------------------------------------------


def eligible_profiles(placement_round: PlacementRound):
    """The students taking part: profiles (not de-identified) of the schools taking part, open to
    the round's kind of posting, and not placed in an earlier round it follows."""
    qs = StudentProfile.objects.filter(
        school__in=placement_round.schools.all(), student__isnull=False, deidentified_at__isnull=True,
    )
    earlier = []
    parent = placement_round.parent
    while parent is not None:
        earlier.append(parent.pk)
        parent = parent.parent
    if earlier:
        qs = qs.exclude(placements__round_id__in=earlier)
    return qs


def _open_to_kind(student_profile, kind) -> bool:
    return not student_profile.kinds or kind in student_profile.kinds


def remaining_places(placement_round: PlacementRound) -> dict[int, int]:
    """posting id → its places in the round less the placements confirmed in it."""
    taken = dict(
        Placement.objects.filter(round=placement_round).values("posting_id").annotate(n=Count("pk"))
        .values_list("posting_id", "n")
    )
    return {
        rp.posting_id: max(rp.capacity - taken.get(rp.posting_id, 0), 0)
        for rp in placement_round.round_postings.select_related("posting")
    }


def _check_round(*, name, kind, schools, postings) -> None:
    errors = {}
    if not (name or "").strip():
        errors["name"] = _("Give the round a name.")
    if kind not in {value for value, _label in PlacementRound._meta.get_field("kind").choices}:
        errors["kind"] = _("Choose internship, order class or 2+1 placement.")
    if any(school.kind not in SCHOOL_KINDS or school.status != OrganizationStatus.ACTIVE for school in schools):
        errors["schools"] = _("Only active member schools take part.")
    wrong = [p.title for p in postings if p.kind != kind or p.status != PostingStatus.PUBLISHED]
    if wrong:
        errors["postings"] = _("Only published postings of the round's kind take part: %(titles)s.") % {
            "titles": "、".join(wrong)}
    if errors:
        raise ValidationError(errors)


def _set_postings(placement_round, postings: dict) -> None:
    """``postings``: Posting → places (None for its headcount)."""
    keep = {p.pk for p in postings}
    placement_round.round_postings.exclude(posting_id__in=keep).delete()
    existing = {rp.posting_id: rp for rp in placement_round.round_postings.all()}
    for posting, slots in postings.items():
        rp = existing.get(posting.pk)
        if rp is None:
            RoundPosting.objects.create(round=placement_round, posting=posting, slots=slots)
        elif rp.slots != slots:
            rp.slots = slots
            rp.save(update_fields=["slots"])


@transaction.atomic
def round_create(*, actor, name: str, kind: str, schools, postings: dict, preferences_close_on=None,
                 parent: PlacementRound | None = None) -> PlacementRound:
    """A draft round. ``postings`` maps each posting to its places (None: its headcount)."""
    _secretariat(actor)
    schools = list(schools)
    _check_round(name=name, kind=kind, schools=schools, postings=list(postings))
    placement_round = PlacementRound.objects.create(
        name=name.strip(), kind=kind, created_by=actor, preferences_close_on=preferences_close_on,
        parent=parent, number=parent.number + 1 if parent else 1,
    )
    placement_round.schools.set(schools)
    _set_postings(placement_round, postings)
    record_event("placement_round.created", instance=placement_round, actor=actor,
                 details={"name": placement_round.name, "kind": placement_round.get_kind_display()})
    return placement_round


@transaction.atomic
def round_update(*, placement_round: PlacementRound, actor, name: str, kind: str, schools, postings: dict,
                 preferences_close_on=None) -> PlacementRound:
    """Change a round before it is run. Postings no longer taking part lose their preferences
    and refusals."""
    _secretariat(actor)
    placement_round = _locked(placement_round)
    if placement_round.status not in (RoundStatus.DRAFT, RoundStatus.COLLECTING):
        raise ValidationError(_("A round that has been run can no longer be changed."))
    schools = list(schools)
    _check_round(name=name, kind=kind, schools=schools, postings=list(postings))
    placement_round.name, placement_round.kind = name.strip(), kind
    placement_round.preferences_close_on = preferences_close_on
    placement_round.save(update_fields=["name", "kind", "preferences_close_on"])
    placement_round.schools.set(schools)
    _set_postings(placement_round, postings)
    kept = [p.pk for p in postings]
    placement_round.preferences.exclude(posting_id__in=kept).delete()
    placement_round.refusals.exclude(posting_id__in=kept).delete()
    return placement_round


@transaction.atomic
def round_open(*, placement_round: PlacementRound, actor) -> PlacementRound:
    """Open a draft round for preferences: its students and enterprises see it from now on."""
    _secretariat(actor)
    placement_round = _locked(placement_round)
    if placement_round.status == RoundStatus.COLLECTING:
        return placement_round
    if placement_round.status != RoundStatus.DRAFT:
        raise ValidationError(_("Only a draft round can be opened."))
    if not placement_round.schools.exists() or not placement_round.round_postings.exists():
        raise ValidationError(_("Choose at least one school and one posting before opening the round."))
    placement_round.status = RoundStatus.COLLECTING
    placement_round.opened_at = timezone.now()
    placement_round.save(update_fields=["status", "opened_at"])
    record_event("placement_round.opened", instance=placement_round, actor=actor, details={"name": placement_round.name})
    return placement_round


# --- the two sides' input ---------------------------------------------------------------------


@transaction.atomic
def preferences_save(*, placement_round: PlacementRound, student_profile: StudentProfile, postings: list,
                     actor) -> list[StudentPreference]:
    """Replace the student's ranking in the round with ``postings``, best first."""
    placement_round = _locked(placement_round)
    if actor is None or student_profile.student_id != actor.pk or access.own_round_profile(actor, placement_round) is None:
        raise PermissionDenied
    if not placement_round.is_open:
        raise ValidationError(_("This round no longer takes preferences."))
    if not eligible_profiles(placement_round).filter(pk=student_profile.pk).exists():
        raise ValidationError(_("You were placed in an earlier round and do not take part in this one."))
    if not _open_to_kind(student_profile, placement_round.kind):
        raise ValidationError(_("Your profile says you are not open to this kind of posting: add it to your profile "
                                "to take part."))
    ids = [p.pk for p in postings]
    if len(ids) != len(set(ids)):
        raise ValidationError({"postings": _("Rank each posting once.")})
    if len(ids) > MAX_CHOICES:
        raise ValidationError({"postings": _("Rank at most %(count)s postings.") % {"count": MAX_CHOICES}})
    taking_part = set(placement_round.round_postings.values_list("posting_id", flat=True))
    if not set(ids) <= taking_part:
        raise ValidationError({"postings": _("Rank only postings taking part in the round.")})
    StudentPreference.objects.filter(round=placement_round, profile=student_profile).delete()
    return [
        StudentPreference.objects.create(round=placement_round, profile=student_profile, posting_id=pk, rank=rank)
        for rank, pk in enumerate(ids, start=1)
    ]


@transaction.atomic
def refusal_set(*, placement_round: PlacementRound, posting: Posting, student_profile: StudentProfile,
                refused: bool, actor) -> bool:
    """The enterprise refuses (or takes back its refusal of) a student who ranked its posting.
    Returns whether the student is now refused. Safe to call twice."""
    placement_round = _locked(placement_round)
    if posting.organization_id not in access.enterprise_ids(actor):
        raise PermissionDenied
    if not placement_round.is_open:
        raise ValidationError(_("This round no longer takes preferences or refusals."))
    if not StudentPreference.objects.filter(round=placement_round, posting=posting, profile=student_profile).exists():
        raise ValidationError(_("The student did not rank this posting."))
    if not access.profiles_for(actor).filter(pk=student_profile.pk).exists():
        raise PermissionDenied
    if refused:
        refusal, created = Refusal.objects.get_or_create(
            round=placement_round, posting=posting, profile=student_profile, defaults={"by": actor})
        if created:
            record_event("placement.student_refused", instance=refusal, actor=actor,
                         details={"posting": posting.title})
    else:
        deleted, _details = Refusal.objects.filter(round=placement_round, posting=posting, profile=student_profile).delete()
        if deleted:
            record_event("placement.refusal_withdrawn", instance=placement_round, actor=actor,
                         details={"posting": posting.title})
    return refused


# --- the enterprise side's priority ----------------------------------------------------------


def fallback_scores(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], float]:
    """The fallback score (0–100) of each (posting id, profile id) pair: see the module."""
    from talent_matching.models import PostingSkill, ProfileSkill

    if not pairs:
        return {}
    posting_ids = {p for p, _s in pairs}
    profile_ids = {s for _p, s in pairs}
    majors: dict[int, list[str]] = {}
    for posting_id, code in Posting.majors.through.objects.filter(posting_id__in=posting_ids).values_list(
            "posting_id", "major__code"):
        majors.setdefault(posting_id, []).append(code)
    wanted: dict[int, list[tuple[int, int, int]]] = {}
    for posting_id, skill_id, level, weight in PostingSkill.objects.filter(posting_id__in=posting_ids).values_list(
            "posting_id", "skill_id", "level", "weight"):
        wanted.setdefault(posting_id, []).append((skill_id, level, weight))
    held: dict[int, dict[int, int]] = {}
    for profile_id, skill_id, level in ProfileSkill.objects.filter(profile_id__in=profile_ids).values_list(
            "profile_id", "skill_id", "level"):
        held.setdefault(profile_id, {})[skill_id] = level
    major_of = dict(StudentProfile.objects.filter(pk__in=profile_ids).values_list("pk", "major__code"))
    scores = {}
    for posting_id, profile_id in pairs:
        codes = majors.get(posting_id)
        code = major_of.get(profile_id) or ""
        score = MAJOR_POINTS if not codes or any(code.startswith(c) for c in codes) else 0.0
        skills = wanted.get(posting_id)
        if skills:
            mine = held.get(profile_id, {})
            total = sum(weight for _skill, _level, weight in skills)
            got = sum(weight for skill, level, weight in skills if mine.get(skill, 0) >= level)
            score += SKILL_POINTS * got / total
        scores[(posting_id, profile_id)] = round(score, 1)
    return scores


def priorities(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[float, str]]:
    """(posting id, profile id) → (score shown, where it comes from) for each pair."""
    found = {}
    current = MatchRun.objects.current()
    if current is not None and pairs:
        rows = MatchResult.objects.filter(
            run=current, posting_id__in={p for p, _s in pairs}, profile_id__in={s for _p, s in pairs},
        ).values_list("posting_id", "profile_id", "score")
        found = {(p, s): (round(score, 1), ScoreSource.MATCH) for p, s, score in rows if (p, s) in pairs}
    rest = fallback_scores(pairs - set(found))
    found.update({pair: (score, ScoreSource.FALLBACK) for pair, score in rest.items()})
    return found


# --- running -----------------------------------------------------------------------------------


def round_input(placement_round: PlacementRound) -> dict:
    """Everything a run depends on, read in a few queries."""
    kind = placement_round.kind
    profiles = {
        sp.pk: sp for sp in eligible_profiles(placement_round).only("pk", "kinds", "education_level")
        if _open_to_kind(sp, kind)
    }
    round_postings = list(placement_round.round_postings.select_related("posting"))
    capacities = {rp.posting_id: rp.capacity for rp in round_postings}
    preferences = {pk: [] for pk in profiles}
    for profile_id, posting_id in StudentPreference.objects.filter(
            round=placement_round, profile_id__in=list(profiles)).order_by("profile_id", "rank").values_list(
            "profile_id", "posting_id"):
        if posting_id in capacities:
            preferences[profile_id].append(posting_id)
    pairs = {(p, s) for s, ranked in preferences.items() for p in ranked}
    scored = priorities(pairs)
    min_level = {rp.posting_id: rp.posting.min_level for rp in round_postings}
    unacceptable = set(
        Refusal.objects.filter(round=placement_round).values_list("posting_id", "profile_id")
    ) & pairs
    unacceptable |= {
        (p, s) for p, s in pairs if min_level.get(p) and profiles[s].education_level < min_level[p]
    }
    return {
        "preferences": preferences, "capacities": capacities, "scored": scored,
        "unacceptable": unacceptable, "seed": placement_round.seed,
    }


def _priority(score: float, source: str) -> float:
    return score + MATCHED_TIER if source == ScoreSource.MATCH else score


def input_digest(data: dict) -> str:
    return _digest_of_data({
        "seed": data["seed"],
        "places": sorted(data["capacities"].items()),
        "preferences": sorted(data["preferences"].items()),
        "priorities": sorted((p, s, round(_priority(*v), 1)) for (p, s), v in data["scored"].items()),
        "refused": sorted(data["unacceptable"]),
    })


@transaction.atomic
def round_run(*, placement_round: PlacementRound, actor) -> PlacementRun:
    """Close the round to preferences and run it (again): a new run whose results replace what
    the page shows. The same input and seed give the same result (compare the digests)."""
    _secretariat(actor)
    placement_round = _locked(placement_round)
    if placement_round.status not in (RoundStatus.COLLECTING, RoundStatus.RUN):
        raise ValidationError(_("Open the round for preferences before running it."))
    data = round_input(placement_round)
    scores = {pair: _priority(*value) for pair, value in data["scored"].items()}
    outcome = algorithm.deferred_acceptance(
        data["preferences"], data["capacities"], scores, data["unacceptable"], data["seed"])
    rows = []
    for profile_id, ranked in data["preferences"].items():
        posting_id = outcome.assignment.get(profile_id)
        score, source = data["scored"].get((posting_id, profile_id), (None, "")) if posting_id else (None, "")
        rows.append(PlacementResult(
            profile_id=profile_id, posting_id=posting_id,
            choice=ranked.index(posting_id) + 1 if posting_id else None, score=score, score_source=source,
            lottery=str(algorithm.lottery_number(data["seed"], profile_id)),
            reason="" if posting_id else outcome.unplaced[profile_id].value,
        ))
    run = PlacementRun.objects.create(
        round=placement_round, seed=data["seed"], input_digest=input_digest(data),
        result_digest=_digest_of_data({str(s): p for s, p in sorted(outcome.assignment.items())}),
        placed=len(outcome.assignment), unplaced=len(outcome.unplaced), started_by=actor,
    )
    for row in rows:
        row.run = run
    PlacementResult.objects.bulk_create(rows, batch_size=2000)
    placement_round.status = RoundStatus.RUN
    placement_round.save(update_fields=["status"])
    record_event("placement_round.run", instance=placement_round, actor=actor,
                 details={"placed": run.placed, "unplaced": run.unplaced, "input": run.input_digest})
    return run


def latest_run(placement_round: PlacementRound) -> PlacementRun | None:
    return placement_round.runs.order_by("-at", "-id").first()


# --- confirming ---------------------------------------------------------------------------------


def placement_document(placement: Placement) -> dict:
    return {
        "round": placement.round_id,
        "profile": placement.profile_id,
        "posting": placement.posting_id,
        "enterprise": placement.posting.organization_id,
        "confirmed_at": placement.confirmed_at.isoformat(),
        "confirmed_by": placement.confirmed_by_id,
    }


def placement_digest(placement: Placement) -> str:
    return digest_of_document(placement_document(placement))


def placement_ref(placement: Placement) -> str:
    """A placement by its natural key — its round and student profile, of which there is one —
    so that its log entry can be written before its row, in the same transaction."""
    return f"talent_matching.placement:{placement.round_id}-{placement.profile_id}"


def digest_of_ref(obj_ref: str) -> str | None:
    """The digest of a logged placement as its row is now (None when gone)."""
    try:
        round_id, profile_id = (int(part) for part in obj_ref.rsplit(":", 1)[1].split("-"))
    except (IndexError, ValueError):
        return None
    placement = Placement.objects.select_related("posting").filter(round_id=round_id, profile_id=profile_id).first()
    return placement_digest(placement) if placement else None


def _actor_organization(actor):
    from members.models import Organization

    p = access_profile(actor)
    ids = sorted(p.orgs_with_role(Role.SECRETARIAT)) or sorted(p.active_organization_ids)
    return Organization.objects.filter(pk=ids[0]).first() if ids else None


def _mark_applications_placed(placements: list[Placement], *, actor) -> None:
    """In the confirming transaction: a placed student's accepted application to the same posting
    (if any) becomes 'placed'. A placement needs no application: most students of a round never
    applied outside it."""
    from talent_matching.services.applications import application_mark_placed

    pairs = Q(pk__in=[])
    for placement in placements:
        pairs |= Q(posting_id=placement.posting_id, profile_id=placement.profile_id)
    for application in Application.objects.filter(pairs, stage=ApplicationStage.ACCEPTED):
        application_mark_placed(application=application, actor=actor)


# The rounds whose placements an enterprise hosts (an internship, the "+1" year of 2+1); an order
# class (订单班) is taught at the school.
HOSTED_KINDS = frozenset({PostingKind.INTERNSHIP, PostingKind.TWO_PLUS_ONE})


def hosted_months(posting: Posting) -> int:
    """The months a placement at the posting lasts: its dates, a started month counting whole; 1
    when it gives none."""
    if posting.starts_on and posting.ends_on:
        return max(1, -(-((posting.ends_on - posting.starts_on).days + 1) // 30))
    return 1


def _announce_contributions(placement_round: PlacementRound, placements: list[Placement], *, on) -> None:
    """In the confirming transaction: each placement an enterprise hosts is announced as a
    contribution (``core.events.contribution``, kind ``internship_month``), for its responsibility
    credits."""
    if placement_round.kind not in HOSTED_KINDS:
        return
    for placement in placements:
        events.contribution.send(
            sender=Placement, kind="internship_month", organization=placement.posting.organization,
            source=placement, quantity=hosted_months(placement.posting), occurred_on=on,
        )


@transaction.atomic
def round_confirm(*, placement_round: PlacementRound, actor) -> list[Placement]:
    """Turn the latest run's result into placements, each entered in the transparency log."""
    _secretariat(actor)
    placement_round = _locked(placement_round)
    if placement_round.status != RoundStatus.RUN:
        raise ValidationError(_("Run the round before confirming it."))
    run = latest_run(placement_round)
    now = timezone.now().replace(microsecond=0)
    placements = [
        Placement(round=placement_round, profile=r.profile, posting=r.posting, confirmed_at=now, confirmed_by=actor)
        for r in run.results.filter(posting__isnull=False).select_related("posting__organization", "profile__student")
        .order_by("posting_id", "profile_id")
    ]
    organization = _actor_organization(actor)
    entries = log.append_many([
        {"kind": LOG_KIND, "obj_ref": placement_ref(p), "digest": placement_digest(p),
         "actor_organization": organization}
        for p in placements
    ])
    for placement, entry in zip(placements, entries):
        placement.log_index = entry.index
    placements = Placement.objects.bulk_create(placements, batch_size=2000)
    for placement in placements:  # bulk_create sends no signals: each placement is audited here
        record(action="create", instance=placement, actor=actor,
               changes={"posting": [None, placement.posting.title], "log_index": [None, placement.log_index]})
    placement_round.status = RoundStatus.CONFIRMED
    placement_round.confirmed_at = now
    placement_round.confirmed_by = actor
    placement_round.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    _mark_applications_placed(placements, actor=actor)
    _announce_contributions(placement_round, placements, on=timezone.localdate(now))
    record_event("placement_round.confirmed", instance=placement_round, actor=actor,
                 details={"placements": len(placements)})
    return placements


@transaction.atomic
def round_second(*, placement_round: PlacementRound, actor, name: str = "") -> PlacementRound:
    """A draft second round for the students a confirmed round left unplaced: the same kind and
    schools, the postings with places still free (as many as remain), a new lottery seed."""
    _secretariat(actor)
    placement_round = _locked(placement_round)
    if placement_round.status != RoundStatus.CONFIRMED:
        raise ValidationError(_("Confirm the round before starting the next one."))
    remaining = {pk: n for pk, n in remaining_places(placement_round).items() if n > 0}
    if not remaining:
        raise ValidationError(_("No posting of this round has a place left."))
    postings = {p: remaining[p.pk] for p in Posting.objects.filter(pk__in=remaining, status=PostingStatus.PUBLISHED)}
    number = placement_round.number + 1
    return round_create(
        actor=actor, name=name or _("%(name)s, round %(number)s") % {"name": placement_round.name, "number": number},
        kind=placement_round.kind, schools=placement_round.schools.all(), postings=postings, parent=placement_round,
    )

"""Placement rounds through their services: who may do what, the run's result with reasons, the
lottery and determinism, refusals, confirmation into placements entered in the transparency
log, and the second round for those left unplaced."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talent_matching.models import (
    MatchResult,
    MatchRun,
    MatchRunStatus,
    Placement,
    PlacementResult,
    PostingKind,
    RoundStatus,
    ScoreSource,
    UnplacedReason,
)
from talent_matching.placement import lottery_number
from talent_matching.services import placement as services
from talent_matching.tests.placement_support import new_student, posting, profile_of
from transparency.models import LogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(school, org_a, org_b, student, secretariat):
    """Two postings of one place each (A's and B's) and three students of the school."""
    a = posting(org_a, "装配实习")
    b = posting(org_b, "检测实习")
    me = profile_of(student, school)
    others = [new_student(school, f"s{n}") for n in (1, 2)]
    placement_round = services.round_create(actor=secretariat, name="2027 届实习", kind=PostingKind.INTERNSHIP,
                                            schools=[school], postings={a: None, b: None})
    services.round_open(placement_round=placement_round, actor=secretariat)
    return placement_round, a, b, [me, *others]


def _rank(placement_round, student_profile, postings):
    services.preferences_save(placement_round=placement_round, student_profile=student_profile, postings=postings,
                              actor=student_profile.student)


def test_only_the_secretariat_creates_and_runs_rounds(school, org_a, admin_a, teacher):
    a = posting(org_a)
    for someone in (admin_a, teacher):
        with pytest.raises(PermissionDenied):
            services.round_create(actor=someone, name="x", kind=PostingKind.INTERNSHIP, schools=[school],
                                  postings={a: None})


def test_a_posting_of_another_kind_cannot_take_part(school, org_a, secretariat):
    job = posting(org_a, "正式岗位", kind=PostingKind.JOB)
    with pytest.raises(ValidationError) as error:
        services.round_create(actor=secretariat, name="x", kind=PostingKind.INTERNSHIP, schools=[school],
                              postings={job: None})
    assert "postings" in error.value.message_dict


def test_a_student_ranks_only_the_rounds_postings_and_only_their_own(market, org_a):
    placement_round, a, b, (me, other, _third) = market
    with pytest.raises(ValidationError):
        _rank(placement_round, me, [posting(org_a, "不在本轮")])
    with pytest.raises(PermissionDenied):
        services.preferences_save(placement_round=placement_round, student_profile=other, postings=[a],
                                  actor=me.student)
    _rank(placement_round, me, [b, a])
    assert list(placement_round.preferences.filter(profile=me).values_list("posting_id", "rank")) == [(b.pk, 1), (a.pk, 2)]


def test_the_run_places_by_choice_and_score_and_tells_the_unplaced_why(market, secretariat):
    placement_round, a, b, (me, other, third) = market
    _rank(placement_round, me, [a, b])
    _rank(placement_round, other, [a])
    # Nobody ranks for `third`; the current matching run puts `other` above `me` at A.
    run = MatchRun.objects.create(status=MatchRunStatus.DONE)
    MatchResult.objects.create(run=run, posting=a, profile=other, score=80.0)
    MatchResult.objects.create(run=run, posting=a, profile=me, score=60.0)
    result = services.round_run(placement_round=placement_round, actor=secretariat)
    rows = {r.profile_id: r for r in PlacementResult.objects.filter(run=result)}
    assert rows[other.pk].posting_id == a.pk and rows[other.pk].choice == 1
    assert rows[other.pk].score == 80.0 and rows[other.pk].score_source == ScoreSource.MATCH
    assert rows[me.pk].posting_id == b.pk and rows[me.pk].choice == 2
    assert rows[me.pk].score_source == ScoreSource.FALLBACK
    assert rows[third.pk].posting_id is None and rows[third.pk].reason == UnplacedReason.RANKED_NOTHING
    assert (result.placed, result.unplaced) == (2, 1)
    placement_round.refresh_from_db()
    assert placement_round.status == RoundStatus.RUN


def test_a_refused_student_is_not_placed_there(market, secretariat, admin_a):
    placement_round, a, b, (me, other, third) = market
    _rank(placement_round, me, [a])
    services.refusal_set(placement_round=placement_round, posting=a, student_profile=me, refused=True, actor=admin_a)
    run = services.round_run(placement_round=placement_round, actor=secretariat)
    assert run.results.get(profile=me).reason == UnplacedReason.NO_ACCEPTABLE_CHOICE


def test_an_enterprise_refuses_only_for_its_own_posting(market, outsider):
    placement_round, a, b, (me, *_rest) = market
    _rank(placement_round, me, [a])
    with pytest.raises(PermissionDenied):
        services.refusal_set(placement_round=placement_round, posting=a, student_profile=me, refused=True,
                             actor=outsider)


def test_a_tie_goes_to_the_lower_lottery_number_and_a_rerun_gives_the_same_result(market, secretariat):
    placement_round, a, b, (me, other, third) = market
    for student_profile in (me, other, third):
        _rank(placement_round, student_profile, [a])
    first = services.round_run(placement_round=placement_round, actor=secretariat)
    winner = min((me, other, third), key=lambda p: lottery_number(placement_round.seed, p.pk))
    assert first.results.get(posting=a).profile_id == winner.pk
    loser = first.results.exclude(profile=winner).first()
    assert loser.reason == UnplacedReason.FILLED
    assert loser.lottery == str(lottery_number(placement_round.seed, loser.profile_id))
    again = services.round_run(placement_round=placement_round, actor=secretariat)
    assert (again.input_digest, again.result_digest) == (first.input_digest, first.result_digest)


def test_confirming_makes_placements_each_in_the_transparency_log(market, secretariat):
    placement_round, a, b, (me, other, third) = market
    _rank(placement_round, me, [a])
    _rank(placement_round, other, [b])
    services.round_run(placement_round=placement_round, actor=secretariat)
    placements = services.round_confirm(placement_round=placement_round, actor=secretariat)
    assert {(p.profile_id, p.posting_id) for p in placements} == {(me.pk, a.pk), (other.pk, b.pk)}
    for placement in Placement.objects.all():
        entry = LogEntry.objects.get(index=placement.log_index)
        assert entry.kind == "placement.confirmed"
        assert entry.object_ref == f"talent_matching.placement:{placement.round_id}-{placement.profile_id}"
        assert entry.digest == services.digest_of_ref(entry.object_ref)
    placement_round.refresh_from_db()
    assert placement_round.status == RoundStatus.CONFIRMED
    with pytest.raises(ValidationError):
        services.round_confirm(placement_round=placement_round, actor=secretariat)


def test_a_placement_changed_behind_the_portals_back_no_longer_matches_its_log_entry(market, secretariat, org_b):
    placement_round, a, b, (me, *_rest) = market
    _rank(placement_round, me, [a])
    services.round_run(placement_round=placement_round, actor=secretariat)
    [placement] = services.round_confirm(placement_round=placement_round, actor=secretariat)
    from transparency.verification import verify_log

    ref = f"talent_matching.placement:{placement.round_id}-{placement.profile_id}"
    assert ref not in verify_log(objects=True).changed_objects
    Placement.objects.filter(pk=placement.pk).update(posting=b)
    assert ref in " ".join(verify_log(objects=True).changed_objects)


def test_the_second_round_offers_the_places_left_to_the_students_left(market, secretariat, org_a):
    placement_round, a, b, (me, other, third) = market
    _rank(placement_round, me, [a])
    services.round_run(placement_round=placement_round, actor=secretariat)
    services.round_confirm(placement_round=placement_round, actor=secretariat)
    second = services.round_second(placement_round=placement_round, actor=secretariat)
    assert second.parent == placement_round and second.number == 2 and second.status == RoundStatus.DRAFT
    assert second.seed != placement_round.seed
    assert {rp.posting_id: rp.capacity for rp in second.round_postings.all()} == {b.pk: 1}
    eligible = set(services.eligible_profiles(second).values_list("pk", flat=True))
    assert eligible == {other.pk, third.pk}
    services.round_open(placement_round=second, actor=secretariat)
    with pytest.raises(ValidationError):
        _rank(second, me, [b])  # placed in the first round
    _rank(second, third, [b])
    run = services.round_run(placement_round=second, actor=secretariat)
    assert run.results.get(profile=third).posting_id == b.pk


def test_the_fallback_score_counts_major_and_skills(school, org_a):
    from reference.models import Skill
    from talent_matching.models import PostingSkill, ProfileSkill
    from talent_matching.tests.placement_support import major

    wanted = major("46")
    p = posting(org_a)
    p.majors.add(wanted)
    skills = [Skill.objects.get_or_create(code=code, defaults={"name_zh": name, "name_en": name, "family": "测试"})[0]
              for code, name in (("T-PLC", "PLC 编程"), ("T-CNC", "数控编程"))]
    PostingSkill.objects.create(posting=p, skill=skills[0], level=2, weight=3)
    PostingSkill.objects.create(posting=p, skill=skills[1], level=1, weight=1)
    fit = new_student(school, "fit", major=wanted)
    ProfileSkill.objects.create(profile=fit, skill=skills[0], level=3)
    other_major = major("51") or major("47")
    off = new_student(school, "off", major=other_major)
    scores = services.fallback_scores({(p.pk, fit.pk), (p.pk, off.pk)})
    assert scores[(p.pk, fit.pk)] == 40 + 45.0
    assert scores[(p.pk, off.pk)] == (0.0 if other_major.code[:2] != "46" else 40.0)


def _queries(function, **kwargs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        function(**kwargs)
    return len(captured)


def test_running_and_confirming_cost_as_many_queries_for_many_students_as_for_few(school, org_a, org_b, secretariat):
    from talent_matching.tests.placement_support import new_student

    def round_of(n, name):
        a, b = posting(org_a, f"{name} A", headcount=n), posting(org_b, f"{name} B", headcount=n)
        placement_round = services.round_create(actor=secretariat, name=name, kind=PostingKind.INTERNSHIP,
                                                schools=[school], postings={a: None, b: None})
        placement_round = services.round_open(placement_round=placement_round, actor=secretariat)
        for i in range(n):
            profile = new_student(school, f"{name}-{i}")
            _rank(placement_round, profile, [a, b] if i % 2 else [b, a])
        return placement_round

    warm = round_of(1, "warm")  # content types and the log's head are looked up once per process
    services.round_run(placement_round=warm, actor=secretariat)
    services.round_confirm(placement_round=warm, actor=secretariat)
    few = round_of(2, "few")
    few_run = _queries(services.round_run, placement_round=few, actor=secretariat)
    few_confirm = _queries(services.round_confirm, placement_round=few, actor=secretariat)
    many = round_of(12, "many")
    assert _queries(services.round_run, placement_round=many, actor=secretariat) == few_run
    # Confirming writes each placement's audit record and announces it as a contribution for the
    # enterprise's responsibility credits (core.events.contribution) one by one; everything else is
    # in bulk: each placement more costs the same few queries.
    per_placement = (_queries(services.round_confirm, placement_round=many, actor=secretariat) - few_confirm) / (12 - 2)
    more = round_of(7, "more")
    services.round_run(placement_round=more, actor=secretariat)
    assert (_queries(services.round_confirm, placement_round=more, actor=secretariat) - few_confirm) / (7 - 2) == per_placement
    assert per_placement.is_integer() and per_placement <= 10


def test_a_student_not_open_to_internships_is_told_so(market):
    placement_round, a, _b, (me, *_rest) = market
    me.kinds = [PostingKind.ORDER_CLASS]
    me.save()
    with pytest.raises(ValidationError) as error:
        _rank(placement_round, me, [a])
    assert "档案" in " ".join(error.value.messages)

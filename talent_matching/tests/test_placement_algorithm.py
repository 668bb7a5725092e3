"""The placement algorithm (talent_matching/placement.py) against its promises, on inputs that
hypothesis draws: a stable result (no blocking pair), capacities respected, the best stable
result for every student (checked by brute force on small cases), the same result for the
same input and seed whatever the order, and the reason given to every student left unplaced."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from talent_matching.placement import (
    Reason,
    blocking_pairs,
    deferred_acceptance,
    lottery_number,
    straightforward_deferred_acceptance,
)


@st.composite
def markets(draw, max_students=7, max_postings=4, max_capacity=3):
    students = list(range(draw(st.integers(0, max_students))))
    postings = [f"p{i}" for i in range(draw(st.integers(1, max_postings)))]
    capacities = {p: draw(st.integers(0, max_capacity)) for p in postings}
    preferences = {
        s: draw(st.lists(st.sampled_from(postings), max_size=len(postings), unique=True)) for s in students
    }
    # Few distinct scores, so that ties — and the lottery — decide often.
    scores = {(p, s): float(draw(st.integers(0, 2))) for p in postings for s in students}
    unacceptable = {(p, s) for p in postings for s in students if draw(st.integers(0, 5)) == 0}
    seed = draw(st.text("0123456789abcdef", min_size=1, max_size=8))
    return preferences, capacities, scores, unacceptable, seed


def _run(market):
    return deferred_acceptance(*market)


@settings(max_examples=300, deadline=None)
@given(markets())
def test_the_result_is_stable_and_respects_capacities(market):
    preferences, capacities, scores, unacceptable, seed = market
    outcome = _run(market)
    assert blocking_pairs(outcome.assignment, preferences, capacities, scores, unacceptable, seed) == []
    for posting, capacity in capacities.items():
        assert len(outcome.placed_at(posting)) <= capacity
    for student, posting in outcome.assignment.items():
        assert posting in preferences[student], "a student is placed only at a posting they ranked"
        assert (posting, student) not in unacceptable, "never at a posting that refused them"


def _stable_matchings(preferences, capacities, scores, unacceptable, seed):
    """Every stable matching, by enumerating every assignment of each student to one of their
    acceptable ranked postings or to none."""
    students = list(preferences)
    options = [
        [None] + [p for p in preferences[s] if capacities.get(p, 0) > 0 and (p, s) not in unacceptable]
        for s in students
    ]
    for choice in itertools.product(*options):
        assignment = {s: p for s, p in zip(students, choice) if p is not None}
        counts = {}
        for p in assignment.values():
            counts[p] = counts.get(p, 0) + 1
        if any(n > capacities[p] for p, n in counts.items()):
            continue
        if not blocking_pairs(assignment, preferences, capacities, scores, unacceptable, seed):
            yield assignment


def _rank(preferences, student, posting):
    return preferences[student].index(posting) if posting is not None else len(preferences[student])


@settings(max_examples=150, deadline=None)
@given(markets(max_students=5, max_postings=3, max_capacity=2))
def test_every_student_does_at_least_as_well_as_in_any_stable_result(market):
    preferences = market[0]
    outcome = _run(market)
    stable = list(_stable_matchings(*market))
    assert outcome.assignment in stable
    for other in stable:
        for student in preferences:
            assert _rank(preferences, student, outcome.assignment.get(student)) <= _rank(
                preferences, student, other.get(student))


@settings(max_examples=200, deadline=None)
@given(markets(), st.randoms(use_true_random=False))
def test_the_same_input_and_seed_give_the_same_result_whatever_the_order(market, rng):
    preferences, capacities, scores, unacceptable, seed = market
    first = _run(market)
    shuffled_students = list(preferences.items())
    rng.shuffle(shuffled_students)
    shuffled_postings = list(capacities.items())
    rng.shuffle(shuffled_postings)
    again = deferred_acceptance(dict(shuffled_students), dict(shuffled_postings), dict(scores), set(unacceptable), seed)
    assert again.assignment == first.assignment
    assert again.unplaced == first.unplaced


@settings(max_examples=200, deadline=None)
@given(markets())
def test_the_straightforward_formulation_agrees(market):
    assert straightforward_deferred_acceptance(*market).assignment == _run(market).assignment


@settings(max_examples=200, deadline=None)
@given(markets())
def test_every_unplaced_student_is_told_why(market):
    preferences, capacities, scores, unacceptable, seed = market
    outcome = _run(market)
    assert set(outcome.assignment) | set(outcome.unplaced) == set(preferences)
    assert not set(outcome.assignment) & set(outcome.unplaced)
    for student, reason in outcome.unplaced.items():
        acceptable = [p for p in preferences[student] if capacities[p] > 0 and (p, student) not in unacceptable]
        if not preferences[student]:
            assert reason == Reason.RANKED_NOTHING
        elif not acceptable:
            assert reason == Reason.NO_ACCEPTABLE_CHOICE
        else:
            assert reason == Reason.FILLED
            # ...and every acceptable posting they ranked is full.
            for posting in acceptable:
                assert len(outcome.placed_at(posting)) == capacities[posting]


def test_a_tie_is_broken_by_the_published_lottery():
    seed = "2026-intern"
    a, b = "alice", "bob"
    winner = min((a, b), key=lambda s: lottery_number(seed, s))
    outcome = deferred_acceptance({a: ["p"], b: ["p"]}, {"p": 1}, {("p", a): 50.0, ("p", b): 50.0}, (), seed)
    assert outcome.assignment == {winner: "p"}
    assert outcome.unplaced == {({a, b} - {winner}).pop(): Reason.FILLED}


def test_a_higher_score_beats_the_lottery():
    seed = "x"
    outcome = deferred_acceptance({"a": ["p"], "b": ["p"]}, {"p": 1}, {("p", "a"): 10.0, ("p", "b"): 90.0}, (), seed)
    assert outcome.assignment == {"b": "p"}


def test_a_student_is_displaced_by_a_better_one_and_moves_down_their_list():
    prefs = {"weak": ["good", "fallback"], "strong": ["good"]}
    scores = {("good", "weak"): 1.0, ("good", "strong"): 2.0}
    outcome = deferred_acceptance(prefs, {"good": 1, "fallback": 1}, scores, (), "s")
    assert outcome.assignment == {"strong": "good", "weak": "fallback"}

"""The pass rule of a transfer assessment (``services.pathways.assess``), as properties: the total
is the weighted mean of the scores; a student passes exactly when the total reaches the threshold
and every score its minimum; a better score never turns a pass into a fail."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from training.services.pathways import assess, check_assessment

score = st.decimals(min_value=0, max_value=100, places=1)


@st.composite
def assessments(draw):
    """Components (weights summing to 100, minimums), one score each, and the threshold."""
    count = draw(st.integers(min_value=1, max_value=6))
    cuts = sorted(draw(st.lists(st.integers(min_value=1, max_value=99), min_size=count - 1, max_size=count - 1,
                                unique=True)))
    weights = [b - a for a, b in zip([0, *cuts], [*cuts, 100])]
    minimums = draw(st.lists(score, min_size=count, max_size=count))
    scores = draw(st.lists(score, min_size=count, max_size=count))
    return list(zip(weights, minimums)), scores, draw(score)


@settings(deadline=None)  # a cold first example may be slow; the rule is what is tested
@given(assessments())
def test_the_total_is_the_weighted_mean_between_the_lowest_and_highest_score(case):
    components, scores, threshold = case
    outcome = assess(components, scores, threshold)
    assert min(scores) - Decimal("0.01") <= outcome.total <= max(scores) + Decimal("0.01")
    exact = sum(s * w for (w, _m), s in zip(components, scores)) / 100
    assert abs(outcome.total - exact) <= Decimal("0.005")


@settings(deadline=None)  # a cold first example may be slow; the rule is what is tested
@given(assessments())
def test_passed_exactly_when_the_total_and_every_component_reach_their_marks(case):
    components, scores, threshold = case
    outcome = assess(components, scores, threshold)
    every = all(s >= m for (_w, m), s in zip(components, scores))
    assert outcome.passed == (outcome.total >= threshold and every)
    assert set(outcome.below) == {n for n, ((_w, m), s) in enumerate(zip(components, scores)) if s < m}
    names = [(f"c{n}", w, m) for n, (w, m) in enumerate(components)]
    assert check_assessment(names, threshold) == {}


@settings(deadline=None)  # a cold first example may be slow; the rule is what is tested
@given(assessments(), st.data())
def test_a_better_score_never_turns_a_pass_into_a_fail(case, data):
    components, scores, threshold = case
    before = assess(components, scores, threshold)
    n = data.draw(st.integers(min_value=0, max_value=len(scores) - 1))
    better = list(scores)
    better[n] = data.draw(st.decimals(min_value=scores[n], max_value=100, places=1))
    after = assess(components, better, threshold)
    assert after.total >= before.total
    assert after.passed or not before.passed


@settings(deadline=None)  # a cold first example may be slow; the rule is what is tested
@given(assessments())
def test_full_marks_always_pass(case):
    components, _scores, threshold = case
    assert assess(components, [Decimal(100)] * len(components), threshold).passed


def test_weights_that_do_not_add_up_to_100_are_refused():
    errors = check_assessment([("文化素质", 30, Decimal(60)), ("专业技能", 30, Decimal(60))], Decimal(60))
    assert "components" in errors
    assert "pass_total" in check_assessment([("a", 100, Decimal(0))], Decimal(101))

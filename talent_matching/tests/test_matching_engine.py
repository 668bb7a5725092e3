"""The scoring engine alone (no database): the vectorised ranking agrees with the rules applied
one pair at a time, verified evidence counts more than a declared skill, and the hard filters
refuse what they must."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talent_matching import matching
from talent_matching.matching import _csr

K, V, R, C = 30, 12, 8, 4
# Majors: families 0 and 1; classes 2 (family 0), 3 (family 1); majors 4, 5 (class 2), 6, 7 (class 3).
LINEAGE = {4: (4, 2, 0), 5: (5, 2, 0), 6: (6, 3, 1), 7: (7, 3, 1)}
FAMILY = {4: 0, 5: 0, 6: 1, 7: 1}
CLASS = {4: 2, 5: 2, 6: 3, 7: 3}
CITY_OF = {3: 1, 4: 1, 5: 2}  # districts 3, 4 in city 1; district 5 in city 2; province 0 above both
ABOVE = {3: [3, 1, 0], 4: [4, 1, 0], 5: [5, 2, 0], 1: [1, 0], 2: [2, 0]}


def pairs(rows, shape):
    rows = sorted(set(rows))
    return _csr([a for a, _b, _v in rows], [b for _a, b, _v in rows], [v for _a, _b, v in rows], shape)


def world(rng, n=40, m=12, *, visible_share=0.7):
    majors = rng.choice([4, 5, 6, 7], n)
    skill_rows, verified_rows, cert_rows, region_rows, city_rows = [], [], [], [], []
    for i in range(n):
        for s in rng.choice(K, rng.integers(0, 8), replace=False):
            skill_rows.append((i, int(s), int(rng.integers(1, 5))))
            if rng.random() < 0.3:
                verified_rows.append((i, int(s), 1))
        for c in rng.choice(C, rng.integers(0, 3), replace=False):
            cert_rows.append((i, int(c), 1))
        if rng.random() < 0.5:
            district = int(rng.choice([3, 4, 5]))
            region_rows.append((i, district, 1))
            city_rows.append((i, CITY_OF[district], 1))
    students = matching.Students(
        ids=np.arange(100, 100 + n), family=np.array([FAMILY[x] for x in majors]),
        majors=pairs([(i, c, 1) for i, x in enumerate(majors) for c in LINEAGE[x]], (n, V)),
        level=rng.integers(1, 4, n), available=np.where(rng.random(n) < 0.5, 0, 739000 + rng.integers(0, 200, n)),
        kinds=np.where(rng.random(n) < 0.7, 0, rng.integers(1, 32, n)), visible=rng.random(n) < visible_share,
        skill_level=pairs(skill_rows, (n, K)), skill_verified=pairs(verified_rows, (n, K)),
        certificates=pairs(cert_rows, (n, C)), awards=rng.integers(0, 4, n),
        regions=pairs(region_rows, (n, R)), region_cities=pairs(city_rows, (n, R)),
    )
    named, classes, families, weights, levels, required, preferred, must, location, cities = ([] for _ in range(10))
    for j in range(m):
        if rng.random() < 0.8:
            for code in rng.choice([0, 1, 2, 3, 4, 5, 6, 7], rng.integers(1, 3), replace=False):
                code = int(code)
                named.append((j, code, 1))
                if code in CLASS:
                    classes.append((j, CLASS[code], 1))
                families.append((j, FAMILY.get(code, {2: 0, 3: 1}.get(code, code)), 1))
        for s in rng.choice(K, rng.integers(1, 6), replace=False):
            weights.append((j, int(s), int(rng.integers(1, 6))))
            levels.append((j, int(s), int(rng.integers(1, 5))))
            if rng.random() < 0.1:
                required.append((j, int(s), 1))
        for c in rng.choice(C, rng.integers(0, 3), replace=False):
            (must if rng.random() < 0.2 else preferred).append((j, int(c), 1))
        if rng.random() < 0.7:
            place = int(rng.choice([3, 4, 5]))
            location += [(j, r, 1) for r in ABOVE[place]]
            cities.append((j, CITY_OF[place], 1))
    postings = matching.Postings(
        ids=np.arange(500, 500 + m), kind_bit=1 << rng.integers(0, 5, m), min_level=rng.integers(0, 4, m),
        starts=np.where(rng.random(m) < 0.5, 0, 739000 + rng.integers(0, 200, m)),
        families=pairs(families, (m, V)), named=pairs(named, (m, V)), named_classes=pairs(classes, (m, V)),
        named_families=pairs(families, (m, V)), skill_weight=pairs(weights, (m, K)), skill_level=pairs(levels, (m, K)),
        skill_required=pairs(required, (m, K)), preferred_certificates=pairs(preferred, (m, C)),
        required_certificates=pairs(must, (m, C)), location=pairs(location, (m, R)),
        location_city=pairs(cities, (m, R)),
    )
    return students, postings


def reference_scores(students, postings):
    people = [matching.student_record(students, i) for i in range(len(students))]
    found = {}
    for j in range(len(postings)):
        posting = matching.posting_record(postings, j)
        for i, person in enumerate(people):
            parts = matching.score_pair(person, posting)
            if parts is not None:
                found[(i, j)] = parts
    return found


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), per_posting=st.integers(1, 6), per_student=st.integers(1, 4))
def test_the_engine_ranks_as_the_rules_one_pair_at_a_time(seed, per_posting, per_student):
    students, postings = world(np.random.default_rng(seed))
    expected = reference_scores(students, postings)
    ranking = matching.rank_all(students, postings, per_posting=per_posting, per_student=per_student)
    for i, j, score, parts in zip(ranking.student, ranking.posting, ranking.score, ranking.parts):
        assert (i, j) in expected, "a pair the hard filters refuse was kept"
        assert parts == pytest.approx([expected[(i, j)][name] for name in matching.PARTS], abs=1e-4)
        assert score == pytest.approx(sum(expected[(i, j)].values()), abs=1e-3)
    # Each posting's candidates: the best visible students, as many as asked, in order.
    for j in range(len(postings)):
        mine = sorted((r, s) for s, p, r in zip(ranking.score, ranking.posting, ranking.posting_rank) if p == j and r)
        best = sorted((sum(v.values()) for (i, jj), v in expected.items() if jj == j and students.visible[i]),
                      reverse=True)[:per_posting]
        assert [s for _r, s in mine] == pytest.approx(best, abs=1e-3)
    for i in range(len(students)):
        mine = sorted((r, s) for s, ii, r in zip(ranking.score, ranking.student, ranking.student_rank) if ii == i and r)
        best = sorted((sum(v.values()) for (ii, _j), v in expected.items() if ii == i), reverse=True)[:per_student]
        assert [s for _r, s in mine] == pytest.approx(best, abs=1e-3)


def test_students_without_consent_are_never_anyones_candidate():
    students, postings = world(np.random.default_rng(7), visible_share=0.4)
    ranking = matching.rank_all(students, postings, per_posting=50, per_student=5)
    assert ranking.posting_rank.any()
    assert students.visible[ranking.student[ranking.posting_rank > 0]].all()


def _one(level_held=3, verified=False, student_level=2, min_level=0, required=False, kinds=0, kind_bit=1,
         certificates=(), required_certificates=()):
    students = matching.Students(
        ids=np.array([1]), family=np.array([0]), majors=pairs([(0, 4, 1), (0, 2, 1), (0, 0, 1)], (1, V)),
        level=np.array([student_level]), available=np.array([0]), kinds=np.array([kinds]), visible=np.array([True]),
        skill_level=pairs([(0, 1, level_held)], (1, K)), skill_verified=pairs([(0, 1, 1)] if verified else [], (1, K)),
        certificates=pairs([(0, c, 1) for c in certificates], (1, C)), awards=np.array([0]),
        regions=pairs([], (1, R)), region_cities=pairs([], (1, R)))
    postings = matching.Postings(
        ids=np.array([9]), kind_bit=np.array([kind_bit]), min_level=np.array([min_level]), starts=np.array([0]),
        families=pairs([(0, 0, 1)], (1, V)), named=pairs([(0, 4, 1)], (1, V)), named_classes=pairs([(0, 2, 1)], (1, V)),
        named_families=pairs([(0, 0, 1)], (1, V)), skill_weight=pairs([(0, 1, 5), (0, 2, 5)], (1, K)),
        skill_level=pairs([(0, 1, 3), (0, 2, 3)], (1, K)), skill_required=pairs([(0, 2, 1)] if required else [], (1, K)),
        preferred_certificates=pairs([], (1, C)), required_certificates=pairs([(0, c, 1) for c in required_certificates],
                                                                               (1, C)),
        location=pairs([], (1, R)), location_city=pairs([], (1, R)))
    _s, scores, parts = matching.score_one_posting(students, postings, 0)
    return (dict(zip(matching.PARTS, parts[0])), scores[0]) if len(scores) else (None, None)


def test_a_verified_skill_counts_more_than_the_same_skill_declared():
    verified, verified_score = _one(verified=True)
    declared, declared_score = _one(verified=False)
    assert verified["skills_verified"] == pytest.approx(25.0) and verified["skills_declared"] == 0
    assert declared["skills_declared"] == pytest.approx(25.0 * matching.DECLARED_TRUST)
    assert verified_score > declared_score


def test_a_lower_level_than_asked_counts_in_proportion():
    parts, _score = _one(level_held=1, verified=True)
    assert parts["skills_verified"] == pytest.approx(25.0 / 3)


@pytest.mark.parametrize("case", [
    {"student_level": 1, "min_level": 2},  # below the posting's minimum school level
    {"required": True},  # a required skill not held
    {"required_certificates": (1,)},  # a required certificate not held (verified)
    {"kinds": 2, "kind_bit": 1},  # the student is not open to this kind of posting
])
def test_the_hard_filters_refuse_the_pair(case):
    assert _one(**case) == (None, None)


def test_a_required_certificate_held_lets_the_pair_through():
    parts, _score = _one(required_certificates=(1,), certificates=(1,))
    assert parts is not None

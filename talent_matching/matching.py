"""匹配引擎: the pure scoring of talent matching — numpy and scipy, no ORM, no I/O.

A pair (student, posting) first passes the hard filters, then scores an explainable sum of
named parts (points out of 100):

==================  ======  =============================================================
part                points  how
==================  ======  =============================================================
skills_verified     \\ 50    each skill the posting asks for counts by its weight, times
skills_declared     /       min(1, held level / asked level); a skill backed by a credential
                            that verifies counts in full (verified), a self-declared one at
                            ``DECLARED_TRUST`` (declared)
major               20      a named major, its class or family accepted: full; a major of
                            the same class as a named one: 0.6; the same family: 0.3; a
                            posting that names no major accepts every one: full
certificates        10      the share of the posting's preferred certificates held verified
awards              5       verified competition awards (two or more: full)
location            10      the posting is in a preferred region (or no preference, or no
                            place given): full; in the same city as one: half
availability        5       available by the start: full; later: less by the day, none
                            after ``LATE_DAYS``
==================  ======  =============================================================

Hard filters: the posting is open (the loader gives only published postings before their
deadline), the student's level reaches the posting's minimum, the student holds every
required certificate (verified) and every required skill, the student is open to the
posting's kind, and consent: only students who agreed to be shown (``Students.visible``) are
ranked among a posting's candidates. A posting that names majors considers the students of
those majors' families (专业大类); one that names none considers everyone.

How it gets fast: students are grouped by major family; per group the skill matrices
(students × skills by level, postings × skills) are multiplied sparse, the filters are masks,
top-k is ``argpartition``, and the parts are gathered only for the pairs kept.
``score_pair`` is the same rules for one pair in plain Python (the reference the engine is
checked against, and the straightforward loop it is measured beside)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

PARTS = ("skills_verified", "skills_declared", "major", "certificates", "awards", "location", "availability")
POINTS = {"skills": 50.0, "major": 20.0, "certificates": 10.0, "awards": 5.0, "location": 10.0, "availability": 5.0}
DECLARED_TRUST = 0.6
MAJOR_SAME_CLASS = 0.6
MAJOR_SAME_FAMILY = 0.3
SAME_CITY = 0.5
AWARDS_FOR_FULL = 2
LATE_DAYS = 90
LEVELS = 4
# Cells of a scoring block at once (students × postings), to bound memory whatever the mix.
BLOCK_CELLS = 1_500_000
# Points of the major part by the sum of its codes (see score_block), and of the location part.
MAJOR_FIT = np.array([0, 1, 2, 3, 4, 4, 4, 4], np.float32)
MAJOR_FIT = np.where(MAJOR_FIT >= 4, 1.0, np.where(MAJOR_FIT >= 2, MAJOR_SAME_CLASS,
                                                    np.where(MAJOR_FIT >= 1, MAJOR_SAME_FAMILY, 0.0)))
MAJOR_FIT = (MAJOR_FIT * POINTS["major"]).astype(np.float32)
LOCATION_FIT = (np.array([0.0, SAME_CITY, 1.0]) * POINTS["location"]).astype(np.float32)


def _csr(rows, cols, values, shape, dtype=np.float32) -> sparse.csr_matrix:
    matrix = sparse.csr_matrix(
        (np.asarray(values, dtype=dtype), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
        shape=shape, dtype=dtype,
    )
    matrix.sum_duplicates()
    return matrix


def _binary(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    out = matrix.copy()
    out.data[:] = 1
    return out


@dataclass
class Students:
    """Students as matrices, one row each. Column spaces are ids (skills, majors, regions,
    certificate keys), so rows of different loads line up."""

    ids: np.ndarray          # profile ids
    family: np.ndarray       # the id of the student's family of majors (the group they are scored in)
    majors: sparse.csr_matrix  # their major, its class and its family (1 each)
    level: np.ndarray        # education level 1–3
    available: np.ndarray    # date ordinal they are available from (0: not said)
    kinds: np.ndarray        # bit mask of the posting kinds they are open to (0: every kind)
    visible: np.ndarray      # may be shown to enterprises (consent covers the consortium's enterprises)
    skill_level: sparse.csr_matrix   # level held, per skill
    skill_verified: sparse.csr_matrix  # 1 where the skill is backed by a credential that verifies
    certificates: sparse.csr_matrix  # 1 per verified certificate key held (name and level, name alone)
    awards: np.ndarray       # verified competition awards
    regions: sparse.csr_matrix       # preferred regions (none: anywhere)
    region_cities: sparse.csr_matrix  # the cities of the preferred regions

    def __len__(self):
        return len(self.ids)

    def prepare(self):
        """The derived matrices the scoring multiplies (computed once per load)."""
        if getattr(self, "_ready", False):
            return self
        n, k = self.skill_level.shape
        held = self.skill_level.tocoo()
        verified = (np.asarray(self.skill_verified.tocsr()[held.row, held.col]).ravel() > 0 if held.nnz
                    else np.zeros(0, bool))
        trust = np.where(verified, 1.0, DECLARED_TRUST).astype(np.float32)
        # One column per (asked level, skill): how far the held level meets it, times the trust.
        rows, cols, vals, vrows, vcols, vvals = [], [], [], [], [], []
        for asked in range(1, LEVELS + 1):
            meet = np.minimum(1.0, held.data / asked).astype(np.float32)
            col = (asked - 1) * k + held.col
            rows.append(held.row[verified]); cols.append(col[verified]); vals.append(meet[verified])
            vrows.append(held.row[~verified]); vcols.append(col[~verified]); vvals.append((meet * trust)[~verified])
        shape = (n, LEVELS * k)
        self.meet_verified = _csr(np.concatenate(rows), np.concatenate(cols), np.concatenate(vals), shape)
        self.meet_declared = _csr(np.concatenate(vrows), np.concatenate(vcols), np.concatenate(vvals), shape)
        self.has_skill = _binary(self.skill_level)
        self.any_region = np.diff(self.regions.indptr) == 0
        self.places = sparse.hstack([self.regions, self.region_cities], format="csr", dtype=np.float32)
        self._ready = True
        return self


@dataclass
class Postings:
    ids: np.ndarray
    kind_bit: np.ndarray     # the bit of the posting's kind
    min_level: np.ndarray    # 0: any level
    starts: np.ndarray       # date ordinal it starts on (0: not said)
    families: sparse.csr_matrix  # the families of majors it considers (empty row: every student)
    named: sparse.csr_matrix     # the majors, classes or families it names
    named_classes: sparse.csr_matrix  # the classes of the majors it names
    named_families: sparse.csr_matrix  # the families of everything it names
    skill_weight: sparse.csr_matrix  # weight per skill asked
    skill_level: sparse.csr_matrix   # level asked per skill
    skill_required: sparse.csr_matrix  # 1 per skill that must be held
    preferred_certificates: sparse.csr_matrix  # 1 per certificate key preferred
    required_certificates: sparse.csr_matrix   # 1 per certificate key required
    location: sparse.csr_matrix  # its region and the regions above it (empty: not said)
    location_city: sparse.csr_matrix  # its city

    def __len__(self):
        return len(self.ids)

    def prepare(self):
        if getattr(self, "_ready", False):
            return self
        m, k = self.skill_weight.shape
        asked = self.skill_weight.tocoo()
        level = (np.asarray(self.skill_level.tocsr()[asked.row, asked.col]).ravel().astype(np.int64) if asked.nnz
                 else np.zeros(0, np.int64))
        level = np.clip(level, 1, LEVELS)
        total = np.asarray(self.skill_weight.sum(axis=1)).ravel()
        share = asked.data / np.where(total[asked.row] > 0, total[asked.row], 1)
        self.weights = _csr(asked.row, (level - 1) * k + asked.col, share, (m, LEVELS * k))
        self.required_skill_count = np.diff(self.skill_required.indptr)
        self.required_certificate_count = np.diff(self.required_certificates.indptr)
        preferred = np.diff(self.preferred_certificates.indptr)
        self.preferred_share = sparse.diags(1.0 / np.maximum(preferred, 1)).astype(np.float32) @ self.preferred_certificates
        self.open_to_all = np.diff(self.families.indptr) == 0
        self.has_location = np.diff(self.location.indptr) > 0
        self.has_majors = np.diff(self.named.indptr) > 0
        codes = self.named_families.maximum(self.named_classes * 2).maximum(self.named * 4)
        self.major_codes = codes.tocsr().astype(np.float32)
        self.places = sparse.hstack([self.location * 2, self.location_city], format="csr", dtype=np.float32)
        self._ready = True
        return self


def _times(left: sparse.csr_matrix, right: sparse.csr_matrix) -> np.ndarray:
    """left @ right.T as a dense float32 array; a column of zeros when either side is empty
    (it broadcasts: what no one holds costs nothing)."""
    if not left.nnz or not right.nnz:
        return np.zeros((left.shape[0], 1), np.float32)
    return (left @ right.T).toarray().astype(np.float32, copy=False)


def score_block(students: Students, s_idx: np.ndarray, postings: Postings, p_idx: np.ndarray):
    """The parts of every pair of the students ``s_idx`` × the postings ``p_idx`` and the total,
    -inf where a hard filter refuses the pair: (total n × m, {part: n × m, or n × 1 when the
    part is the same for every posting})."""
    S, P = students, postings
    n, m = len(s_idx), len(p_idx)
    weights = P.weights[p_idx]
    verified = _times(S.meet_verified[s_idx], weights) * np.float32(POINTS["skills"])
    declared = _times(S.meet_declared[s_idx], weights) * np.float32(POINTS["skills"])
    total = np.zeros((n, m), np.float32)
    total += verified
    total += declared

    # Major: the student's major, class and family against what the posting names (coded 4),
    # the classes of the majors it names (2) and their families (1); the sum tells the best fit.
    codes = np.broadcast_to(_times(S.majors[s_idx], P.major_codes[p_idx]), (n, m)).astype(np.int8)
    major = MAJOR_FIT[np.minimum(codes, 7)]
    open_all = P.open_to_all[p_idx]
    major[:, open_all] = POINTS["major"]
    total += major

    certificates = _times(S.certificates[s_idx], P.preferred_share[p_idx]) * np.float32(POINTS["certificates"])
    total += certificates
    awards = (np.minimum(S.awards[s_idx], AWARDS_FOR_FULL) / AWARDS_FOR_FULL * POINTS["awards"]).astype(np.float32)
    total += awards[:, None]

    # Location: a preferred region the posting is in or under (2), the same city (1); only the
    # students who prefer somewhere are looked at, the others fit anywhere.
    location = np.full((n, m), POINTS["location"], np.float32)
    choosy = np.flatnonzero(~S.any_region[s_idx])
    placed = np.flatnonzero(P.has_location[p_idx])
    if len(choosy) and len(placed):
        place = _times(S.places[s_idx[choosy]], P.places[p_idx[placed]])
        location[np.ix_(choosy, placed)] = LOCATION_FIT[np.minimum(np.broadcast_to(place, (len(choosy), len(placed))),
                                                                   2).astype(np.int8)]
    total += location

    available = np.where(S.available[s_idx] > 0, S.available[s_idx], -10**6).astype(np.float32)
    starts = np.where(P.starts[p_idx] > 0, P.starts[p_idx], 10**7).astype(np.float32)
    availability = available[:, None] - starts[None, :]
    availability *= np.float32(-1.0 / LATE_DAYS)
    availability += 1
    np.clip(availability, 0, 1, out=availability)
    availability *= np.float32(POINTS["availability"])
    total += availability

    refused = S.level[s_idx][:, None] < P.min_level[p_idx][None, :]
    kinds = S.kinds[s_idx][:, None]
    refused |= (kinds != 0) & ((kinds & P.kind_bit[p_idx][None, :]) == 0)
    required = P.required_skill_count[p_idx]
    if required.any():
        refused |= _times(S.has_skill[s_idx], P.skill_required[p_idx]) < required[None, :]
    required = P.required_certificate_count[p_idx]
    if required.any():
        refused |= _times(S.certificates[s_idx], P.required_certificates[p_idx]) < required[None, :]
    # A posting that names majors considers only the students of their families.
    refused |= (codes == 0) & ~open_all[None, :]
    total[refused] = -np.inf
    parts = {"skills_verified": verified, "skills_declared": declared, "major": major,
             "certificates": certificates, "awards": awards[:, None], "location": location,
             "availability": availability}
    return total, parts


@dataclass
class Ranking:
    """The pairs kept by a run: indexes into the students and postings given, the score, its
    parts (pairs × PARTS) and the rank on each side (0: not kept on that side)."""

    student: np.ndarray
    posting: np.ndarray
    score: np.ndarray
    parts: np.ndarray
    posting_rank: np.ndarray
    student_rank: np.ndarray

    def __len__(self):
        return len(self.score)


def _gather(parts: dict, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The parts of the pairs (rows, cols) of a block: pairs × PARTS."""
    out = np.empty((len(rows), len(PARTS)), np.float32)
    for k, name in enumerate(PARTS):
        values = parts[name]
        out[:, k] = values[rows, 0] if values.shape[1] == 1 else values[rows, cols]
    return out


def _best_per_row(total: np.ndarray, k: int, tie: np.ndarray):
    """(row, col, rank) of the k best allowed cells of each row, ranked best first (ties: the
    smaller ``tie`` of the column first)."""
    n, m = total.shape
    if k <= 0 or n == 0 or m == 0:
        empty = np.empty(0, np.int64)
        return empty, empty, empty
    if k < m:
        cols = np.argpartition(total, m - k, axis=1)[:, m - k:]
    else:
        cols = np.broadcast_to(np.arange(m), (n, m))
    values = np.take_along_axis(total, cols, axis=1)
    order = np.lexsort((tie[cols], -values), axis=-1)
    cols = np.take_along_axis(cols, order, axis=1)
    values = np.take_along_axis(values, order, axis=1)
    rank = np.broadcast_to(np.arange(1, cols.shape[1] + 1), cols.shape)
    rows = np.broadcast_to(np.arange(n)[:, None], cols.shape)
    keep = np.isfinite(values)
    return rows[keep].astype(np.int64), cols[keep].astype(np.int64), rank[keep].astype(np.int64)


def _rank(group: np.ndarray, score: np.ndarray, tie: np.ndarray, k: int):
    """Sort by group, best score first (ties: smaller ``tie`` first); the rank 1… within each
    group, and which entries make its top k."""
    order = np.lexsort((tie, -score, group))
    group_sorted = group[order]
    starts = np.r_[0, np.flatnonzero(np.diff(group_sorted)) + 1] if len(order) else np.empty(0, np.int64)
    first = np.zeros(len(order), np.int64)
    if len(order):
        first[starts] = starts
        first = np.maximum.accumulate(first)
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order)) - first + 1
    return rank, rank <= k


def _family_groups(students: Students, postings: Postings):
    """(students of a family, postings that consider it) for every family with students."""
    families = postings.families.tocsc()
    open_all = np.flatnonzero(postings.open_to_all)
    order = np.argsort(students.family, kind="stable")
    fam_sorted = students.family[order]
    bounds = np.flatnonzero(np.diff(fam_sorted)) + 1
    for s_idx in np.split(order, bounds):
        if not len(s_idx):
            continue
        family = int(students.family[s_idx[0]])
        named = families.indices[families.indptr[family]:families.indptr[family + 1]] \
            if family + 1 < len(families.indptr) else np.empty(0, np.int32)
        p_idx = np.union1d(named, open_all).astype(np.int64)
        if len(p_idx):
            yield s_idx, p_idx


def rank_all(students: Students, postings: Postings, *, per_posting: int = 50, per_student: int = 20,
             progress=None) -> Ranking:
    """The best ``per_posting`` candidates (among the visible students) of every posting and the
    best ``per_student`` postings of every student, with the parts of each kept pair."""
    students.prepare()
    postings.prepare()
    mine = {"s": [], "p": [], "score": [], "parts": [], "rank": []}
    theirs = {"s": [], "p": [], "score": [], "parts": []}
    groups = list(_family_groups(students, postings))
    for number, (s_all, p_idx) in enumerate(groups, 1):
        rows_at_once = max(1, BLOCK_CELLS // max(1, len(p_idx)))
        for start in range(0, len(s_all), rows_at_once):
            s_idx = s_all[start:start + rows_at_once]
            total, parts = score_block(students, s_idx, postings, p_idx)
            rows, cols, rank = _best_per_row(total, per_student, postings.ids[p_idx])
            mine["s"].append(s_idx[rows]); mine["p"].append(p_idx[cols]); mine["rank"].append(rank)
            mine["score"].append(total[rows, cols]); mine["parts"].append(_gather(parts, rows, cols))
            shown = np.flatnonzero(students.visible[s_idx])
            if len(shown):
                by_posting = np.ascontiguousarray(total[shown].T)
                k = min(per_posting, len(shown))
                picked = np.argpartition(by_posting, len(shown) - k, axis=1)[:, len(shown) - k:]
                cols = np.repeat(np.arange(len(p_idx)), k)
                rows = shown[picked.ravel()]
                ok = np.isfinite(total[rows, cols])
                rows, cols = rows[ok], cols[ok]
                theirs["s"].append(s_idx[rows]); theirs["p"].append(p_idx[cols])
                theirs["score"].append(total[rows, cols]); theirs["parts"].append(_gather(parts, rows, cols))
        if progress:
            progress(number, len(groups))
    if not mine["s"] and not theirs["s"]:
        empty = np.empty(0, np.int64)
        return Ranking(empty, empty, np.empty(0, np.float32), np.empty((0, len(PARTS)), np.float32), empty, empty)

    def joined(found, key, dtype=None, width=None):
        if found[key]:
            return np.concatenate(found[key])
        return np.empty((0, width) if width else 0, dtype or np.int64)

    ms, mp, mscore, mparts, mrank = (joined(mine, "s"), joined(mine, "p"), joined(mine, "score", np.float32),
                                     joined(mine, "parts", np.float32, len(PARTS)), joined(mine, "rank"))
    ts, tp, tscore, tparts = (joined(theirs, "s"), joined(theirs, "p"), joined(theirs, "score", np.float32),
                              joined(theirs, "parts", np.float32, len(PARTS)))
    # A posting considering several families has candidates from each: keep its best overall.
    trank, keep = _rank(tp, tscore, students.ids[ts], per_posting)
    ts, tp, tscore, tparts, trank = ts[keep], tp[keep], tscore[keep], tparts[keep], trank[keep]
    # A pair kept on both sides appears twice: one row with both ranks.
    n = max(1, len(students))
    key = np.concatenate([mp * n + ms, tp * n + ts])
    order = np.argsort(key)
    repeated = np.r_[False, key[order][1:] == key[order][:-1]]  # the second of a pair kept on both sides
    group = np.empty(len(key), np.int64)
    group[order] = np.cumsum(~repeated) - 1
    first = order[~repeated]
    student_rank = np.zeros(len(first), np.int64)
    posting_rank = np.zeros(len(first), np.int64)
    student_rank[group[:len(ms)]] = mrank
    posting_rank[group[len(ms):]] = trank
    s = np.concatenate([ms, ts])[first]
    p = np.concatenate([mp, tp])[first]
    score = np.concatenate([mscore, tscore])[first]
    parts = np.concatenate([mparts, tparts])[first]
    return Ranking(s, p, score, parts, posting_rank, student_rank)


def score_one_posting(students: Students, postings: Postings, posting: int, s_idx: np.ndarray | None = None):
    """All the allowed students of one posting (an index into ``postings``): (student indexes,
    scores, parts), best first."""
    students.prepare()
    postings.prepare()
    s_idx = np.arange(len(students)) if s_idx is None else s_idx
    total, parts = score_block(students, s_idx, postings, np.array([posting]))
    total = total[:, 0]
    ok = np.flatnonzero(np.isfinite(total))
    order = ok[np.lexsort((students.ids[s_idx[ok]], -total[ok]))]
    return s_idx[order], total[order], _gather(parts, order, np.zeros(len(order), np.int64))


def score_one_student(students: Students, student: int, postings: Postings):
    """All the allowed postings of one student (an index into ``students``): (posting indexes,
    scores, parts), best first."""
    students.prepare()
    postings.prepare()
    p_idx = np.arange(len(postings))
    total, parts = score_block(students, np.array([student]), postings, p_idx)
    total = total[0]
    ok = np.flatnonzero(np.isfinite(total))
    order = ok[np.lexsort((postings.ids[ok], -total[ok]))]
    return order, total[order], _gather(parts, np.zeros(len(order), np.int64), order)


# --- the same rules, one pair at a time ----------------------------------------------------------


def student_record(students: Students, i: int) -> dict:
    """One student as plain Python values (for ``score_pair``)."""
    row = lambda matrix: {int(c): float(v) for c, v in zip(matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]],  # noqa: E731
                                                             matrix.data[matrix.indptr[i]:matrix.indptr[i + 1]])}
    return {
        "majors": set(row(students.majors)), "level": int(students.level[i]), "available": int(students.available[i]),
        "kinds": int(students.kinds[i]), "skills": row(students.skill_level), "verified": set(row(students.skill_verified)),
        "certificates": set(row(students.certificates)), "awards": int(students.awards[i]),
        "regions": set(row(students.regions)), "cities": set(row(students.region_cities)),
    }


def posting_record(postings: Postings, j: int) -> dict:
    row = lambda matrix: {int(c): float(v) for c, v in zip(matrix.indices[matrix.indptr[j]:matrix.indptr[j + 1]],  # noqa: E731
                                                             matrix.data[matrix.indptr[j]:matrix.indptr[j + 1]])}
    return {
        "kind_bit": int(postings.kind_bit[j]), "min_level": int(postings.min_level[j]), "starts": int(postings.starts[j]),
        "families": set(row(postings.families)), "named": set(row(postings.named)),
        "classes": set(row(postings.named_classes)), "named_families": set(row(postings.named_families)),
        "weights": row(postings.skill_weight), "levels": row(postings.skill_level),
        "required": set(row(postings.skill_required)), "preferred": set(row(postings.preferred_certificates)),
        "required_certificates": set(row(postings.required_certificates)),
        "location": set(row(postings.location)), "city": set(row(postings.location_city)),
    }


def score_pair(student: dict, posting: dict) -> dict | None:
    """The parts of one pair, or None when a hard filter refuses it: the straightforward way."""
    if student["level"] < posting["min_level"]:
        return None
    if student["kinds"] and not student["kinds"] & posting["kind_bit"]:
        return None
    if not posting["required"] <= set(student["skills"]):
        return None
    if not posting["required_certificates"] <= student["certificates"]:
        return None
    if posting["families"] and not posting["families"] & student["majors"]:
        return None
    total_weight = sum(posting["weights"].values()) or 1
    verified = declared = 0.0
    for skill, weight in posting["weights"].items():
        held = student["skills"].get(skill)
        if not held:
            continue
        meet = min(1.0, held / max(1, min(LEVELS, posting["levels"].get(skill, 1)))) * weight / total_weight
        if skill in student["verified"]:
            verified += meet
        else:
            declared += meet * DECLARED_TRUST
    if not posting["named"] or posting["named"] & student["majors"]:
        major = 1.0
    elif posting["classes"] & student["majors"]:
        major = MAJOR_SAME_CLASS
    elif posting["named_families"] & student["majors"]:
        major = MAJOR_SAME_FAMILY
    else:
        major = 0.0
    preferred = posting["preferred"]
    certificates = len(preferred & student["certificates"]) / len(preferred) if preferred else 0.0
    if not student["regions"] or not posting["location"] or student["regions"] & posting["location"]:
        location = 1.0
    elif student["cities"] & posting["city"]:
        location = SAME_CITY
    else:
        location = 0.0
    late = student["available"] - posting["starts"] if student["available"] and posting["starts"] else 0
    return {
        "skills_verified": verified * POINTS["skills"], "skills_declared": declared * POINTS["skills"],
        "major": major * POINTS["major"], "certificates": certificates * POINTS["certificates"],
        "awards": min(student["awards"], AWARDS_FOR_FULL) / AWARDS_FOR_FULL * POINTS["awards"],
        "location": location * POINTS["location"],
        "availability": min(1.0, max(0.0, 1.0 - late / LATE_DAYS)) * POINTS["availability"],
    }


def rank_all_by_pairs(students: Students, postings: Postings, *, per_posting: int = 50, per_student: int = 20,
                      posting_indexes=None):
    """The per-pair loop: every pair of the considered families scored by ``score_pair``, the
    best kept on each side (for ``posting_indexes`` only, when given: the benchmark samples)."""
    people = [student_record(students, i) for i in range(len(students))]
    by_family: dict[int, list[int]] = {}
    for i, family in enumerate(students.family.tolist()):
        by_family.setdefault(family, []).append(i)
    everyone = list(range(len(students)))
    candidates, mine = {}, {}
    for j in (range(len(postings)) if posting_indexes is None else posting_indexes):
        posting = posting_record(postings, j)
        pool = everyone if not posting["families"] else [i for f in posting["families"] for i in by_family.get(f, ())]
        scored = []
        for i in pool:
            parts = score_pair(people[i], posting)
            if parts is None:
                continue
            total = sum(parts.values())
            scored.append((-total, int(students.ids[i]), i))
            mine.setdefault(i, []).append((-total, int(postings.ids[j]), j))
        candidates[j] = [i for _t, _id, i in sorted(t for t in scored if students.visible[t[2]])[:per_posting]]
    return candidates, {i: [j for _t, _id, j in sorted(found)[:per_student]] for i, found in mine.items()}

"""Placement into limited places (实习 / 订单班 / 2+1): student-proposing deferred acceptance
with capacities. Pure code — no ORM — so that it can be tested against brute force and
benchmarked on its own.

Inputs, by any hashable ids for students and postings:

- ``preferences``: each student's postings, best first (a posting named twice counts once);
- ``capacities``: each posting's places (a posting absent from it, or with none, takes no one);
- ``scores``: the posting's priority for a student, higher first; a pair absent scores 0;
- ``unacceptable``: (posting, student) pairs the posting refuses outright;
- ``seed``: the round's published lottery seed.

Ties in score are broken by one lottery for the whole round: each student draws the number
``lottery_number(seed, student)`` — the SHA-256 of ``"<seed>:<student>"`` — and the lower
number wins at every posting (single tie-breaking, which anyone can recompute from the seed).
Priorities are then strict, so the student-optimal stable matching is unique and the outcome
depends on nothing but the inputs: the same inputs and seed give the same result, whatever the
order of the dictionaries.

The result is stable (no student and posting would both rather have each other than what they
got), respects every capacity, and is the best stable result for every student at once; a
student cannot gain by ranking postings other than in their true order."""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass, field
from enum import Enum
from typing import Hashable, Iterable, Mapping, Sequence

__all__ = [
    "Reason", "Outcome", "lottery_number", "deferred_acceptance", "straightforward_deferred_acceptance",
    "blocking_pairs", "priority_key",
]


class Reason(str, Enum):
    """Why a student stays unplaced."""

    RANKED_NOTHING = "ranked_nothing"  # the student ranked no posting of the round
    NO_ACCEPTABLE_CHOICE = "no_acceptable_choice"  # every posting ranked refuses the student (or has no place)
    FILLED = "filled"  # every acceptable posting ranked is filled by students of higher priority


@dataclass
class Outcome:
    assignment: dict = field(default_factory=dict)  # student -> posting
    unplaced: dict = field(default_factory=dict)  # student -> Reason
    proposals: int = 0  # how many proposals the algorithm made (its work)

    def placed_at(self, posting) -> list:
        return sorted((s for s, p in self.assignment.items() if p == posting), key=str)


def lottery_number(seed: str, student: Hashable) -> int:
    """The student's draw in the round's lottery: lower wins a tie."""
    return int.from_bytes(hashlib.sha256(f"{seed}:{student}".encode()).digest()[:8], "big")


def priority_key(score: float, lottery: int) -> tuple:
    """Sorts a posting's applicants best first."""
    return (-score, lottery)


def _acceptable(posting, student, capacities, unacceptable) -> bool:
    return capacities.get(posting, 0) > 0 and (posting, student) not in unacceptable


def _reasons(preferences, assignment, capacities, unacceptable) -> dict:
    unplaced = {}
    for student, ranked in preferences.items():
        if student in assignment:
            continue
        if not ranked:
            unplaced[student] = Reason.RANKED_NOTHING
        elif any(_acceptable(p, student, capacities, unacceptable) for p in ranked):
            unplaced[student] = Reason.FILLED
        else:
            unplaced[student] = Reason.NO_ACCEPTABLE_CHOICE
    return unplaced


def deferred_acceptance(
    preferences: Mapping[Hashable, Sequence[Hashable]],
    capacities: Mapping[Hashable, int],
    scores: Mapping[tuple, float] | None = None,
    unacceptable: Iterable[tuple] = (),
    seed: str = "",
) -> Outcome:
    """Student-proposing deferred acceptance with capacities (Gale–Shapley 1962; Roth 1984).

    Each free student proposes to the next posting on their list; a posting holds its best
    applicants up to its capacity in a heap keyed so that its weakest held applicant is on top,
    and rejects the weakest when a better one arrives. O(L log c) for L ranked pairs and the
    largest capacity c."""
    scores = scores or {}
    unacceptable = set(unacceptable)
    draws = {student: lottery_number(seed, student) for student in preferences}
    lists = {student: list(dict.fromkeys(ranked)) for student, ranked in preferences.items()}
    nxt = dict.fromkeys(lists, 0)
    held: dict = {}  # posting -> heap of (score, -lottery, student): the weakest first
    proposals = 0
    # Students in the order of their draw, so that even the work done is independent of input order.
    free = sorted(lists, key=draws.__getitem__, reverse=True)
    while free:
        student = free.pop()
        ranked = lists[student]
        i = nxt[student]
        draw = -draws[student]
        while i < len(ranked):
            posting = ranked[i]
            i += 1
            capacity = capacities.get(posting, 0)
            if capacity <= 0 or (posting, student) in unacceptable:
                continue
            proposals += 1
            entry = (scores.get((posting, student), 0.0), draw, student)
            heap = held.get(posting)
            if heap is None:
                heap = held[posting] = []
            if len(heap) < capacity:
                heapq.heappush(heap, entry)
                break
            if entry[:2] > heap[0][:2]:
                rejected = heapq.heapreplace(heap, entry)[2]
                free.append(rejected)
                break
        nxt[student] = i
    assignment = {entry[2]: posting for posting, heap in held.items() for entry in heap}
    return Outcome(assignment, _reasons(lists, assignment, capacities, unacceptable), proposals)


def straightforward_deferred_acceptance(
    preferences: Mapping[Hashable, Sequence[Hashable]],
    capacities: Mapping[Hashable, int],
    scores: Mapping[tuple, float] | None = None,
    unacceptable: Iterable[tuple] = (),
    seed: str = "",
) -> Outcome:
    """The textbook formulation, kept as the benchmark's yardstick and the tests' second
    opinion: in rounds, every free student proposes to their next acceptable posting; every
    posting puts what it held and what it received in priority order and keeps the first
    ``capacity``; until a round rejects no one."""
    scores = scores or {}
    unacceptable = set(unacceptable)
    draws = {student: lottery_number(seed, student) for student in preferences}
    lists = {student: list(dict.fromkeys(ranked)) for student, ranked in preferences.items()}
    nxt = dict.fromkeys(lists, 0)
    held: dict = {posting: [] for posting in capacities}
    free = list(lists)
    proposals = 0
    while free:
        received: dict = {}
        for student in free:
            ranked = lists[student]
            while nxt[student] < len(ranked):
                posting = ranked[nxt[student]]
                nxt[student] += 1
                if _acceptable(posting, student, capacities, unacceptable):
                    received.setdefault(posting, []).append(student)
                    proposals += 1
                    break
        free = []
        for posting, students in received.items():
            pool = held[posting] + students
            pool.sort(key=lambda s: priority_key(scores.get((posting, s), 0.0), draws[s]))
            held[posting], rejected = pool[:capacities[posting]], pool[capacities[posting]:]
            free += rejected
    assignment = {s: posting for posting, students in held.items() for s in students}
    return Outcome(assignment, _reasons(lists, assignment, capacities, unacceptable), proposals)


def blocking_pairs(
    assignment: Mapping, preferences: Mapping, capacities: Mapping, scores: Mapping | None = None,
    unacceptable: Iterable[tuple] = (), seed: str = "",
) -> list[tuple]:
    """The (student, posting) pairs that would both rather have each other than what they got:
    the student prefers the posting to their place (or has none), the posting finds them
    acceptable and has a free place or holds someone of lower priority. Empty for a stable result."""
    scores = scores or {}
    unacceptable = set(unacceptable)
    draws = {student: lottery_number(seed, student) for student in preferences}
    holders: dict = {}
    for student, posting in assignment.items():
        holders.setdefault(posting, []).append(student)
    found = []
    for student, ranked in preferences.items():
        ranked = list(dict.fromkeys(ranked))
        mine = assignment.get(student)
        better = ranked[: ranked.index(mine)] if mine is not None else ranked
        for posting in better:
            if not _acceptable(posting, student, capacities, unacceptable):
                continue
            held = holders.get(posting, [])
            if len(held) < capacities[posting]:
                found.append((student, posting))
                continue
            mine_key = priority_key(scores.get((posting, student), 0.0), draws[student])
            if any(priority_key(scores.get((posting, other), 0.0), draws[other]) > mine_key for other in held):
                found.append((student, posting))
    return found

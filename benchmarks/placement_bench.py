"""Helper for bin/bench-placement: placement by deferred acceptance on a round the size of a
city's internship season — 5,000 students into 500 postings of 10 places each, every student
ranking 10 postings drawn with a popularity skew (a few enterprises everyone wants), scores in
whole points so that the lottery breaks many ties — beside two straightforward formulations
(one proposal at a time, or rounds of proposals, each posting re-sorting what it holds) on the
same input, in the same run, taking turns. All must give the same placements. No database: the algorithm is pure.

    python benchmarks/placement_bench.py [--students N] [--postings N] [--slots N] [--choices N]
                                         [--repeat N] [--out FILE]
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from talent_matching.placement import (  # noqa: E402
    Outcome,
    deferred_acceptance,
    lottery_number,
    priority_key,
    straightforward_deferred_acceptance,
)

TARGET_SECONDS = 2.0


def market(students: int, postings: int, slots: int, choices: int, seed: int = 2026):
    rng = random.Random(seed)
    posting_ids = [f"p{i}" for i in range(postings)]
    # Popularity: Zipf-like weights, so the first postings are asked for far beyond their places.
    weights = [1 / (1 + i) ** 0.8 for i in range(postings)]
    preferences = {}
    for s in range(students):
        ranked = []
        seen = set()
        while len(ranked) < choices:
            posting = rng.choices(posting_ids, weights)[0]
            if posting not in seen:
                seen.add(posting)
                ranked.append(posting)
        preferences[s] = ranked
    scores = {(p, s): float(rng.randint(40, 100)) for s, ranked in preferences.items() for p in ranked}
    unacceptable = {(p, s) for (p, s) in scores if rng.random() < 0.02}
    capacities = dict.fromkeys(posting_ids, slots)
    return preferences, capacities, scores, unacceptable, "bench-2026"


def one_proposal_at_a_time(preferences, capacities, scores, unacceptable, seed) -> Outcome:
    """The textbook's words turned into code as they read: a free student proposes to the next
    posting on their list; the posting adds them, puts its list in priority order and, when over
    its capacity, rejects its last."""
    unacceptable = set(unacceptable)
    draws = {s: lottery_number(seed, s) for s in preferences}
    held = {p: [] for p in capacities}
    nxt = dict.fromkeys(preferences, 0)
    free = list(preferences)
    proposals = 0
    while free:
        student = free.pop()
        ranked = preferences[student]
        while nxt[student] < len(ranked):
            posting = ranked[nxt[student]]
            nxt[student] += 1
            if capacities.get(posting, 0) <= 0 or (posting, student) in unacceptable:
                continue
            proposals += 1
            held[posting].append(student)
            held[posting].sort(key=lambda s, p=posting: priority_key(scores.get((p, s), 0.0), draws[s]))
            if len(held[posting]) > capacities[posting]:
                rejected = held[posting].pop()
                if rejected != student:
                    free.append(rejected)
                    break
                continue
            break
    return Outcome({s: p for p, students in held.items() for s in students}, {}, proposals)


def timed(functions, args, repeat):
    """Each function ``repeat`` times, taking turns, so that other load on the machine falls on all alike."""
    times = {name: [] for name in functions}
    outcomes = {}
    for _ in range(repeat):
        for name, function in functions.items():
            start = time.perf_counter()
            outcomes[name] = function(*args)
            times[name].append(time.perf_counter() - start)
    return outcomes, times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=5000)
    parser.add_argument("--postings", type=int, default=500)
    parser.add_argument("--slots", type=int, default=10)
    parser.add_argument("--choices", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--load-before", default="")
    parser.add_argument("--out", default=str(BASE_DIR / "bench-results" / "placement.txt"))
    options = parser.parse_args()

    args = market(options.students, options.postings, options.slots, options.choices)
    outcomes, times = timed({
        "fast": deferred_acceptance, "rounds": straightforward_deferred_acceptance, "textbook": one_proposal_at_a_time,
    }, args, options.repeat)
    fast = outcomes["fast"]
    if any(outcome.assignment != fast.assignment for outcome in outcomes.values()):
        sys.exit("The formulations placed students differently: that is a bug.")
    median = {name: statistics.median(values) for name, values in times.items()}
    fast_median = median["fast"]
    placed = len(fast.assignment)
    reasons = {}
    for reason in fast.unplaced.values():
        reasons[reason.value] = reasons.get(reason.value, 0) + 1
    lines = [
        f"Placement benchmark: {options.students:,} students, {options.postings:,} postings x {options.slots} places, "
        f"{options.choices} choices each",
        f"python {platform.python_version()} on {platform.machine()}, load before {options.load_before or 'n/a'}",
        "",
        f"{'formulation':<50} {'median':>9} {'best':>9} {'proposals':>10} {'ratio':>7}",
        *[
            f"{label:<50} {median[name]:>8.3f}s {min(times[name]):>8.3f}s {outcomes[name].proposals:>10,} "
            f"{median[name] / fast_median:>6.1f}x"
            for name, label in (
                ("fast", "deferred acceptance (a heap per posting)"),
                ("textbook", "straightforward: one proposal at a time, re-sort"),
                ("rounds", "straightforward: rounds of proposals, re-sort"),
            )
        ],
        "",
        f"ratio straightforward / deferred acceptance: {median['textbook'] / fast_median:.1f}x (one at a time), "
        f"{median['rounds'] / fast_median:.1f}x (rounds)",
        f"target: under {TARGET_SECONDS:.0f} s — {'met' if fast_median < TARGET_SECONDS else 'NOT met'}",
        f"placed {placed:,}, unplaced {len(fast.unplaced):,} "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(reasons.items())),
        f"same placements from every formulation: yes ({options.repeat} runs each, taking turns)",
    ]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    Path(options.out).parent.mkdir(parents=True, exist_ok=True)
    Path(options.out).write_text(text)


if __name__ == "__main__":
    main()

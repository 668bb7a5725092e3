"""Helper for bin/bench-placement: placement by deferred acceptance on a round the size of a
city's internship season — 5,000 students into 500 postings of 10 places each, every student
ranking 10 postings drawn with a popularity skew (a few enterprises everyone wants), scores in
whole points so that the lottery breaks many ties — beside the straightforward formulation
(rounds of proposals, each posting re-sorting what it holds) on the same input, in the same
run. Both must give the same placements. No database: the algorithm is pure.

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

from talent_matching.placement import deferred_acceptance, straightforward_deferred_acceptance  # noqa: E402

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


def timed(function, args, repeat):
    times, outcome = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        outcome = function(*args)
        times.append(time.perf_counter() - start)
    return outcome, times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=5000)
    parser.add_argument("--postings", type=int, default=500)
    parser.add_argument("--slots", type=int, default=10)
    parser.add_argument("--choices", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--load-before", default="")
    parser.add_argument("--out", default=str(BASE_DIR / "bench-results" / "placement.txt"))
    options = parser.parse_args()

    args = market(options.students, options.postings, options.slots, options.choices)
    fast, fast_times = timed(deferred_acceptance, args, options.repeat)
    slow, slow_times = timed(straightforward_deferred_acceptance, args, options.repeat)
    if fast.assignment != slow.assignment:
        sys.exit("The two formulations placed students differently: that is a bug.")
    fast_median, slow_median = statistics.median(fast_times), statistics.median(slow_times)
    placed = len(fast.assignment)
    reasons = {}
    for reason in fast.unplaced.values():
        reasons[reason.value] = reasons.get(reason.value, 0) + 1
    lines = [
        f"Placement benchmark: {options.students:,} students, {options.postings:,} postings x {options.slots} places, "
        f"{options.choices} choices each",
        f"python {platform.python_version()} on {platform.machine()}, load before {options.load_before or 'n/a'}",
        "",
        f"{'formulation':<44} {'median':>9} {'best':>9} {'proposals':>10}",
        f"{'deferred acceptance (heap per posting)':<44} {fast_median:>8.3f}s {min(fast_times):>8.3f}s {fast.proposals:>10,}",
        f"{'straightforward (rounds, re-sort per round)':<44} {slow_median:>8.3f}s {min(slow_times):>8.3f}s {slow.proposals:>10,}",
        "",
        f"ratio straightforward / deferred acceptance: {slow_median / fast_median:.1f}x",
        f"target: under {TARGET_SECONDS:.0f} s — {'met' if fast_median < TARGET_SECONDS else 'NOT met'}",
        f"placed {placed:,}, unplaced {len(fast.unplaced):,} "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(reasons.items())),
        f"same placements from both formulations: yes ({options.repeat} runs each)",
    ]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    Path(options.out).parent.mkdir(parents=True, exist_ok=True)
    Path(options.out).write_text(text)


if __name__ == "__main__":
    main()

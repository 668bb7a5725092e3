"""Helper for bin/bench-placement --database: the placement service itself on PostgreSQL — a
round of 5,000 students (each ranking 10 of 500 postings of 10 places, drawn as in
placement_bench.py) run by ``services.placement.round_run`` (its input read, the matching, 5,000
result rows written) and confirmed by ``round_confirm`` (a placement row and a transparency-log
entry for each student placed). Everything is made inside one transaction that is rolled back
at the end, so the database is left as it was.

    python benchmarks/placement_db_bench.py [--students N] [--postings N] [--slots N] [--choices N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.placement_bench import market  # noqa: E402
from members.models import OrganizationKind, Role, User  # noqa: E402
from members.tests.factories import OrganizationFactory, person  # noqa: E402
from reference.models import Major  # noqa: E402
from talent_matching.models import (  # noqa: E402
    PlacementRound,
    Posting,
    PostingKind,
    PostingStatus,
    RoundPosting,
    RoundStatus,
    StudentPreference,
    StudentProfile,
)
from talent_matching.services import placement as services  # noqa: E402


class Rollback(Exception):
    pass


def build(students: int, postings: int, slots: int, choices: int):
    preferences, _capacities, _scores, _unacceptable, _seed = market(students, postings, slots, choices)
    school = OrganizationFactory(kind=OrganizationKind.HIGHER_VOCATIONAL, industry_id="P83")
    government = OrganizationFactory(kind=OrganizationKind.GOVERNMENT, industry_id="S91", is_lead_member=True)
    secretariat = person(government, Role.SECRETARIAT, username="bench-placement-secretariat")
    enterprises = [OrganizationFactory() for _ in range(max(1, postings // 10))]
    now = timezone.now()
    made = Posting.objects.bulk_create([
        Posting(organization=enterprises[i % len(enterprises)], kind=PostingKind.INTERNSHIP, title=f"实习岗位 {i}",
                description="实习。", headcount=slots, status=PostingStatus.PUBLISHED, published_at=now)
        for i in range(postings)
    ])
    posting_ids = {f"p{i}": posting.pk for i, posting in enumerate(made)}
    users = User.objects.bulk_create([
        User(username=f"bench-placement-{n}", full_name=f"学生{n}", email=f"bench-placement-{n}@example.cn")
        for n in range(students)
    ])
    major = Major.objects.filter(level=Major.Level.MAJOR).order_by("code").first()
    profiles = StudentProfile.objects.bulk_create([
        StudentProfile(student=user, school=school, major=major, education_level=2, graduation_year=2027)
        for user in users
    ])
    placement_round = PlacementRound.objects.create(name="基准轮次", kind=PostingKind.INTERNSHIP,
                                                    status=RoundStatus.COLLECTING, opened_at=now)
    placement_round.schools.set([school])
    RoundPosting.objects.bulk_create([RoundPosting(round=placement_round, posting=p) for p in made])
    StudentPreference.objects.bulk_create([
        StudentPreference(round=placement_round, profile=profiles[s], posting_id=posting_ids[p], rank=rank)
        for s, ranked in preferences.items() for rank, p in enumerate(ranked, start=1)
    ], batch_size=5000)
    return placement_round, secretariat


def timed(function, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        outcome = function(**kwargs)
        seconds = time.perf_counter() - start
    return outcome, seconds, len(captured)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=5000)
    parser.add_argument("--postings", type=int, default=500)
    parser.add_argument("--slots", type=int, default=10)
    parser.add_argument("--choices", type=int, default=10)
    parser.add_argument("--load-before", default="")
    parser.add_argument("--out", default=str(BASE_DIR / "bench-results" / "placement-db.txt"))
    options = parser.parse_args()
    lines = []
    try:
        with transaction.atomic():
            start = time.perf_counter()
            placement_round, secretariat = build(options.students, options.postings, options.slots, options.choices)
            built = time.perf_counter() - start
            run, run_seconds, run_queries = timed(services.round_run, placement_round=placement_round, actor=secretariat)
            again, again_seconds, _q = timed(services.round_run, placement_round=placement_round, actor=secretariat)
            placements, confirm_seconds, confirm_queries = timed(
                services.round_confirm, placement_round=placement_round, actor=secretariat)
            lines = [
                f"Placement service on PostgreSQL: {options.students:,} students, {options.postings:,} postings x "
                f"{options.slots} places, {options.choices} choices each (load before {options.load_before or 'n/a'})",
                f"set-up (rolled back afterwards): {built:.1f} s",
                "",
                f"{'step':<52} {'time':>8} {'queries':>8}",
                f"{'round_run (input read, matching, results written)':<52} {run_seconds:>7.2f}s {run_queries:>8}",
                f"{'round_run again (same input and seed)':<52} {again_seconds:>7.2f}s {'':>8}",
                f"{'round_confirm (placements, transparency-log entries)':<52} {confirm_seconds:>7.2f}s {confirm_queries:>8}",
                "",
                f"placed {run.placed:,}, unplaced {run.unplaced:,}; {len(placements):,} placements logged",
                f"same result digest on the second run: {'yes' if again.result_digest == run.result_digest else 'NO'}",
            ]
            raise Rollback
    except Rollback:
        pass
    text = "\n".join(lines) + "\n"
    print(text, end="")
    Path(options.out).parent.mkdir(parents=True, exist_ok=True)
    Path(options.out).write_text(text)


if __name__ == "__main__":
    main()

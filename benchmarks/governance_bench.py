"""Helper for bin/bench --set governance: after the council's pages, time what the issue names
on the scale council (consortium/governance/demo/scale.py) — counting a vote of its 200 weighted
seats with recusals (target under 50 ms), and the budget execution of the 500 scale projects with
their lines and expenses, computed by the database (the query count shows it). Everything it
writes is rolled back. Run through bin/bench, not on its own.

    python benchmarks/governance_bench.py [--repeat 50] [--out bench-results/governance.txt]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RECUSED = 12


def _queries(n: int) -> str:
    return f"{n} query" if n == 1 else f"{n} queries"


def _timed(function, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], result


def _fresh_pages(repeat: int) -> list[str]:
    """What the register and a 200-seat meeting cost when the per-viewer cache cannot help."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from consortium.governance.demo.scale import MARK
    from consortium.governance.models import Meeting
    from consortium.governance.selectors.disclosure import DISCLOSURE
    from core.caching import bump
    from members.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="council"))
    meeting = Meeting.objects.filter(body__code=MARK, starts_at__lt=timezone.now()).order_by("-starts_at").first()
    found = []
    for label, url in (("resolution register", reverse("governance:resolutions")),
                       ("resolution register page 20", reverse("governance:resolutions") + "?page=20"),
                       (f"meeting with {meeting.invited.count()} seats", reverse("governance:meeting", args=[meeting.pk])),
                       ("public disclosure", reverse("governance:public_home"))):
        def fetch():
            bump(DISCLOSURE)
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        median, p95, _response = _timed(fetch, max(repeat // 2, 10))
        with CaptureQueriesContext(connection) as queries:
            fetch()
        found.append(f"  {label}: median {median:.1f} ms, p95 {p95:.1f} ms, {_queries(len(queries))}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--out", default=str(BASE_DIR / "bench-results" / "governance.txt"))
    args = parser.parse_args()
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from consortium.governance.demo.scale import MARK, PROJECT_CODE
    from consortium.governance.models import (
        Body, Choice, MatterKind, Motion, MotionStatus, Project, Recusal, Seat, Vote, VotingMode,
    )
    from consortium.governance.selectors import projects as project_selectors
    from consortium.governance.services import votes
    from members.models import User

    body = Body.objects.get(code=MARK)
    seats = list(Seat.objects.current().filter(body=body).values_list("pk", "weight"))
    secretariat = User.objects.get(username="secretariat")
    rng = random.Random(7)
    lines = [f"Council benchmark on the scale council: {len(seats)} seats, total weight {sum(w for _p, w in seats)}",
             f"({args.repeat} repetitions each; median and 95th percentile)", ""]

    with transaction.atomic():
        motion = Motion.objects.create(
            body=body, title="基准测试议案", text="基准测试", matter=MatterKind.BUDGET, rule=votes.RULE_OF_MATTER[MatterKind.BUDGET],
            mode=VotingMode.WRITTEN, deadline=timezone.now() + timedelta(days=7), status=MotionStatus.OPEN,
            opened_at=timezone.now())
        recused = {pk for pk, _w in rng.sample(seats, RECUSED)}
        Recusal.objects.bulk_create([Recusal(motion=motion, seat_id=pk, reason="基准测试回避") for pk in recused])
        Vote.objects.bulk_create([
            Vote(motion=motion, seat_id=pk, weight=weight,
                 choice=rng.choices([Choice.FOR, Choice.AGAINST, Choice.ABSTAIN], [7, 2, 1])[0])
            for pk, weight in seats if pk not in recused])
        median, p95, tally = _timed(lambda: votes.count_motion(motion), args.repeat)
        with CaptureQueriesContext(connection) as queries:
            votes.count_motion(motion)
        lines.append(f"count a vote from the database (count_motion): median {median:.2f} ms, p95 {p95:.2f} ms, "
                     f"{_queries(len(queries))} — {tally.outcome_label}: for {tally.for_weight}, against "
                     f"{tally.against_weight}, abstaining {tally.abstain_weight}, recused {tally.recused_weight}")
        verdict = "met" if p95 < 50 else "NOT met"
        lines.append(f"  target: under 50 ms — {verdict}")
        started = time.perf_counter()
        closed = votes.close_motion(actor=secretariat, motion=motion)
        lines.append(f"close the vote (count, register resolution {getattr(getattr(closed, 'resolution', None), 'number', '—')}, "
                     f"transparency-log entry, audit): {(time.perf_counter() - started) * 1000:.1f} ms")
        transaction.set_rollback(True)

    scale_projects = Project.objects.filter(code__startswith=PROJECT_CODE)
    n_projects = scale_projects.count()

    def execution_of_all():
        return list(project_selectors.with_execution(scale_projects.order_by("pk"), by_source=True))

    median, p95, rows = _timed(execution_of_all, max(args.repeat // 5, 5))
    with CaptureQueriesContext(connection) as queries:
        execution_of_all()
    spent = sum(row.spent_total for row in rows)
    lines += ["", f"budget execution of all {n_projects} scale projects (with_execution): median {median:.1f} ms, "
                  f"p95 {p95:.1f} ms, {_queries(len(queries))} — spent {spent:,.2f} yuan in all"]
    biggest = max(rows, key=lambda row: row.spent_total)
    median, p95, _lines = _timed(lambda: project_selectors.line_execution(biggest), args.repeat)
    with CaptureQueriesContext(connection) as queries:
        project_selectors.line_execution(biggest)
    lines.append(f"one project's execution by line (line_execution): median {median:.2f} ms, p95 {p95:.2f} ms, "
                 f"{_queries(len(queries))}")
    lines += ["", "pages rendered afresh (the cache's data version bumped before each request), signed in as the "
                  "council representative, through Django's test client:"]
    lines += _fresh_pages(args.repeat)
    text = "\n".join(lines) + "\n"
    print(text, end="")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"Written to {args.out}")


if __name__ == "__main__":
    main()

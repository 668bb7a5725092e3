"""The school's teacher overview on the ``--scale 50000`` data (``python manage.py seed_demo
--scale 50000``): the page rendered through the Django test client as the college's
administrator (school_admin), whose school holds a third of the scale teachers with their
training records, and the same page filtered by colour and a later page; the query count
shows the per-teacher figures come from one aggregate query. Target: under 300 ms.

    python benchmarks/training_teachers_bench.py [--repeat 30] [--out bench-results/training_teachers.txt]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")
TARGET_MS = 300


def _timed(function, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--out", default="")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from members.models import Membership, Role, User
    from training.models import TeacherTrainingRecord

    admin = User.objects.get(username="school_admin")
    school = Membership.objects.get(user=admin, role=Role.ORG_ADMIN).organization
    teachers = Membership.objects.active().filter(organization=school, role=Role.TEACHER).count()
    records = TeacherTrainingRecord.objects.count()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    url = reverse("training:teacher_overview")
    lines = [f"Teacher overview of {school.name_zh}: {teachers} teachers; {records} training records in all "
             f"({args.repeat} repetitions each; median and 95th percentile; target {TARGET_MS} ms)", ""]
    worst = 0.0
    for label, params in (("overview", {}), ("filtered: yellow", {"colour": "yellow"}),
                          ("search", {"q": "规模"}), ("page 10", {"page": "10"})):
        def fetch():
            cache.clear()
            response = client.get(url, params)
            assert response.status_code == 200, response.status_code

        fetch()
        median, p95 = _timed(fetch, args.repeat)
        with CaptureQueriesContext(connection) as queries:
            fetch()
        worst = max(worst, median)
        lines.append(f"  {label}: median {median:.1f} ms, p95 {p95:.1f} ms, {len(queries)} queries")
    lines += ["", f"{'PASS' if worst < TARGET_MS else 'FAIL'}: slowest median {worst:.1f} ms"]
    text = "\n".join(lines)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

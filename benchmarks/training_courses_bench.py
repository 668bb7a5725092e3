"""Time the 岗课赛证 skill coverage (training/selectors/courses.py ``skill_coverage``) on the
scale consortium (``python manage.py seed_demo --scale 50000``: its published postings and
their skills, and the scale courses of training/demo/courses.py with their units' competences):
for the secretariat (every course) and for a school administrator (the courses they see), the
whole vocabulary and one family of majors. Target: under 300 ms. Reads only.

    python benchmarks/training_courses_bench.py [--repeat 20] [--out bench-results/training-courses.txt]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
TARGET_MS = 300


def _timed(function, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)], result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--out", default=str(BASE_DIR / "bench-results" / "training-courses.txt"))
    args = parser.parse_args()
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from members.models import User
    from reference.models import Major
    from talent_matching.models import PostingSkill, PostingStatus
    from training.demo.courses import MARK
    from training.models import Course, CourseUnit
    from training.selectors.courses import skill_coverage

    translation.activate("zh-hans")
    courses = Course.objects.filter(title__startswith=MARK).count()
    if not courses:
        sys.exit("No scale courses: run `python manage.py seed_demo --scale 50000` first.")
    lines = [f"Scale: {Course.objects.count()} courses ({courses} scale), "
             f"{CourseUnit.objects.count()} units, "
             f"{PostingSkill.objects.filter(posting__status=PostingStatus.PUBLISHED).count()} skills of published "
             f"postings.\n"]
    family = (Major.objects.filter(level=Major.Level.MAJOR, training_courses__isnull=False)
              .values_list("family_code", flat=True).first() or "")
    failed = False
    for username in ("secretariat", "school_admin"):
        user = User.objects.get(username=username)
        for label, kwargs in (("every family", {}), (f"family {family}", {"family": family})):
            with CaptureQueriesContext(connection) as captured:
                rows = skill_coverage(user, **kwargs)
            median, p95, _ = _timed(lambda user=user, kwargs=kwargs: skill_coverage(user, **kwargs), args.repeat)
            cpu_started = time.process_time()
            for _ in range(args.repeat):
                skill_coverage(user, **kwargs)
            cpu = (time.process_time() - cpu_started) * 1000 / args.repeat
            database = sum(float(query["time"]) for query in captured.captured_queries) * 1000
            untaught = sum(1 for row in rows if not row.taught)
            ok = median < TARGET_MS
            failed |= not ok
            lines.append(f"skill coverage as {username}, {label}: {len(rows)} demanded skills ({untaught} taught by no "
                         f"course), {len(captured)} queries — median {median:.1f} ms, p95 {p95:.1f} ms "
                         f"({'within' if ok else 'OVER'} the {TARGET_MS} ms target); this process's CPU {cpu:.1f} ms, "
                         f"the database {database:.1f} ms\n")
    lines.append(f"Load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs.\n")
    text = "".join(lines)
    print(text, end="")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"Written to {args.out}")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()

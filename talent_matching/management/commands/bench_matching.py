"""Measure the matching engine on the database's data (``bin/bench-matching`` loads the scale
data first): the scoring of a full run, the whole run with its writing, and re-matching one
posting or one profile — each beside the straightforward per-pair Python loop measured in the
same process, as a ratio."""

import gc
import resource
import statistics
import time

import numpy as np
from django.core.management.base import BaseCommand

from core.audit import audit_context
from talent_matching import matching, matching_data
from talent_matching.models import MatchRun, StudentProfile, Visibility
from talent_matching.services import matching as services


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Benchmark of talent matching (prints a table)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3, help="scoring runs to take the median of")
        parser.add_argument("--sample", type=int, default=100, help="postings the per-pair loop scores (extrapolated)")
        parser.add_argument("--rematches", type=int, default=20, help="postings and profiles re-matched one by one")
        parser.add_argument("--output", default="", help="also write the table to this file")

    def handle(self, *args, repeat, sample, rematches, output, **options):
        lines = []

        def say(line=""):
            lines.append(line)
            self.stdout.write(line)

        started = time.perf_counter()
        students, postings = matching_data.load_everything()
        load = time.perf_counter() - started
        before = _peak_mib()
        students.prepare()
        postings.prepare()
        times = []
        for _ in range(repeat):
            gc.collect()
            started = time.perf_counter()
            ranking = matching.rank_all(students, postings, per_posting=services.PER_POSTING,
                                        per_student=services.PER_STUDENT)
            times.append(time.perf_counter() - started)
        scoring = statistics.median(times)
        peak = _peak_mib()

        # The straightforward way: every pair of the considered families through score_pair, on a
        # sample of postings spread over the list; its time per posting times the postings.
        rng = np.random.default_rng(1)
        picked = sorted(rng.choice(len(postings), size=min(sample, len(postings)), replace=False).tolist())
        started = time.perf_counter()
        people = [matching.student_record(students, i) for i in range(len(students))]
        records = time.perf_counter() - started
        by_family = {}
        for i, family in enumerate(students.family.tolist()):
            by_family.setdefault(family, []).append(i)
        started = time.perf_counter()
        pairs = 0
        for j in picked:
            posting = matching.posting_record(postings, j)
            pool = range(len(students)) if not posting["families"] else \
                [i for f in posting["families"] for i in by_family.get(f, ())]
            scored = []
            for i in pool:
                parts = matching.score_pair(people[i], posting)
                pairs += 1
                if parts is not None:
                    scored.append((-sum(parts.values()), int(students.ids[i]), i))
            scored.sort()
        loop_sample = time.perf_counter() - started
        loop = records + loop_sample * len(postings) / max(1, len(picked))

        say(f"Talent matching benchmark — {len(students):,} students ranked ({int(students.visible.sum()):,} shown "
            f"to enterprises), {len(postings):,} open postings, {students.skill_level.nnz:,} student skills, "
            f"{postings.skill_weight.nnz:,} posting skills; top {services.PER_POSTING} candidates a posting, "
            f"top {services.PER_STUDENT} postings a student, {len(ranking):,} pairs kept with their parts.")
        say("")
        say(f"{'measure':<58}{'engine':>11}{'per-pair loop':>16}{'ratio':>9}")
        say(f"{'reading the data (SQL → sparse matrices)':<58}{load:>10.2f}s")
        say(f"{'scoring of a full run (median of %d)' % repeat:<58}{scoring:>10.2f}s{loop:>15.1f}s"
            f"{loop / scoring:>8.0f}×")
        sampled = f"{pairs:,}"
        say(f"{'  the loop: %d postings, %s pairs, scaled to all' % (len(picked), sampled):<58}")
        say(f"{'peak memory of the process (MiB; before scoring %.0f)' % before:<58}{peak:>10.0f} ")

        # The whole run: read, score, write with COPY, swap in (then the previous results go).
        with audit_context():
            run = MatchRun.objects.create()
            started = time.perf_counter()
            run = services.run_execute(run_id=run.pk)
            whole = time.perf_counter() - started
        seconds = run.summary.get("seconds", {})
        say(f"{'whole run: read, score, write (COPY), swap in, old results out':<58}{whole:>10.2f}s"
            f"{loop + seconds.get('load', 0) + seconds.get('write', 0):>15.1f}s"
            f"{(loop + seconds.get('load', 0) + seconds.get('write', 0)) / whole:>8.1f}×")
        pairs_written = f"{run.summary.get('pairs', 0):,}"
        say(f"{'  of which writing %s pairs (COPY, indexes, swap)' % pairs_written:<58}{seconds.get('write', 0):>10.2f}s")
        say(f"{'    COPY into a fresh table / its indexes built':<58}{seconds.get('copy', 0):>10.2f}s"
            f"{seconds.get('index', 0):>15.2f}s")

        # One posting, one profile, re-matched into the current run (what an edit triggers).
        posting_ids = postings.ids[rng.choice(len(postings), size=min(rematches, len(postings)), replace=False)]
        profile_ids = list(StudentProfile.objects.filter(visibility=Visibility.CONSORTIUM, student__isnull=False)
                           .order_by("?").values_list("pk", flat=True)[:rematches])
        one_posting, one_posting_scored, one_posting_loop = [], [], []
        for pk in posting_ids.tolist():
            started = time.perf_counter()
            services.rematch_posting(posting_id=pk)
            one_posting.append(time.perf_counter() - started)
            one_posting_scored.append(self._engine_posting(pk))
            one_posting_loop.append(self._loop_posting(pk))
        one_profile, one_profile_scored, one_profile_loop = [], [], []
        for pk in profile_ids:
            started = time.perf_counter()
            services.rematch_profile(profile_id=pk)
            one_profile.append(time.perf_counter() - started)
            one_profile_scored.append(self._engine_profile(pk))
            one_profile_loop.append(self._loop_profile(pk))
        for what, whole, scored, loop_times in (("posting", one_posting, one_posting_scored, one_posting_loop),
                                                ("profile", one_profile, one_profile_scored, one_profile_loop)):
            w, e, lp = (statistics.median(x) * 1000 for x in (whole, scored, loop_times))
            say(f"{'re-match one %s: read and score (median of %d)' % (what, len(whole)):<58}{e:>9.0f}ms"
                f"{lp:>14.0f}ms{lp / e:>8.1f}×")
            say(f"{'  the same with its writes into the current run':<58}{w:>9.0f}ms")
        say("")
        say("The per-pair loop applies the same rules (talent_matching.matching.score_pair) to every pair of the "
            "families considered; for a full run it is timed on the sample and scaled to every posting. Re-match "
            "loops read the same data as the engine's and score its pairs one by one; neither writes.")
        if output:
            with open(output, "w") as handle:
                handle.write("\n".join(lines) + "\n")

    def _engine_posting(self, pk) -> float:
        started = time.perf_counter()
        catalogue = matching_data.Catalogue.current()
        postings = matching_data.load_postings(catalogue, [pk])
        families = set(postings.families.indices.tolist())
        students = matching_data.load_students(
            catalogue, major_ids=None if not families else catalogue.majors_in_families(families))
        matching.score_one_posting(students, postings, 0)
        return time.perf_counter() - started

    def _engine_profile(self, pk) -> float:
        started = time.perf_counter()
        catalogue = matching_data.Catalogue.current()
        major = StudentProfile.objects.filter(pk=pk).values_list("major_id", flat=True).first()
        postings = matching_data.load_postings(
            catalogue, matching_data.open_posting_ids(family_ids=[catalogue.family_of(major)]))
        students = matching_data.load_students(catalogue, profile_ids=[pk])
        if len(students):
            matching.score_one_student(students, 0, postings)
        return time.perf_counter() - started

    def _loop_posting(self, pk) -> float:
        started = time.perf_counter()
        catalogue = matching_data.Catalogue.current()
        postings = matching_data.load_postings(catalogue, [pk])
        families = set(postings.families.indices.tolist())
        students = matching_data.load_students(
            catalogue, major_ids=None if not families else catalogue.majors_in_families(families))
        record = matching.posting_record(postings, 0)
        scored = []
        for i in range(len(students)):
            parts = matching.score_pair(matching.student_record(students, i), record)
            if parts is not None:
                scored.append((-sum(parts.values()), int(students.ids[i])))
        scored.sort()
        return time.perf_counter() - started

    def _loop_profile(self, pk) -> float:
        started = time.perf_counter()
        catalogue = matching_data.Catalogue.current()
        major = StudentProfile.objects.filter(pk=pk).values_list("major_id", flat=True).first()
        postings = matching_data.load_postings(
            catalogue, matching_data.open_posting_ids(family_ids=[catalogue.family_of(major)]))
        students = matching_data.load_students(catalogue, profile_ids=[pk])
        if len(students):
            record = matching.student_record(students, 0)
            scored = []
            for j in range(len(postings)):
                parts = matching.score_pair(record, matching.posting_record(postings, j))
                if parts is not None:
                    scored.append((-sum(parts.values()), int(postings.ids[j])))
            scored.sort()
        return time.perf_counter() - started

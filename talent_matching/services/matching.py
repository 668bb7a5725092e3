"""Writes of the talent platform: matching (匹配).

A full run (``run_start`` from the secretariat's page or the nightly schedule, then
``run_execute`` in a Celery job) reads every open posting and every profile whose consent allows
it, ranks both ways with ``talent_matching.matching`` and writes the kept pairs with PostgreSQL
COPY in one transaction that also marks the run done: readers (``MatchRun.objects.current()``)
see the previous run until that commit, then the new one whole. A run killed half-way wrote
nothing; running its job again (Celery redelivers it) or starting the next one completes.

Editing one published posting or one profile re-matches just it into the current run
(``request_rematch`` → ``rematch_posting`` / ``rematch_profile``): its own list is recomputed and
it takes its place in the other side's lists. Consent withdrawn removes the profile from the
current results at once (and readers filter by consent anyway, through
``access.profiles_for``)."""

from __future__ import annotations

import io
import time
from datetime import timedelta

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from core.audit import record_event
from talent_matching import access, matching, matching_data
from talent_matching.models import MatchResult, MatchRun, MatchRunStatus, Visibility

PER_POSTING = 50
PER_STUDENT = 20
# A run still 'running' after this long lost its worker: another may take it over.
STALE_AFTER = timedelta(minutes=30)
ACTIVE = (MatchRunStatus.QUEUED, MatchRunStatus.RUNNING)


# --- full runs ------------------------------------------------------------------------------------


def active_run() -> MatchRun | None:
    """A run queued or under way (not one whose job or worker was lost long ago)."""
    since = timezone.now() - STALE_AFTER
    fresh = Q(status=MatchRunStatus.QUEUED, created_at__gte=since) | Q(status=MatchRunStatus.RUNNING, started_at__gte=since)
    return MatchRun.objects.filter(fresh).order_by("-created_at").first()


@transaction.atomic
def run_start(*, actor=None) -> MatchRun:
    """Queue a full run (the secretariat, or the schedule with no actor); while one is queued
    or running, return that one instead of starting another."""
    if actor is not None and not access.can_run_matching(actor):
        raise PermissionDenied
    MatchRun.objects.select_for_update().filter(status__in=ACTIVE).exists()
    running = active_run()
    if running is not None:
        return running
    # A run whose worker was lost is marked as stopped: its job, if ever redelivered, finds it done or redoes it.
    MatchRun.objects.filter(status__in=ACTIVE).update(
        status=MatchRunStatus.FAILED, error="stopped before it finished", finished_at=timezone.now())
    run = MatchRun.objects.create(started_by=actor)
    record_event("matching.run_started", instance=run, actor=actor, details={"run": run.pk})
    from talent_matching.tasks.matching import run_matching_task

    transaction.on_commit(lambda: run_matching_task.delay(run.pk))
    return run


def _progress(run_id: int, done: int, total: int) -> None:
    MatchRun.objects.filter(pk=run_id).update(done=done, total=total)


def run_execute(*, run_id: int) -> MatchRun:
    """Do the run ``run_id``; safe to call again (a run already done is left as it is, one
    interrupted is done again from the start). Several short transactions: progress is
    committed as it goes, the results and the 'done' mark in one."""
    claimed = MatchRun.objects.filter(pk=run_id).exclude(status=MatchRunStatus.DONE).update(
        status=MatchRunStatus.RUNNING, started_at=timezone.now(), done=0, total=0, error="")
    run = MatchRun.objects.get(pk=run_id)
    if not claimed:
        return run
    try:
        timings = {}
        started = time.perf_counter()
        students, postings = matching_data.load_everything()
        timings["load"] = time.perf_counter() - started
        started = time.perf_counter()
        ranking = matching.rank_all(
            students, postings, per_posting=PER_POSTING, per_student=PER_STUDENT,
            progress=lambda done, total: _progress(run_id, done, total + 1),
        )
        timings["score"] = time.perf_counter() - started
        summary = summarise(ranking, students, postings)
        started = time.perf_counter()

        def finish():
            locked = MatchRun.objects.select_for_update().get(pk=run_id)
            if locked.status == MatchRunStatus.DONE:  # another worker finished the same run meanwhile
                return False
            timings["write"] = time.perf_counter() - started
            summary["seconds"] = {key: round(value, 2) for key, value in timings.items()}
            total = locked.total or 1
            MatchRun.objects.filter(pk=run_id).update(
                status=MatchRunStatus.DONE, finished_at=timezone.now(), summary=summary, done=total, total=total)
            return True

        publish_run(run_id, ranking, students, postings, finish=finish, timings=timings)
    except Exception as error:
        MatchRun.objects.filter(pk=run_id).exclude(status=MatchRunStatus.DONE).update(
            status=MatchRunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now())
        raise
    return MatchRun.objects.get(pk=run_id)


def summarise(ranking: matching.Ranking, students: matching.Students, postings: matching.Postings) -> dict:
    with_candidates = np.unique(ranking.posting[ranking.posting_rank > 0])
    with_postings = np.unique(ranking.student[ranking.student_rank > 0])
    top = ranking.score[ranking.posting_rank == 1]
    return {
        "postings": int(len(postings)), "students": int(len(students)),
        "students_shown_to_enterprises": int(students.visible.sum()),
        "pairs": int(len(ranking)),
        "postings_with_candidates": int(len(with_candidates)),
        "students_with_postings": int(len(with_postings)),
        "average_best_score": round(float(top.mean()), 1) if len(top) else None,
    }


def _points(tenths: int) -> str:
    return f"{tenths // 10}.{tenths % 10}"


def _copy_rows(run_id: int, ranking: matching.Ranking, students: matching.Students,
               postings: matching.Postings) -> io.StringIO:
    """The kept pairs as COPY text, in the order of the unique index (posting, profile). Parts
    are written once per distinct combination (pairs share them often) and only when above
    zero; readers take a missing part as zero."""
    posting_ids = postings.ids[ranking.posting]
    profile_ids = students.ids[ranking.student]
    order = np.lexsort((profile_ids, posting_ids))
    tenths = np.rint(ranking.parts[order] * 10).astype(np.int64)
    # One number per combination (every part fits in 10 bits: at most 500 tenths).
    key = np.zeros(len(order), np.int64)
    for k in range(len(matching.PARTS)):
        key = (key << 10) | np.clip(tenths[:, k], 0, 1023)
    combinations, first, which = np.unique(key, return_index=True, return_inverse=True)
    texts = ["{" + ", ".join(f'"{name}": {_points(t)}' for name, t in zip(matching.PARTS, row) if t > 0) + "}"
             for row in tenths[first].tolist()]
    scores = [_points(t) for t in range(int(np.rint(ranking.score.max() * 10)) + 2)] if len(ranking) else []
    ranks = ["\\N"] + [str(n) for n in range(1, max(PER_POSTING, PER_STUDENT) + 2)]
    row = f"{run_id}\t%d\t%d\t%s\t%s\t%s\t%s\n"
    lines = [
        row % (p, s, scores[t], texts[w], ranks[pr], ranks[sr])
        for p, s, t, w, pr, sr in zip(
            posting_ids[order].tolist(), profile_ids[order].tolist(),
            np.rint(ranking.score[order] * 10).astype(np.int64).tolist(), which.ravel().tolist(),
            ranking.posting_rank[order].tolist(), ranking.student_rank[order].tolist())
    ]
    return io.StringIO("".join(lines))


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def write_results(run_id: int, ranking: matching.Ranking, students: matching.Students,
                  postings: matching.Postings, *, table: str | None = None) -> int:
    """The kept pairs of a run, in the caller's transaction: COPY on PostgreSQL (into ``table``
    when given), rows in bulk elsewhere (the embedded demo)."""
    if not len(ranking):
        return 0
    if _postgres():
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(
                f"COPY {connection.ops.quote_name(table or MatchResult._meta.db_table)} "
                f"(run_id, posting_id, profile_id, score, parts, posting_rank, profile_rank) FROM STDIN",
                _copy_rows(run_id, ranking, students, postings))
        return len(ranking)
    posting_ids, profile_ids = postings.ids[ranking.posting].tolist(), students.ids[ranking.student].tolist()
    MatchResult.objects.bulk_create([
        MatchResult(run_id=run_id, posting_id=p, profile_id=r, score=round(float(score), 1),
                    parts={name: round(float(v), 1) for name, v in zip(matching.PARTS, parts)},
                    posting_rank=int(pr) or None, profile_rank=int(sr) or None)
        for p, r, score, parts, pr, sr in zip(posting_ids, profile_ids, ranking.score, ranking.parts,
                                              ranking.posting_rank, ranking.student_rank)
    ], batch_size=2000)
    return len(ranking)


def _prepare_next_table() -> tuple[str, list[tuple[str, str, str]]]:
    """An empty table shaped as the results table, without its indexes yet (they are built after
    the COPY, in one pass each). Returns its name and the (kind, name, definition) of the
    constraints and indexes to build on it."""
    table = MatchResult._meta.db_table
    next_table = f"{table}_next"
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {q(next_table)}")
        cursor.execute(f"CREATE TABLE {q(next_table)} (LIKE {q(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
                       f"INCLUDING IDENTITY)")
        cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE conrelid = %s::regclass AND contype IN ('p', 'u')", [table])
        built = [("constraint", name, definition) for name, definition in cursor.fetchall()]
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname <> ALL(%s)",
                       [table, [name for _k, name, _d in built]])
        built += [("index", name, definition) for name, definition in cursor.fetchall()]
    return next_table, built


def _build_indexes(next_table: str, built) -> None:
    table = MatchResult._meta.db_table
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        for kind, name, definition in built:
            if kind == "constraint":
                cursor.execute(f"ALTER TABLE {q(next_table)} ADD CONSTRAINT {q(name + '_next')} {definition}")
            else:
                definition = definition.replace(f"INDEX {name} ON", f"INDEX {name}_next ON", 1)
                definition = definition.replace(f" ON public.{table} ", f" ON public.{next_table} ", 1)
                definition = definition.replace(f" ON {table} ", f" ON {next_table} ", 1)
                cursor.execute(definition)
        cursor.execute(f"ANALYZE {q(next_table)}")


def _swap_in(next_table: str, built) -> None:
    """In the caller's transaction: the new table takes the results table's place (and names);
    the old one, with the previous run's results, goes. Readers wait the milliseconds this takes,
    then see the new run whole."""
    table = MatchResult._meta.db_table
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {q(table)} IN ACCESS EXCLUSIVE MODE")
        cursor.execute(f"ALTER TABLE {q(table)} RENAME TO {q(table + '_old')}")
        cursor.execute(f"ALTER TABLE {q(next_table)} RENAME TO {q(table)}")
        cursor.execute(f"DROP TABLE {q(table + '_old')}")
        for kind, name, _definition in built:
            if kind == "constraint":
                cursor.execute(f"ALTER TABLE {q(table)} RENAME CONSTRAINT {q(name + '_next')} TO {q(name)}")
            else:
                cursor.execute(f"ALTER INDEX {q(name + '_next')} RENAME TO {q(name)}")
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]
        if sequence and sequence.split(".")[-1].strip('"') != f"{table}_id_seq":
            cursor.execute(f"ALTER SEQUENCE {sequence} RENAME TO {q(table + '_id_seq')}")


def publish_run(run_id: int, ranking: matching.Ranking, students: matching.Students, postings: matching.Postings,
                *, finish, timings: dict | None = None) -> None:
    """Write a full run's pairs and make them the ones readers see, at once. On PostgreSQL into a
    fresh table, indexed in one pass, that takes the old one's place in one short transaction
    (a million rows written without index upkeep, and the previous results gone with their
    table); elsewhere in one transaction. ``finish()`` marks the run done inside the swapping
    transaction, or answers False when another worker already did."""
    timings = {} if timings is None else timings
    if _postgres():
        started = time.perf_counter()
        next_table, built = _prepare_next_table()
        write_results(run_id, ranking, students, postings, table=next_table)
        timings["copy"] = time.perf_counter() - started
        started = time.perf_counter()
        _build_indexes(next_table, built)
        timings["index"] = time.perf_counter() - started
        with transaction.atomic():
            if finish() is False:
                with connection.cursor() as cursor:
                    cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(next_table)}")
                return
            _swap_in(next_table, built)
        return
    with transaction.atomic():
        if finish() is False:
            return
        write_results(run_id, ranking, students, postings)
        old = MatchResult.objects.exclude(run_id=run_id)
        old._raw_delete(old.db)


# --- one posting or one profile ---------------------------------------------------------------------


def request_rematch(*, posting=None, profile=None) -> None:
    """Re-match one edited posting or profile into the current run, in a Celery job started
    once the current transaction commits (nothing happens when it rolls back)."""
    from talent_matching.tasks.matching import rematch_posting_task, rematch_profile_task

    if posting is not None:
        posting_id = posting.pk
        transaction.on_commit(lambda: rematch_posting_task.delay(posting_id))
    if profile is not None:
        profile_id = profile.pk
        transaction.on_commit(lambda: rematch_profile_task.delay(profile_id))


def _take_out(run_id: int, **pair) -> list[int]:
    """Delete the run's pairs of one posting or profile; returns the counterparts in whose
    lists it was ranked."""
    found = MatchResult.objects.filter(run_id=run_id, **pair)
    side, rank = ("profile_id", "profile_rank") if "posting_id" in pair else ("posting_id", "posting_rank")
    ranked = [key for key, number in found.values_list(side, rank) if number is not None]
    found._raw_delete(found.db)
    return ranked


def _rerank(run_id: int, *, side: str, ids) -> None:
    """Number again the lists of the profiles (side 'profile') or postings (side 'posting')
    named, best first, keeping the top of each; a pair then kept on neither side goes."""
    ids = sorted(set(ids))
    if not ids:
        return
    rank, other, limit, tie = (("profile_rank", "posting_rank", PER_STUDENT, "posting_id") if side == "profile"
                               else ("posting_rank", "profile_rank", PER_POSTING, "profile_id"))
    rows = (MatchResult.objects.filter(run_id=run_id, **{f"{side}_id__in": ids, f"{rank}__isnull": False})
            .order_by(f"{side}_id", "-score", tie).values_list("pk", f"{side}_id", rank))
    renumber: dict = {}
    group, number = None, 0
    for pk, key, current in rows:
        number = number + 1 if key == group else 1
        group = key
        new = number if number <= limit else None
        if new != current:
            renumber.setdefault(new, []).append(pk)
    for new, pks in renumber.items():
        MatchResult.objects.filter(pk__in=pks).update(**{rank: new})
    gone = MatchResult.objects.filter(run_id=run_id, **{f"{side}_id__in": ids, f"{rank}__isnull": True,
                                                        f"{other}__isnull": True})
    gone._raw_delete(gone.db)


def _room(run_id: int, *, side: str, ids, limit: int, freed=()) -> dict[int, float]:
    """The lowest score of each full list named (its last place); a list not in the answer has
    room (and so has one that just lost a pair, in ``freed``)."""
    rank = "profile_rank" if side == "profile" else "posting_rank"
    full = dict(MatchResult.objects.filter(run_id=run_id, **{f"{side}_id__in": list(ids), rank: limit})
                .values_list(f"{side}_id", "score"))
    for key in freed:
        full.pop(key, None)
    return full


def _enters(full: dict, key: int, score: float) -> bool:
    return key not in full or score > full[key]


@transaction.atomic
def rematch_posting(*, posting_id: int) -> int:
    """Re-match one posting into the current run: its candidates anew, and its place in the
    lists of the students it fits. A posting no longer open leaves the results. Returns the
    pairs written."""
    run = MatchRun.objects.current()
    if run is None:
        return 0
    MatchRun.objects.select_for_update().filter(pk=run.pk).exists()  # one re-match of a run at a time
    had_it = _take_out(run.pk, posting_id=posting_id)
    if posting_id not in matching_data.open_posting_ids_of([posting_id]):
        _rerank(run.pk, side="profile", ids=had_it)
        return 0
    catalogue = matching_data.Catalogue.current()
    postings = matching_data.load_postings(catalogue, [posting_id])
    family_ids = set(postings.families.indices.tolist())
    students = matching_data.load_students(
        catalogue, major_ids=None if not family_ids else catalogue.majors_in_families(family_ids))
    s_idx, scores, parts = matching.score_one_posting(students, postings, 0)
    posting_rank = np.zeros(len(s_idx), np.int64)
    candidates = np.flatnonzero(students.visible[s_idx])[:PER_POSTING]
    posting_rank[candidates] = np.arange(1, len(candidates) + 1)
    profile_ids = students.ids[s_idx]
    full = _room(run.pk, side="profile", ids=profile_ids.tolist(), limit=PER_STUDENT, freed=had_it)
    entering = np.fromiter((_enters(full, int(pk), float(score))
                            for pk, score in zip(profile_ids, np.round(scores, 1))), bool, len(s_idx))
    keep = (posting_rank > 0) | entering
    ranking = matching.Ranking(s_idx[keep], np.zeros(int(keep.sum()), np.int64), scores[keep], parts[keep],
                               posting_rank[keep], np.where(entering[keep], PER_STUDENT + 1, 0))
    written = write_results(run.pk, ranking, students, postings)
    _rerank(run.pk, side="profile", ids=set(had_it) | set(profile_ids[entering].tolist()))
    return written


@transaction.atomic
def rematch_profile(*, profile_id: int) -> int:
    """Re-match one profile into the current run: its postings anew, and its place among the
    candidates of the postings it fits (only while its consent lets enterprises see it; a
    profile no one may see leaves the results at once). Returns the pairs written."""
    run = MatchRun.objects.current()
    if run is None:
        return 0
    MatchRun.objects.select_for_update().filter(pk=run.pk).exists()
    had_it = _take_out(run.pk, profile_id=profile_id)
    catalogue = matching_data.Catalogue.current()
    students = matching_data.load_students(catalogue, profile_ids=[profile_id])
    if not len(students):
        _rerank(run.pk, side="posting", ids=had_it)
        return 0
    family = int(students.family[0])
    postings = matching_data.load_postings(catalogue, matching_data.open_posting_ids(family_ids=[family]))
    students = matching_data.load_students(catalogue, profile_ids=[profile_id])  # certificate keys of the postings
    if not len(postings):
        _rerank(run.pk, side="posting", ids=had_it)
        return 0
    p_idx, scores, parts = matching.score_one_student(students, 0, postings)
    student_rank = np.zeros(len(p_idx), np.int64)
    student_rank[:PER_STUDENT] = np.arange(1, min(PER_STUDENT, len(p_idx)) + 1)
    posting_ids = postings.ids[p_idx]
    entering = np.zeros(len(p_idx), bool)
    if students.visible[0]:
        full = _room(run.pk, side="posting", ids=posting_ids.tolist(), limit=PER_POSTING, freed=had_it)
        entering = np.fromiter((_enters(full, int(pk), float(score))
                                for pk, score in zip(posting_ids, np.round(scores, 1))), bool, len(p_idx))
    keep = (student_rank > 0) | entering
    ranking = matching.Ranking(np.zeros(int(keep.sum()), np.int64), p_idx[keep], scores[keep], parts[keep],
                               np.where(entering[keep], PER_POSTING + 1, 0), student_rank[keep])
    written = write_results(run.pk, ranking, students, postings)
    _rerank(run.pk, side="posting", ids=set(had_it) | set(posting_ids[entering].tolist()))
    return written


@transaction.atomic
def consent_withdrawn(*, profile) -> None:
    """Take a profile out of what enterprises see in the current results at once: for the
    consent service to call when the student narrows who may see it (readers filter by consent
    as well). 'No one': out of every list; 'only enterprises I apply to': out of the
    candidates' lists, kept in the student's own."""
    if profile.visibility == Visibility.CONSORTIUM and profile.student_id and not profile.deidentified_at:
        return
    run = MatchRun.objects.current()
    if run is None:
        return
    mine = MatchResult.objects.filter(run=run, profile_id=profile.pk)
    postings = list(mine.filter(posting_rank__isnull=False).values_list("posting_id", flat=True))
    if profile.visibility == Visibility.APPLIED and profile.student_id and not profile.deidentified_at:
        mine.update(posting_rank=None)
        gone = mine.filter(profile_rank__isnull=True)
        gone._raw_delete(gone.db)
    else:
        mine._raw_delete(mine.db)
    _rerank(run.pk, side="posting", ids=postings)

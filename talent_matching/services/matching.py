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

import struct
import time
from datetime import timedelta

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from core.audit import record_event
from talent_matching import access, matching, matching_data
from talent_matching.models import MatchResult, MatchRun, MatchRunStatus, Posting, StudentProfile, Visibility

PER_POSTING = 50
PER_STUDENT = 20
# A run still 'running' after this long lost its worker: another may take it over.
STALE_AFTER = timedelta(minutes=30)
ACTIVE = (MatchRunStatus.QUEUED, MatchRunStatus.RUNNING)


def _results_table() -> str:
    return connection.ops.quote_name(MatchResult._meta.db_table)


# --- full runs ------------------------------------------------------------------------------------


def active_run() -> MatchRun | None:
    """A run queued or under way (not one whose worker was lost long ago)."""
    fresh = Q(status=MatchRunStatus.QUEUED) | Q(status=MatchRunStatus.RUNNING, started_at__gte=timezone.now() - STALE_AFTER)
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
    MatchRun.objects.filter(status=MatchRunStatus.RUNNING).update(
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
        with transaction.atomic():
            locked = MatchRun.objects.select_for_update().get(pk=run_id)
            if locked.status == MatchRunStatus.DONE:  # another worker finished the same run meanwhile
                return locked
            write_results(run_id, ranking, students, postings)
            timings["write"] = time.perf_counter() - started
            summary["seconds"] = {key: round(value, 2) for key, value in timings.items()}
            total = (locked.total or 1)
            MatchRun.objects.filter(pk=run_id).update(
                status=MatchRunStatus.DONE, finished_at=timezone.now(), summary=summary, done=total, total=total)
        discard_old_results(keep=run_id)
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


# Binary COPY (PostgreSQL's own format, built whole by numpy): the kept pairs into a staging table,
# then one INSERT … SELECT that writes each pair's parts as JSON.
_STAGE_COLUMNS = [("posting_id", "int8", ">i8"), ("profile_id", "int8", ">i8"), ("score", "float8", ">f8")] + [
    (name, "float4", ">f4") for name in matching.PARTS
] + [("posting_rank", "int2", ">i2"), ("profile_rank", "int2", ">i2")]


def _binary_copy(columns: list[np.ndarray]) -> bytes:
    count = len(columns[0])
    fields = [("fields", ">i2")]
    for (name, _sql, dtype) in _STAGE_COLUMNS:
        fields += [(f"{name}_length", ">i4"), (name, dtype)]
    rows = np.empty(count, dtype=np.dtype(fields))
    rows["fields"] = len(_STAGE_COLUMNS)
    for (name, _sql, dtype), values in zip(_STAGE_COLUMNS, columns):
        rows[f"{name}_length"] = np.dtype(dtype).itemsize
        rows[name] = values
    return b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0) + rows.tobytes() + struct.pack(">h", -1)


def _stage(ranking_columns: list[np.ndarray]) -> str:
    import io

    name = "matching_stage"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute(f"CREATE TEMPORARY TABLE {name} ({', '.join(f'{c} {t}' for c, t, _d in _STAGE_COLUMNS)}) "
                       f"ON COMMIT DROP")
        cursor.cursor.copy_expert(f"COPY {name} FROM STDIN (FORMAT BINARY)", io.BytesIO(_binary_copy(ranking_columns)))
    return name


def _parts_json() -> str:
    return "jsonb_build_object(" + ", ".join(f"'{name}', round({name}::numeric, 1)" for name in matching.PARTS) + ")"


def _insert_staged(run_id: int, stage: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_results_table()} (run_id, posting_id, profile_id, score, parts, posting_rank, profile_rank) "
            f"SELECT %s, posting_id, profile_id, round(score::numeric, 1), {_parts_json()}, NULLIF(posting_rank, 0), "
            f"NULLIF(profile_rank, 0) FROM {stage}", [run_id],
        )
        return cursor.rowcount


def _columns(ranking: matching.Ranking, students: matching.Students, postings: matching.Postings) -> list[np.ndarray]:
    return [postings.ids[ranking.posting], students.ids[ranking.student], ranking.score.astype(np.float64),
            *[ranking.parts[:, k] for k in range(len(matching.PARTS))],
            ranking.posting_rank.astype(np.int16), ranking.student_rank.astype(np.int16)]


def write_results(run_id: int, ranking: matching.Ranking, students: matching.Students,
                  postings: matching.Postings) -> int:
    """The kept pairs of a run, in the caller's transaction."""
    if not len(ranking):
        return 0
    return _insert_staged(run_id, _stage(_columns(ranking, students, postings)))


def discard_old_results(*, keep: int) -> None:
    """The results of the runs before ``keep`` (their summaries stay in the history)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_results_table()} WHERE run_id < %s", [keep])


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


def _rerank(run_id: int, *, side: str, ids) -> None:
    """Number again the lists of the profiles (side 'profile') or postings (side 'posting')
    named, best first, keeping the top of each; a pair then kept on neither side goes."""
    if not len(ids):
        return
    rank, other, limit, tie = (("profile_rank", "posting_rank", PER_STUDENT, "posting_id") if side == "profile"
                               else ("posting_rank", "profile_rank", PER_POSTING, "profile_id"))
    table = _results_table()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} r SET {rank} = CASE WHEN n.number <= %s THEN n.number END FROM ("
            f"  SELECT id, row_number() OVER (PARTITION BY {side}_id ORDER BY score DESC, {tie}) AS number"
            f"  FROM {table} WHERE run_id = %s AND {side}_id = ANY(%s) AND {rank} IS NOT NULL) n "
            f"WHERE r.id = n.id", [limit, run_id, list(ids)],
        )
        cursor.execute(f"DELETE FROM {table} WHERE run_id = %s AND {side}_id = ANY(%s) AND {rank} IS NULL "
                       f"AND {other} IS NULL", [run_id, list(ids)])


def _thresholds(run_id: int, *, side: str, ids, excluding_column: str, excluding: int) -> dict[int, tuple]:
    """For each list named: (how many it holds, its lowest score), leaving out one counterpart."""
    rank = "profile_rank" if side == "profile" else "posting_rank"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {side}_id, count(*), min(score) FROM {_results_table()} WHERE run_id = %s AND {side}_id = ANY(%s) "
            f"AND {rank} IS NOT NULL AND {excluding_column} <> %s GROUP BY {side}_id", [run_id, list(ids), excluding],
        )
        return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


def _enters(found: dict, key: int, score: float, limit: int) -> bool:
    held, lowest = found.get(key, (0, None))
    return held < limit or score > lowest


@transaction.atomic
def rematch_posting(*, posting_id: int) -> int:
    """Re-match one posting into the current run: its candidates anew, and its place in the
    lists of the students it fits. A posting no longer open leaves the results. Returns the
    pairs written."""
    run = MatchRun.objects.current()
    if run is None:
        return 0
    MatchRun.objects.select_for_update().filter(pk=run.pk).exists()  # one re-match of a run at a time
    table = _results_table()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE run_id = %s AND posting_id = %s RETURNING profile_id, profile_rank",
                       [run.pk, posting_id])
        had_it = [profile for profile, rank in cursor.fetchall() if rank is not None]
    catalogue = matching_data.Catalogue()
    if posting_id not in matching_data.open_posting_ids_of([posting_id]):
        _rerank(run.pk, side="profile", ids=had_it)
        return 0
    postings = matching_data.load_postings(catalogue, [posting_id])
    family_ids = set(postings.families.indices.tolist())
    students = matching_data.load_students(
        catalogue, major_ids=None if not family_ids else catalogue.majors_in_families(family_ids))
    s_idx, scores, parts = matching.score_one_posting(students, postings, 0)
    visible = students.visible[s_idx]
    posting_rank = np.zeros(len(s_idx), np.int64)
    candidates = np.flatnonzero(visible)[:PER_POSTING]
    posting_rank[candidates] = np.arange(1, len(candidates) + 1)
    profile_ids = students.ids[s_idx]
    found = _thresholds(run.pk, side="profile", ids=profile_ids.tolist(), excluding_column="posting_id",
                        excluding=posting_id)
    entering = np.fromiter((_enters(found, int(pk), float(score), PER_STUDENT)
                            for pk, score in zip(profile_ids, np.round(scores, 1))), bool, len(s_idx))
    keep = (posting_rank > 0) | entering
    ranking = matching.Ranking(s_idx[keep], np.zeros(int(keep.sum()), np.int64), scores[keep], parts[keep],
                               posting_rank[keep], np.where(entering[keep], PER_STUDENT + 1, 0))
    written = write_results(run.pk, ranking, students, postings)
    _rerank(run.pk, side="profile", ids=sorted(set(had_it) | set(profile_ids[entering].tolist())))
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
    table = _results_table()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE run_id = %s AND profile_id = %s RETURNING posting_id, posting_rank",
                       [run.pk, profile_id])
        had_it = [posting for posting, rank in cursor.fetchall() if rank is not None]
    catalogue = matching_data.Catalogue()
    profile = StudentProfile.objects.filter(pk=profile_id).values("major_id").first()
    if profile is None:
        _rerank(run.pk, side="posting", ids=had_it)
        return 0
    family = catalogue.family_of(profile["major_id"])
    postings = matching_data.load_postings(catalogue, matching_data.open_posting_ids(family_ids=[family]))
    students = matching_data.load_students(catalogue, profile_ids=[profile_id])
    if not len(students) or not len(postings):
        _rerank(run.pk, side="posting", ids=had_it)
        return 0
    p_idx, scores, parts = matching.score_one_student(students, 0, postings)
    student_rank = np.zeros(len(p_idx), np.int64)
    student_rank[:PER_STUDENT] = np.arange(1, min(PER_STUDENT, len(p_idx)) + 1)
    posting_ids = postings.ids[p_idx]
    entering = np.zeros(len(p_idx), bool)
    if students.visible[0]:
        found = _thresholds(run.pk, side="posting", ids=posting_ids.tolist(), excluding_column="profile_id",
                            excluding=profile_id)
        entering = np.fromiter((_enters(found, int(pk), float(score), PER_POSTING)
                                for pk, score in zip(posting_ids, np.round(scores, 1))), bool, len(p_idx))
    keep = (student_rank > 0) | entering
    ranking = matching.Ranking(np.zeros(int(keep.sum()), np.int64), p_idx[keep], scores[keep], parts[keep],
                               np.where(entering[keep], PER_POSTING + 1, 0), student_rank[keep])
    written = write_results(run.pk, ranking, students, postings)
    _rerank(run.pk, side="posting", ids=sorted(set(had_it) | set(posting_ids[entering].tolist())))
    return written


def consent_withdrawn(*, profile) -> None:
    """Take a profile out of what enterprises see in the current results at once: called by
    the consent service when the student narrows who may see it (readers filter by consent as
    well). 'No one': out of every list; 'only enterprises I apply to': out of the candidates'
    lists, kept in the student's own."""
    if profile.visibility == Visibility.CONSORTIUM and profile.student_id and not profile.deidentified_at:
        return
    run = MatchRun.objects.current()
    if run is None:
        return
    table = _results_table()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET posting_rank = NULL WHERE run_id = %s AND profile_id = %s "
                       f"AND posting_rank IS NOT NULL RETURNING posting_id", [run.pk, profile.pk])
        postings = [row[0] for row in cursor.fetchall()]
        if profile.visibility == Visibility.APPLIED and profile.student_id and not profile.deidentified_at:
            cursor.execute(f"DELETE FROM {table} WHERE run_id = %s AND profile_id = %s AND profile_rank IS NULL",
                           [run.pk, profile.pk])
        else:
            cursor.execute(f"DELETE FROM {table} WHERE run_id = %s AND profile_id = %s", [run.pk, profile.pk])
        _rerank(run.pk, side="posting", ids=postings)

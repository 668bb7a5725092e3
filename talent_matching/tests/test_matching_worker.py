"""Matching with the real Celery worker: a run started from the page completes; a run killed
half-way leaves the previous results in use and its job, run again, completes; an edit
re-matches once the transaction commits."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from members.models import Role
from members.tests.factories import person
from talent_matching import access
from talent_matching.models import MatchResult, MatchRun, MatchRunStatus
from talent_matching.services import matching as services
from talent_matching.tasks.matching import run_matching_task
from talent_matching.tests.matching_factories import full_run, posting, profile
from tests.fixtures import client_for

CNC = [("CNC01", 3, 5)]


def wait_for(check, seconds=30):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_a_run_killed_half_way_leaves_the_previous_results_and_the_next_completes(
        celery_worker, secretariat, school, org_a, admin_a):
    students = [person(school, Role.STUDENT, username=f"w{n}") for n in range(3)]
    profile(students[0], school, skills=[("CNC01", 3)])
    job = posting(org_a, skills=CNC)
    previous = full_run()
    # A worker lost in the middle of a run: the run says 'running', half its steps done, and
    # nothing of it written (its results are written in one transaction with its 'done').
    killed = MatchRun.objects.create(status=MatchRunStatus.RUNNING, started_at=timezone.now() - timedelta(hours=1),
                                     done=3, total=7)
    assert MatchRun.objects.current() == previous
    assert list(access.match_results_for(admin_a).filter(posting=job).values_list("run", flat=True)) == [previous.pk]
    # Its job, delivered again (acks_late), completes it.
    profile(students[1], school, skills=[("CNC01", 4)])
    run_matching_task.delay(killed.pk)
    assert wait_for(lambda: MatchRun.objects.get(pk=killed.pk).status == MatchRunStatus.DONE)
    assert MatchRun.objects.current().pk == killed.pk
    assert MatchResult.objects.filter(run=killed, posting=job).count() == 2
    assert not MatchResult.objects.filter(run=previous).exists()  # the older results go once replaced
    # Run again, a finished run is left as it is.
    run_matching_task.delay(killed.pk)
    # And the next run, started from the page, completes.
    client_for(secretariat).post(reverse("talent:matching_start"))
    latest = MatchRun.objects.order_by("-pk").first()
    assert wait_for(lambda: MatchRun.objects.get(pk=latest.pk).status == MatchRunStatus.DONE)
    assert MatchRun.objects.current().pk == latest.pk
    assert MatchRun.objects.get(pk=killed.pk).summary["pairs"] == 2


def test_a_stale_run_is_marked_stopped_when_the_next_starts(celery_worker, secretariat):
    stale = MatchRun.objects.create(status=MatchRunStatus.RUNNING, started_at=timezone.now() - timedelta(hours=2))
    run = services.run_start(actor=secretariat)
    assert run.pk != stale.pk
    assert MatchRun.objects.get(pk=stale.pk).status == MatchRunStatus.FAILED
    assert wait_for(lambda: MatchRun.objects.get(pk=run.pk).status == MatchRunStatus.DONE)


def test_an_edit_is_rematched_by_the_worker_after_commit(celery_worker, school, org_a, admin_a):
    students = [person(school, Role.STUDENT, username=f"e{n}") for n in range(2)]
    profile(students[0], school, skills=[("CNC01", 3)])
    job = posting(org_a, skills=CNC)
    full_run()
    late = profile(students[1], school, skills=[("CNC01", 4)])
    services.request_rematch(profile=late)  # outside a transaction: on commit is at once
    assert wait_for(lambda: MatchResult.objects.filter(profile=late, posting=job, posting_rank=2).exists())

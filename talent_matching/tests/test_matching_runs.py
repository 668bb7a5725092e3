"""Matching runs on the real database, worker and pages: what enterprises and students see,
what consent keeps out, how a run is started, followed, interrupted and completed, and how one
edited posting or profile is re-matched."""

import json

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.portal import periodic_tasks
from credentials.models import Achievement, AchievementKind
from credentials.tests.factories import issue
from members.models import Role
from members.tests.factories import person
from talent_matching import access
from talent_matching.models import (
    Application, ApplicationOrigin, ApplicationStage, MatchResult, MatchRun, MatchRunStatus, Posting, StudentProfile,
    Visibility,
)
from talent_matching.services import matching as services
from talent_matching.tests.matching_factories import full_run, posting, profile
from tests.fixtures import client_for
from tests.pages import queries_for

pytestmark = pytest.mark.django_db

CNC = [("CNC01", 3, 5), ("PLC02", 2, 3)]


@pytest.fixture
def students(school):
    return [person(school, Role.STUDENT, username=f"stu{n}", full_name=f"学生{n}") for n in range(6)]


def candidates_of(viewer, job):
    return list(access.match_results_for(viewer).filter(posting=job, posting_rank__isnull=False)
                .order_by("posting_rank").values_list("profile__student__username", flat=True))


def test_a_run_ranks_candidates_with_the_parts_of_each_score(school, org_a, admin_a, students):
    strong = profile(students[0], school, skills=[("CNC01", 4), ("PLC02", 3)])
    weak = profile(students[1], school, skills=[("PLC02", 1)])
    job = posting(org_a, skills=CNC)
    run = full_run()
    assert run.status == MatchRunStatus.DONE and MatchRun.objects.current() == run
    assert candidates_of(admin_a, job) == ["stu0", "stu1"]
    best = MatchResult.objects.get(run=run, profile=strong, posting=job)
    assert best.score == pytest.approx(sum(best.parts.values()), abs=0.2)
    assert best.parts["major"] == 20 and best.parts["skills_declared"] == pytest.approx(30.0)
    assert MatchResult.objects.get(run=run, profile=weak, posting=job).profile_rank == 1
    assert run.summary["postings"] == 1 and run.summary["students"] == 2


def test_a_verified_skill_ranks_above_the_same_skill_declared(school, org_a, admin_a, students):
    achievement = Achievement.objects.create(issuer=school, kind=AchievementKind.SKILL_CERTIFICATE,
                                             name="数控车铣加工职业技能等级证书", level="中级",
                                             description="1+X 证书。", criteria="考核合格。")
    credential = issue(achievement, students[1])
    profile(students[0], school, skills=[("CNC01", 3)])
    profile(students[1], school, skills=[("CNC01", 3, credential)])
    job = posting(org_a, skills=CNC, certificates=[("数控车铣加工职业技能等级证书", "中级", False)])
    full_run()
    assert candidates_of(admin_a, job) == ["stu1", "stu0"]
    verified = MatchResult.objects.get(posting=job, profile__student=students[1])
    assert verified.parts["skills_verified"] > 0 and verified.parts["certificates"] == 10


def test_hard_filters_keep_out_who_cannot_take_the_posting(school, org_a, admin_a, students):
    profile(students[0], school, skills=[("CNC01", 3)], level=1)
    profile(students[1], school, skills=[("PLC02", 3)])  # lacks the required skill
    profile(students[2], school, skills=[("CNC01", 3)])
    job = posting(org_a, skills=[("CNC01", 3, 5, True), ("PLC02", 2, 3)], min_level=2)
    full_run()
    assert candidates_of(admin_a, job) == ["stu2"]


def test_consent_decides_who_is_ranked_and_where(school, org_a, org_b, admin_a, admin_b, students, student):
    profile(students[0], school, skills=[("CNC01", 3)], visibility=Visibility.CONSORTIUM)
    applied = profile(students[1], school, skills=[("CNC01", 3)], visibility=Visibility.APPLIED)
    hidden = profile(students[2], school, skills=[("CNC01", 3)], visibility=Visibility.NOBODY)
    job = posting(org_a, skills=CNC)
    Application.objects.create(posting=job, profile=applied, origin=ApplicationOrigin.APPLIED,
                               stage=ApplicationStage.APPLIED)
    run = full_run()
    assert candidates_of(admin_a, job) == ["stu0"]
    assert not MatchResult.objects.filter(profile=hidden).exists()
    # 'Only enterprises I apply to': matched for the student's own list, never among candidates.
    own = MatchResult.objects.get(run=run, profile=applied)
    assert own.profile_rank == 1 and own.posting_rank is None
    assert list(access.match_results_for(students[1]).values_list("posting", flat=True)) == [job.pk]
    assert not access.match_results_for(admin_b).exists()


def test_withdrawing_consent_hides_the_student_at_once(school, org_a, admin_a, students):
    withdrawing = profile(students[0], school, skills=[("CNC01", 3)])
    profile(students[1], school, skills=[("CNC01", 2)])
    job = posting(org_a, skills=CNC)
    full_run()
    assert candidates_of(admin_a, job) == ["stu0", "stu1"]
    StudentProfile.objects.filter(pk=withdrawing.pk).update(visibility=Visibility.NOBODY)
    # Read through the access rules: gone before any re-matching…
    assert candidates_of(admin_a, job) == ["stu1"]
    page = client_for(admin_a).get(reverse("talent:posting_candidates", args=[job.pk])).content.decode()
    assert "学生0" not in page and "学生1" in page
    # …and out of the stored results once the consent service says so.
    withdrawing.refresh_from_db()
    services.consent_withdrawn(profile=withdrawing)
    assert not MatchResult.objects.filter(profile=withdrawing).exists()
    assert MatchResult.objects.get(profile__student=students[1], posting=job).posting_rank == 1


def test_editing_a_posting_rematches_just_it(school, org_a, admin_a, students):
    profile(students[0], school, skills=[("CNC01", 3)])
    profile(students[1], school, skills=[("WLD03", 4)])
    job = posting(org_a, skills=CNC)
    other = posting(org_a, title="焊工", skills=[("WLD03", 3, 5)])
    run = full_run()
    assert candidates_of(admin_a, job) == ["stu0", "stu1"]
    before = MatchResult.objects.filter(run=run, posting=other).values_list("profile_id", "score", "posting_rank")
    before = sorted(before)
    job.skills.update(weight=1)
    job.skills.filter(skill__code="CNC01").delete()
    from talent_matching.tests.matching_factories import skill

    job.skills.create(skill=skill("WLD03"), level=3, weight=5)
    services.rematch_posting(posting_id=job.pk)
    assert MatchRun.objects.current() == run  # into the current run, no new one
    assert candidates_of(admin_a, job) == ["stu1", "stu0"]
    assert sorted(MatchResult.objects.filter(run=run, posting=other)
                  .values_list("profile_id", "score", "posting_rank")) == before
    # Each student's list is numbered again with the posting in its place.
    for p in StudentProfile.objects.all():
        ranks = sorted(MatchResult.objects.filter(run=run, profile=p, profile_rank__isnull=False)
                       .values_list("profile_rank", flat=True))
        assert ranks == list(range(1, len(ranks) + 1))
    # A posting closed leaves the results.
    Posting.objects.filter(pk=job.pk).update(status="closed")
    services.rematch_posting(posting_id=job.pk)
    assert not MatchResult.objects.filter(run=run, posting=job).exists()


def test_editing_a_profile_rematches_just_it(school, org_a, admin_a, students):
    changing = profile(students[0], school, skills=[("PLC02", 1)])
    profile(students[1], school, skills=[("CNC01", 3)])
    job = posting(org_a, skills=CNC)
    run = full_run()
    assert candidates_of(admin_a, job) == ["stu1", "stu0"]
    changing.skills.update(level=4)
    from talent_matching.tests.matching_factories import skill

    changing.skills.create(skill=skill("CNC01"), level=4)
    services.rematch_profile(profile_id=changing.pk)
    assert candidates_of(admin_a, job) == ["stu0", "stu1"]
    assert MatchResult.objects.get(run=run, profile=changing, posting=job).profile_rank == 1


def test_starting_a_run_waits_for_the_running_one(secretariat, school, org_a, students,
                                                  django_capture_on_commit_callbacks):
    client = client_for(secretariat)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("talent:matching_start"))
    run = MatchRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("talent:matching_run", args=[run.pk])
    assert any("run_start" in callback.__qualname__ for callback in callbacks)  # the job, once committed
    client.post(reverse("talent:matching_start"))
    assert MatchRun.objects.count() == 1  # the queued one is followed, not doubled
    status = json.loads(client.get(reverse("talent:matching_run_status", args=[run.pk])).content)
    assert status["state"] == "queued"
    page = client.get(reverse("talent:matching_run", args=[run.pk])).content.decode()
    assert reverse("talent:matching_run_status", args=[run.pk]) in page and "data-running" in page


def test_the_runs_page_shows_the_result_and_the_history(secretariat, school, org_a, students):
    profile(students[0], school, skills=[("CNC01", 3)])
    posting(org_a, skills=CNC)
    run = full_run()
    client = client_for(secretariat)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("talent:matching"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Results in use" in page and reverse("talent:matching_run", args=[run.pk]) in page
    detail = client.get(reverse("talent:matching_run", args=[run.pk])).content.decode()
    assert 'data-testid="run-summary"' in detail and "data-running" not in detail


def test_the_nightly_run_is_scheduled():
    assert any(task.task == "talent_matching.tasks.matching.nightly_matching_task" for task in periodic_tasks())


# --- the pages' cost -----------------------------------------------------------------------------


def _world(school, org_a, students, count):
    job = posting(org_a, skills=CNC)
    for n, user in enumerate(students[:count]):
        profile(user, school, skills=[("CNC01", 1 + n % 4), ("PLC02", 2)])
    full_run()
    return job


@pytest.mark.parametrize("count", [2, 6])
def test_the_candidates_page_costs_the_same_whatever_its_length(school, org_a, admin_a, students, count):
    job = _world(school, org_a, students, count)
    queries = queries_for(client_for(admin_a), reverse("talent:posting_candidates", args=[job.pk]))
    assert queries <= 16


@pytest.mark.parametrize("count", [1, 6])
def test_the_students_page_costs_the_same_whatever_its_length(school, org_a, students, count):
    for n in range(count):
        posting(org_a, title=f"岗位{n}", skills=CNC)
    profile(students[0], school, skills=[("CNC01", 3)])
    full_run()
    assert queries_for(client_for(students[0]), reverse("talent:my_matches")) <= 16


def test_the_runs_page_costs_the_same_whatever_the_history(secretariat):
    for _n in range(5):
        MatchRun.objects.create(status=MatchRunStatus.DONE, summary={"pairs": 3})
    assert queries_for(client_for(secretariat), reverse("talent:matching")) <= 12


# --- the API --------------------------------------------------------------------------------------


def test_the_api_gives_each_their_own_results_with_the_parts(school, org_a, org_b, admin_a, admin_b, students,
                                                              api_client):
    profile(students[0], school, skills=[("CNC01", 3)])
    job = posting(org_a, skills=CNC)
    posting(org_b, title="乙岗位", skills=CNC)
    full_run()
    mine = api_client(admin_a).get("/api/v1/talent/matches/", {"posting": job.pk}).json()
    assert [r["posting"] for r in mine["results"]] == [job.pk]
    assert set(mine["results"][0]["parts"]) == set(services.matching.PARTS)
    theirs = api_client(admin_b).get("/api/v1/talent/matches/", {"posting": job.pk}).json()
    assert theirs["results"] == []
    own = api_client(students[0]).get("/api/v1/talent/matches/").json()
    assert len(own["results"]) == 2


# --- consent, whatever the choices ------------------------------------------------------------------


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choices=st.lists(st.sampled_from(list(Visibility.values)), min_size=5, max_size=5),
       applied=st.lists(st.booleans(), min_size=5, max_size=5),
       later=st.lists(st.sampled_from(list(Visibility.values)), min_size=5, max_size=5))
def test_no_profile_without_consent_ever_appears_in_an_enterprises_results(
        school, org_a, admin_a, member_a, students, choices, applied, later):
    class Undo(Exception):
        pass

    try:
        with transaction.atomic():
            job = posting(org_a, skills=CNC)
            profiles = [profile(user, school, skills=[("CNC01", 3)], visibility=choice)
                        for user, choice in zip(students, choices)]
            for p, did in zip(profiles, applied):
                if did:
                    Application.objects.create(posting=job, profile=p, origin=ApplicationOrigin.APPLIED,
                                               stage=ApplicationStage.APPLIED)
            full_run()
            # Students change their minds after the run: nothing is re-matched yet.
            for p, choice in zip(profiles, later):
                StudentProfile.objects.filter(pk=p.pk).update(visibility=choice)
            for viewer in (admin_a, member_a):
                covered = set(StudentProfile.objects.filter(access.consent_covers({org_a.pk}))
                              .values_list("pk", flat=True))
                shown = set(access.match_results_for(viewer).values_list("profile_id", flat=True))
                assert shown <= covered
                api = client_for(viewer).get("/api/v1/talent/matches/").json()
                assert {r["profile"] for r in api["results"]} <= covered
                page = client_for(viewer).get(reverse("talent:posting_candidates", args=[job.pk])).content.decode()
                for n, p in enumerate(profiles):
                    if p.pk not in covered:
                        assert f'data-profile="{p.pk}"' not in page
            raise Undo
    except Undo:
        pass


@pytest.mark.parametrize("count", [1, 6])
def test_the_api_list_costs_the_same_whatever_its_length(school, org_a, admin_a, students, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.fixtures import client_for as signed_in

    job = _world(school, org_a, students, count)
    client = signed_in(admin_a)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/talent/matches/", {"posting": job.pk})
    assert response.status_code == 200 and len(response.json()["results"]) == count
    assert len(captured) <= 12


def test_consent_narrowed_to_applications_keeps_the_students_own_list(school, org_a, admin_a, students):
    narrowing = profile(students[0], school, skills=[("CNC01", 3)])
    job = posting(org_a, skills=CNC)
    full_run()
    StudentProfile.objects.filter(pk=narrowing.pk).update(visibility=Visibility.APPLIED)
    narrowing.refresh_from_db()
    services.consent_withdrawn(profile=narrowing)
    kept = MatchResult.objects.get(profile=narrowing, posting=job)
    assert kept.posting_rank is None and kept.profile_rank == 1
    assert candidates_of(admin_a, job) == []
    assert list(access.match_results_for(students[0]).values_list("posting", flat=True)) == [job.pk]

"""Competitions as people use them: the list with search and filters at a constant query cost, a
competition's page naming students only to those entitled, registering a team with pickers limited
to the school, the organiser recording and publishing results (the awards then issued as
credentials), a student's own teams and awards, the API under the same rules, and the console."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from credentials.models import Credential
from members.models import Role
from members.tests.factories import person
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh
from training.models import Award, Competition, CompetitionLevel, CompetitionTeam
from training.services import competitions as services
from training.tests.competitions_support import (
    coach_memberships,
    competition,
    engineer_of,
    second_school,
    students_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_admin(school):
    return person(school, Role.ORG_ADMIN, username="school_admin")


def _school_level(school_admin, school, name="校级技能节"):
    today = timezone.localdate() + timedelta(days=10)
    made = services.competition_create(actor=school_admin, organizer=school, level=CompetitionLevel.SCHOOL,
                                       name=name, year=today.year, starts_on=today, ends_on=today)
    services.category_create(competition=made, actor=school_admin, name="PLC 控制", team_size=1)
    return made


def _published(secretariat, government, school, teacher, student):
    made = competition(secretariat, government, past=True)
    category = made.categories.get()
    team = services.team_register(category=category, actor=secretariat, school=school, name="智造一队",
                                  students=[student] + students_of(school, 1),
                                  coaches=coach_memberships(school, teacher))
    services.results_record(competition=made, actor=secretariat, results={team.pk: (1, Award.FIRST)})
    services.results_publish(competition=made, actor=secretariat)
    return made, team


def test_the_list_searches_and_filters_by_level_and_year(secretariat, government, school, school_admin, teacher):
    competition(secretariat, government)
    _school_level(school_admin, school)
    client = client_for(teacher)
    rows = part(client.get(reverse("training:competitions")), "competition-table").text
    assert "2026年测试市职业院校技能大赛" in rows and "校级技能节" in rows
    rows = part(client.get(reverse("training:competitions"), {"level": CompetitionLevel.SCHOOL}), "competition-table").text
    assert "校级技能节" in rows and "测试市" not in rows
    rows = part(client.get(reverse("training:competitions"), {"q": "机器人"}), "competition-table").text
    assert "测试市" in rows and "校级" not in rows
    rows = part(client.get(reverse("training:competitions"), {"year": "2001"}), "competition-table").text
    assert zh("No competition matches this search.") in rows


def test_a_school_level_competition_is_its_schools_alone(secretariat, school, school_admin, admin_a):
    made = _school_level(school_admin, school)
    client = client_for(admin_a)
    assert "校级技能节" not in part(client.get(reverse("training:competitions")), "competition-table").text
    assert client.get(reverse("training:competition", args=[made.pk])).status_code == 404
    assert client_for(secretariat).get(reverse("training:competition", args=[made.pk])).status_code == 200


def test_the_list_costs_as_many_queries_for_many_competitions_as_for_few(secretariat, government, teacher):
    competition(secretariat, government)
    client = client_for(teacher)
    few = queries_for(client, reverse("training:competitions"))
    for n in range(15):
        competition(secretariat, government, name=f"第{n}届大赛", categories=("甲", "乙"))
    assert queries_for(client, reverse("training:competitions")) == few
    assert queries_for(client, reverse("training:competitions"), q="大赛", level="2") == few


def test_a_teacher_registers_a_team_with_pickers_limited_to_the_school(secretariat, government, school, teacher,
                                                                      org_a):
    made = competition(secretariat, government)
    category = made.categories.get()
    pupils = students_of(school, 2)
    stranger = students_of(second_school(), 1, prefix="x")[0]
    engineer = engineer_of(org_a)
    client = client_for(teacher)
    url = reverse("training:competition_team_register", args=[category.pk])
    page = client.get(url)
    students = [choice[0].value for choice in page.context["form"].fields["students"].choices]
    assert set(students) == {p.pk for p in pupils} and stranger.pk not in students
    response = client.post(url, {"name": "智造一队", "students": [pupils[0].pk], "coaches": []})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"students", "coaches"}
    coaches = coach_memberships(school, teacher, engineer)
    response = client.post(url, {"name": "智造一队", "students": [p.pk for p in pupils],
                                 "coaches": [c.pk for c in coaches]}, follow=True)
    assert zh("The team is registered.") in messages_on(response)
    teams = part(response, f"category-{category.pk}-teams").text
    assert "智造一队" in teams and "学生stu0" in teams and "工程师甲" in teams


def test_student_names_are_shown_to_the_school_and_the_members_only(secretariat, government, school, teacher, student,
                                                                     admin_a):
    made = competition(secretariat, government)
    category = made.categories.get()
    services.team_register(category=category, actor=teacher, school=school, name="智造一队",
                           students=[student] + students_of(school, 1), coaches=coach_memberships(school, teacher))
    url = reverse("training:competition", args=[made.pk])
    assert str(student) in part(client_for(student).get(url), f"category-{category.pk}-teams").text
    assert str(student) in part(client_for(teacher).get(url), f"category-{category.pk}-teams").text
    other = part(client_for(admin_a).get(url), f"category-{category.pk}-teams").text
    assert str(student) not in other and "测试职业技术学院" in other


def test_the_organiser_records_and_publishes_results_and_the_awards_are_issued(
        secretariat, government, school, teacher, student, admin_a):
    made = competition(secretariat, government, past=True)
    category = made.categories.get()
    team = services.team_register(category=category, actor=secretariat, school=school, name="智造一队",
                                  students=[student] + students_of(school, 1),
                                  coaches=coach_memberships(school, teacher))
    client = client_for(secretariat)
    response = client.post(reverse("training:competition_results", args=[made.pk]),
                           {f"rank_{team.pk}": "0", f"award_{team.pk}": "1"})
    assert response.status_code == 200 and response.context["form"].errors[f"rank_{team.pk}"]
    response = client.post(reverse("training:competition_results", args=[made.pk]),
                           {f"rank_{team.pk}": "1", f"award_{team.pk}": str(Award.FIRST)}, follow=True)
    assert zh("The results are saved. Publish them when they are final.") in messages_on(response)
    url = reverse("training:competition", args=[made.pk])
    assert zh("First prize") not in client_for(admin_a).get(url).content.decode()
    response = client.post(reverse("training:competition_publish", args=[made.pk]), follow=True)
    assert zh("The results are published.") in messages_on(response)
    assert Credential.objects.filter(holder=student, issuer=school).count() == 1
    assert zh("First prize") in part(client_for(admin_a).get(url), f"category-{category.pk}-teams").text


def test_a_student_sees_their_team_award_and_credential(secretariat, government, school, teacher, student):
    made, team = _published(secretariat, government, school, teacher, student)
    services.awards_issue(competition=made, actor=secretariat)
    credential = Credential.objects.get(holder=student)
    page = client_for(student).get(reverse("training:my_competitions"))
    mine = part(page, "my-teams")
    assert "智造一队" in mine.text and zh("First prize") in mine.text
    assert reverse("credentials:wallet_detail", args=[credential.uuid]) in mine.links
    coached = part(client_for(teacher).get(reverse("training:my_competitions")), "coached-teams").text
    assert "智造一队" in coached and str(student) in coached


def test_the_schools_admin_issues_missing_awards_from_the_page(secretariat, government, school, teacher, student,
                                                               school_admin):
    made, team = _published(secretariat, government, school, teacher, student)
    url = reverse("training:competition_awards_issue", args=[made.pk])
    assert client_for(teacher).get(url).status_code == 404
    response = client_for(school_admin).post(url, follow=True)
    assert any("2" in message for message in messages_on(response))
    assert Credential.objects.filter(issuer=school).count() == 2
    assert client_for(school_admin).get(url).status_code == 404  # nothing left to issue


def test_a_school_admin_creates_a_school_level_competition_and_its_category(school, school_admin):
    client = client_for(school_admin)
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = client.post(reverse("training:competition_create"), {
        "name": "校级技能节", "level": str(CompetitionLevel.CITY), "organizer": school.pk, "year": "2026",
        "starts_on": day, "ends_on": day})
    assert response.status_code == 200 and "level" in response.context["form"].errors
    response = client.post(reverse("training:competition_create"), {
        "name": "校级技能节", "level": str(CompetitionLevel.SCHOOL), "organizer": school.pk, "year": "2026",
        "starts_on": day, "ends_on": day}, follow=True)
    made = Competition.objects.get()
    assert response.redirect_chain[-1][0] == reverse("training:competition", args=[made.pk])
    response = client.post(reverse("training:competition_category_create", args=[made.pk]),
                           {"name": "PLC 控制", "team_size": "1"}, follow=True)
    assert zh("The category is added.") in messages_on(response)
    assert "PLC 控制" in part(response, "competition-categories").text


def test_the_competition_page_costs_the_same_for_many_teams(secretariat, government, school, teacher):
    small = competition(secretariat, government, name="小赛")
    big = competition(secretariat, government, name="大赛", categories=("甲", "乙", "丙"))
    for n, category in enumerate(big.categories.all()):
        for k in range(3):
            services.team_register(category=category, actor=teacher, school=school, name=f"队{k}",
                                   students=students_of(school, 2, prefix=f"p{n}{k}"),
                                   coaches=coach_memberships(school, teacher))
    client = client_for(teacher)
    assert queries_for(client, reverse("training:competition", args=[big.pk])) <= queries_for(
        client, reverse("training:competition", args=[small.pk])) + 2


def test_the_api_names_students_within_scope_and_shows_published_results(
        secretariat, government, school, teacher, student, admin_a, api_client):
    _published(secretariat, government, school, teacher, student)
    upcoming = competition(secretariat, government, name="未来大赛")
    services.team_register(category=upcoming.categories.get(), actor=teacher, school=school, name="二队",
                           students=students_of(school, 2, prefix="u"), coaches=coach_memberships(school, teacher))
    mine = api_client(student).get("/api/v1/training/competition-teams/").json()["results"]
    assert {t["name"]: (t["rank"], t["award"], bool(t["members"])) for t in mine} == {
        "智造一队": (1, Award.FIRST, True), "二队": (None, None, False)}
    theirs = api_client(admin_a).get("/api/v1/training/competition-teams/").json()["results"]
    assert all(t["members"] == [] for t in theirs) and {t["member_count"] for t in theirs} == {2}
    results = api_client(admin_a).get("/api/v1/training/competition-results/").json()["results"]
    assert [(r["name"], r["award_label"]) for r in results] == [("智造一队", "一等奖")]  # in the default language
    competitions = api_client(teacher).get("/api/v1/training/competitions/").json()["results"]
    assert {c["name"] for c in competitions} == {"2026年测试市职业院校技能大赛", "未来大赛"}


def test_the_console_publishes_the_selected_results_through_the_service(secretariat, government, school, teacher,
                                                                        student):
    made = competition(secretariat, government, past=True)
    team = services.team_register(category=made.categories.get(), actor=secretariat, school=school, name="一队",
                                  students=[student] + students_of(school, 1),
                                  coaches=coach_memberships(school, teacher))
    empty = competition(secretariat, government, name="空赛", past=True)
    services.results_record(competition=made, actor=secretariat, results={team.pk: (1, Award.SECOND)})
    response = client_for(secretariat).post(reverse("admin:training_competition_changelist"), {
        "action": "publish", "_selected_action": [made.pk, empty.pk]}, follow=True)
    assert response.status_code == 200
    made.refresh_from_db()
    empty.refresh_from_db()
    assert made.results_published_at is not None and empty.results_published_at is None
    assert any("空赛" in message for message in messages_on(response))
    assert CompetitionTeam.objects.get().members.filter(credential__isnull=False).count() == 2

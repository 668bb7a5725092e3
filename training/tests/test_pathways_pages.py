"""Pathways as people use them: the secondary school creates a pathway, the college and the
bachelor school confirm it; the secondary school enrols its students and records their transfer
assessment; the college sees who is coming with which results and moves the passed on; the
student sees their own pathway and results. Enterprises, other schools and later stages see
nothing they should not (404). The lists cost as many queries for many rows as for few; the API
reads under the same rules."""

import pytest
from django.urls import reverse

from members.models import OrganizationKind, Role
from members.tests.factories import OrganizationFactory, person
from training.models import Pathway, PathwayStatus
from training.services import pathways as services
from training.tests import pathways_support as support
from training.tests.pathways_support import make_pathway, majors, scores_for
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh

pytestmark = pytest.mark.django_db

# The fixtures of the pathways world.
bach_admin = support.bach_admin
bachelor = support.bachelor
college_admin = support.college_admin
pathway = support.pathway
pupils = support.pupils
sec_admin = support.sec_admin
sec_teacher = support.sec_teacher
secondary = support.secondary


def _enrol_and_assess(pathway, sec_admin, pupils, marks=((70, 90, 65), (95, 55, 95))):
    made = services.enrolment_create(pathway=pathway, actor=sec_admin, students=pupils[:len(marks)], cohort_year=2025)
    first = pathway.stages.get(order=1)
    for enrolment, values in zip(made, marks):
        services.result_record(enrolment=enrolment, actor=sec_admin, scores=scores_for(first, *values))
    return made


def test_a_pathway_is_created_confirmed_and_becomes_active(sec_admin, college_admin, bach_admin, secondary, school,
                                                          bachelor):
    sec, high, bach = majors()
    response = client_for(sec_admin).post(reverse("training:pathway_create"), {
        "title": "机电一体化中高本贯通", "kind": "3_2_2", "stage1_school": secondary.pk, "stage1_major": sec.pk,
        "stage1_years": "3", "stage2_school": school.pk, "stage2_major": high.pk, "stage2_years": "2",
        "stage3_school": bachelor.pk, "stage3_major": bach.pk, "stage3_years": "2"}, follow=True)
    created = Pathway.objects.get()
    assert response.redirect_chain[-1][0] == reverse("training:pathway", args=[created.pk])
    assert zh("The pathway is created. The other schools confirm it next.") in messages_on(response)
    for admin in (college_admin, bach_admin):
        client = client_for(admin)
        page = client.get(reverse("training:pathway", args=[created.pk]))
        assert part(page, "pathway-buttons").links == [reverse("training:pathway_confirm", args=[created.pk])]
        client.post(reverse("training:pathway_confirm", args=[created.pk]))
    created.refresh_from_db()
    assert created.status == PathwayStatus.ACTIVE
    assert client_for(college_admin).get(reverse("training:pathway_confirm", args=[created.pk])).status_code == 404


def test_a_stage_with_the_wrong_school_or_major_is_refused_on_its_field(sec_admin, secondary, school, bachelor):
    sec, high, _bach = majors()
    response = client_for(sec_admin).post(reverse("training:pathway_create"), {
        "title": "错的", "kind": "3_2", "stage1_school": secondary.pk, "stage1_major": sec.pk, "stage1_years": "3",
        "stage2_school": bachelor.pk, "stage2_major": high.pk, "stage2_years": "2"})
    assert response.status_code == 200 and response.context["form"].errors["stage2_school"]
    assert not Pathway.objects.exists()


def test_the_assessment_page_refuses_weights_not_adding_up_to_100(sec_admin, secondary, school, bachelor):
    pending = make_pathway(sec_admin, secondary, school, bachelor)
    stage = pending.stages.get(order=1)
    client = client_for(sec_admin)
    response = client.post(reverse("training:pathway_stage_edit", args=[stage.pk]), {
        "pass_total": "60", "c1_name": "文化素质", "c1_weight": "50", "c1_mark": "60",
        "c2_name": "专业技能", "c2_weight": "40", "c2_mark": "60"})
    assert response.status_code == 200
    assert zh("The weights add up to %(sum)d; they must add up to 100.", sum=90) in part(response, "error-summary").text
    response = client.post(reverse("training:pathway_stage_edit", args=[stage.pk]), {
        "pass_total": "65", "c1_name": "文化素质", "c1_weight": "50", "c1_mark": "60",
        "c2_name": "专业技能", "c2_weight": "50", "c2_mark": "60", "course_names": "机械制图\n电工基础"}, follow=True)
    assert zh("The stage is saved.") in messages_on(response)
    assert "机械制图" in part(response, "stage-1").text and "65" in part(response, "pass-rule-1").text


def test_enrol_record_and_the_college_sees_who_is_coming(pathway, sec_admin, college_admin, bach_admin, pupils):
    client = client_for(sec_admin)
    picker = client.get(reverse("training:pathway_enrol", args=[pathway.pk]))
    assert "学生1" in part(picker, "enrol-students").text
    client.post(reverse("training:pathway_enrol", args=[pathway.pk]),
                {"students": [p.pk for p in pupils[:2]], "cohort_year": "2025"})
    good, weak = pathway.enrolments.order_by("student__username")
    first = pathway.stages.get(order=1)
    data = {f"score_{c.pk}": v for c, v in zip(first.components.order_by("position"), ("70", "90", "65"))}
    response = client.post(reverse("training:pathway_result", args=[good.pk]), data, follow=True)
    assert zh("The result is saved: passed with %(total)s.", total="79.00") in messages_on(response)
    data = {f"score_{c.pk}": v for c, v in zip(first.components.order_by("position"), ("95", "55", "95"))}
    client.post(reverse("training:pathway_result", args=[weak.pk]), data)

    college = client_for(college_admin)
    rows = part(college.get(reverse("training:pathway_incoming")), "incoming-table").text
    assert "学生1" in rows and "学生2" in rows and "79.00" in rows and "专业技能 55.0" in rows
    rows = part(college.get(reverse("training:pathway_incoming"), {"outcome": "passed"}), "incoming-table").text
    assert "学生1" in rows and "学生2" not in rows
    rows = part(college.get(reverse("training:pathway_incoming"), {"year": "2024"}), "incoming-table").text
    assert "学生1" not in rows
    # The bachelor school's stage is two away: it sees no one yet.
    rows = part(client_for(bach_admin).get(reverse("training:pathway_incoming")), "incoming-table").text
    assert "学生1" not in rows
    assert client_for(bach_admin).get(reverse("training:pathway_enrolment", args=[good.pk])).status_code == 404
    # The college moves the passed student on; the failed one cannot be moved.
    assert college.get(reverse("training:pathway_transfer", args=[weak.pk])).status_code == 200
    response = college.post(reverse("training:pathway_transfer", args=[weak.pk]), follow=True)
    assert zh("Only a student who passed the transfer assessment moves to the next stage.") in messages_on(response)
    college.post(reverse("training:pathway_transfer", args=[good.pk]))
    good.refresh_from_db()
    assert good.stage.order == 2
    assert "学生1" in part(client_for(bach_admin).get(reverse("training:pathway_incoming")), "incoming-table").text


def test_the_student_sees_their_own_pathway_and_results_only(pathway, sec_admin, pupils):
    mine, other = _enrol_and_assess(pathway, sec_admin, pupils)
    client = client_for(pupils[0])
    page = client.get(reverse("training:pathway", args=[pathway.pk]))
    assert part(page, "my-pathway").links == [reverse("training:pathway_enrolment", args=[mine.pk])]
    assert "79.00" in part(client.get(reverse("training:pathway_enrolment", args=[mine.pk])), "enrolment-results").text
    assert client.get(reverse("training:pathway_enrolment", args=[other.pk])).status_code == 404
    assert client.get(reverse("training:pathway_result", args=[mine.pk])).status_code == 404
    rows = part(client.get(reverse("training:pathway_enrolments")), "enrolment-table").text
    assert "学生1" in rows and "学生2" not in rows
    assert client.get(reverse("training:pathway_incoming")).status_code == 404


def test_enterprises_and_other_schools_find_nothing(pathway, sec_admin, pupils, admin_a, teacher):
    mine, _other = _enrol_and_assess(pathway, sec_admin, pupils)
    elsewhere = OrganizationFactory(kind=OrganizationKind.SECONDARY_VOCATIONAL, industry_id="P83")
    stranger = person(elsewhere, Role.ORG_ADMIN)
    for user in (admin_a, stranger):
        client = client_for(user)
        for url in (reverse("training:pathway", args=[pathway.pk]), reverse("training:pathway_enrolment", args=[mine.pk]),
                    reverse("training:pathway_result", args=[mine.pk]),
                    reverse("training:pathway_enrol", args=[pathway.pk])):
            assert client.get(url).status_code == 404, (user, url)
    assert client_for(admin_a).get(reverse("training:pathways")).status_code == 404
    rows = part(client_for(stranger).get(reverse("training:pathway_incoming")), "incoming-table").text
    assert "学生1" not in rows
    # A teacher of the college reads who is coming but records nothing.
    client = client_for(teacher)
    assert "学生1" in part(client.get(reverse("training:pathway_incoming")), "incoming-table").text
    assert client.get(reverse("training:pathway_transfer", args=[mine.pk])).status_code == 404


def test_the_lists_cost_as_many_queries_for_many_rows_as_for_few(pathway, sec_admin, college_admin, secondary,
                                                                 school, bachelor, django_assert_max_num_queries):
    pupils = [person(secondary, Role.STUDENT, full_name=f"学生{n:02d}") for n in range(12)]
    services.enrolment_create(pathway=pathway, actor=sec_admin, students=pupils[:1], cohort_year=2025)
    first = pathway.stages.get(order=1)
    services.result_record(enrolment=pathway.enrolments.get(), actor=sec_admin, scores=scores_for(first, 80, 80, 80))
    client = client_for(college_admin)
    urls = [reverse("training:pathways"), reverse("training:pathway_enrolments"), reverse("training:pathway_incoming")]
    few = [queries_for(client, url) for url in urls]
    for n in range(5):
        make_pathway(sec_admin, secondary, school, bachelor, confirm=(college_admin,), title=f"第{n}条")
    made = services.enrolment_create(pathway=pathway, actor=sec_admin, students=pupils[1:], cohort_year=2026)
    for enrolment in made:
        services.result_record(enrolment=enrolment, actor=sec_admin, scores=scores_for(first, 50, 70, 90))
    assert [queries_for(client, url) for url in urls] == few
    # Filtering by a pathway looks the pathway up: one query more, however many rows.
    assert queries_for(client, urls[2], q="学生", year="2026", outcome="failed", pathway=pathway.pk) == few[2] + 1
    assert queries_for(client, urls[0], q="机电", kind="3_2_2") == few[0]
    with django_assert_max_num_queries(15):
        assert client.get(reverse("training:pathway", args=[pathway.pk])).status_code == 200


def test_the_api_reads_under_the_same_rules(pathway, sec_admin, pupils, api_client, college_admin, admin_a):
    mine, _other = _enrol_and_assess(pathway, sec_admin, pupils)
    body = api_client(college_admin).get("/api/v1/training/pathways/").json()
    assert [p["title"] for p in body["results"]] == [pathway.title]
    assert [s["order"] for s in body["results"][0]["stages"]] == [1, 2, 3]
    enrolments = api_client(pupils[0]).get("/api/v1/training/pathway-enrolments/").json()["results"]
    assert [(e["id"], e["results"][0]["total"], e["results"][0]["passed"]) for e in enrolments] == [
        (mine.pk, "79.00", True)]
    assert api_client(admin_a).get("/api/v1/training/pathways/").json()["results"] == []
    assert api_client(admin_a).get(f"/api/v1/training/pathway-enrolments/{mine.pk}/").status_code == 404

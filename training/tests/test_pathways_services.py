"""Pathways as the services keep them: the stages' schools and majors fit the kind of pathway, the
transfer assessment's weights add up to 100, the other schools confirm, a student is in at most
one active pathway, results come from the pass rule and only a passed student moves on; every
decision is audited."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from core.models import AuditEvent
from members.models import Role
from members.tests.factories import person
from training.models import PathwayEnrolment, PathwayKind, PathwayStatus, StageResult
from training.services import pathways as services
from training.tests import pathways_support as support
from training.tests.pathways_support import make_pathway, scores_for, stages

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


def _events(name):
    return AuditEvent.objects.filter(event=name).count()


def test_the_secondary_school_creates_and_the_others_confirm_until_active(sec_admin, college_admin, bach_admin,
                                                                          secondary, school, bachelor):
    created = make_pathway(sec_admin, secondary, school, bachelor)
    assert created.status == PathwayStatus.PENDING and created.lead_school == secondary
    first, second, third = created.stages.order_by("order")
    assert first.confirmed_at is not None and second.confirmed_at is None
    assert [c.weight for c in first.components.all()] == [30, 50, 20] and third.components.count() == 0
    services.pathway_confirm(pathway=created, actor=college_admin)
    created.refresh_from_db()
    assert created.status == PathwayStatus.PENDING
    with pytest.raises(PermissionDenied):  # already confirmed
        services.pathway_confirm(pathway=created, actor=college_admin)
    services.pathway_confirm(pathway=created, actor=bach_admin)
    created.refresh_from_db()
    assert created.status == PathwayStatus.ACTIVE and created.activated_at is not None
    assert _events("pathway.created") == 1 and _events("pathway.confirmed") == 2 and _events("pathway.activated") == 1


def test_a_stage_needs_a_school_and_a_major_of_its_level(sec_admin, secondary, school, bachelor):
    wrong = stages(secondary, school, bachelor)
    wrong[1]["school"], wrong[2]["school"] = bachelor, school
    wrong[0]["major"] = wrong[1]["major"]
    with pytest.raises(ValidationError) as error:
        services.pathway_create(actor=sec_admin, title="错位", kind=PathwayKind.THROUGH, stages=wrong)
    assert set(error.value.message_dict) == {"stage1_major", "stage2_school", "stage3_school"}
    with pytest.raises(ValidationError) as error:
        services.pathway_create(actor=sec_admin, title="少一段", kind=PathwayKind.THROUGH,
                                stages=stages(secondary, school))
    assert "kind" in error.value.message_dict


def test_a_3_4_pathway_goes_from_secondary_to_bachelor(sec_admin, secondary, bachelor):
    from training.tests.pathways_support import majors

    made = services.pathway_create(actor=sec_admin, title="中本贯通", kind=PathwayKind.SECONDARY_BACHELOR, stages=[
        {"school": secondary, "major": majors()[0], "years": 3}, {"school": bachelor, "major": majors()[2], "years": 4}])
    assert list(made.stages.values_list("order", "years")) == [(1, 3), (2, 4)]


def test_only_a_secondary_schools_admin_or_the_secretariat_creates(college_admin, sec_teacher, secretariat, secondary,
                                                                   school, bachelor, sec_admin):
    for actor in (college_admin, sec_teacher):
        with pytest.raises(PermissionDenied):
            make_pathway(actor, secondary, school, bachelor)
    made = make_pathway(secretariat, secondary, school, bachelor)
    assert not made.stages.filter(confirmed_at__isnull=False).exists()
    other = person(secondary.__class__.objects.create(kind="secondary_vocational", name_zh="别的中专", name_en="x",
                                                      credit_code="12320411MB1234567X", industry_id="P83",
                                                      region_id="320411", status="active"), Role.ORG_ADMIN)
    with pytest.raises(ValidationError) as error:
        make_pathway(other, secondary, school, bachelor)
    assert "stage1_school" in error.value.message_dict


def test_the_assessment_weights_must_add_up_to_100_and_editing_withdraws_confirmations(pathway, sec_admin,
                                                                                      college_admin):
    pending = make_pathway(sec_admin, pathway.lead_school, pathway.stages.get(order=2).school,
                           pathway.stages.get(order=3).school, confirm=(college_admin,), title="另一条")
    first = pending.stages.get(order=1)
    with pytest.raises(ValidationError) as error:
        services.pathway_stage_update(stage=first, actor=sec_admin, pass_total=Decimal(60),
                                      components=[("文化素质", 40, Decimal(60)), ("专业技能", 50, Decimal(60))])
    assert "components" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.pathway_stage_update(stage=first, actor=sec_admin, pass_total=Decimal(60),
                                      components=[("技能", 50, Decimal(60)), ("技能", 50, Decimal(60))])
    services.pathway_stage_update(stage=first, actor=sec_admin, pass_total=Decimal(70),
                                  components=[("文化素质", 40, Decimal(50)), ("专业技能", 60, Decimal(60))],
                                  course_names=["机械制图", "电工基础"])
    assert list(first.components.values_list("name", "weight")) == [("文化素质", 40), ("专业技能", 60)]
    assert list(first.courses.values_list("name", flat=True)) == ["机械制图", "电工基础"]
    assert not pending.stages.get(order=2).confirmed_at  # the college confirms the changed pathway again
    with pytest.raises(PermissionDenied):  # an active pathway's rules stay as agreed
        services.pathway_stage_update(stage=pathway.stages.get(order=1), actor=sec_admin, pass_total=Decimal(60),
                                      components=[("a", 100, Decimal(0))])
    with pytest.raises(PermissionDenied):  # nor does another school change them
        services.pathway_stage_update(stage=first, actor=college_admin, pass_total=Decimal(60),
                                      components=[("a", 100, Decimal(0))])


def test_enrolment_takes_students_of_the_first_school_in_no_other_active_pathway(pathway, sec_admin, pupils,
                                                                                 student, college_admin):
    made = services.enrolment_create(pathway=pathway, actor=sec_admin, students=pupils[:2], cohort_year=2025)
    assert [e.stage.order for e in made] == [1, 1] and _events("pathway.enrolled") == 2
    with pytest.raises(ValidationError) as error:
        services.enrolment_create(pathway=pathway, actor=sec_admin, students=[pupils[0], student], cohort_year=2025)
    assert "students" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.enrolment_create(pathway=pathway, actor=college_admin, students=[pupils[2]], cohort_year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():  # the database keeps one active pathway per student
        PathwayEnrolment.objects.create(pathway=pathway, student=pupils[0], cohort_year=2025,
                                        stage=pathway.stages.get(order=1))


def test_results_follow_the_pass_rule_and_only_passed_students_move_on(pathway, sec_admin, college_admin,
                                                                       bach_admin, pupils):
    good, weak = services.enrolment_create(pathway=pathway, actor=sec_admin, students=pupils[:2], cohort_year=2025)
    first = pathway.stages.get(order=1)
    with pytest.raises(PermissionDenied):  # the college records the second stage, not the first
        services.result_record(enrolment=good, actor=college_admin, scores=scores_for(first, 80, 80, 80))
    passed = services.result_record(enrolment=good, actor=sec_admin, scores=scores_for(first, 70, 90, 65))
    assert passed.passed and passed.total == Decimal("79.00")
    failed = services.result_record(enrolment=weak, actor=sec_admin, scores=scores_for(first, 95, 55, 95))
    assert not failed.passed  # 专业技能 under its minimum, though the total is 75.5
    with pytest.raises(ValidationError) as error:
        services.result_record(enrolment=weak, actor=sec_admin, scores=scores_for(first, 101, 50))
    assert len(error.value.message_dict) == 2
    with pytest.raises(ValidationError):
        services.enrolment_transfer(enrolment=weak, actor=college_admin)
    with pytest.raises(PermissionDenied):  # the bachelor school is not the next stage yet
        services.enrolment_transfer(enrolment=good, actor=bach_admin)
    moved = services.enrolment_transfer(enrolment=good, actor=college_admin)
    assert moved.stage.order == 2 and StageResult.objects.get(pk=passed.pk).transferred_at is not None
    assert _events("pathway.result_recorded") == 2 and _events("pathway.transferred") == 1
    second = pathway.stages.get(order=2)
    again = services.result_record(enrolment=moved, actor=college_admin, scores=scores_for(second, 60, 60, 60))
    assert again.stage == second and again.passed
    with pytest.raises(PermissionDenied):  # the first school has nothing more to record
        services.result_record(enrolment=moved, actor=sec_admin, scores=scores_for(second, 60, 60, 60))


def test_the_database_keeps_stages_results_and_scores_in_one_pathway(pathway, sec_admin, pupils, secondary, school,
                                                                     bachelor):
    other = make_pathway(sec_admin, secondary, school, bachelor, title="另一条")
    enrolment, = services.enrolment_create(pathway=pathway, actor=sec_admin, students=pupils[:1], cohort_year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        PathwayEnrolment.objects.filter(pk=enrolment.pk).update(stage=other.stages.get(order=1))
    result = services.result_record(enrolment=enrolment, actor=sec_admin,
                                    scores=scores_for(pathway.stages.get(order=1), 80, 80, 80))
    with pytest.raises(IntegrityError), transaction.atomic():
        StageResult.objects.filter(pk=result.pk).update(stage=other.stages.get(order=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        result.scores.filter(pk=result.scores.first().pk).update(component=other.stages.get(order=1).components.first())

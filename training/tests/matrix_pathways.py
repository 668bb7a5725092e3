"""The pathways rules of the security matrix (see tests/matrix.py).

The matrix's school (a higher vocational college) is the second stage of a 中高本 pathway led by a
secondary school, with a bachelor school third. The persona student is in its second stage; a
pupil of the secondary school, who passed the first stage's transfer assessment, is coming to the
college. The college's teacher reads the pathway and sees both; enterprises and the government
officer find nothing; the secretariat manages everything (it creates, enrols, records and moves
students on for any school). No persona administers a stage's school: confirming is no one's here."""

from decimal import Decimal

from django.utils import timezone

from members.models import Organization, OrganizationKind, Role
from members.tests.factories import OrganizationFactory, person
from reference.models import Major
from tests.matrix import api, page, personas
from training.models import (
    ComponentScore, Pathway, PathwayEnrolment, PathwayStage, PathwayStatus, StageResult, TransferComponent,
)

TITLE = "矩阵贯通培养"


def _school(kind, name):
    """Looked up each time: each persona's requests are rolled back, objects made for another with them."""
    return Organization.objects.filter(name_zh=name).first() or OrganizationFactory(
        kind=kind, industry_id="P83", name_zh=name)


def _schools(w):
    return (_school(OrganizationKind.SECONDARY_VOCATIONAL, "矩阵中等专业学校"), w.orgs["school"],
            _school(OrganizationKind.VOCATIONAL_BACHELOR, "矩阵职业技术大学"))


def _pathway(w, *, status=PathwayStatus.ACTIVE) -> Pathway:
    title = f"{TITLE} {status}"
    found = Pathway.objects.filter(title=title).first()
    if found is not None:
        return found
    schools = _schools(w)
    now = timezone.now()
    pathway = Pathway.objects.create(title=title, kind="3_2_2", lead_school=schools[0], status=status,
                                     activated_at=now if status == PathwayStatus.ACTIVE else None)
    for order, (school, code) in enumerate(zip(schools, ("660301", "460301", "260301")), start=1):
        stage = PathwayStage.objects.create(pathway=pathway, order=order, school=school,
                                            major=Major.objects.get(code=code), years=3 if order == 1 else 2,
                                            pass_total=Decimal(60) if order < 3 else None,
                                            confirmed_at=now if status == PathwayStatus.ACTIVE or order == 1 else None)
        if order < 3:
            TransferComponent.objects.create(stage=stage, position=1, name="专业技能", weight=100, pass_mark=60)
    if status == PathwayStatus.ACTIVE:  # the persona student is in its second stage
        PathwayEnrolment.objects.create(pathway=pathway, student=w.users["student"], cohort_year=2024,
                                        stage=pathway.stages.get(order=2))
    return pathway


def an_active_pathway(w, t):
    return {"pk": _pathway(w).pk}


def a_pending_pathway(w, t):
    return {"pk": _pathway(w, status=PathwayStatus.PENDING).pk}


def a_pending_stage(w, t):
    return {"pk": _pathway(w, status=PathwayStatus.PENDING).stages.get(order=1).pk}


def the_students_enrolment(w, t):
    """The persona student, in the second stage at the college."""
    return {"pk": PathwayEnrolment.objects.get(pathway=_pathway(w), student=w.users["student"]).pk}


def an_incoming_enrolment(w, t):
    """A pupil of the secondary school who passed the first stage and is coming to the college."""
    pathway = _pathway(w)
    found = PathwayEnrolment.objects.filter(pathway=pathway, stage__order=1).first()
    if found is None:
        pupil = person(pathway.lead_school, Role.STUDENT, username="matrix_pupil", full_name="矩阵学生")
        first = pathway.stages.get(order=1)
        found = PathwayEnrolment.objects.create(pathway=pathway, student=pupil, cohort_year=2025, stage=first)
        result = StageResult.objects.create(enrolment=found, stage=first, total=Decimal(80), passed=True,
                                            recorded_at=timezone.now())
        ComponentScore.objects.create(result=result, component=first.components.get(), score=Decimal(80))
    return {"pk": found.pk}


def pathways(w, t):
    return sorted(Pathway.objects.values_list("pk", "title", "status"))


def stages(w, t):
    return sorted(PathwayStage.objects.values_list("pk", "pass_total", "confirmed_at"))


def enrolments(w, t):
    return sorted(PathwayEnrolment.objects.values_list("pk", "student_id", "stage_id", "status"))


def results(w, t):
    return sorted(StageResult.objects.values_list("pk", "total", "passed", "transferred_at"))


READERS = personas(404, anonymous=302, student=200, teacher=200, secretariat=200)
STAFF = personas(404, anonymous=302, teacher=200, secretariat=200)
SECRETARIAT = personas(404, anonymous=302, secretariat=200)
NO_ONE = personas(404, anonymous=302)

RULES = {
    "training:pathways": (page(expect={"any": READERS}),),
    "training:pathway_create": (
        page(expect={"any": SECRETARIAT}),
        page(method="post", data={"title": ""}, state=pathways, expect={"any": SECRETARIAT}),
    ),
    "training:pathway": (
        page(kwargs=an_active_pathway, expect={"any": READERS}),
        page(kwargs=a_pending_pathway, expect={"any": STAFF}),
    ),
    "training:pathway_confirm": (
        page(kwargs=a_pending_pathway, expect={"any": NO_ONE}),
        page(kwargs=a_pending_pathway, method="post", data={}, state=stages, expect={"any": NO_ONE}),
    ),
    "training:pathway_enrol": (
        page(kwargs=an_active_pathway, expect={"any": SECRETARIAT}),
        page(kwargs=an_active_pathway, method="post", data={"cohort_year": "2025"}, state=enrolments,
             expect={"any": SECRETARIAT}),
    ),
    "training:pathway_stage_edit": (
        page(kwargs=a_pending_stage, expect={"any": SECRETARIAT}),
        page(kwargs=a_pending_stage, method="post", data={"pass_total": "60"}, state=stages,
             expect={"any": SECRETARIAT}),
    ),
    "training:pathway_enrolments": (page(expect={"any": READERS}),),
    "training:pathway_enrolment": (
        page(kwargs=the_students_enrolment, expect={"any": READERS}),
        page(kwargs=an_incoming_enrolment, expect={"any": STAFF}),
    ),
    "training:pathway_result": (
        page(kwargs=an_incoming_enrolment, expect={"any": SECRETARIAT}),
        page(kwargs=an_incoming_enrolment, method="post", data={}, state=results, expect={"any": SECRETARIAT}),
    ),
    "training:pathway_transfer": (
        page(kwargs=an_incoming_enrolment, expect={"any": SECRETARIAT}),
        page(kwargs=an_incoming_enrolment, method="post", data={}, state=enrolments,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "training:pathway_incoming": (page(expect={"any": STAFF}),),
    "training-pathway-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "training-pathway-detail": (
        api(kwargs=an_active_pathway, expect={"any": personas(404, anonymous=401, student=200, teacher=200,
                                                             secretariat=200)}),
    ),
    "training-pathway-enrolment-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "training-pathway-enrolment-detail": (
        api(kwargs=the_students_enrolment, expect={"any": personas(404, anonymous=401, student=200, teacher=200,
                                                                  secretariat=200)}),
        api(kwargs=an_incoming_enrolment, expect={"any": personas(404, anonymous=401, teacher=200,
                                                                 secretariat=200)}),
    ),
}

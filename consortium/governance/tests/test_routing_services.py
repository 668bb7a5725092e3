"""Routing of matters: drafted at a working body, forwarded to the council, decided by its vote,
carried out by the secretariat — each step dated with its outcome; admission of members joins the
path when the governance settings ask for a council vote."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from consortium.governance.models import (
    BodyKind,
    Level,
    Matter,
    MatterKind,
    MatterStatus,
    MatterStep,
    MotionStatus,
    StepAction,
    StepOutcome,
)
from consortium.governance.services import routing as services
from consortium.governance.tests.minutes_support import body, decide, in_a_week, seat, votes_contract  # noqa: F401
from members import services as members_services
from members.models import ApplicationStatus, MembershipApplication, OrganizationStatus
from members.tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(org_a, org_b, admin_a, admin_b):
    council = body()
    group = body("议", BodyKind.DISCUSSION_GROUP, Level.COORDINATION)
    office = body("评", BodyKind.ASSESSMENT_OFFICE, Level.COORDINATION)
    seat(council, org_a, admin_a)
    seat(council, org_b, admin_b)
    seat(group, org_a, admin_a)
    return {"council": council, "group": group, "office": office}


@pytest.fixture
def matter(bodies, secretariat):
    return services.matter_create(actor=secretariat, title="共建智能制造产业学院", description="三方共建。",
                                  kind=MatterKind.PROJECT, body=bodies["group"])


def path(matter):
    return list(MatterStep.objects.filter(matter=matter).order_by("position").values_list(
        "body__code", "level", "action", "outcome"))


def to_the_council(matter, bodies, secretariat, admin_a):
    services.matter_forward(actor=admin_a, matter=matter, outcome_text="议事组讨论形成初稿。", body=bodies["office"],
                            action=StepAction.REVIEW)
    services.matter_forward(actor=secretariat, matter=matter, outcome_text="评估通过。", body=bodies["council"],
                            action=StepAction.DECIDE)


def test_a_matter_goes_from_drafting_to_decision_to_execution(matter, bodies, secretariat, admin_a,
                                                              votes_contract):  # noqa: F811
    to_the_council(matter, bodies, secretariat, admin_a)
    motion = services.matter_put_to_vote(actor=secretariat, matter=matter, deadline=in_a_week())
    assert (motion.subject, motion.body, motion.matter) == (matter, bodies["council"], MatterKind.PROJECT)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.DECISION
    decide(motion)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.EXECUTION
    assert path(matter) == [
        ("议", Level.COORDINATION, StepAction.DRAFT, StepOutcome.FORWARDED),
        ("评", Level.COORDINATION, StepAction.REVIEW, StepOutcome.FORWARDED),
        ("理", Level.DECISION, StepAction.DECIDE, StepOutcome.ADOPTED),
        (None, Level.IMPLEMENTATION, StepAction.EXECUTE, ""),
    ]
    assert matter.steps.get(position=3).motion == motion
    services.matter_record_execution(actor=secretariat, matter=matter, outcome_text="产业学院已挂牌。")
    matter.refresh_from_db()
    step = matter.steps.get(position=4)
    assert matter.status == MatterStatus.DONE and step.outcome == StepOutcome.EXECUTED and step.decided_on
    assert step.outcome_text == "产业学院已挂牌。"


def test_a_rejected_matter_is_closed(matter, bodies, secretariat, admin_a, votes_contract):  # noqa: F811
    to_the_council(matter, bodies, secretariat, admin_a)
    decide(services.matter_put_to_vote(actor=secretariat, matter=matter, deadline=in_a_week()), MotionStatus.REJECTED)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.CLOSED and path(matter)[-1][-1] == StepOutcome.REJECTED


def test_without_quorum_the_matter_waits_to_be_put_to_the_vote_again(matter, bodies, secretariat, admin_a,
                                                                     votes_contract):  # noqa: F811
    to_the_council(matter, bodies, secretariat, admin_a)
    decide(services.matter_put_to_vote(actor=secretariat, matter=matter, deadline=in_a_week()), MotionStatus.NO_QUORUM)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.IN_PROGRESS and matter.current_step.motion is None
    services.matter_put_to_vote(actor=secretariat, matter=matter, deadline=in_a_week())


def test_only_the_body_where_the_matter_is_forwards_it(matter, bodies, admin_b, outsider):
    for stranger in (admin_b, outsider):  # admin_b sits on the council, not the discussion group
        with pytest.raises(PermissionDenied):
            services.matter_forward(actor=stranger, matter=matter, outcome_text="x", body=bodies["council"],
                                    action=StepAction.DECIDE)


def test_only_a_decision_level_body_decides(matter, bodies, admin_a):
    with pytest.raises(ValidationError) as refused:
        services.matter_forward(actor=admin_a, matter=matter, outcome_text="x", body=bodies["office"],
                                action=StepAction.DECIDE)
    assert "body" in refused.value.message_dict


def test_a_matter_is_voted_on_only_at_the_deciding_body(matter, secretariat, votes_contract):  # noqa: F811
    with pytest.raises(ValidationError):
        services.matter_put_to_vote(actor=secretariat, matter=matter, deadline=in_a_week())


def test_a_matter_has_one_open_step(matter, bodies):
    with pytest.raises(IntegrityError), transaction.atomic():
        MatterStep.objects.create(matter=matter, position=2, body=bodies["office"], level=Level.COORDINATION,
                                  action=StepAction.REVIEW, entered_on=matter.created_at.date())


def test_withdrawing_keeps_the_path(matter, secretariat, admin_a):
    with pytest.raises(PermissionDenied):
        services.matter_withdraw(actor=admin_a, matter=matter, reason="x")
    services.matter_withdraw(actor=secretariat, matter=matter, reason="并入其他事项。")
    matter.refresh_from_db()
    assert matter.status == MatterStatus.CLOSED and path(matter) == [
        ("议", Level.COORDINATION, StepAction.DRAFT, StepOutcome.WITHDRAWN)]


# --- admission ------------------------------------------------------------------------------------


@pytest.fixture
def application(db):
    organization = OrganizationFactory(status=OrganizationStatus.APPLICANT, name_zh="新申请科技有限公司")
    return MembershipApplication.objects.create(organization=organization, applicant=UserFactory(),
                                                statement="希望加入联合体。")


def test_admission_goes_to_the_council_when_the_settings_say_so(bodies, application, secretariat,
                                                                 votes_contract):  # noqa: F811
    services.settings_update(actor=secretariat, admission_needs_council_vote=True)
    members_services.application_approve(application=application, actor=secretariat)
    application.organization.refresh_from_db()
    assert application.organization.status == OrganizationStatus.APPLICANT
    matter = Matter.objects.get(kind=MatterKind.ADMISSION)
    assert matter.subject == application and "新申请科技有限公司" in matter.title
    assert path(matter) == [("理", Level.DECISION, StepAction.DECIDE, "")]
    decide(services.matter_put_to_vote(actor=secretariat, matter=matter, deadline=in_a_week()))
    application.organization.refresh_from_db()
    assert application.organization.status == OrganizationStatus.ACTIVE


def test_a_refused_admission_rejects_the_application(bodies, application, secretariat, votes_contract):  # noqa: F811
    services.settings_update(actor=secretariat, admission_needs_council_vote=True)
    members_services.application_approve(application=application, actor=secretariat)
    matter = Matter.objects.get(kind=MatterKind.ADMISSION)
    decide(services.matter_put_to_vote(actor=secretariat, matter=matter, deadline=in_a_week()), MotionStatus.REJECTED)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.organization.status == OrganizationStatus.APPLICANT


def test_without_the_setting_approval_admits_at_once(bodies, application, secretariat):
    members_services.application_approve(application=application, actor=secretariat)
    application.organization.refresh_from_db()
    assert application.organization.status == OrganizationStatus.ACTIVE
    assert not Matter.objects.exists()


def test_only_the_secretariat_changes_the_settings(admin_a):
    with pytest.raises(PermissionDenied):
        services.settings_update(actor=admin_a, admission_needs_council_vote=True)

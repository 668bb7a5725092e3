"""application_approved: an app above members may hold an approved organisation's admission for a
further decision (the council's vote); application_settle then admits it or rejects the application."""

import pytest

from members import services
from members.events import application_approved
from members.models import ApplicationStatus, MembershipApplication, OrganizationStatus
from members.tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(db):
    organization = OrganizationFactory(status=OrganizationStatus.APPLICANT, name_zh="申请中企业")
    return MembershipApplication.objects.create(organization=organization, applicant=UserFactory(),
                                                statement="希望加入联合体。")


@pytest.fixture
def holding():
    seen = []

    def hold(sender, application, actor, **kwargs):
        seen.append(application.pk)
        return True

    application_approved.connect(hold, dispatch_uid="test-hold")
    yield seen
    application_approved.disconnect(dispatch_uid="test-hold")


def test_without_a_holder_approval_admits_the_organisation(application, secretariat):
    services.application_approve(application=application, actor=secretariat)
    application.organization.refresh_from_db()
    assert application.organization.status == OrganizationStatus.ACTIVE


def test_a_holder_keeps_the_organisation_an_applicant_until_settled(application, secretariat, holding):
    services.application_approve(application=application, actor=secretariat)
    application.refresh_from_db()
    assert holding == [application.pk]
    assert application.status == ApplicationStatus.APPROVED
    assert application.organization.status == OrganizationStatus.APPLICANT

    services.application_settle(application=application, admitted=True, note="理事会通过")
    application.organization.refresh_from_db()
    assert application.organization.status == OrganizationStatus.ACTIVE and application.organization.joined_at


def test_a_refused_admission_rejects_the_application_with_the_reason(application, secretariat, holding):
    services.application_approve(application=application, actor=secretariat)
    services.application_settle(application=application, admitted=False, note="理事会未通过")
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == (ApplicationStatus.REJECTED, "理事会未通过")
    assert application.organization.status == OrganizationStatus.APPLICANT
    assert application.events.last().note == "理事会未通过"

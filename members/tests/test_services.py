import pytest
from django.utils import translation
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from members import notifications, services
from members.models import (
    ApplicationEventKind,
    ApplicationStatus,
    Invitation,
    Membership,
    MembershipApplication,
    Organization,
    OrganizationStatus,
    Role,
    User,
)
from members.demo import credit_code
from reference.models import Industry, Region

pytestmark = pytest.mark.django_db

ORG_FIELDS = {
    "kind": "enterprise",
    "name_zh": "新申请科技有限公司",
    "name_en": "New Applicant Tech",
    "credit_code": credit_code("320411", 424242),
    "contact_name": "钱经理",
    "contact_phone": "0519-80000000",
    "contact_email": "qian@example.cn",
}


def submit(**overrides):
    fields = {
        **ORG_FIELDS,
        "industry": Industry.objects.get(code="C39"),
        "region": Region.objects.get(code="320411"),
        **overrides.pop("organization", {}),
    }
    return services.application_submit(
        organization_fields=fields,
        username=overrides.get("username", "qian"),
        password=overrides.get("password", "Strong-Passw0rd-2026"),
        full_name="钱经理",
        email="qian@example.cn",
        statement="希望共建订单班。",
    )


def test_application_creates_applicant_organization_admin_and_application():
    application = submit()
    assert application.status == ApplicationStatus.PENDING
    assert application.organization.status == OrganizationStatus.APPLICANT
    assert Membership.objects.get(user=application.applicant).role == Role.ORG_ADMIN


def test_invalid_credit_code_is_refused_and_nothing_is_saved():
    bad = ORG_FIELDS["credit_code"][:-1] + ("0" if ORG_FIELDS["credit_code"][-1] != "0" else "1")
    with pytest.raises(ValidationError) as error:
        submit(organization={"credit_code": bad})
    assert "credit_code" in error.value.message_dict
    assert not Organization.objects.filter(name_zh=ORG_FIELDS["name_zh"]).exists()
    assert not User.objects.filter(username="qian").exists()


def test_duplicate_credit_code_is_refused_with_a_clear_message(org_a):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        submit(organization={"credit_code": org_a.credit_code})
    assert "already registered" in error.value.message_dict["credit_code"][0]
    assert not User.objects.filter(username="qian").exists()


def test_weak_password_is_refused_before_anything_is_saved():
    with pytest.raises(ValidationError) as error:
        submit(password="123")
    assert "password" in error.value.message_dict
    assert not Organization.objects.filter(name_zh=ORG_FIELDS["name_zh"]).exists()


def test_secretariat_approves_and_organization_becomes_active(secretariat, django_capture_on_commit_callbacks):
    application = submit()
    with django_capture_on_commit_callbacks(execute=False):
        services.application_approve(application=application, actor=secretariat)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.organization.status == OrganizationStatus.ACTIVE
    assert application.organization.joined_at is not None


def test_rejection_needs_a_reason(secretariat):
    application = submit()
    with pytest.raises(ValidationError):
        services.application_reject(application=application, actor=secretariat, reason="  ")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_decision_cannot_be_taken_twice(secretariat, django_capture_on_commit_callbacks):
    application = submit()
    with django_capture_on_commit_callbacks(execute=False):
        services.application_reject(application=application, actor=secretariat, reason="材料不全")
    with pytest.raises(ValidationError):
        services.application_approve(application=application, actor=secretariat)


def test_only_the_secretariat_decides(admin_a):
    application = submit()
    with pytest.raises(PermissionDenied):
        services.application_approve(application=application, actor=admin_a)


def test_rejected_applicant_may_apply_again(secretariat, django_capture_on_commit_callbacks):
    application = submit()
    with django_capture_on_commit_callbacks(execute=False):
        services.application_reject(application=application, actor=secretariat, reason="请补充合作计划")
    again = services.application_resubmit(application=application, actor=application.applicant, statement="已补充。")
    assert again.status == ApplicationStatus.PENDING
    assert MembershipApplication.objects.filter(organization=application.organization).count() == 2


def test_admin_invites_and_invitee_accepts_with_new_account(admin_a, org_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = services.invitation_create(
            organization=org_a, actor=admin_a, email="New.Hire@Example.cn", full_name="新员工", role=Role.ENGINEER
        )
    sending = [callback for callback in callbacks if callback.__qualname__.startswith("_send_after_commit")]
    assert len(sending) == 1, "the email is queued after commit"
    assert invitation.email == "new.hire@example.cn"
    assert notifications.invitation_send(invitation_id=invitation.pk) is True
    assert notifications.invitation_send(invitation_id=invitation.pk) is False, "a retried task sends nothing twice"
    assert len(mail.outbox) == 1 and invitation.get_accept_url() in mail.outbox[0].body
    membership = services.invitation_accept(invitation=invitation, username="newhire", password="Strong-Passw0rd-2026")
    assert membership.organization == org_a and membership.role == Role.ENGINEER
    again = services.invitation_accept(invitation=invitation, username="other", password="Strong-Passw0rd-2026")
    assert again == membership
    assert not User.objects.filter(username="other").exists()


def test_admin_cannot_invite_into_another_organization(admin_a, org_b):
    with pytest.raises(PermissionDenied):
        services.invitation_create(organization=org_b, actor=admin_a, email="x@example.cn", full_name="X", role=Role.HR)


def test_role_must_fit_the_organization_kind(admin_a, org_a):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(organization=org_a, actor=admin_a, email="x@example.cn", full_name="X", role=Role.STUDENT)
    assert "role" in error.value.message_dict


def test_last_administrator_cannot_be_removed(admin_a, org_a):
    membership = Membership.objects.get(user=admin_a, organization=org_a)
    with pytest.raises(ValidationError):
        services.membership_end(membership=membership, actor=admin_a)
    membership.refresh_from_db()
    assert membership.ended_at is None


def test_removed_person_keeps_the_record_but_loses_the_role(admin_a, member_a, org_a):
    membership = Membership.objects.get(user=member_a, organization=org_a)
    services.membership_end(membership=membership, actor=admin_a)
    membership.refresh_from_db()
    assert membership.ended_at is not None and membership.ended_by == admin_a
    assert not Membership.objects.active().filter(user=member_a).exists()


def test_every_service_write_is_in_the_audit_trail(admin_a, member_a, org_a):
    membership = Membership.objects.get(user=member_a, organization=org_a)
    services.membership_end(membership=membership, actor=admin_a)
    event = AuditEvent.objects.filter(object_id=str(membership.pk), action="update").latest("id")
    assert "ended_at" in event.changes
    assert event.content_type.model == "membership"


def test_invitations_about_to_expire_are_reminded_once(admin_a, org_a, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):
        soon = services.invitation_create(organization=org_a, actor=admin_a, email="soon@example.cn",
                                          full_name="快到期", role=Role.HR)
        later = services.invitation_create(organization=org_a, actor=admin_a, email="later@example.cn",
                                           full_name="还早", role=Role.HR)
    Invitation.objects.filter(pk=soon.pk).update(sent_at=timezone.now(), expires_at=timezone.now() + timedelta(days=1))
    Invitation.objects.filter(pk=later.pk).update(sent_at=timezone.now())

    assert notifications.invitation_reminders_send() == 1
    assert notifications.invitation_reminders_send() == 0, "nobody is reminded twice"
    assert [m.to for m in mail.outbox] == [["soon@example.cn"]]
    assert soon.get_accept_url() in mail.outbox[0].body


def test_a_withdrawn_invitation_is_never_emailed(admin_a, org_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        invitation = services.invitation_create(organization=org_a, actor=admin_a, email="gone@example.cn",
                                                full_name="撤回", role=Role.HR)
    services.invitation_revoke(invitation=invitation, actor=admin_a)
    assert notifications.invitation_send(invitation_id=invitation.pk) is False
    assert mail.outbox == []


def test_the_applicant_is_told_the_decision_once(secretariat, django_capture_on_commit_callbacks):
    application = submit()
    with django_capture_on_commit_callbacks(execute=False):
        services.application_reject(application=application, actor=secretariat, reason="请补充材料")
    step = application.events.get(kind=ApplicationEventKind.REJECTED)
    assert notifications.application_event_notify(event_id=step.pk) is True
    assert notifications.application_event_notify(event_id=step.pk) is False
    assert len(mail.outbox) == 1 and "请补充材料" in mail.outbox[0].body
    assert application.reference in mail.outbox[0].subject
    assert mail.outbox[0].to == ["qian@example.cn"]

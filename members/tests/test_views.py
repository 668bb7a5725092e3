"""The members pages as people use them: applying to join, deciding applications, running
an organisation's people, accepting invitations, the directory and one's own account.

Texts are compared as the visitor reads them on a default (Chinese) page, through the same
translation catalogue the page uses."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.exceptions import ValidationError
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.models import AuditEvent
from members import access, services
from members.demo import credit_code
from members.models import (
    ApplicationStatus,
    Invitation,
    Membership,
    MembershipApplication,
    Organization,
    OrganizationKind,
    OrganizationStatus,
    Role,
    User,
)
from members.tests.factories import OrganizationFactory, person
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, shows, zh

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Strong-Passw0rd-2026"


# --- applying to join ---------------------------------------------------------------------


def application_data(**overrides) -> dict:
    data = {
        "kind": OrganizationKind.ENTERPRISE,
        "name_zh": "常州新申请智能科技有限公司",
        "name_en": "Changzhou New Applicant Tech",
        "credit_code": credit_code("320411", 434343),
        "industry": "C39",
        "region": "320411",
        "address": "常州市新北区测试路1号",
        "website": "https://applicant.example.cn",
        "description": "工业机器人集成。",
        "contact_name": "钱经理",
        "contact_phone": "0519-80000000",
        "contact_email": "contact@applicant.example.cn",
        "statement": "希望与成员院校共建订单班。",
        "full_name": "钱经理",
        "email": "qian@applicant.example.cn",
        "phone": "13800000000",
        "username": "qian",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "attachments": licence_scan(),
    }
    data.update(overrides)
    return data


def licence_scan(name="营业执照.pdf", content=b"%PDF-1.4\n% a scanned business licence\n%%EOF\n"):
    """A fresh upload each time: the test client reads a file once."""
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def nothing_saved() -> bool:
    return (
        not Organization.objects.filter(name_zh=application_data()["name_zh"]).exists()
        and not User.objects.filter(username="qian").exists()
        and not MembershipApplication.objects.exists()
    )


def test_visitor_applies_and_lands_signed_in_on_the_pending_application(client):
    response = client.post(reverse("members:apply"), application_data())

    application = MembershipApplication.objects.get(organization__name_zh="常州新申请智能科技有限公司")
    assert response.status_code == 302
    assert response.url == application.get_absolute_url()
    page = client.get(response.url)
    assert page.status_code == 200
    assert page.context["user"].username == "qian", "the applicant is signed in"
    assert part(page, "application-status").text == zh("Pending review")
    assert part(page, "application-reference").text == application.reference
    assert shows(page, zh("Your application was submitted. Its reference number is %(reference)s.")
                 % {"reference": application.reference})
    assert zh("The secretariat is reviewing the application. Its answer reaches the applicant by e-mail.") in part(
        page, "next-step").text
    assert application.organization.status == OrganizationStatus.APPLICANT


def test_a_wrong_credit_code_is_shown_on_its_field_and_nothing_is_saved(client):
    code = application_data()["credit_code"]
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")

    response = client.post(reverse("members:apply"), application_data(credit_code=wrong))

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["credit_code"]
    assert shows(response, form.errors["credit_code"][0])
    assert zh("The check character of this unified social credit code is wrong; please check for a typing mistake.") \
        in form.errors["credit_code"]
    assert nothing_saved()


def test_an_organisation_already_registered_under_that_credit_code_is_named_on_the_field(client, org_a):
    response = client.post(reverse("members:apply"), application_data(credit_code=org_a.credit_code))

    assert response.status_code == 200
    message = zh("An organisation with this unified social credit code is already registered.")
    assert response.context["form"].errors["credit_code"] == [message]
    assert shows(response, message)
    assert nothing_saved()


def test_an_organisation_already_registered_under_that_name_is_named_on_the_field(client, org_a):
    response = client.post(reverse("members:apply"), application_data(name_zh=org_a.name_zh))

    assert response.status_code == 200
    message = zh("An organisation with this name is already registered.")
    assert response.context["form"].errors["name_zh"] == [message]
    assert shows(response, message)
    assert not User.objects.filter(username="qian").exists()
    assert not MembershipApplication.objects.exists()


@pytest.mark.parametrize("field,value,message", [
    ("statement", "加入" * 1001, None),
    ("description", "长" * 2001, None),
    ("address", "常州市\x00新北区", "Null characters are not allowed."),
])
def test_text_over_its_limit_or_with_a_nul_character_is_refused_on_its_field(client, field, value, message):
    response = client.post(reverse("members:apply"), application_data(**{field: value}))

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors == [zh(message)] if message else "2000" in errors[0]
    assert nothing_saved()


def test_a_taken_user_name_is_named_on_the_field(client, admin_a):
    response = client.post(reverse("members:apply"), application_data(username="ADMIN_A"))

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [zh("This user name is taken; please choose another.")]
    assert nothing_saved()


def test_two_different_passwords_are_refused(client):
    response = client.post(reverse("members:apply"), application_data(password2="Another-Passw0rd-2026"))

    assert response.status_code == 200
    assert response.context["form"].errors["password2"] == [zh("The two passwords differ.")]
    assert shows(response, zh("The two passwords differ."))
    assert nothing_saved()


def test_a_weak_password_is_refused_on_the_password_field(client):
    response = client.post(reverse("members:apply"), application_data(password1="12345678", password2="12345678"))

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert nothing_saved()


def test_a_member_is_sent_home_instead_of_applying_again(admin_a):
    response = client_for(admin_a).get(reverse("members:apply"))

    assert response.status_code == 302
    assert response.url == reverse("home")


# --- deciding applications ------------------------------------------------------------------


@pytest.fixture
def application(client):
    client.post(reverse("members:apply"), application_data())
    return MembershipApplication.objects.get()


def decide(client, application, decision, reason="", **kwargs):
    """A decision as the secretariat takes it: chosen, then confirmed."""
    data = {"decision": decision, "reason": reason, "confirmed": "1"}
    return client.post(application.get_absolute_url(), data, **kwargs)


def test_secretariat_approves_on_the_application_page(secretariat, application):
    client = client_for(secretariat)
    page = client.get(application.get_absolute_url())
    assert page.context["decision_form"] is not None

    response = decide(client, application, "approve", "欢迎加入。", follow=True)

    assert response.redirect_chain[-1][0] == reverse("members:application_list")
    assert zh("The application was approved; the organisation is now a member. The applicant has been told.") in (
        messages_on(response))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == secretariat
    assert application.organization.status == OrganizationStatus.ACTIVE


def test_rejecting_without_a_reason_shows_an_error_and_leaves_the_application_pending(secretariat, application):
    response = client_for(secretariat).post(application.get_absolute_url(), {"decision": "reject", "reason": "  "})

    assert response.status_code == 200
    message = zh("Please give the applicant a reason for the rejection.")
    assert response.context["decision_form"].errors["reason"] == [message]
    assert shows(response, message)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert part(response, "application-status").text == zh("Pending review")


def test_applicant_reads_the_rejection_and_its_reason(client, secretariat, application):
    decide(client_for(secretariat), application, "reject", "请补充合作计划。")

    page = client.get(application.get_absolute_url())  # the applicant, still signed in

    assert page.status_code == 200
    assert part(page, "application-status").text == zh("Rejected")
    assert "请补充合作计划。" in part(page, "step-note").text
    assert page.context["decision_form"] is None, "the applicant cannot decide"
    assert page.context["resubmit_form"] is not None, "the applicant may apply again"


def test_applicant_reads_the_approval(client, secretariat, application):
    decide(client_for(secretariat), application, "approve")

    page = client.get(application.get_absolute_url())

    assert part(page, "application-status").text == zh("Approved")


def test_rejected_applicant_applies_again_from_the_application_page(client, secretariat, application):
    decide(client_for(secretariat), application, "reject", "材料不全。")

    response = client.post(application.get_absolute_url(), {"statement": "已补充合作计划。"})

    fresh = MembershipApplication.objects.exclude(pk=application.pk).get()
    assert response.status_code == 302 and response.url == fresh.get_absolute_url()
    assert fresh.status == ApplicationStatus.PENDING


def test_applicant_cannot_decide_their_own_application(client, application):
    response = decide(client, application, "approve")

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_application_list_shows_pending_applications_to_the_secretariat(secretariat, application):
    response = client_for(secretariat).get(reverse("members:application_list"))

    assert response.status_code == 200
    table = part(response, "application-table")
    assert application.organization.name_zh in table.text
    assert application.get_absolute_url() in table.links


# --- an organisation's own details ------------------------------------------------------------


def test_org_admin_edit_form_offers_only_the_fields_they_may_change(admin_a, org_a):
    response = client_for(admin_a).get(reverse("members:organization_edit", args=[org_a.pk]))

    assert response.status_code == 200
    assert set(response.context["form"].fields) == set(access.SELF_EDITABLE_FIELDS)
    html = response.content.decode()
    for locked in ("kind", "name_zh", "credit_code", "is_lead_member"):
        assert f'name="{locked}"' not in html


def test_org_admin_saves_their_organisations_details(admin_a, org_a):
    data = {
        "name_en": "Enterprise A Ltd.",
        "industry": "C39",
        "region": "320411",
        "description": "精密零部件制造。",
        "website": "https://a.example.cn",
        "address": "常州市新北区甲路1号",
        "contact_name": "甲联系人",
        "contact_phone": "0519-81111111",
        "contact_email": "contact@a.example.cn",
        # Not on the form: ignored, the secretariat's to change.
        "name_zh": "改名企业有限公司",
        "credit_code": credit_code("320411", 1),
    }
    response = client_for(admin_a).post(reverse("members:organization_edit", args=[org_a.pk]), data, follow=True)

    assert response.redirect_chain[-1][0] == org_a.get_absolute_url()
    assert zh("The organisation's details were saved.") in messages_on(response)
    org_a.refresh_from_db()
    assert org_a.description == "精密零部件制造。"
    assert org_a.industry_id == "C39"
    assert org_a.name_zh == "甲企业有限公司"
    assert org_a.credit_code != credit_code("320411", 1)


def test_member_who_is_not_an_admin_cannot_edit_the_organisation(member_a, org_a):
    response = client_for(member_a).get(reverse("members:organization_edit", args=[org_a.pk]))

    assert response.status_code == 403


# --- people and invitations -------------------------------------------------------------------


def test_org_admin_invites_a_person_and_sees_the_open_invitation(admin_a, org_a):
    client = client_for(admin_a)

    response = client.post(
        reverse("members:invitation_create", args=[org_a.pk]),
        {"full_name": "新工程师", "email": "New.Engineer@Example.cn", "role": Role.ENGINEER},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("members:people", args=[org_a.pk])
    assert zh("An invitation was sent to %(email)s.", email="new.engineer@example.cn") in messages_on(response)
    invitations = part(response, "invitations")
    assert "新工程师" in invitations.text and "new.engineer@example.cn" in invitations.text
    assert Invitation.objects.get(organization=org_a).role == Role.ENGINEER


def test_inviting_with_a_role_the_organisation_does_not_have_is_refused(admin_a, org_a):
    response = client_for(admin_a).post(
        reverse("members:invitation_create", args=[org_a.pk]),
        {"full_name": "学生", "email": "student@example.cn", "role": Role.STUDENT},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert not Invitation.objects.exists()


def test_a_refused_invitation_keeps_what_was_typed(admin_a, org_a):
    response = client_for(admin_a).post(
        reverse("members:invitation_create", args=[org_a.pk]),
        {"full_name": "新工程师", "email": "not-an-address", "role": Role.ENGINEER},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="新工程师"' in page and 'value="not-an-address"' in page
    assert re.search(r'<option value="engineer" selected>', page)
    assert 'id="id_email_error"' in page
    assert not Invitation.objects.exists()


def test_org_admin_withdraws_an_invitation(admin_a, org_a):
    invitation = services.invitation_create(
        organization=org_a, actor=admin_a, email="later@example.cn", full_name="以后再说", role=Role.HR
    )
    client = client_for(admin_a)
    assert "later@example.cn" in part(client.get(reverse("members:people", args=[org_a.pk])), "invitations").text

    response = client.post(reverse("members:invitation_revoke", args=[invitation.pk]), follow=True)

    assert zh("The invitation was withdrawn.") in messages_on(response)
    assert "later@example.cn" not in part(response, "invitations").text
    assert reverse("members:invitation_revoke", args=[invitation.pk]) not in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_an_expired_invitation_is_sent_again_valid_for_a_new_period(admin_a, org_a, django_capture_on_commit_callbacks):
    from django.core import mail

    from members import notifications

    invitation = services.invitation_create(
        organization=org_a, actor=admin_a, email="slow@example.cn", full_name="慢一点", role=Role.HR
    )
    assert notifications.invitation_send(invitation_id=invitation.pk)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1), sent_at=timezone.now() - timedelta(days=15)
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(admin_a).post(reverse("members:invitation_resend", args=[invitation.pk]), follow=True)

    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    sending = [callback for callback in callbacks if callback.__qualname__.startswith("_send_after_commit")]
    assert len(sending) == 1, "the e-mail goes out after commit"
    assert notifications.invitation_send(invitation_id=invitation.pk) is True
    assert [message.to for message in mail.outbox] == [["slow@example.cn"]]
    assert invitation.get_accept_url() in mail.outbox[0].body, "the same link as before"
    assert any("slow@example.cn" in message for message in messages_on(response))


def test_sending_again_twice_in_a_minute_sends_once(admin_a, org_a):
    invitation = services.invitation_create(
        organization=org_a, actor=admin_a, email="twice@example.cn", full_name="两次", role=Role.HR
    )
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())

    response = client_for(admin_a).post(reverse("members:invitation_resend", args=[invitation.pk]), follow=True)

    assert zh("This invitation was sent a moment ago; please wait a minute before sending it again.") in (
        messages_on(response)
    )
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_a_withdrawn_invitation_is_not_sent_again(admin_a, org_a):
    invitation = services.invitation_create(
        organization=org_a, actor=admin_a, email="gone@example.cn", full_name="走了", role=Role.HR
    )
    services.invitation_revoke(invitation=invitation, actor=admin_a)

    with pytest.raises(ValidationError):
        services.invitation_resend(invitation=invitation, actor=admin_a)


def test_org_admin_removes_a_person_and_the_role_is_gone(admin_a, member_a, org_a):
    client = client_for(admin_a)
    assert "member_a" in part(client.get(reverse("members:people", args=[org_a.pk])), "people-table").text
    membership = Membership.objects.get(user=member_a, organization=org_a)

    response = client.post(reverse("members:membership_end", args=[membership.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("members:people", args=[org_a.pk])
    assert "member_a" not in part(response, "people-table").text
    assert not Membership.objects.active().filter(user=member_a).exists()
    home = client_for(member_a).get(reverse("members:account"))
    assert zh("You have no role in any organisation.") in part(home, "my-roles").text


def test_the_last_administrator_cannot_be_removed_and_is_told_why(admin_a, org_a, secretariat):
    membership = Membership.objects.get(user=admin_a, organization=org_a)

    response = client_for(secretariat).post(reverse("members:membership_end", args=[membership.pk]), follow=True)

    message = zh("An organisation needs at least one administrator; appoint another first.")
    assert message in messages_on(response)
    assert shows(response, message)
    membership.refresh_from_db()
    assert membership.ended_at is None


def test_an_administrator_cannot_remove_their_own_role(admin_a, org_a):
    other_admin = person(org_a, Role.ORG_ADMIN)
    membership = Membership.objects.get(user=admin_a, organization=org_a)

    response = client_for(admin_a).post(reverse("members:membership_end", args=[membership.pk]), follow=True)

    assert zh("You cannot remove your own role; ask another administrator.") in messages_on(response)
    membership.refresh_from_db()
    assert membership.ended_at is None and other_admin.memberships.get().ended_at is None


def test_people_page_searches_by_name(admin_a, member_a, org_a):
    response = client_for(admin_a).get(reverse("members:people", args=[org_a.pk]), {"q": "member_a"})

    table = part(response, "people-table").text
    assert "member_a" in table and "admin_a" not in table


# --- accepting an invitation ------------------------------------------------------------------


@pytest.fixture
def invitation(admin_a, org_a):
    return services.invitation_create(
        organization=org_a, actor=admin_a, email="newhire@example.cn", full_name="吴新人", role=Role.ENGINEER
    )


def test_invitee_creates_an_account_and_is_signed_in(client, invitation, org_a):
    page = client.get(invitation.get_accept_url())
    assert page.status_code == 200 and page.context["form"] is not None

    response = client.post(
        invitation.get_accept_url(),
        {"username": "newhire", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("home")
    user = User.objects.get(username="newhire")
    assert response.context["user"] == user, "the new account is signed in"
    assert user.email == "newhire@example.cn" and user.full_name == "吴新人"
    assert Membership.objects.active().filter(user=user, organization=org_a, role=Role.ENGINEER).exists()
    assert zh("Welcome to %(organization)s.", organization=org_a.name_zh) in messages_on(response)


def test_invitee_with_differing_passwords_is_told_and_no_account_is_made(client, invitation):
    response = client.post(
        invitation.get_accept_url(),
        {"username": "newhire", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password2"] == [zh("The two passwords differ.")]
    assert not User.objects.filter(username="newhire").exists()


def test_signed_in_person_accepts_an_invitation_with_their_account(invitation, org_a, student):
    response = client_for(student).post(invitation.get_accept_url())

    assert response.status_code == 302
    assert Membership.objects.active().filter(user=student, organization=org_a, role=Role.ENGINEER).exists()


@pytest.mark.parametrize("closed", ["expired", "withdrawn"])
def test_a_closed_invitation_says_it_is_no_longer_valid(client, invitation, closed):
    if closed == "expired":
        invitation.expires_at = timezone.now() - timedelta(minutes=1)
    else:
        invitation.revoked_at = timezone.now()
    invitation.save()
    message = zh("This invitation is no longer valid. Ask the organisation to invite you again.")

    page = client.get(invitation.get_accept_url())
    posted = client.post(
        invitation.get_accept_url(), {"username": "newhire", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    for response in (page, posted):
        assert response.status_code == 200
        assert shows(response, message)
        assert "password1" not in response.content.decode()
    assert not User.objects.filter(username="newhire").exists()


def test_an_unknown_invitation_link_answers_not_found(client):
    assert client.get(reverse("members:invitation_accept", args=["no-such-token"])).status_code == 404


# --- the member directory -----------------------------------------------------------------------


def test_directory_searches_by_name(client, org_a, org_b):
    response = client.get(reverse("members:organization_list"), {"q": "甲企业"})

    table = part(response, "organization-table").text
    assert "甲企业有限公司" in table and "乙企业有限公司" not in table


def test_directory_searches_by_english_name(client, org_a, org_b):
    table = part(client.get(reverse("members:organization_list"), {"q": "enterprise b"}), "organization-table").text

    assert "乙企业有限公司" in table and "甲企业有限公司" not in table


def test_directory_filters_by_kind(client, org_a, school):
    response = client.get(reverse("members:organization_list"), {"kind": OrganizationKind.HIGHER_VOCATIONAL})

    table = part(response, "organization-table").text
    assert "测试职业技术学院" in table and "甲企业有限公司" not in table


def test_directory_hides_applicants_from_visitors(client, org_a):
    OrganizationFactory(name_zh="申请中有限公司", status=OrganizationStatus.APPLICANT)

    table = part(client.get(reverse("members:organization_list")), "organization-table").text

    assert "甲企业有限公司" in table and "申请中有限公司" not in table


def test_directory_shows_25_organisations_a_page(client):
    OrganizationFactory.create_batch(30)
    url = reverse("members:organization_list")

    first, second = client.get(url), client.get(url, {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    first_names = {org.name_zh for org in first.context["page"]}
    second_names = {org.name_zh for org in second.context["page"]}
    assert not first_names & second_names
    assert "?page=2" in first.content.decode()


def test_directory_says_so_when_nothing_matches(client, org_a):
    response = client.get(reverse("members:organization_list"), {"q": "不存在的单位"})

    assert zh("No organisation matches your search.") in part(response, "organization-table").text


# --- one's own account ------------------------------------------------------------------------


def test_person_saves_their_profile(member_a):
    client = client_for(member_a)

    response = client.post(
        reverse("members:account"),
        {"full_name": "甲人事", "email": "hr@a.example.cn", "phone": "13900000000"},
        follow=True,
    )

    assert zh("Your profile was saved.") in messages_on(response)
    member_a.refresh_from_db()
    assert (member_a.full_name, member_a.email, member_a.phone) == ("甲人事", "hr@a.example.cn", "13900000000")
    assert "甲人事" in part(response, "account-link").text


def test_the_account_page_offers_no_personal_api_token(admin_a):
    """API access belongs to organisations (their API keys), not to people."""
    body = client_for(admin_a).get(reverse("members:account")).content.decode()

    assert zh("API token") not in body
    assert 'data-testid="api-token"' not in body


# --- query counts: pages stay fast as rows grow ---------------------------------------------------




def _add_organizations(n):
    OrganizationFactory.create_batch(n, industry_id="C39")


def _add_people(organization, n):
    for _number in range(n):
        person(organization, Role.ENGINEER)
    for i in range(n):
        Invitation.objects.create(
            organization=organization, email=f"invitee{Invitation.objects.count()}@example.cn", full_name=f"受邀{i}",
            role=Role.HR, invited_by=Membership.objects.filter(organization=organization).first().user,
            expires_at=timezone.now() + timedelta(days=7),
        )


def _add_applications(n):
    for _number in range(n):
        organization = OrganizationFactory(status=OrganizationStatus.APPLICANT)
        applicant = person(organization, Role.ORG_ADMIN)
        MembershipApplication.objects.create(organization=organization, applicant=applicant, statement="申请。")


def _add_audit_events(n):
    for organization in OrganizationFactory.create_batch(n):
        actor = person(organization, Role.ORG_ADMIN)
        AuditEvent.objects.create(
            actor=actor, actor_label=actor.username, organization=organization, action="update", source="site",
            object_repr=str(organization), changes={"description": ["", "新"]}, ip_address="203.0.113.7",
        )


def test_directory_uses_the_same_number_of_queries_for_more_organisations(client, secretariat):
    url = reverse("members:organization_list")
    _add_organizations(5)
    queries_for(client, url)  # warm caches (content types, sessions)
    few = queries_for(client, url)
    _add_organizations(15)
    assert queries_for(client, url) == few
    signed_in = client_for(secretariat)
    queries_for(signed_in, url)
    few = queries_for(signed_in, url)
    _add_organizations(15)
    assert queries_for(signed_in, url) == few


def test_people_page_uses_the_same_number_of_queries_for_more_people(admin_a, org_a):
    client, url = client_for(admin_a), reverse("members:people", args=[org_a.pk])
    _add_people(org_a, 3)
    queries_for(client, url)
    few = queries_for(client, url)

    _add_people(org_a, 9)

    assert queries_for(client, url) == few


def test_application_list_uses_the_same_number_of_queries_for_more_applications(secretariat):
    client, url = client_for(secretariat), reverse("members:application_list")
    _add_applications(3)
    queries_for(client, url)
    few = queries_for(client, url)

    _add_applications(9)

    assert queries_for(client, url) == few


def test_audit_trail_uses_the_same_number_of_queries_for_more_events(secretariat):
    """Names in the changes are read with one query per kind of thing on the page, however
    many events there are: a page of the same kinds of events costs the same."""
    client, url = client_for(secretariat), reverse("audit_list")
    _add_audit_events(20)
    queries_for(client, url)
    one_page = queries_for(client, url)

    _add_audit_events(40)

    assert AuditEvent.objects.count() >= 150
    assert queries_for(client, url) == one_page


@pytest.mark.django_db
def test_a_credit_code_typed_with_spaces_is_accepted_and_stored_compact(client):
    code = credit_code("320411", 515151)
    spaced = f"{code[:2]} {code[2:8]} {code[8:17]} {code[17]}".lower()
    response = client.post(reverse("members:apply"), {
        "kind": "enterprise", "name_zh": "空格代码科技有限公司", "credit_code": spaced, "region": "320411",
        "contact_name": "赵", "contact_phone": "0519-1", "contact_email": "z@example.cn", "statement": "加入",
        "full_name": "赵", "email": "z@example.cn", "username": "spaced", "password1": "Strong-Passw0rd-2026",
        "password2": "Strong-Passw0rd-2026", "attachments": licence_scan(),
    })
    assert response.status_code == 302
    assert Organization.objects.get(name_zh="空格代码科技有限公司").credit_code == code


def test_a_visitor_served_from_the_cache_costs_no_query(client, org_a):
    url = reverse("members:organization_list")
    queries_for(client, url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) == 0


def test_members_who_see_the_same_organisations_share_one_rendering(admin_a, outsider, org_a):
    url = reverse("members:organization_list")
    cache.clear()
    client_for(admin_a).get(url)
    with CaptureQueriesContext(connection) as captured:
        page = client_for(outsider).get(url)
    assert not any("members_organization" in q["sql"] and "LIMIT" in q["sql"] for q in captured.captured_queries)
    assert "甲企业有限公司" in page.content.decode()


# --- the people page: each person once ------------------------------------------------------------


def test_the_people_page_lists_each_person_once_with_all_their_roles(admin_a, member_a, org_a):
    services.membership_grant(actor=admin_a, user=member_a, organization=org_a, role=Role.ENGINEER)

    response = client_for(admin_a).get(reverse("members:people", args=[org_a.pk]))

    row = part(response, "person-member_a").text
    with translation.override("zh-hans"):
        assert str(Role.HR.label) in row and str(Role.ENGINEER.label) in row
    assert part(response, "people-table").text.count("member_a") == 1
    people = Membership.objects.active().filter(organization=org_a).values("user").distinct().count()
    with translation.override("zh-hans"):
        counted = ngettext("%(total)s person", "%(total)s people", people) % {"total": people}
    assert part(response, "people-count").text == counted


def test_the_people_page_filters_by_role(admin_a, member_a, org_a):
    response = client_for(admin_a).get(reverse("members:people", args=[org_a.pk]), {"role": Role.ORG_ADMIN})

    table = part(response, "people-table").text
    assert "admin_a" in table and "member_a" not in table


def test_a_role_the_organisation_cannot_have_filters_nothing_away(admin_a, member_a, org_a):
    response = client_for(admin_a).get(reverse("members:people", args=[org_a.pk]), {"role": "student"})

    table = part(response, "people-table").text
    assert "admin_a" in table and "member_a" in table


# --- the credit code fits the kind -----------------------------------------------------------------


def test_an_enterprise_code_is_refused_for_a_government_body_saying_why(client):
    response = client.post(reverse("members:apply"), application_data(kind=OrganizationKind.GOVERNMENT))

    assert response.status_code == 200
    [message] = response.context["form"].errors["credit_code"]
    with translation.override("zh-hans"):
        assert "91" in message and "11" in message
        assert str(_("an enterprise")) in message
    assert nothing_saved()


def test_an_association_applies_with_a_social_organisation_code(client):
    data = application_data(kind=OrganizationKind.INDUSTRY_ASSOCIATION,
                            credit_code=credit_code("320411", 515152, "51"), industry="S94")

    assert client.post(reverse("members:apply"), data).status_code == 302


def test_a_private_school_s_code_is_accepted_for_a_school(client):
    data = application_data(kind=OrganizationKind.HIGHER_VOCATIONAL,
                            credit_code=credit_code("320411", 515153, "52"), industry="P83")

    assert client.post(reverse("members:apply"), data).status_code == 302


def test_the_region_is_read_from_the_credit_code_when_left_empty(client):
    data = application_data(region="", credit_code=credit_code("320412", 515154))

    assert client.post(reverse("members:apply"), data).status_code == 302
    assert Organization.objects.get(name_zh=data["name_zh"]).region_id == "320412"


def test_a_region_the_code_does_not_name_must_be_chosen(client):
    data = application_data(region="", credit_code=credit_code("110101", 515155))

    response = client.post(reverse("members:apply"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["region"] == [
        zh("Choose the county or district: it could not be read from the credit code.")
    ]
    assert nothing_saved()

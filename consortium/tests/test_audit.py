"""The audit trail: every write through the site, the API and the admin console, and every
sign-in, is recorded with who, for which organisation, what, through which door and from
where; the secretariat browses it and nobody else may."""

import json
import re
from datetime import datetime

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from rest_framework.test import APIClient

from core.audit import MASK
from core.models import AuditEvent
from members import services
from members.demo import credit_code
from members.models import ApiKey, Invitation, Membership, MembershipApplication, Organization, OrganizationStatus, Role, User
from members.tests.factories import OrganizationFactory, person
from members.tests.test_views import application_data
from tests.fixtures import PASSWORD, client_for
from tests.pages import part, zh

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"


def events_for(instance, action=None):
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    )
    return events.filter(action=action) if action else events


def everything_recorded() -> str:
    """The whole trail as text, to look for secrets in."""
    return json.dumps(
        list(AuditEvent.objects.values("object_id", "object_repr", "changes")), ensure_ascii=False, default=str
    )


def changed(event) -> dict:
    """The fields an event says changed, without the bookkeeping timestamp."""
    return {name: pair for name, pair in event.changes.items() if name != "updated_at"}


def org_edit_data(organization, **changes):
    data = {
        "name_en": organization.name_en,
        "industry": organization.industry_id or "",
        "region": organization.region_id,
        "description": organization.description,
        "website": organization.website,
        "address": organization.address,
        "contact_name": organization.contact_name,
        "contact_phone": organization.contact_phone,
        "contact_email": organization.contact_email,
    }
    data.update(changes)
    return data


# --- through the site ---------------------------------------------------------------------------


def test_an_organisation_edit_on_the_site_is_recorded_with_who_what_and_where(admin_a, org_a):
    client_for(admin_a).post(
        reverse("members:organization_edit", args=[org_a.pk]),
        org_edit_data(org_a, description="精密零部件制造。", contact_phone="0519-82222222"),
        REMOTE_ADDR=IP,
    )

    event = events_for(org_a, "update").get()
    assert event.actor == admin_a and event.actor_label == "admin_a"
    assert event.organization == org_a
    assert event.source == AuditEvent.Source.SITE
    assert event.ip_address == IP
    assert event.object_repr == "甲企业有限公司"
    assert event.changes["description"] == ["", "精密零部件制造。"]
    assert event.changes["contact_phone"] == ["0519-88880000", "0519-82222222"]
    assert "name_zh" not in event.changes, "only what changed is listed"


def test_saving_an_unchanged_form_records_nothing(admin_a, org_a):
    client_for(admin_a).post(reverse("members:organization_edit", args=[org_a.pk]), org_edit_data(org_a))

    assert not events_for(org_a, "update").exists()


def test_an_invitation_sent_on_the_site_is_recorded_as_created_without_its_secret_token(admin_a, org_a):
    client_for(admin_a).post(
        reverse("members:invitation_create", args=[org_a.pk]),
        {"full_name": "新工程师", "email": "engineer@example.cn", "role": Role.ENGINEER},
        REMOTE_ADDR=IP,
    )

    invitation = Invitation.objects.get()
    event = events_for(invitation, "create").get()
    assert (event.actor, event.organization, event.source, event.ip_address) == (admin_a, org_a, "site", IP)
    assert event.changes["email"] == [None, "engineer@example.cn"]
    assert event.changes["token"] == [MASK, MASK]
    assert invitation.token not in everything_recorded()


def test_removing_a_person_on_the_site_is_recorded(admin_a, member_a, org_a):
    membership = Membership.objects.get(user=member_a)

    client_for(admin_a).post(reverse("members:membership_end", args=[membership.pk]), REMOTE_ADDR=IP)

    event = events_for(membership, "update").get()
    assert (event.actor, event.source, event.ip_address) == (admin_a, "site", IP)
    assert set(event.changes) == {"ended_at", "ended_by_id"}
    assert event.changes["ended_by_id"] == [None, admin_a.pk]


def test_an_api_key_created_on_the_site_is_recorded_without_its_hash_or_secret(admin_a, org_a, secretariat):
    response = client_for(admin_a).post(
        reverse("members:api_keys", args=[org_a.pk]), {"name": "人事系统", "scope_members": "read"}, REMOTE_ADDR=IP
    )
    full_key = part(response, "full-key").text
    api_key = ApiKey.objects.get(organization=org_a)

    created = events_for(api_key, "create").get()
    assert (created.actor, created.organization, created.source, created.ip_address) == (admin_a, org_a, "site", IP)
    assert created.changes["key_hash"] == [MASK, MASK]
    recorded = everything_recorded()
    assert full_key not in recorded and api_key.key_hash not in recorded
    page = client_for(secretariat).get(reverse("audit_list")).content.decode()
    assert full_key not in page and api_key.key_hash not in page


def test_a_password_hash_never_appears_in_the_trail(client):
    client.post(reverse("members:apply"), application_data(), REMOTE_ADDR=IP)
    applicant = User.objects.get(username="qian")
    first_hash = applicant.password
    client.post(
        reverse("password_change"),
        {"old_password": application_data()["password1"], "new_password1": "Another-Passw0rd-2026",
         "new_password2": "Another-Passw0rd-2026"},
    )
    applicant.refresh_from_db()
    assert applicant.password != first_hash, "the password was changed"

    created = events_for(applicant, "create").get()
    assert created.changes["password"] == [MASK, MASK]
    assert created.source == "site" and created.ip_address == IP
    changed = events_for(applicant, "update").get()
    assert changed.changes == {"password": [MASK, MASK]}
    recorded = everything_recorded()
    assert first_hash not in recorded and applicant.password not in recorded


# --- through the API -------------------------------------------------------------------------------


def test_an_organisation_patched_through_the_api_is_recorded_as_api(admin_a, org_a):
    api = APIClient()
    api.force_authenticate(admin_a)

    response = api.patch(
        f"/api/v1/organizations/{org_a.pk}/", {"description": "接口修改。"}, format="json", REMOTE_ADDR=IP
    )

    assert response.status_code == 200
    event = events_for(org_a, "update").get()
    assert (event.actor, event.organization, event.source, event.ip_address) == (admin_a, org_a, "api", IP)
    assert changed(event) == {"description": ["", "接口修改。"]}


def test_an_api_call_with_a_key_is_attributed_to_the_key_and_its_organisation(admin_a, org_a):
    api_key, full_key = services.api_key_create(
        organization=org_a, actor=admin_a, name="官网同步", scopes=["members:write"]
    )
    api = APIClient()

    response = api.patch(
        f"/api/v1/organizations/{org_a.pk}/", {"website": "https://a.example.cn"}, format="json",
        HTTP_AUTHORIZATION=f"Bearer {full_key}", REMOTE_ADDR=IP,
    )

    assert response.status_code == 200
    event = events_for(org_a, "update").get()
    assert (event.actor, event.actor_label, event.organization, event.source, event.ip_address) == (
        None, f"api-key:{api_key.prefix}", org_a, "api", IP,
    )
    assert changed(event) == {"website": ["", "https://a.example.cn"]}


def test_an_organisation_registered_through_the_api_is_recorded_as_created(secretariat, government):
    api = APIClient()
    api.force_authenticate(secretariat)
    response = api.post(
        "/api/v1/organizations/",
        {"kind": "enterprise", "name_zh": "接口新单位有限公司", "credit_code": credit_code("320411", 515151),
         "region": "320411", "contact_name": "联系人", "contact_phone": "0519-80000000",
         "contact_email": "c@example.cn"},
        format="json", REMOTE_ADDR=IP,
    )

    assert response.status_code == 201, response.data
    created = Organization.objects.get(name_zh="接口新单位有限公司")
    event = events_for(created, "create").get()
    # Filed under the organisation the object belongs to, not the secretariat's own.
    assert (event.actor, event.organization, event.source, event.ip_address) == (secretariat, created, "api", IP)


# --- through the admin console -------------------------------------------------------------------


def admin_change_data(organization, **changes) -> dict:
    data = {
        "kind": organization.kind,
        "name_zh": organization.name_zh,
        "name_en": organization.name_en,
        "credit_code": organization.credit_code,
        "industry": organization.industry_id or "",
        "region": organization.region_id,
        "description": organization.description,
        "website": organization.website,
        "address": organization.address,
        "contact_name": organization.contact_name,
        "contact_phone": organization.contact_phone,
        "contact_email": organization.contact_email,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    if organization.is_lead_member:
        data["is_lead_member"] = "on"
    data.update(changes)
    return data


def test_an_organisation_changed_in_the_admin_console_is_recorded_as_admin(secretariat, government):
    organization = OrganizationFactory(name_zh="控制台单位有限公司")
    client = client_for(secretariat)
    url = reverse("admin:members_organization_change", args=[organization.pk])
    assert client.get(url).context["inline_admin_formsets"][0].formset.prefix == "memberships"

    response = client.post(url, admin_change_data(organization, name_zh="控制台改名有限公司"), REMOTE_ADDR=IP)

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    event = events_for(organization, "update").get()
    assert (event.actor, event.organization, event.source, event.ip_address) == (secretariat, organization, "admin", IP)
    assert changed(event) == {"name_zh": ["控制台单位有限公司", "控制台改名有限公司"]}


def test_an_organisation_added_in_the_admin_console_is_recorded_as_created(secretariat):
    draft = Organization(
        kind="enterprise", name_zh="控制台新单位有限公司", name_en="", credit_code=credit_code("320411", 616161),
        industry_id="C34", region_id="320411", contact_name="联系人", contact_phone="0519-80000000",
        contact_email="c@example.cn",
    )

    response = client_for(secretariat).post(
        reverse("admin:members_organization_add"), admin_change_data(draft), REMOTE_ADDR=IP
    )

    assert response.status_code == 302
    created = Organization.objects.get(name_zh="控制台新单位有限公司")
    event = events_for(created, "create").get()
    assert (event.actor, event.source, event.ip_address) == (secretariat, "admin", IP)
    assert event.changes["status"] == [None, OrganizationStatus.ACTIVE]


def test_suspending_with_the_admin_action_is_recorded_as_admin(secretariat, government, org_a):
    response = client_for(secretariat).post(
        reverse("admin:members_organization_changelist"),
        {"action": "suspend", "_selected_action": [org_a.pk]},
        REMOTE_ADDR=IP,
    )

    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.status == OrganizationStatus.SUSPENDED
    event = events_for(org_a, "update").get()
    assert (event.actor, event.organization, event.source, event.ip_address) == (secretariat, org_a, "admin", IP)
    assert changed(event) == {"status": ["active", "suspended"]}


def test_an_organisation_deleted_in_the_admin_console_is_recorded_with_what_it_was(secretariat):
    organization = OrganizationFactory(name_zh="将删除有限公司")
    pk = organization.pk

    response = client_for(secretariat).post(
        reverse("admin:members_organization_delete", args=[pk]), {"post": "yes"}, REMOTE_ADDR=IP
    )

    assert response.status_code == 302
    assert not Organization.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action="delete", object_id=str(pk), content_type__model="organization")
    assert (event.actor, event.source, event.ip_address) == (secretariat, "admin", IP)
    assert event.object_repr == "将删除有限公司"
    assert event.changes["name_zh"] == ["将删除有限公司", None]


# --- signing in ---------------------------------------------------------------------------------------


def test_a_sign_in_is_recorded_with_the_address(client, admin_a, org_a):
    response = client.post(reverse("login"), {"username": "admin_a", "password": PASSWORD}, REMOTE_ADDR=IP)

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="login")
    assert (event.actor, event.organization, event.source, event.ip_address) == (admin_a, org_a, "site", IP)


def test_a_failed_sign_in_is_recorded_with_the_user_name_tried(client, admin_a):
    response = client.post(reverse("login"), {"username": "admin_a", "password": "wrong-password"}, REMOTE_ADDR=IP)

    assert response.status_code == 200
    event = AuditEvent.objects.get(action="login_failed")
    assert event.object_repr == "admin_a"
    assert event.ip_address == IP and event.source == "site"
    assert event.actor is None
    assert "wrong-password" not in everything_recorded()


def test_signing_out_is_recorded(admin_a):
    client = client_for(admin_a)

    client.post(reverse("logout"), REMOTE_ADDR=IP)

    event = AuditEvent.objects.get(action="logout")
    assert (event.actor, event.ip_address) == (admin_a, IP)


# --- the secretariat's audit page -------------------------------------------------------------------


def at(day: int) -> datetime:
    return timezone.make_aware(datetime(2026, 3, day, 12, 0))


@pytest.fixture
def trail(admin_a, org_a, outsider, org_b):
    """Events with distinct object names, to see which ones a filter keeps."""
    AuditEvent.objects.all().delete()  # sign-ins of the personas' set-up
    rows = [
        ("甲-网页修改", admin_a, org_a, "update", "site", 1),
        ("甲-接口新建", admin_a, org_a, "create", "api", 5),
        ("乙-控制台删除", outsider, org_b, "delete", "admin", 10),
        ("乙-登录", outsider, org_b, "login", "site", 20),
    ]
    for label, actor, organization, action, source, day in rows:
        AuditEvent.objects.create(
            object_repr=label, actor=actor, actor_label=actor.username, organization=organization,
            action=action, source=source, occurred_at=at(day), ip_address=IP,
        )
    return [row[0] for row in rows]


def shown(secretariat, **filters) -> set[str]:
    response = client_for(secretariat).get(reverse("audit_list"), filters)
    assert response.status_code == 200
    text = part(response, "audit-table").text
    return {label for label in ("甲-网页修改", "甲-接口新建", "乙-控制台删除", "乙-登录") if label in text}


def test_audit_page_lists_every_event_newest_first(secretariat, trail):
    response = client_for(secretariat).get(reverse("audit_list"))

    text = part(response, "audit-table").text
    positions = [text.index(label) for label in reversed(trail)]
    assert positions == sorted(positions)
    assert IP in text


def test_audit_page_filters_by_action(secretariat, trail):
    assert shown(secretariat, action="delete") == {"乙-控制台删除"}


def test_audit_page_filters_by_source(secretariat, trail):
    assert shown(secretariat, source="site") == {"甲-网页修改", "乙-登录"}
    assert shown(secretariat, source="api") == {"甲-接口新建"}


def test_audit_page_filters_by_organisation(secretariat, trail, org_b):
    assert shown(secretariat, organization=org_b.pk) == {"乙-控制台删除", "乙-登录"}


def test_audit_page_filters_by_user_name_in_any_case(secretariat, trail):
    assert shown(secretariat, actor="ADMIN_A") == {"甲-网页修改", "甲-接口新建"}


def test_audit_page_filters_by_date_range(secretariat, trail):
    assert shown(secretariat, since="2026-03-05", until="2026-03-10") == {"甲-接口新建", "乙-控制台删除"}
    assert shown(secretariat, since="2026-03-11") == {"乙-登录"}


def test_audit_page_combines_filters(secretariat, trail, org_a):
    assert shown(secretariat, organization=org_a.pk, source="api") == {"甲-接口新建"}


def test_audit_page_says_so_when_nothing_matches(secretariat, trail):
    response = client_for(secretariat).get(reverse("audit_list"), {"action": "logout"})

    assert zh("No events match these filters.") in part(response, "audit-table").text


def test_audit_page_names_changed_fields_as_the_forms_do(admin_a, org_a, secretariat):
    client_for(admin_a).post(
        reverse("members:organization_edit", args=[org_a.pk]), org_edit_data(org_a, contact_phone="0519-82222222")
    )

    response = client_for(secretariat).get(reverse("audit_list"), {"action": "update"})

    text = part(response, "audit-table").text
    assert f"{zh('contact phone')} 0519-88880000 → 0519-82222222" in text
    assert "contact_phone" not in text


def test_audit_page_folds_a_new_objects_fields_under_their_count(admin_a, org_a, secretariat):
    client_for(admin_a).post(
        reverse("members:invitation_create", args=[org_a.pk]),
        {"full_name": "新工程师", "email": "engineer@example.cn", "role": Role.ENGINEER},
    )
    created = events_for(Invitation.objects.get(), "create").get()

    response = client_for(secretariat).get(
        reverse("audit_list"), {"action": "create", "content_type": created.content_type_id}
    )

    with translation.override("zh-hans"):
        count = len(created.changes)
        summary = ngettext("%(counter)s field", "%(counter)s fields", count) % {"counter": count}
    folded = re.search(r"<details[^>]*>\s*<summary>(.*?)</summary>(.*?)</details>", response.content.decode(), re.S)
    assert folded, "the new invitation's fields are not folded"
    assert folded.group(1) == summary
    assert f"<dt>{zh('invited by')}</dt><dd>{admin_a.display_name}</dd>" in folded.group(2)
    assert "invited_by_id" not in response.content.decode()


@pytest.mark.parametrize("persona", ["admin_a", "member_a", "student", "officer"])
def test_only_the_secretariat_may_read_the_audit_trail(request, persona, trail):
    user = request.getfixturevalue(persona)

    response = client_for(user).get(reverse("audit_list"))

    assert response.status_code == 403
    assert "甲-网页修改" not in response.content.decode()


def test_a_visitor_is_asked_to_sign_in_for_the_audit_trail(client, trail):
    response = client.get(reverse("audit_list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_approved_application_is_recorded_as_a_named_decision_beside_its_field_changes(secretariat, client):
    from members.services import application_approve

    applicant_org = OrganizationFactory(status=OrganizationStatus.APPLICANT)
    application = MembershipApplication.objects.create(
        organization=applicant_org, applicant=person(applicant_org, Role.ORG_ADMIN), statement="申请加入。"
    )

    application_approve(application=application, actor=secretariat, reason="材料齐全")

    decision = AuditEvent.objects.get(event="application.approved")
    assert (decision.actor, decision.organization, decision.object_id) == (secretariat, applicant_org, str(application.pk))
    page = client_for(secretariat).get(reverse("audit_list"), {"action": "event"})
    assert zh("Membership application approved") in page.content.decode()
    assert "材料齐全" in page.content.decode()


def test_approving_an_application_already_decided_in_the_console_says_so(secretariat):
    applicant_org = OrganizationFactory(status=OrganizationStatus.APPLICANT, name_zh="已决定科技有限公司")
    application = MembershipApplication.objects.create(
        organization=applicant_org, applicant=person(applicant_org, Role.ORG_ADMIN), statement="申请加入。",
        status="rejected", decided_at=timezone.now(), decision_reason="材料不全",
    )

    console = client_for(secretariat)
    url = reverse("admin:members_membershipapplication_changelist")
    asked = console.post(url, {"action": "approve", "_selected_action": [application.pk]})
    assert zh("Please confirm: these applications will be approved, their organisations become members, and each "
              "applicant is told by e-mail.") in asked.content.decode()
    assert application.reference in asked.content.decode()
    response = console.post(url, {"action": "approve", "_selected_action": [application.pk], "post": "yes"},
                            follow=True)

    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert any("已决定科技有限公司" in text and zh("This application is not waiting for a decision.") in text
               for text in shown)
    application.refresh_from_db()
    assert application.status == "rejected"


# --- read as people read it -----------------------------------------------------------------------


def test_values_are_shown_by_their_labels_and_names_not_codes_or_ids(secretariat, org_a, admin_a, member_a):
    services.membership_grant(actor=admin_a, user=member_a, organization=org_a, role=Role.ENGINEER)
    services.organization_set_status(organization=org_a, actor=secretariat, status=OrganizationStatus.SUSPENDED)

    text = part(client_for(secretariat).get(reverse("audit_list")), "audit-table").text

    assert f"{zh('status')} {zh('Active member')} → {zh('Suspended')}" in text
    assert "active → suspended" not in text
    granted = events_for(Membership.objects.get(user=member_a, role=Role.ENGINEER), "create").get()
    readable = dict((label, after) for label, _before, after in granted.change_rows())
    assert readable[zh("person")] == member_a.display_name
    assert readable[zh("organisation")] == org_a.name
    with translation.override("zh-hans"):
        assert readable[zh("role")] == str(Role.ENGINEER.label)


def test_the_details_of_a_decision_are_labelled_in_words(secretariat, org_a):
    from core.audit import record_event

    event = record_event("role.ended", instance=org_a, actor=secretariat,
                         details={"reason": "合作期满，不再续聘", "count": 2})
    rows = {label: after for label, _before, after in event.change_rows()}
    assert rows[zh("Reason")] == "合作期满，不再续聘"
    assert rows[zh("Number")] == 2
    assert "reason" not in rows and "count" not in rows


def test_times_inside_changes_are_in_the_consortiums_time_zone(secretariat, client):
    client.post(reverse("members:apply"), application_data())
    application = MembershipApplication.objects.get()
    services.application_approve(application=application, actor=secretariat)
    application.refresh_from_db()

    event = events_for(application, "update").get()
    rows = {label: after for label, _before, after in event.change_rows()}
    local = timezone.localtime(application.decided_at, timezone.get_default_timezone())
    assert rows[zh("decided at")] == local.strftime("%Y-%m-%d %H:%M:%S")
    assert settings.TIME_ZONE == "Asia/Shanghai"


def test_yes_and_no_are_words(org_a):
    org_a.is_lead_member = True
    org_a.save()

    rows = {label: (before, after) for label, before, after in events_for(org_a, "update").get().change_rows()}
    assert rows[zh("lead member")] == (zh("No"), zh("Yes"))


def test_the_applicant_is_named_for_their_own_sign_up(client):
    assert client.post(reverse("members:apply"), application_data()).status_code == 302
    applicant = User.objects.get(username="qian")

    for model in (User, Organization, Membership, MembershipApplication):
        created = AuditEvent.objects.filter(content_type=ContentType.objects.get_for_model(model), action="create")
        assert created.exists(), model
        assert {event.actor_id for event in created} == {applicant.pk}, model


def test_reading_many_events_takes_a_query_per_kind_of_thing_named(secretariat, admin_a, org_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.audit import readable_changes

    def queries_for(events):
        with CaptureQueriesContext(connection) as captured:
            readable_changes(events)
        return len(captured)

    for number in range(3):
        person(org_a, Role.HR, username=f"hr{number}")
    few = queries_for(list(AuditEvent.objects.filter(action="create").select_related("content_type")))
    for number in range(3, 12):
        person(org_a, Role.HR, username=f"hr{number}")
    many = list(AuditEvent.objects.filter(action="create").select_related("content_type"))
    assert len(many) > 20
    assert queries_for(many) == few


# --- downloads -------------------------------------------------------------------------------------


def test_the_trail_downloads_as_csv_with_the_filters_of_the_page(secretariat, trail, org_a):
    import csv
    import io

    response = client_for(secretariat).get(reverse("audit_list"), {"organization": org_a.pk, "export": "csv"})

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'attachment; filename="audit-trail-' in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "a byte-order mark, for spreadsheet programs"
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][0] == zh("time") and rows[0][-1] == zh("IP address")
    assert sorted(row[6] for row in rows[1:]) == sorted(["甲-网页修改", "甲-接口新建"])
    assert {row[3] for row in rows[1:]} == {zh("Portal"), zh("API")}


def test_a_cell_a_spreadsheet_would_run_is_written_as_text(secretariat, admin_a, org_a):
    AuditEvent.objects.create(object_repr="=HYPERLINK(\"http://evil\")", actor=admin_a, actor_label="x",
                              organization=org_a, action="update", source="site")

    response = client_for(secretariat).get(reverse("audit_list"), {"export": "csv", "q": "HYPERLINK"})

    body = b"".join(response.streaming_content).decode("utf-8")
    assert "'=HYPERLINK" in body


def test_the_trail_downloads_as_xlsx(secretariat, trail):
    import io

    from openpyxl import load_workbook

    response = client_for(secretariat).get(reverse("audit_list"), {"source": "site", "export": "xlsx"})

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][2] == zh("organisation")
    assert sorted(row[6] for row in values[1:]) == sorted(["甲-网页修改", "乙-登录"])
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row[0]) for row in values[1:])


def test_only_the_secretariat_downloads_the_trail(member_a, trail):
    assert client_for(member_a).get(reverse("audit_list"), {"export": "csv"}).status_code == 403


def test_the_filters_name_object_types_as_people_know_them(secretariat, trail):
    page = client_for(secretariat).get(reverse("audit_list")).content.decode()
    choices = re.search(r'<select name="content_type"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert f">{zh('organisation')}<" in choices or f">{zh('Organisation')}<" in choices or zh("member organisation") in choices
    assert "members |" not in choices and "| " not in choices


def test_the_admin_console_s_trail_is_read_only_and_points_to_the_portal_s(secretariat, trail):
    page = client_for(secretariat).get(reverse("admin:core_auditevent_changelist"))

    notice = part(page, "audit-read-only")
    assert notice.links == [reverse("audit_list")]
    assert "members |" not in page.content.decode()

"""The matters pages and API: the secretariat opens a matter at a drafting body, the body's
representative forwards it, the matter page shows its path as a timeline; the list filters by
status, body and level and searches, at a query count that does not grow; the demo has a matter
being drafted and one decided and being carried out."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from consortium.governance.models import BodyKind, GovernanceSettings, Level, Matter, MatterStatus, StepAction
from consortium.governance.services import routing as services
from consortium.governance.tests.minutes_support import body, seat
from members.models import User
from tests.fixtures import client_for
from tests.pages import part, queries_for

pytestmark = pytest.mark.django_db


def english(user):
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def bodies(org_a, org_b, admin_a, admin_b):
    council = body()
    group = body("议", BodyKind.DISCUSSION_GROUP, Level.COORDINATION, name="议事组")
    seat(council, org_a, admin_a)
    seat(council, org_b, admin_b)
    seat(group, org_a, admin_a)
    return {"council": council, "group": group}


def test_a_matter_is_opened_forwarded_and_shown_as_a_timeline(bodies, secretariat, admin_a, admin_b):
    client = english(secretariat)
    response = client.post(reverse("governance:matter_create"), {
        "title": "校企共建实训基地", "description": "共建。", "kind": "project", "body": bodies["group"].pk,
        "action": StepAction.DRAFT})
    matter = Matter.objects.get()
    assert response.url == reverse("governance:matter", args=[matter.pk])
    # admin_b sits on the council only: the matter has not reached it yet.
    assert client_for(admin_b).get(response.url).status_code == 404
    forwarding = english(admin_a)
    form = forwarding.get(reverse("governance:matter_forward", args=[matter.pk]))
    assert form.status_code == 200
    forwarding.post(reverse("governance:matter_forward", args=[matter.pk]), {
        "outcome_text": "议事组形成方案。", "body": bodies["council"].pk, "action": StepAction.DECIDE})
    timeline = part(english(admin_b).get(response.url), "matter-timeline").text
    assert "议事组形成方案。" in timeline and "Forwarded" in timeline and "Deciding" in timeline
    page = client.get(response.url)
    assert reverse("governance:matter_vote", args=[matter.pk]) in page.content.decode()


def test_a_refused_forward_shows_the_error_on_its_field(bodies, secretariat, admin_a):
    matter = services.matter_create(actor=secretariat, title="事项", body=bodies["group"])
    office = body("评", BodyKind.ASSESSMENT_OFFICE, Level.COORDINATION)
    response = english(admin_a).post(reverse("governance:matter_forward", args=[matter.pk]), {
        "outcome_text": "完成", "body": office.pk, "action": StepAction.DECIDE})
    assert response.status_code == 200
    assert response.context["form"].errors["body"] == [
        "A matter is decided by a body of the planning and decision level."]


def test_the_list_filters_searches_and_costs_the_same_queries(bodies, secretariat, admin_a):
    def make(n, where):
        return services.matter_create(actor=secretariat, title=f"事项{n}", body=bodies[where],
                                      action=StepAction.DECIDE if where == "council" else StepAction.DRAFT)
    for n in range(3):
        make(n, "group")
    url = reverse("governance:matters")
    few = {who: queries_for(client_for(who), url) for who in (secretariat, admin_a)}
    for n in range(3, 30):
        make(n, "group")
    make(99, "council")
    for who in (secretariat, admin_a):
        assert queries_for(client_for(who), url) == few[who]
    client = client_for(secretariat)
    at_council = part(client.get(url, {"level": Level.DECISION}), "matter-table").text
    assert "事项99" in at_council and "事项1 " not in at_council + " "
    by_body = part(client.get(url, {"body": bodies["council"].pk}), "matter-table").text
    assert "事项99" in by_body and "事项2" not in by_body
    assert "事项99" in part(client.get(url, {"q": "事项99", "status": MatterStatus.IN_PROGRESS}), "matter-table").text
    assert "事项99" not in part(client.get(url, {"status": MatterStatus.DONE}), "matter-table").text


def test_the_secretariat_turns_on_the_council_vote_for_admission(secretariat):
    response = client_for(secretariat).post(reverse("governance:routing_settings"),
                                            {"admission_needs_council_vote": "on"})
    assert response.status_code == 302
    assert GovernanceSettings.objects.get().admission_needs_council_vote


def test_the_api_gives_a_matter_with_its_path(bodies, secretariat, admin_a, outsider, api_client):
    matter = services.matter_create(actor=secretariat, title="事项A", body=bodies["group"])
    [row] = api_client(admin_a).get("/api/v1/governance/matters/").json()["results"]
    assert row["title"] == "事项A" and row["steps"][0]["action"] == "draft" and row["current_step"] == 1
    assert api_client(outsider).get(f"/api/v1/governance/matters/{matter.pk}/").status_code == 404


def test_the_demo_has_a_matter_being_drafted_and_one_being_carried_out():
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    statuses = dict(Matter.objects.values_list("title", "status"))
    assert sorted(statuses.values()) == [MatterStatus.EXECUTION, MatterStatus.IN_PROGRESS]
    decided = Matter.objects.get(status=MatterStatus.EXECUTION)
    assert [s.outcome for s in decided.steps.order_by("position")] == ["forwarded", "forwarded", "adopted", ""]
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    assert Matter.objects.count() == 2
    secretariat = User.objects.get(username="secretariat")
    page = client_for(secretariat).get(reverse("governance:matter", args=[decided.pk]))
    assert reverse("governance:matter_execute", args=[decided.pk]) in page.content.decode()
    council = User.objects.get(username="council")
    assert client_for(council).get(reverse("governance:matters")).status_code == 200


def test_an_admission_matter_links_to_the_application(bodies, secretariat):
    from members import services as members_services
    from members.models import MembershipApplication, OrganizationStatus
    from members.tests.factories import OrganizationFactory, UserFactory

    services.settings_update(actor=secretariat, admission_needs_council_vote=True)
    organization = OrganizationFactory(status=OrganizationStatus.APPLICANT, name_zh="待入会科技有限公司")
    application = MembershipApplication.objects.create(organization=organization, applicant=UserFactory(),
                                                       statement="希望加入。")
    members_services.application_approve(application=application, actor=secretariat)
    matter = Matter.objects.get(kind="admission")
    page = client_for(secretariat).get(reverse("governance:matter", args=[matter.pk]))
    assert part(page, "matter-application").links == [reverse("members:application_detail", args=[application.pk])]
    assert "待入会科技有限公司" in part(page, "matter-application").text

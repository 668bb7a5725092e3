"""Plans as people use them: the secretariat writes a plan, its items, and adopts it; everyone in
governance reads the adopted plans with their completion; an owner's administrator updates their
item; drafts stay the secretariat's. The list costs as many queries for many plans as for few.
The API reads under the same rules."""

import pytest
from django.urls import reverse

from consortium.governance.models import Plan, PlanItemStatus, PlanKind, PlanStatus
from consortium.governance.services import plans as services
from consortium.governance.tests.actions_support import resolution
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh

pytestmark = pytest.mark.django_db


def _plan(secretariat, owners, *, year=2026, kind=PlanKind.WORK, statuses=None, adopt=True):
    plan = services.plan_create(actor=secretariat, year=year, kind=kind, title=f"{year} 年计划 {kind}")
    for n, (owner, status) in enumerate(zip(owners, statuses or [PlanItemStatus.PLANNED] * len(owners))):
        services.plan_item_create(plan=plan, actor=secretariat, title=f"事项{n + 1}", owner=owner, status=status)
    if adopt:
        services.plan_adopt(plan=plan, actor=secretariat)
    return plan


def test_the_secretariat_writes_a_plan_adds_items_and_adopts_it(secretariat, org_a, school):
    client = client_for(secretariat)
    response = client.post(reverse("governance:plan_create"), {
        "year": "2026", "kind": "training", "title": "2026 年度培训计划", "description": "全年培训安排。"}, follow=True)
    plan = Plan.objects.get()
    assert response.redirect_chain[-1][0] == reverse("governance:plan", args=[plan.pk])
    for title, owner, status in (("教师企业实践", org_a, "done"), ("技能培训", school, "in_progress")):
        client.post(reverse("governance:plan_item_create", args=[plan.pk]),
                    {"title": title, "owner": owner.pk, "status": status, "percent": "40"})
    adopting = resolution()
    response = client.post(reverse("governance:plan_adopt", args=[plan.pk]), {"resolution": adopting.pk}, follow=True)
    assert zh("The plan is adopted.") in messages_on(response)
    assert "50%" in part(response, "plan-completion").text
    items = part(response, "plan-items").text
    assert items.index("教师企业实践") < items.index("技能培训")
    assert adopting.number in part(response, "plan-facts").text


def test_adopting_a_plan_without_items_is_refused_with_the_reason(secretariat):
    plan = services.plan_create(actor=secretariat, year=2026, kind=PlanKind.WORK, title="空计划")
    response = client_for(secretariat).post(reverse("governance:plan_adopt", args=[plan.pk]), {})
    assert response.status_code == 200
    assert zh("A plan without items cannot be adopted; add its items first.") in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_a_second_work_plan_for_the_year_is_refused_on_its_field(secretariat, org_a):
    _plan(secretariat, [org_a])
    response = client_for(secretariat).post(reverse("governance:plan_create"),
                                            {"year": "2026", "kind": "work", "title": "重复"})
    assert response.status_code == 200 and response.context["form"].errors["kind"]


def test_the_owner_updates_their_item_and_the_completion_follows(secretariat, org_a, org_b, admin_a, admin_b):
    plan = _plan(secretariat, [org_a, org_b])
    mine = plan.items.get(owner=org_a)
    client = client_for(admin_a)
    page = client.get(reverse("governance:plan", args=[plan.pk]))
    assert part(page, "plan-items").links == [reverse("governance:plan_item_edit", args=[mine.pk])]
    response = client.post(reverse("governance:plan_item_edit", args=[mine.pk]), {"status": "done", "percent": "80"},
                           follow=True)
    assert zh("The item is saved.") in messages_on(response)
    assert "50%" in part(response, "plan-completion").text
    other = plan.items.get(owner=org_b)
    assert client.get(reverse("governance:plan_item_edit", args=[other.pk])).status_code == 404
    assert client_for(admin_b).post(reverse("governance:plan_item_edit", args=[mine.pk]),
                                    {"status": "planned", "percent": "0"}).status_code == 404


def test_drafts_are_the_secretariats_alone(secretariat, org_a, teacher):
    draft = _plan(secretariat, [org_a], adopt=False)
    adopted = _plan(secretariat, [org_a], kind=PlanKind.TRAINING)
    rows = part(client_for(teacher).get(reverse("governance:plans")), "plan-table").text
    assert adopted.title in rows and draft.title not in rows
    assert client_for(teacher).get(reverse("governance:plan", args=[draft.pk])).status_code == 404
    assert draft.title in part(client_for(secretariat).get(reverse("governance:plans")), "plan-table").text


def test_the_list_filters_by_year_and_kind_and_shows_completion(secretariat, org_a, officer):
    _plan(secretariat, [org_a, org_a], statuses=[PlanItemStatus.DONE, PlanItemStatus.PLANNED])
    _plan(secretariat, [org_a], year=2025, kind=PlanKind.TRAINING, statuses=[PlanItemStatus.DONE])
    client = client_for(officer)
    rows = part(client.get(reverse("governance:plans"), {"year": "2026"}), "plan-table").text
    assert "2026 年计划" in rows and "2025" not in rows and "50%" in rows and "1 / 2" in rows
    rows = part(client.get(reverse("governance:plans"), {"kind": "training"}), "plan-table").text
    assert "2025 年计划" in rows and "100%" in rows and "2026" not in rows


def test_the_list_costs_as_many_queries_for_many_plans_as_for_few(secretariat, org_a, admin_a):
    _plan(secretariat, [org_a])
    client = client_for(admin_a)
    few = queries_for(client, reverse("governance:plans"))
    for year in range(2027, 2047):
        _plan(secretariat, [org_a, org_a], year=year, statuses=[PlanItemStatus.DONE, PlanItemStatus.PLANNED])
    assert queries_for(client, reverse("governance:plans")) == few
    assert queries_for(client, reverse("governance:plans"), q="计划", kind="work") == few


def test_the_plan_page_costs_the_same_for_many_items(secretariat, org_a, school, admin_a):
    small = _plan(secretariat, [org_a])
    big = _plan(secretariat, [org_a, school] * 15, kind=PlanKind.TRAINING)
    client = client_for(admin_a)
    assert queries_for(client, reverse("governance:plan", args=[big.pk])) == queries_for(
        client, reverse("governance:plan", args=[small.pk]))


def test_the_api_reads_adopted_plans_with_completion(secretariat, org_a, api_client, teacher):
    _plan(secretariat, [org_a, org_a], statuses=[PlanItemStatus.DONE, PlanItemStatus.DROPPED])
    _plan(secretariat, [org_a], kind=PlanKind.TRAINING, adopt=False)
    results = api_client(teacher).get("/api/v1/governance/plans/").json()["results"]
    assert [(p["kind"], p["completion"], p["items_done"], p["items_total"]) for p in results] == [("work", 100, 1, 1)]
    assert [i["title"] for i in results[0]["items"]] == ["事项1", "事项2"]


def test_the_console_adopts_the_selected_drafts_through_the_service(secretariat, org_a):
    ready = _plan(secretariat, [org_a], adopt=False)
    empty = services.plan_create(actor=secretariat, year=2026, kind=PlanKind.TRAINING, title="空的培训计划")
    response = client_for(secretariat).post(reverse("admin:governance_plan_changelist"), {
        "action": "adopt", "_selected_action": [ready.pk, empty.pk]}, follow=True)
    assert response.status_code == 200
    ready.refresh_from_db()
    empty.refresh_from_db()
    assert (ready.status, empty.status) == (PlanStatus.ADOPTED, PlanStatus.DRAFT)
    assert any("空的培训计划" in message for message in messages_on(response))

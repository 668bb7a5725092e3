"""Action items as people use them: the secretariat creates one from a resolution and cancels it;
the owner's administrator reports progress and marks it done; everyone in governance reads the
lists, filtered and searched, with overdue items flagged — and the hub badge counts them. Each
list costs as many queries for many rows as for few. The API reads under the same rules and
takes the owners' notes."""

import pytest
from django.urls import reverse

from consortium.governance.models import ActionItem, ActionStatus
from consortium.governance.services import actions as services
from consortium.governance.tests.actions_support import days, resolution
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted():
    return resolution()


def _item(secretariat, owner, title="落实实习岗位", due=10, **fields):
    return services.action_create(resolution=fields.pop("resolution", None) or resolution(), title=title,
                                  owner=owner, due_on=days(due), actor=secretariat, **fields)


def test_the_secretariat_creates_an_item_from_the_resolution(adopted, secretariat, org_a):
    url = reverse("governance:action_create") + f"?resolution={adopted.pk}"
    page = client_for(secretariat).get(url)
    assert adopted.number in part(page, "action-resolution").text
    response = client_for(secretariat).post(url, {"title": "制定实习接收计划", "owner": org_a.pk,
                                                  "due_on": days(30).isoformat()}, follow=True)
    item = ActionItem.objects.get()
    assert response.redirect_chain[-1][0] == reverse("governance:action", args=[item.pk])
    assert zh("The action item is saved.") in messages_on(response)
    assert org_a.name_zh in part(response, "action-facts").text


def test_a_due_date_before_the_resolution_is_shown_on_its_field(secretariat, org_a):
    adopted = resolution(number="2026-试-009", adopted_on=days(-2))
    response = client_for(secretariat).post(reverse("governance:action_create") + f"?resolution={adopted.pk}",
                                            {"title": "x", "owner": org_a.pk, "due_on": days(-5).isoformat()})
    assert response.status_code == 200 and response.context["form"].errors["due_on"]
    assert not ActionItem.objects.exists()


def test_without_a_resolution_there_is_nothing_to_create_from(secretariat):
    assert client_for(secretariat).get(reverse("governance:action_create")).status_code == 404
    assert client_for(secretariat).get(reverse("governance:action_create") + "?resolution=x").status_code == 404


def test_the_owner_reports_progress_and_marks_the_item_done(secretariat, org_a, admin_a):
    item = _item(secretariat, org_a)
    client = client_for(admin_a)
    response = client.post(reverse("governance:action_note", args=[item.pk]),
                           {"text": "岗位已梳理完毕。", "percent": "40"}, follow=True)
    assert zh("Your progress note is added.") in messages_on(response)
    assert "岗位已梳理完毕。" in part(response, "action-notes").text
    assert zh("In progress") in part(response, "action-status").text
    response = client.post(reverse("governance:action_done", args=[item.pk]), {"text": "全部落实。"}, follow=True)
    assert zh("Done") in part(response, "action-status").text
    assert "全部落实。" in part(response, "action-notes").text


def test_a_reader_who_is_not_an_owner_gets_no_buttons(secretariat, org_a, member_a):
    item = _item(secretariat, org_a)
    response = client_for(member_a).get(reverse("governance:action", args=[item.pk]))
    assert response.status_code == 200
    assert reverse("governance:action_note", args=[item.pk]) not in response.content.decode()
    assert client_for(member_a).post(reverse("governance:action_done", args=[item.pk])).status_code == 404


def test_an_overdue_item_is_flagged_on_the_list_and_its_page(secretariat, org_a, teacher):
    late = _item(secretariat, org_a, "逾期未办", due=-3)
    _item(secretariat, org_a, "按期推进", due=3)
    client = client_for(teacher)
    listing = client.get(reverse("governance:actions"))
    rows = part(listing, "action-table").text
    assert rows.index("逾期未办") < rows.index(zh("Overdue")) < rows.index("按期推进")
    assert rows.count(zh("Overdue")) == 1
    page = client.get(reverse("governance:action", args=[late.pk]))
    assert part(page, "overdue-alert").text


def test_the_list_filters_and_searches(secretariat, org_a, org_b, officer):
    other = resolution(number="2026-试-002", title="第二项决议")
    _item(secretariat, org_a, "甲的逾期事项", due=-3)
    _item(secretariat, org_b, "乙的事项", resolution=other)
    cancelled = _item(secretariat, org_b, "乙的取消事项")
    services.action_cancel(item=cancelled, actor=secretariat, reason="取消")
    client, url = client_for(officer), reverse("governance:actions")

    def titles(**params):
        return part(client.get(url, params), "action-table").text

    assert "乙" not in titles(overdue="on")
    assert "甲" not in titles(owner=org_b.pk) and "乙的事项" in titles(owner=org_b.pk)
    assert "乙的事项" not in titles(status="cancelled") and "乙的取消事项" in titles(status="cancelled")
    assert "乙的事项" in titles(q="2026-试-002") and "甲" not in titles(q="2026-试-002")
    by_resolution = client.get(url, {"resolution": other.pk})
    assert other.number in part(by_resolution, "resolution-filter").text
    assert "甲" not in part(by_resolution, "action-table").text


def test_my_action_items_are_my_organisations(secretariat, org_a, org_b, admin_a):
    _item(secretariat, org_a, "甲的事项")
    _item(secretariat, org_b, "乙的事项")
    rows = part(client_for(admin_a).get(reverse("governance:actions_mine")), "action-table").text
    assert "甲的事项" in rows and "乙的事项" not in rows


def test_the_hub_badge_counts_my_overdue_items(secretariat, org_a, admin_a):
    _item(secretariat, org_a, "逾期一", due=-1)
    _item(secretariat, org_a, "逾期二", due=-2)
    _item(secretariat, org_a, "未到期", due=2)
    hub = client_for(admin_a).get(reverse("governance:home"))
    section = next(s for s in hub.context["sections"] if str(s.title) == zh("My action items"))
    assert section.badge == 2


def test_the_secretariat_cancels_with_a_reason(secretariat, org_a):
    item = _item(secretariat, org_a)
    client = client_for(secretariat)
    refused = client.post(reverse("governance:action_cancel", args=[item.pk]), {"reason": ""})
    assert refused.status_code == 200 and refused.context["form"].errors["reason"]
    response = client.post(reverse("governance:action_cancel", args=[item.pk]), {"reason": "已由新决议取代"},
                           follow=True)
    assert "已由新决议取代" in part(response, "action-status").text
    item.refresh_from_db()
    assert item.status == ActionStatus.CANCELLED


def test_the_lists_cost_as_many_queries_for_many_items_as_for_few(secretariat, org_a, admin_a, school):
    for n in range(3):
        _item(secretariat, org_a, f"事项{n}", due=n - 1)
    client = client_for(admin_a)
    few = queries_for(client, reverse("governance:actions"))
    few_mine = queries_for(client, reverse("governance:actions_mine"))
    for n in range(30):
        _item(secretariat, org_a if n % 2 else school, f"更多事项{n}", due=n - 10,
              resolution=resolution(number=f"2026-试-1{n:02d}"))
    assert queries_for(client, reverse("governance:actions")) == few
    assert queries_for(client, reverse("governance:actions_mine")) == few_mine
    assert queries_for(client, reverse("governance:actions"), overdue="on", q="事项") <= few + 1


# --- the API -----------------------------------------------------------------------------------------


def test_the_api_lists_items_with_their_overdue_flag(secretariat, org_a, api_client, officer):
    _item(secretariat, org_a, "逾期", due=-1)
    _item(secretariat, org_a, "未到期", due=1)
    answer = api_client(officer).get("/api/v1/governance/action-items/", {"overdue": "true"})
    assert answer.status_code == 200
    assert [(r["title"], r["is_overdue"], r["resolution_number"]) for r in answer.json()["results"]] == [
        ("逾期", True, "2026-试-001")]
    assert api_client(officer).get("/api/v1/governance/action-items/", {"overdue": "maybe"}).status_code == 400


def test_the_owner_adds_a_note_through_the_api_and_others_are_refused(secretariat, org_a, admin_a, admin_b,
                                                                       api_client):
    item = _item(secretariat, org_a)
    url = f"/api/v1/governance/action-items/{item.pk}/notes/"
    answer = api_client(admin_a).post(url, {"text": "接口汇报。", "percent": 30}, format="json")
    assert answer.status_code == 201 and answer.json()["percent"] == 30
    refused = api_client(admin_b).post(url, {"text": "越权。"}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    empty = api_client(admin_a).post(url, {"text": ""}, format="json")
    assert empty.status_code == 400 and "text" in empty.json()["errors"]
    detail = api_client(admin_b).get(f"/api/v1/governance/action-items/{item.pk}/").json()
    assert [n["text"] for n in detail["notes"]] == ["接口汇报。"] and detail["status"] == "in_progress"


def test_a_student_reads_no_action_items(secretariat, org_a, api_client, student):
    item = _item(secretariat, org_a)
    assert api_client(student).get("/api/v1/governance/action-items/").json()["results"] == []
    assert api_client(student).get(f"/api/v1/governance/action-items/{item.pk}/").status_code == 404


def test_the_secretariat_moves_the_due_date_and_the_item_is_reminded_again_when_it_passes(secretariat, org_a,
                                                                                         school):
    item = _item(secretariat, org_a, due=-2)
    services.reminders_send()
    response = client_for(secretariat).post(reverse("governance:action_edit", args=[item.pk]), {
        "title": "改由学院牵头", "owner": school.pk, "due_on": days(20).isoformat()}, follow=True)
    assert school.name_zh in part(response, "action-facts").text
    item.refresh_from_db()
    assert (item.title, item.owner, item.is_overdue, item.last_reminded_on) == ("改由学院牵头", school, False, None)


def test_a_done_item_is_reopened_by_the_secretariat(secretariat, org_a, admin_a):
    item = _item(secretariat, org_a)
    services.action_complete(item=item, actor=admin_a)
    assert client_for(admin_a).get(reverse("governance:action_reopen", args=[item.pk])).status_code == 404
    response = client_for(secretariat).post(reverse("governance:action_reopen", args=[item.pk]), follow=True)
    assert zh("The action item is reopened.") in messages_on(response)
    assert zh("To do") in part(response, "action-status").text

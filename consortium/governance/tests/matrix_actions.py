"""The governance rules in the security matrix: action items.

Everyone in governance reads action items (the student finds nothing; the visitor signs in).
The secretariat creates, edits, cancels and reopens them; the owner organisation's
administrator (here admin_a: the item is enterprise A's) and the secretariat add progress
notes and mark them done. A's HR (member_a) holds no seat, so only reads."""

from consortium.governance.models import ActionItem, ActionNote, ActionStatus
from consortium.governance.tests.actions_support import days, resolution
from tests.matrix import api, page, personas, signed_in

TITLE = "矩阵督办事项"


def _item(w, *, title=TITLE, status=ActionStatus.IN_PROGRESS) -> ActionItem:
    item = ActionItem.objects.filter(title=title).first()
    if item is None:
        from django.utils import timezone

        done = status == ActionStatus.DONE
        item = ActionItem.objects.create(
            resolution=resolution(number="2026-矩-001", code="矩"), title=title, owner=w.orgs["org_a"],
            due_on=days(-5), status=status, created_by=w.users["secretariat"], progress=100 if done else 20,
            completed_at=timezone.now() if done else None)
        ActionNote.objects.create(item=item, author=w.users["admin_a"], text="已启动。", percent=20)
    return item


def an_item(w, t):
    return {"pk": _item(w).pk}


def a_done_item(w, t):
    return {"pk": _item(w, title="矩阵已完成事项", status=ActionStatus.DONE).pk}


def items(w, t):
    return list(ActionItem.objects.values_list("pk", "title", "status", "due_on", "owner_id", "cancel_reason"))


def notes(w, t):
    return list(ActionNote.objects.values_list("pk", "item_id", "text")) + items(w, t)


READERS = personas(200, anonymous=302, student=404)
SECRETARIAT_ONLY = personas(404, anonymous=302, secretariat=200)
OWNERS = personas(404, anonymous=302, admin_a=200, secretariat=200)
API_READERS = personas(200, anonymous=401, student=404)

RULES = {
    "governance:actions": (page(expect={"any": READERS}),),
    "governance:actions_mine": (page(expect={"any": READERS}),),
    # Without ?resolution=<pk> there is nothing for an item to follow from: 404 for everyone
    # (the secretariat's page with a resolution is tested in test_actions_pages).
    "governance:action_create": (
        page(expect={"any": personas(404, anonymous=302)}),
        page(method="post", data={"title": "x"}, state=items, expect={"any": personas(404, anonymous=302)}),
    ),
    "governance:action": (page(kwargs=an_item, expect={"any": READERS}),),
    "governance:action_edit": (
        page(kwargs=an_item, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=an_item, method="post", data={"title": ""}, state=items, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:action_note": (
        page(kwargs=an_item, expect={"any": OWNERS}),
        page(kwargs=an_item, method="post", data={"text": "又有进展。", "percent": "50"}, state=notes,
             expect={"any": personas(404, anonymous=302, admin_a=302, secretariat=302)}),
    ),
    "governance:action_done": (
        page(kwargs=an_item, expect={"any": OWNERS}),
        page(kwargs=an_item, method="post", data={}, state=items,
             expect={"any": personas(404, anonymous=302, admin_a=302, secretariat=302)}),
    ),
    "governance:action_cancel": (
        page(kwargs=an_item, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=an_item, method="post", data={"reason": "由新决议取代"}, state=items,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "governance:action_reopen": (
        page(kwargs=a_done_item, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_done_item, method="post", state=items,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "governance-action-item-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "governance-action-item-detail": (api(kwargs=an_item, expect={"any": API_READERS}),),
    "governance-action-item-notes": (
        api(kwargs=an_item, method="post", data={"text": "接口汇报进展。"}, state=notes,
            expect={"any": personas(403, anonymous=401, student=404, admin_a=201, secretariat=201)}),
    ),
}

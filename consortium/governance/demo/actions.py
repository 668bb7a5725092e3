"""Governance demo data: action items following from the demo's resolutions (seeded by the votes
part before this one) — 恒远精密's (one overdue, one done) and the college's, with progress
notes. Without a resolution there is nothing for an action item to follow from, and none is
made. Idempotent; every write goes through ``services.actions``."""

from datetime import timedelta

from django.utils import timezone

from consortium.governance.models import ActionItem, Resolution
from consortium.governance.services import actions as services
from members.models import User

# the resolution's title (of the votes part's demo), owner key, title, days from today to the due date, the owner's notes (login, text, %), done
ITEMS = [
    ("2026年度联合体工作计划", "hengyuan", "落实订单班实习岗位接收计划", -10,
     [("council", "已梳理数控、装配两个车间可提供的实习岗位共 24 个，待与学院确认带教安排。", 40)], False),
    ("2026年度联合体工作计划", "college", "建设智能制造实训基地一期工程", 45,
     [("school_admin", "实训基地场地改造方案已通过学院审批，设备采购进入招标阶段。", 30)], False),
    ("理事会议事规则", "hengyuan", "选派企业导师参与课程共建", -20,
     [("council", "已选派 3 名高级技师担任企业导师，名单已报秘书处备案。", 80)], True),
]


def seed(context) -> None:
    resolutions = {r.title: r for r in Resolution.objects.filter(title__in={item[0] for item in ITEMS})}
    orgs = context["organizations"]
    users = {u.username: u for u in User.objects.filter(username__in={"secretariat", "council", "school_admin"})}
    secretariat = users.get("secretariat")
    if secretariat is None:
        return
    today = timezone.localdate()
    for resolution_title, owner_key, title, days, notes, done in ITEMS:
        resolution = resolutions.get(resolution_title)
        if resolution is None or ActionItem.objects.filter(title=title).exists():
            continue
        item = services.action_create(resolution=resolution, title=title, owner=orgs[owner_key], actor=secretariat,
                                      due_on=max(today + timedelta(days=days), resolution.adopted_on),
                                      description="按理事会决议要求，由责任单位牵头落实，按期向秘书处报告进展。")
        for login, text, percent in notes:
            if login in users:
                services.action_note_add(item=item, actor=users[login], text=text, percent=percent)
        if days < 0 and not done and item.due_on >= today:
            # The demo's resolutions are adopted as it is seeded; an item falls overdue only as time passes,
            # so the demo sets its due date back as if that time had passed.
            ActionItem.objects.filter(pk=item.pk).update(due_on=today + timedelta(days=days))
        if done and "council" in users:
            services.action_complete(item=item, actor=users["council"], text="导师已全部到岗，事项完成。")

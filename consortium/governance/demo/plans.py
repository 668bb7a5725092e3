"""Governance demo data: this year's annual work plan (adopted, public) and training plan
(adopted), with items owned by the college, 恒远精密 and the education bureau at various stages,
so the plans list shows their completion and the owners have items to update. Idempotent;
every write goes through ``services.plans``."""

from datetime import date

from django.utils import timezone

from consortium.governance.models import MatterKind, Plan, PlanItemStatus, PlanKind, Resolution
from consortium.governance.services import plans as services
from members.models import User

S = PlanItemStatus
PLANS = [
    (PlanKind.WORK, "{year} 年度联合体工作计划", "围绕“联而有合”，理事会本年度重点推进产业学院建设、人才供需对接和质量年报。", True, [
        ("召开理事会全体会议两次", "edu_bureau", (6, 30), S.DONE, 100),
        ("建设智能制造产业学院", "college", (9, 30), S.IN_PROGRESS, 60),
        ("发布年度企业人才需求清单", "hengyuan", (10, 31), S.IN_PROGRESS, 40),
        ("编制联合体年度质量报告", "edu_bureau", (12, 31), S.PLANNED, 0),
    ]),
    (PlanKind.TRAINING, "{year} 年度培训计划", "面向成员单位教师、企业导师和一线员工的年度培训安排。", False, [
        ("数控技术专业教师企业实践培训", "hengyuan", (7, 31), S.DONE, 100),
        ("工业机器人运维技能培训", "college", (9, 15), S.IN_PROGRESS, 50),
        ("企业导师教学能力培训", "college", (11, 30), S.PLANNED, 0),
    ]),
]


def seed(context) -> None:
    secretariat = User.objects.filter(username="secretariat").first()
    if secretariat is None:
        return
    orgs = context["organizations"]
    year = timezone.localdate().year
    adopting = Resolution.objects.filter(motion__matter=MatterKind.PLAN).order_by("adopted_on").first()
    for kind, title, description, public, items in PLANS:
        if Plan.objects.filter(year=year, kind=kind).exists():
            continue
        plan = services.plan_create(actor=secretariat, year=year, kind=kind, title=title.format(year=year),
                                    description=description, is_public=public)
        for item_title, owner_key, (month, day), status, percent in items:
            services.plan_item_create(plan=plan, actor=secretariat, title=item_title, owner=orgs[owner_key],
                                      due_on=date(year, month, day), status=status, percent=percent)
        services.plan_adopt(plan=plan, actor=secretariat, resolution=adopting)

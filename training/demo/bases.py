"""Demo data of the bases part: the college's 智能制造产业学院 with 恒远精密 and 星河电子, two
training bases with their equipment, and bookings over this week and next — accepted, awaiting a
decision and declined — so that the school's administrator has requests to decide, the teacher and
the enterprise's people have bookings to follow and new ones to request. Idempotent; every write
goes through ``services.bases``."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from members.models import User
from reference.models import Major
from training.models import BaseKind, Course, IndustryCollege
from training.services import bases as services

COLLEGE_NAME = "智能制造产业学院"
MAJORS = ["460301", "460303", "460305", "460103", "460104"]
BASES = [
    ("智能制造实训中心", BaseKind.ON_CAMPUS, ["hengyuan", "xinghe"], "常州市武进区滆湖中路 1 号实训楼 A 区", 40,
     "周一至周五 8:00–21:00，周六 8:00–17:00", "产业学院的校内生产性实训中心，覆盖工业机器人、智能产线和电气控制。", [
         {"name": "六轴工业机器人", "model": "ABB IRB 1200", "quantity": 8},
         {"name": "智能制造柔性产线", "model": "HY-FMS-01", "quantity": 1},
         {"name": "PLC 电气控制实训台", "model": "西门子 S7-1200", "quantity": 20},
     ]),
    ("恒远精密数控加工实训基地", BaseKind.ENTERPRISE, ["hengyuan"], "常州市新北区恒远精密机械有限公司二号车间", 24,
     "周一至周五 8:30–17:00", "设在恒远精密车间内的企业实训基地，学生在真实产线上完成数控加工实训。", [
         {"name": "数控车床", "model": "CK6150", "quantity": 6},
         {"name": "五轴加工中心", "model": "DMU 50", "quantity": 2},
     ]),
]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def seed(context) -> None:
    orgs = context["organizations"]
    people = {u.username: u for u in User.objects.filter(
        username__in=["school_admin", "teacher", "council", "hr", "secretariat"])}
    if IndustryCollege.objects.filter(name=COLLEGE_NAME).exists() or len(people) < 4:
        return
    college_org, hengyuan, xinghe = orgs["college"], orgs["hengyuan"], orgs["xinghe"]
    majors = list(Major.objects.filter(code__in=MAJORS))
    school_admin = people["school_admin"]
    college = services.college_create(
        actor=school_admin, name=COLLEGE_NAME, lead_school=college_org, partners=[hengyuan, xinghe], majors=majors,
        description="由常州智造职业技术学院牵头，联合恒远精密、星河电子共建，面向智能制造产业链培养高素质技术技能人才。",
        established_on=timezone.localdate().replace(month=9, day=1) - timedelta(days=365))
    bases = []
    for name, kind, partner_keys, address, capacity, hours, description, equipment in BASES:
        bases.append(services.base_create(
            actor=school_admin, name=name, kind=kind, owner=college_org, college=college,
            partners=[orgs[key] for key in partner_keys], address=address, majors=majors, capacity=capacity,
            opening_hours=hours, description=description, equipment=equipment))
    centre, workshop = bases
    today = timezone.localdate()
    course = Course.objects.filter(school=college_org).order_by("pk").first()
    day1, day2 = today + timedelta(days=1), today + timedelta(days=2)
    # A request that will meet the teacher's accepted session: declined, with the reason.
    clash = services.booking_request(
        actor=people["hr"], training_base=centre, organization=hengyuan, starts_at=_at(day1, 10),
        ends_at=_at(day1, 12), purpose="恒远在岗员工机器人操作复训", group_size=15)
    lesson = services.booking_request(
        actor=people["teacher"], training_base=centre, organization=college_org, starts_at=_at(day1, 8, 30),
        ends_at=_at(day1, 11, 30), purpose="工业机器人编程实训（2024 级工业机器人技术 1 班）", group_size=32, course=course)
    services.booking_accept(booking=lesson, actor=school_admin)
    services.booking_decline(booking=clash, actor=school_admin,
                             reason="与学校工业机器人编程实训时间冲突，请改约下午或下周。")
    induction = services.booking_request(
        actor=people["council"], training_base=centre, organization=hengyuan, starts_at=_at(day2, 14),
        ends_at=_at(day2, 17), purpose="恒远精密新员工岗前培训：柔性产线操作", group_size=20)
    services.booking_accept(booking=induction, actor=school_admin)
    services.booking_request(
        actor=people["hr"], training_base=centre, organization=hengyuan, starts_at=_at(today + timedelta(days=7), 9),
        ends_at=_at(today + timedelta(days=7), 12), purpose="在岗员工 PLC 电气控制技能提升培训", group_size=25)
    services.booking_request(
        actor=people["teacher"], training_base=workshop, organization=college_org,
        starts_at=_at(today + timedelta(days=8), 13, 30), ends_at=_at(today + timedelta(days=8), 16, 30),
        purpose="数控车床实操（企业真实零件加工）", group_size=20, course=course)
    context["logins"].append(f"{'training bases':<24} {'school_admin':<14} 实训基地：两条待审批的预约申请")


def seed_scale(context, *, students: int) -> str:
    return ""

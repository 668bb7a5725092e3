"""Demo data of the mentors part: the college (``school_admin``) appointed 周建国, an engineer of
恒远精密 (a person of the enterprise without a login), for the term under way — accepted by
恒远's administrator (``council``) — and for the previous term, completed, which earned 恒远
responsibility credits; a second engineer's appointment for this term awaits ``council``'s
decision. Idempotent; every write goes through ``services.mentors``."""

from datetime import date

from django.utils import timezone

from members.models import Membership, Role, User
from training.models import Course, MentorAppointment
from training.services import mentors as services

# (user name, name, job title, mailbox, mobile): engineers of 恒远精密 without a demo login.
ENGINEERS = [("mentor_zhou", "周建国", "数控工艺高级工程师", "zhoujianguo", "139 1502 6871"),
             ("mentor_sun", "孙立新", "自动化工程师", "sunlixin", "137 7528 3306")]


def terms(today: date) -> tuple[tuple[str, date, date], tuple[str, date, date]]:
    """(this term, the previous term) as (name, start, end), by the school year's two terms."""
    year = today.year
    if today.month >= 8:
        current = (f"{year}–{year + 1}学年第一学期", date(year, 9, 1), date(year + 1, 1, 15))
        previous = (f"{year - 1}–{year}学年第二学期", date(year, 2, 23), date(year, 7, 10))
    elif today.month == 1 and today.day <= 15:
        current = (f"{year - 1}–{year}学年第一学期", date(year - 1, 9, 1), date(year, 1, 15))
        previous = (f"{year - 2}–{year - 1}学年第二学期", date(year - 1, 2, 23), date(year - 1, 7, 10))
    else:
        current = (f"{year - 1}–{year}学年第二学期", date(year, 2, 1), date(year, 7, 10))
        previous = (f"{year - 1}–{year}学年第一学期", date(year - 1, 9, 1), date(year, 1, 15))
    return current, previous


def _engineer(username: str, full_name: str, title: str, mailbox: str, phone: str, enterprise) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        domain = enterprise.website.removeprefix("https://www.").rstrip("/")
        user = User(username=username, full_name=full_name, email=f"{mailbox}@{domain}", phone=phone)
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, organization=enterprise, role=Role.ENGINEER, title=title)
    return user


def seed(context) -> None:
    orgs = context["organizations"]
    school_admin = User.objects.filter(username="school_admin").first()
    council = User.objects.filter(username="council").first()
    if school_admin is None or council is None or "college" not in orgs or "hengyuan" not in orgs:
        return
    college, hengyuan = orgs["college"], orgs["hengyuan"]
    zhou, sun = (_engineer(*spec, hengyuan) for spec in ENGINEERS)
    if MentorAppointment.objects.filter(mentor=zhou, school=college).exists():
        return
    (term, starts, ends), (last_term, last_starts, last_ends) = terms(timezone.localdate())
    courses = list(Course.objects.filter(school=college).order_by("pk")[:1])
    done = services.appointment_create(
        actor=school_admin, school=college, mentor=zhou, enterprise=hengyuan, term=last_term, starts_on=last_starts,
        ends_on=last_ends, planned_hours=32, duties="《数控加工工艺》生产案例教学", courses=courses)
    services.appointment_decide(appointment=done, actor=council, accept=True)
    services.appointment_record_hours(appointment=done, actor=school_admin, taught_hours=34)
    services.appointment_complete(appointment=done, actor=school_admin)
    now = services.appointment_create(
        actor=school_admin, school=college, mentor=zhou, enterprise=hengyuan, term=term, starts_on=starts,
        ends_on=ends, planned_hours=48, duties="数控车床编程与操作实训指导", courses=courses)
    services.appointment_decide(appointment=now, actor=council, accept=True)
    services.appointment_record_hours(appointment=now, actor=school_admin, taught_hours=20)
    services.appointment_create(
        actor=school_admin, school=college, mentor=sun, enterprise=hengyuan, term=term, starts_on=starts,
        ends_on=ends, planned_hours=24, duties="工业机器人系统集成专题讲座")


def seed_scale(context, *, students: int) -> str:
    return ""

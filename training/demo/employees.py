"""Demo data of the employees part: the college (``school_admin``) offers a pre-job programme
under way, in which 恒远精密 (``hr``) enrolled four employees — ``hr`` herself with her portal
account — with the first sessions' attendance recorded; and a continuing-education programme
finished earlier this year, whose four employees attended, passed and completed it — ``hr``, who
has a portal account, was issued its employee-training certificate. Idempotent;
every write goes through ``services.employees``."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from credentials import services as credentials
from credentials.models import Achievement, AchievementKind
from members.models import User
from training.models import ProgrammeKind, TrainingProgramme
from training.services import employees as services

CURRENT = "数控设备操作岗前培训"
FINISHED = "智能制造产线维护继续教育"


def seed(context) -> None:
    orgs = context["organizations"]
    school_admin = User.objects.filter(username="school_admin").first()
    hr = User.objects.filter(username="hr").first()
    if school_admin is None or hr is None or "college" not in orgs or "hengyuan" not in orgs:
        return
    college, hengyuan = orgs["college"], orgs["hengyuan"]
    if TrainingProgramme.objects.filter(school=college, title=CURRENT).exists():
        return
    today = timezone.localdate()
    year_start = today.replace(month=1, day=1)

    certificate = credentials.achievement_save(achievement=Achievement(
        issuer=college, kind=AchievementKind.EMPLOYEE_TRAINING, name="智能制造产线维护培训结业证书",
        description="完成智能制造产线维护继续教育项目的学习，考核合格。", criteria="出勤不少于项目学时的 80%，结业考核合格。"),
        actor=school_admin)
    finished = services.programme_create(
        actor=school_admin, school=college, title=FINISHED, kind=ProgrammeKind.CONTINUING, hours=16,
        fee=Decimal("1200.00"), capacity=20, starts_on=year_start + timedelta(days=120),
        ends_on=year_start + timedelta(days=127), description="面向企业设备维护人员的产线维护与故障诊断。",
        achievement=certificate)
    sessions = [services.session_create(programme=finished, actor=school_admin, date=finished.starts_on + timedelta(days=d),
                                        hours=8, topic=topic)
                for d, topic in ((0, "产线 PLC 故障诊断"), (7, "预防性维护与点检"))]
    people = [services.enrol(programme=finished, actor=hr, enterprise=hengyuan, name=name, employee_number=number,
                             account=account)
              for name, number, account in (("刘婷", "HY-0009", hr), ("赵志强", "HY-0107", None), ("钱伟", "HY-0112", None),
                                            ("孙浩然", "HY-0125", None))]
    for session in sessions:
        services.attendance_record(session=session, actor=school_admin, present=people)
    for person, score in zip(people, ("95.0", "88.0", "92.5", "79.0")):
        services.enrolment_assess(enrolment=person, actor=school_admin, score=Decimal(score), passed=True)
    services.enrolment_issue_credential(enrolment=people[0], actor=school_admin)

    current = services.programme_create(
        actor=school_admin, school=college, title=CURRENT, kind=ProgrammeKind.PRE_JOB, hours=24,
        fee=Decimal("800.00"), capacity=30, starts_on=today - timedelta(days=14), ends_on=today + timedelta(days=14),
        description="新入职员工数控车床、加工中心安全操作与基础编程。")
    first = services.session_create(programme=current, actor=school_admin, date=current.starts_on, hours=8,
                                    topic="安全生产与设备操作规范")
    services.session_create(programme=current, actor=school_admin, date=current.starts_on + timedelta(days=7),
                            hours=8, topic="数控车床基础编程")
    services.session_create(programme=current, actor=school_admin, date=current.ends_on, hours=8,
                            topic="加工中心实操考核")
    enrolled = []
    for name, number, account in (("刘婷", "HY-0009", hr), ("周明", "HY-0231", None), ("吴磊", "HY-0232", None),
                                  ("郑佳", "HY-0233", None)):
        enrolled.append(services.enrol(programme=current, actor=hr, enterprise=hengyuan, name=name,
                                       employee_number=number, account=account))
    services.attendance_record(session=first, actor=school_admin, present=enrolled[:3])


def seed_scale(context, *, students: int) -> str:
    return ""

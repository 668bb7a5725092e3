"""Demo data of the pathways part: a 中高本 pathway in mechatronics (龙城中专 660301 机电技术应用
→ 常州智造 460301 机电一体化技术 → 江南职业技术大学 260301 机械电子工程技术), active, with its
courses and transfer assessments; eight secondary students at the end of the first stage with
their results (four passed, three not, one not assessed yet) — the college's school_admin sees them
as incoming and moves the passed on; the demo student 张子涵 came through its first stage and is
in the second, waiting for her result. A second pathway (数控技术 3+2) waits for the college's
confirmation. Idempotent; every write goes through ``services.pathways``."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from members.models import Membership, Role, User
from reference.models import Major
from training.models import Course, Pathway, PathwayKind
from training.services import pathways as services

TITLE = "机电一体化技术中高本贯通培养（3+2+2）"
PENDING_TITLE = "数控技术中高职衔接（3+2）"
COURSES = {
    1: ["机械制图", "电工电子技术", "机电设备安装与调试", "PLC 应用技术"],
    2: ["液压与气动技术", "工业机器人编程与操作", "自动化生产线安装与调试"],
    3: ["机电系统设计", "智能制造系统集成", "工程项目管理"],
}
# Scores (文化素质, 专业技能, 综合素质) of the first stage's transfer assessment, one row a student.
MARKS = [(78, 86, 80), (66, 72, 70), (85, 91, 88), (70, 64, 75), (62, 68, 61), (90, 55, 85), (52, 60, 58), None]


def _stages(orgs, codes, years):
    keys = ("secondary", "college", "bachelor")
    return [{"school": orgs[key], "major": Major.objects.get(code=code), "years": y}
            for key, code, y in zip(keys, codes, years)]


def seed(context) -> None:
    orgs = context["organizations"]
    lead = User.objects.filter(username="admin_secondary").first()
    college = User.objects.filter(username="school_admin").first()
    partner = User.objects.filter(username="admin_bachelor").first()
    student = User.objects.filter(username="student").first()
    if None in (lead, college, partner, student):
        return
    if not Pathway.objects.filter(title=TITLE).exists():
        _seed(orgs, lead, college, partner, student)
    context["logins"].append(
        f"{'pathways':<24} {'school_admin':<14} 贯通培养：{orgs['secondary'].name_zh}转来的学生（含转段考核成绩），一条待确认的 3+2 项目")


def _seed(orgs, lead, college, partner, student) -> None:
    this_year = timezone.localdate().year
    pathway = services.pathway_create(
        actor=lead, title=TITLE, kind=PathwayKind.THROUGH, stages=_stages(orgs, ("660301", "460301", "260301"), (3, 2, 2)),
        description="龙城中专、常州智造职业技术学院与江南职业技术大学联合培养机电一体化技术技能人才：中职三年、高职两年、职教本科两年，"
                    "每段结束时进行转段考核。")
    for stage in pathway.stages.order_by("order"):
        last = stage.order == 3
        courses = list(Course.objects.filter(school=stage.school)[:3])
        components = [] if last else [("文化素质", 30, Decimal(60)), ("专业技能", 50, Decimal(60)),
                                      ("综合素质", 20, Decimal(60))]
        services.pathway_stage_update(stage=stage, actor=lead, components=components,
                                      pass_total=None if last else Decimal(65 if stage.order == 1 else 70),
                                      courses=courses, course_names=COURSES[stage.order])
    services.pathway_confirm(pathway=pathway, actor=college)
    services.pathway_confirm(pathway=pathway, actor=partner)
    pathway.refresh_from_db()

    # The secondary school's class finishing the first stage, with their transfer assessment.
    pupils = list(User.objects.filter(memberships__organization=orgs["secondary"], memberships__role=Role.STUDENT,
                                      memberships__ended_at__isnull=True).order_by("username")[:len(MARKS)])
    made = services.enrolment_create(pathway=pathway, actor=lead, students=pupils, cohort_year=this_year - 3)
    first = pathway.stages.get(order=1)
    components = list(first.components.order_by("position"))
    for enrolment, marks in zip(made, MARKS):
        if marks is not None:
            services.result_record(enrolment=enrolment, actor=lead,
                                   scores={c.pk: Decimal(m) for c, m in zip(components, marks)})

    # 张子涵 came through the first stage at the secondary school and studies at the college now.
    earlier = Membership.objects.create(user=student, organization=orgs["secondary"], role=Role.STUDENT,
                                        started_at=timezone.now() - timedelta(days=4 * 365))
    mine, = services.enrolment_create(pathway=pathway, actor=lead, students=[student], cohort_year=this_year - 4)
    services.result_record(enrolment=mine, actor=lead, scores={c.pk: Decimal(m) for c, m in zip(components, (82, 88, 90))})
    services.enrolment_transfer(enrolment=mine, actor=college)
    earlier.ended_at = timezone.now() - timedelta(days=365)
    earlier.save(update_fields=["ended_at"])

    # A second pathway the college has not confirmed yet.
    if not Pathway.objects.filter(title=PENDING_TITLE).exists():
        services.pathway_create(actor=lead, title=PENDING_TITLE, kind=PathwayKind.SECONDARY_HIGHER,
                                stages=_stages(orgs, ("660103", "460103"), (3, 2)),
                                description="龙城中专数控技术应用专业与常州智造职业技术学院数控技术专业的 3+2 分段培养。")


def seed_scale(context, *, students: int) -> str:
    return ""

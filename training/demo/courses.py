"""Demo data of co-developed courses: four courses of the college with 恒远精密 and 星河电子 at
every stage, so each demo login has something to see and do —

- 数控加工工艺与编程 (with 恒远): approved and in use, flagged for review because the 恒远
  enterprise standard it cites has a new version (the school admin starts a new version);
- 工业机器人系统集成 (with 恒远 and 星河): version 1 in review, 星河 has approved, 恒远 has not
  (the council representative or HR of 恒远 reviews it);
- 智能产线电气控制 (with 星河): 星河 asked for changes to version 1, version 2 is a draft the
  teacher writes (compare shows the two);
- 精密测量技术 (with 恒远): version 2 approved, version 1 superseded (the school puts it in use).

Idempotent (a course is made once, by title); every write goes through ``services.courses``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import connection

from credentials.models import Achievement, AchievementKind
from members.models import User
from reference.models import EducationLevel, Major, Skill
from training.models import Competition, Course, ReviewDecision, Standard, StandardKind
from training.services import courses as services

MARK = "规模测试课程"
STANDARD_CODE = "Q/HY 0012"


def _users(*names):
    found = {u.username: u for u in User.objects.filter(username__in=names)}
    return [found.get(name) for name in names]


def _standards(owner):
    """The 恒远 enterprise standard for precision parts, its 2019 version replaced by 2024."""
    old = Standard.objects.filter(code=STANDARD_CODE, version="2019").first()
    if old is None:
        old = Standard.objects.create(owner=owner, kind=StandardKind.ENTERPRISE, code=STANDARD_CODE,
                                      title="精密轴类零件数控加工工艺规范", issuing_body="常州恒远精密机械有限公司",
                                      version="2019", effective_on=date(2019, 7, 1), is_current=False)
    new = Standard.objects.filter(code=STANDARD_CODE, version="2024").first()
    if new is None:
        new = Standard.objects.create(owner=owner, kind=StandardKind.ENTERPRISE, code=STANDARD_CODE,
                                      title="精密轴类零件数控加工工艺规范", issuing_body="常州恒远精密机械有限公司",
                                      version="2024", effective_on=date(2024, 3, 1), replaces=old, is_current=True)
    return old, new


def _write(version, actor, units, chapters, *, standards=(), partner=None):
    for order, (title, hours, outcomes, case) in enumerate(units, start=1):
        unit = services.unit_save(version=version, actor=actor, order=order, title=title, hours=hours,
                                  outcomes=outcomes, standards=standards)
        if case:
            services.case_add(unit=unit, actor=actor, text=case, enterprise=partner)
    for number, (title, body) in enumerate(chapters, start=1):
        services.chapter_save(version=version, actor=actor, number=number, title=title, body=body)


def seed(context) -> None:
    orgs = context.get("organizations") or {}
    school_admin, teacher, council, hr, xinghe_admin = _users("school_admin", "teacher", "council", "hr",
                                                              "admin_xinghe")
    if not (school_admin and teacher and council and orgs.get("college") and orgs.get("hengyuan")):
        return
    college, hengyuan, xinghe = orgs["college"], orgs["hengyuan"], orgs.get("xinghe")
    majors = {m.code: m for m in Major.objects.filter(code__in=["460103", "460305", "460303", "460104"])}
    skills = {s.code: s for s in Skill.objects.filter(code__startswith="S0")}
    if len(majors) < 4:
        return
    robot_cert = list(Achievement.objects.filter(kind=AchievementKind.SKILL_CERTIFICATE)[:1])
    competitions = list(Competition.objects.order_by("-year", "pk")[:1])

    def pick(*codes):
        return [skills[c] for c in codes if c in skills]

    def propose(title, major, partners, skill_codes, **extra):
        existing = Course.objects.filter(school=college, title=title).first()
        if existing is not None:
            return None
        return services.course_propose(
            actor=school_admin, school=college, title=title, major=majors[major], level=EducationLevel.HIGHER,
            hours=64, credits=Decimal("4.0"), partners=partners, skills=pick(*skill_codes), **extra)

    # 1. In use, flagged: the 恒远 standard it cites has a new version.
    course = propose("数控加工工艺与编程", "460103", [hengyuan], ["S0608", "S0609", "S0604"], code="JX2101",
                     summary="以恒远精密真实轴类零件为载体，学习数控车铣加工工艺制定与程序编制。")
    if course is not None:
        old, new = _standards(hengyuan)
        version = services.open_version(course)
        _write(version, teacher, [
            ("数控加工工艺基础", 12, "能读懂零件图，制定加工工艺路线。", "恒远精密传动轴加工工艺卡"),
            ("数控车削编程", 24, "能编制轴类零件数控车削程序并完成加工。", "恒远精密主轴零件车削"),
            ("数控铣削与加工中心", 20, "能完成箱体类零件铣削编程。", None),
        ], [("数控加工安全与规范", "安全操作规程、设备点检。"), ("轴类零件加工", "工艺分析、刀具选择、程序编制。")],
            standards=[old], partner=hengyuan)
        services.course_submit(course=course, actor=school_admin, note="第一版课程大纲与活页教材两章。")
        services.course_review(course=course, actor=council, decision=ReviewDecision.APPROVE,
                               comment="符合企业岗位要求。")
        services.course_put_in_use(course=course, actor=school_admin)
        services.courses_flag_for_standard(standard=new, previous=old, actor=council)

    # 2. In review: 星河 approved, 恒远 still to review.
    if xinghe is not None and xinghe_admin is not None:
        course = propose("工业机器人系统集成", "460305", [hengyuan, xinghe], ["S0701", "S0702", "S0504"],
                         code="JX2205", certificates=robot_cert, competitions=competitions,
                         summary="校企共建的机器人工作站集成课程，对接工业机器人系统集成赛项与 1+X 证书。")
        if course is not None:
            version = services.open_version(course)
            _write(version, teacher, [
                ("工业机器人基本操作", 16, "能安全操作工业机器人，完成示教编程。", "恒远精密上下料工作站"),
                ("PLC 与机器人通信", 16, "能完成 PLC 与机器人的 I/O 与总线通信。", "星河电子贴片产线联调"),
                ("工作站集成与调试", 24, "能完成典型工作站的集成、调试与优化。", None),
            ], [("工作站安全", "机器人安全防护与风险评估。")], partner=hengyuan)
            services.course_submit(course=course, actor=teacher, note="按赛项要求编排单元。")
            services.course_review(course=course, actor=xinghe_admin, decision=ReviewDecision.APPROVE,
                                   comment="单元二的通信案例可直接使用我司产线资料。")

    # 3. Changes requested: version 2 is a draft.
    if xinghe is not None and xinghe_admin is not None:
        course = propose("智能产线电气控制", "460303", [xinghe], ["S0504", "S0505", "S0509"], code="JX2310",
                         summary="面向电子制造产线的电气控制与人机界面组态。")
        if course is not None:
            version = services.open_version(course)
            _write(version, teacher, [
                ("低压电器与电气识图", 12, "能识读产线电气图纸。", None),
                ("PLC 程序设计", 20, "能编写产线顺序控制程序。", "星河电子 SMT 线体输送控制"),
            ], [("电气安全", "停送电操作规范。")], partner=xinghe)
            services.course_submit(course=course, actor=school_admin)
            services.course_review(course=course, actor=xinghe_admin, decision=ReviewDecision.CHANGES,
                                   comment="请增加触摸屏组态单元，并补充产线故障诊断案例。")
            draft = services.open_version(course)
            services.unit_save(version=draft, actor=teacher, order=3, title="触摸屏组态与监控", hours=12,
                               outcomes="能完成产线 HMI 画面组态。")

    # 4. Approved in its second version; the first superseded.
    course = propose("精密测量技术", "460104", [hengyuan], ["S0605", "S0618", "S0616"], code="JX2402",
                     summary="三坐标测量与质量检测。")
    if course is not None:
        version = services.open_version(course)
        _write(version, teacher, [
            ("公差配合基础", 12, "能查阅公差表，判断配合性质。", None),
            ("三坐标测量", 20, "能完成典型零件的三坐标测量与报告。", "恒远精密箱体零件检测"),
        ], [("测量基础", "量具使用。"), ("三坐标测量", "测头校准与测量程序。")], partner=hengyuan)
        services.course_submit(course=course, actor=school_admin)
        services.course_review(course=course, actor=hr, decision=ReviewDecision.APPROVE)
        draft = services.course_new_version(course=course, actor=school_admin)
        chapter = draft.chapters.get(number=2)
        services.chapter_save(version=draft, actor=teacher, chapter=chapter, number=2, title="三坐标测量",
                              body="测头校准、测量程序与 SPC 质量分析。")
        services.unit_save(version=draft, actor=teacher, order=3, title="质量数据分析", hours=8,
                           outcomes="能用 SPC 分析测量数据。")
        services.course_submit(course=course, actor=school_admin, note="增加质量数据分析单元，修订第二章。")
        services.course_review(course=course, actor=council, decision=ReviewDecision.APPROVE)


# --- the large consortium, for the coverage benchmark ----------------------------------------------


def seed_scale(context, *, students: int) -> str:
    """``students / 25`` approved courses of the scale schools (or the college), each with four
    units citing competences of the scale standards and three skills, spread over the scale
    skills. Written in bulk (a benchmark's data, not a record of decisions). Idempotent."""
    from members.models import Organization, OrganizationKind

    from training.models import Competence, CourseUnit, CourseVersion, VersionStatus

    wanted = max(students // 25, 1)
    made = Course.objects.filter(title__startswith=MARK).count()
    if made >= wanted:
        return f"{made} scale courses"
    skills = list(Skill.objects.filter(code__startswith="SCL").order_by("pk").values_list("pk", flat=True)) or list(
        Skill.objects.order_by("pk").values_list("pk", flat=True))
    majors = list(Major.objects.filter(level=Major.Level.MAJOR).order_by("pk").values_list("pk", flat=True))
    schools = list(Organization.objects.filter(kind__in=[OrganizationKind.HIGHER_VOCATIONAL,
                                                         OrganizationKind.SECONDARY_VOCATIONAL])
                   .order_by("pk").values_list("pk", flat=True))
    enterprises = list(Organization.objects.filter(kind=OrganizationKind.ENTERPRISE).order_by("pk")
                       .values_list("pk", flat=True))
    if not (skills and majors and schools and enterprises):
        return ""
    # Fifty standards of twenty competences, each tied to a skill.
    owner = enterprises[0]
    Standard.objects.bulk_create([
        Standard(owner_id=owner, kind=StandardKind.INDUSTRY, code=f"SCL/T {n:04d}", title=f"规模测试标准{n:04d}",
                 issuing_body="规模测试", version="2024", effective_on=date(2024, 1, 1)) for n in range(50)],
        ignore_conflicts=True)
    standards = list(Standard.objects.filter(code__startswith="SCL/T").order_by("pk").values_list("pk", flat=True))
    Competence.objects.bulk_create([
        Competence(standard_id=s, code=f"{c + 1}", name=f"规模测试能力{i:04d}-{c}", skill_id=skills[(i * 20 + c) % len(skills)])
        for i, s in enumerate(standards) for c in range(20)], ignore_conflicts=True)
    competences = list(Competence.objects.filter(standard_id__in=standards).order_by("pk").values_list("pk", flat=True))
    courses = Course.objects.bulk_create([
        Course(school_id=schools[n % len(schools)], title=f"{MARK}{n:05d}", major_id=majors[n % len(majors)],
               level=EducationLevel.HIGHER, hours=64, credits=Decimal("4.0"), status="in_use" if n % 3 else "approved")
        for n in range(made, wanted)], batch_size=2000)
    Course.partners.through.objects.bulk_create([
        Course.partners.through(course_id=c.pk, organization_id=enterprises[c.pk % len(enterprises)])
        for c in courses], batch_size=5000)
    Course.skills.through.objects.bulk_create([
        Course.skills.through(course_id=c.pk, skill_id=skills[(c.pk * 7 + k * 13) % len(skills)])
        for c in courses for k in range(3)], batch_size=5000, ignore_conflicts=True)
    # The versions are written before the guard sees them approved: draft first, then approved in bulk.
    versions = CourseVersion.objects.bulk_create([CourseVersion(course_id=c.pk, number=1) for c in courses],
                                                 batch_size=2000)
    units = CourseUnit.objects.bulk_create([
        CourseUnit(version_id=v.pk, order=u + 1, title=f"单元{u + 1}", hours=16) for v in versions for u in range(4)],
        batch_size=5000)
    CourseUnit.competences.through.objects.bulk_create([
        CourseUnit.competences.through(courseunit_id=u.pk, competence_id=competences[(u.pk * 11) % len(competences)])
        for u in units], batch_size=5000, ignore_conflicts=True)
    CourseVersion.objects.filter(pk__in=[v.pk for v in versions]).update(status=VersionStatus.APPROVED)
    if connection.vendor == "postgresql":  # the planner's statistics, after a bulk load
        with connection.cursor() as cursor:
            for model in (Course, Course.skills.through, Course.partners.through, CourseVersion, CourseUnit,
                          CourseUnit.competences.through, Competence, Standard):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return f"{wanted} scale courses with {len(units)} units"

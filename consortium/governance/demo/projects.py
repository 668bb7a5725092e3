"""Governance demo data: projects and funds (idempotent, through the services).

- 恒远智能制造产业学院: an industry college of the college and Hengyuan, public, in progress; its
  equipment line nearly spent (the school's administrator and Hengyuan's record expenses).
- 新能源汽车实训基地: a training base of the secondary school with Xinyuan and the park, completed
  and assessed by the assessment office (the officer holds its seat).
- 工业机器人视觉检测联合研发: a joint R&D project of the institute with Hengyuan and the college.
- 智能制造技能提升培训: a training programme proposed and awaiting the council's vote."""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consortium.governance.models import (
    RULE_OF_MATTER,
    AssessmentResult,
    Body,
    BodyKind,
    FundSource,
    MatterKind,
    Motion,
    MotionStatus,
    Project,
    ProjectKind,
    ProjectStatus,
    Resolution,
)
from consortium.governance.services import projects as services
from members.models import User

EVIDENCE = b"%PDF-1.4\n% demo invoice\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

G, E, S, C = FundSource.GOVERNMENT, FundSource.ENTERPRISE, FundSource.SCHOOL, FundSource.SOCIAL

PROJECTS = [
    {
        "code": "CJ-2026-01", "title": "恒远智能制造产业学院", "kind": ProjectKind.INDUSTRY_COLLEGE, "lead": "college",
        "partners": [("hengyuan", "共建企业")], "public": True, "status": ProjectStatus.IN_PROGRESS,
        "description": "常州工程职业技术学院与恒远智能装备共建产业学院，开设工业机器人、智能产线运维两个订单班，共建实训车间。",
        "lines": [(G, "实训设备购置", "800000"), (E, "课程与教材开发", "300000"), (S, "师资培训", "120000"),
                  (C, "奖助学金", "60000")],
        # line title, amount, days ago, what, recorder
        "expenses": [("实训设备购置", "520000", 120, "六轴工业机器人 4 台", "school_admin"),
                     ("实训设备购置", "238000", 60, "智能产线仿真平台", "school_admin"),
                     ("课程与教材开发", "96000", 45, "活页式教材编写与出版", "council"),
                     ("师资培训", "38000", 20, "教师企业实践（暑期）", "school_admin")],
        "milestones": [("产业学院挂牌成立", -150, True), ("实训车间建成并投入教学", -10, False),
                       ("首批订单班学生结业", 200, False)],
    },
    {
        "code": "JD-2025-02", "title": "新能源汽车实训基地", "kind": ProjectKind.TRAINING_BASE, "lead": "secondary",
        "partners": [("xinyuan", "设备与技术支持"), ("park", "场地与政策支持")], "public": True,
        "status": ProjectStatus.COMPLETED,
        "description": "面向新能源汽车维修与检测的共享型实训基地，服务中职学生和企业在职员工培训。",
        "lines": [(G, "基地建设", "500000"), (E, "设备捐赠折算", "200000")],
        "expenses": [("基地建设", "468000", 300, "场地改造与设备安装", "secretariat"),
                     ("设备捐赠折算", "200000", 280, "动力电池检测设备", "secretariat")],
        "milestones": [("基地建成验收", -200, True)],
        "assessment": (AssessmentResult.GOOD, "基地按期建成，利用率较高；企业员工培训人次有待提高。",
                       [("建设任务完成度", 36, 40, "全部完成"), ("资金使用规范性", 27, 30, "票据齐全"),
                        ("服务成效", 22, 30, "学生实训充分，社会培训偏少")]),
    },
    {
        "code": "YF-2026-03", "title": "工业机器人视觉检测联合研发", "kind": ProjectKind.JOINT_RD, "lead": "institute",
        "partners": [("hengyuan", "应用企业"), ("college", "参与院校")], "public": False,
        "status": ProjectStatus.IN_PROGRESS,
        "description": "研究院牵头，面向焊接质量的机器视觉检测算法与样机，成果用于产业学院教学。",
        "lines": [(E, "研发投入", "400000"), (G, "科技计划资助", "200000")],
        "expenses": [("研发投入", "150000", 90, "视觉检测样机试制", "council")],
        "milestones": [("样机通过企业测试", 90, False)],
    },
    {
        "code": "PX-2026-04", "title": "智能制造技能提升培训", "kind": ProjectKind.TRAINING_PROGRAMME, "lead": "bachelor",
        "partners": [("hengyuan", "培训基地")], "public": False, "status": ProjectStatus.PROPOSED,
        "description": "面向园区企业在职员工的智能制造技能提升培训，计划三年培训 1,500 人次。",
        "lines": [(G, "培训补贴", "300000"), (E, "企业配套", "150000")],
        "expenses": [], "milestones": [],
    },
]


def _council_resolution(body: Body, project: Project, actor) -> Resolution:
    """The council's resolution approving the project (the demo's record of a vote held before)."""
    year = timezone.localdate().year
    title = f"关于批准“{project.title}”立项的决议"
    existing = Resolution.objects.filter(body=body, title=title).first()
    if existing:
        return existing
    motion = Motion.objects.create(
        body=body, title=title, text=project.description, matter=MatterKind.PROJECT,
        rule=RULE_OF_MATTER[MatterKind.PROJECT], status=MotionStatus.ADOPTED, proposed_by=actor,
        closed_at=timezone.now(), subject_type=ContentType.objects.get_for_model(Project), subject_id=project.pk)
    sequence = (Resolution.objects.filter(body=body, year=year).order_by("-sequence")
                .values_list("sequence", flat=True).first() or 0) + 1
    return Resolution.objects.create(
        number=f"{year}-{body.code}-{sequence:03d}", body=body, year=year, sequence=sequence, motion=motion,
        title=title, text=project.description, adopted_on=timezone.localdate() - datetime.timedelta(days=180),
        is_public=project.is_public)


def seed(context) -> None:
    users = {u.username: u for u in User.objects.filter(
        username__in=["secretariat", "school_admin", "council", "officer"])}
    secretariat = users.get("secretariat")
    council = Body.objects.filter(kind=BodyKind.COUNCIL).order_by("pk").first()
    if secretariat is None or council is None:
        return
    orgs = context["organizations"]
    today = timezone.localdate()
    for spec in PROJECTS:
        if Project.objects.filter(code=spec["code"]).exists():
            continue
        project = services.create_project(
            actor=secretariat, code=spec["code"], title=spec["title"], kind=spec["kind"], lead=orgs[spec["lead"]],
            description=spec["description"], starts_on=today.replace(month=1, day=1),
            ends_on=today.replace(year=today.year + 2, month=12, day=31), is_public=spec["public"])
        for key, role in spec["partners"]:
            services.add_partner(project=project, actor=secretariat, organization=orgs[key], role=role)
        lines = {title: services.add_budget_line(project=project, actor=secretariat, source=source, title=title,
                                                 amount=Decimal(amount))
                 for source, title, amount in spec["lines"]}
        if spec["status"] == ProjectStatus.PROPOSED:
            from consortium.governance.services import votes

            if hasattr(votes, "propose_motion"):
                services.propose_for_approval(project=project, actor=secretariat)
            continue
        services.approve_with_resolution(project=project, actor=secretariat,
                                         resolution=_council_resolution(council, project, secretariat))
        project = services.change_status(project=project, actor=secretariat, status=ProjectStatus.IN_PROGRESS)
        for title, amount, days_ago, what, recorder in spec["expenses"]:
            services.record_expense(
                line=lines[title], actor=users.get(recorder, secretariat), amount=Decimal(amount),
                spent_on=today - datetime.timedelta(days=days_ago), description=what,
                evidence=SimpleUploadedFile("发票.pdf", EVIDENCE, content_type="application/pdf"))
        for title, due_in, done in spec["milestones"]:
            milestone = services.add_milestone(project=project, actor=secretariat, title=title,
                                               due_on=today + datetime.timedelta(days=due_in))
            if done:
                services.complete_milestone(milestone=milestone, actor=secretariat,
                                            done_on=today + datetime.timedelta(days=due_in))
        if spec["status"] == ProjectStatus.COMPLETED:
            project = services.change_status(project=project, actor=secretariat, status=ProjectStatus.COMPLETED)
        if "assessment" in spec:
            result, comment, scores = spec["assessment"]
            assessor = users.get("officer")
            from consortium.governance.access import projects as access

            if assessor is None or not access.can_assess(assessor):
                assessor = secretariat
            services.assess_project(project=project, actor=assessor, result=result, comment=comment, scores=scores)

"""Demo data of the talent platform: applications at every stage, with their history and
messages. The demo student (``student``, 张子涵) has an interview at 恒远精密, an invitation from
星河电子 and an accepted offer at 新源动力; 恒远精密's HR (``hr``) sees the applications to its
postings; the college's administrator (``school_admin``) and teacher see their students'.

The postings and profiles parts seed their own demo data first; where they have none (or not
these), the few postings and profiles this needs are made here with get_or_create. Rows are
written directly (already notified), so seeding sends no e-mail. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from members.models import User
from reference.models import EducationLevel, Major
from talent_matching.models import (
    Application,
    ApplicationEvent,
    ApplicationMessage,
    ApplicationOrigin,
    ApplicationStage as S,
    Posting,
    PostingKind,
    PostingStatus,
    StudentProfile,
    Visibility,
)

# key: (enterprise key, title, kind, description)
POSTINGS = {
    "cnc": ("hengyuan", "数控加工工艺员", PostingKind.JOB,
            "负责数控机床与自动化产线的安装、调试与日常维护，配合工艺部门完成新产品试制。"),
    "robot_intern": ("hengyuan", "机电设备装调 2+1 企业培养岗", PostingKind.TWO_PLUS_ONE,
                     "在机器人集成车间参与工作站编程、示教与调试，为期六个月，表现优秀者可留用。"),
    "pcb": ("xinghe", "SMT 工艺技术员", PostingKind.JOB, "负责 SMT 产线工艺文件编制、首件确认和质量问题分析。"),
    "ev": ("xinyuan", "新能源汽车动力电池检测技术员", PostingKind.JOB, "负责整车低压电气与动力电池系统的装配和调试。"),
}

# user name: (major code, graduation year, visibility)
PROFILES = {
    "student": ("460301", 2026, Visibility.CONSORTIUM),
    "s0001": ("460305", 2026, Visibility.CONSORTIUM),
    "s0004": ("460303", 2026, Visibility.APPLIED),
    "s0007": ("460301", 2027, Visibility.CONSORTIUM),
}

# (user name, posting key, origin, the stages it went through, days ago it started)
APPLICATIONS = [
    ("student", "cnc", ApplicationOrigin.APPLIED, [S.APPLIED, S.SHORTLISTED, S.INTERVIEW], 12),
    ("student", "pcb", ApplicationOrigin.INVITED, [S.INVITED], 2),
    ("student", "ev", ApplicationOrigin.APPLIED, [S.APPLIED, S.INTERVIEW, S.OFFER, S.ACCEPTED], 30),
    ("s0001", "robot_intern", ApplicationOrigin.APPLIED, [S.APPLIED], 1),
    ("s0001", "cnc", ApplicationOrigin.APPLIED, [S.APPLIED, S.SHORTLISTED, S.OFFER], 20),
    ("s0004", "cnc", ApplicationOrigin.APPLIED, [S.APPLIED, S.REJECTED], 15),
    ("s0007", "robot_intern", ApplicationOrigin.INVITED, [S.INVITED, S.APPLIED, S.SHORTLISTED], 8),
]

NOTES = {
    S.SHORTLISTED: "简历已通过初筛。",
    S.INTERVIEW: "请携带身份证和在校成绩单。",
    S.OFFER: "月薪 6000 元起，试用期三个月，缴纳五险一金。",
    S.ACCEPTED: "感谢贵公司的认可，我接受这份录用。",
    S.REJECTED: "感谢您的申请，本岗位已招满，欢迎关注我们的其他岗位。",
    S.INVITED: "您的专业和技能与岗位十分契合，诚邀您申请。",
}

MESSAGES = {
    ("student", "cnc"): [
        (False, "您好，面试安排在下周三上午，地点在公司二号楼 3 楼会议室，请提前 10 分钟到达。"),
        (True, "收到，谢谢！请问面试需要准备作品或项目材料吗？"),
        (False, "可以带上您在校期间的 PLC 实训项目资料，现场会有简单的实操考核。"),
    ],
    ("student", "ev"): [
        (False, "恭喜您通过面试，录用通知已发出，请在一周内答复。"),
        (True, "谢谢，我已接受录用，请问报到需要准备哪些材料？"),
    ],
}


def seed(context) -> None:
    orgs = context["organizations"]
    with transaction.atomic():
        postings = _postings(orgs)
        profiles = _profiles(orgs)
        if not postings or not profiles:
            return
        for username, key, origin, stages, days in APPLICATIONS:
            profile, posting = profiles.get(username), postings.get(key)
            if profile is None or posting is None:
                continue
            _application(profile, posting, origin, stages, days)
    context["logins"].append(
        f"{'applications':<24} {'student':<14} 我的申请 · {'hr':<4} 收到的申请 · school_admin 学生申请")


def _postings(orgs) -> dict:
    """The postings seeded by the postings part where they exist (by enterprise and title), else made here."""
    hr = User.objects.filter(username="hr").first()
    found = {}
    for key, (org_key, title, kind, description) in POSTINGS.items():
        organization = orgs.get(org_key)
        if organization is None:
            continue
        found[key], _created = Posting.objects.get_or_create(
            organization=organization, title=title,
            defaults={"kind": kind, "description": description, "status": PostingStatus.PUBLISHED,
                      "published_at": timezone.now() - timedelta(days=40), "headcount": 3,
                      "min_level": EducationLevel.HIGHER if org_key != "xinghe" else None,
                      "created_by": hr if org_key == "hengyuan" else None},
        )
    return found


def _profiles(orgs) -> dict:
    """The demo students' profiles (kept as the profiles part made them where it did)."""
    found = {}
    for username, (major_code, year, visibility) in PROFILES.items():
        user = User.objects.filter(username=username).first()
        membership = user and user.memberships.filter(role="student", ended_at__isnull=True).select_related(
            "organization").first()
        major = Major.objects.filter(code=major_code).first()
        if membership is None or major is None:
            continue
        school = membership.organization
        level = {"secondary_vocational": EducationLevel.SECONDARY,
                 "vocational_bachelor": EducationLevel.BACHELOR}.get(school.kind, EducationLevel.HIGHER)
        found[username], _created = StudentProfile.objects.get_or_create(
            student=user,
            defaults={"school": school, "major": major, "education_level": level, "graduation_year": year,
                      "visibility": visibility, "summary": "动手能力强，熟悉 PLC 编程与设备调试。"},
        )
    return found


def _application(profile, posting, origin, stages, days) -> None:
    if Application.objects.filter(posting=posting, profile=profile).exists():
        return
    start = timezone.now() - timedelta(days=days)
    student = profile.student
    hr = posting.created_by or User.objects.filter(
        memberships__organization=posting.organization, memberships__role__in=["hr", "org_admin"]).first()
    application = Application.objects.create(
        posting=posting, profile=profile, origin=origin, stage=stages[-1], created_at=start,
        created_by=student if origin == ApplicationOrigin.APPLIED else hr,
    )
    if S.INTERVIEW in stages:
        application.interview_at = timezone.localtime(timezone.now() + timedelta(days=5)).replace(hour=9, minute=30, second=0,
                                                                                 microsecond=0)
        application.interview_place = f"{posting.organization.address or posting.organization.name_zh}，二号楼 3 楼会议室"
        application.save(update_fields=["interview_at", "interview_place"])
    previous = ""
    for n, stage in enumerate(stages):
        by_student = stage in (S.APPLIED, S.ACCEPTED, S.DECLINED, S.WITHDRAWN)
        at = start + timedelta(days=n * max(days // len(stages), 1), hours=n)
        ApplicationEvent.objects.create(
            application=application, stage_from=previous, stage_to=stage, actor=student if by_student else hr,
            note=NOTES.get(stage, ""), at=at, notified_at=at, school_notified_at=at,
        )
        previous = stage
    for n, (from_student, body) in enumerate(MESSAGES.get((student.username, _posting_key(posting)), [])):
        at = start + timedelta(days=n + 1, hours=2)
        ApplicationMessage.objects.create(application=application, author=student if from_student else hr,
                                          from_student=from_student, body=body, at=at, notified_at=at)


def _posting_key(posting) -> str:
    return next((key for key, spec in POSTINGS.items() if spec[1] == posting.title), "")

"""Demo data of the talent platform: matching. A full run over whatever postings and profiles
the demo holds, so that the HR person sees ranked candidates with why, the student their
recommended postings and the secretariat a finished run in the history.

Until the postings and profiles parts seed their own demo data, this adds what the run needs
when it is missing (a posting of 恒远精密 and profiles of the college's students) — nothing when
they are there, and nothing twice."""

from django.utils import timezone

from members.models import Membership, Organization, Role, User
from reference.models import EducationLevel, Major, Skill

SKILLS = [
    ("S0608", "数控车床编程与操作", "CNC lathe programming and operation"),
    ("S0504", "PLC 编程", "PLC programming"),
    ("S0602", "AutoCAD 制图", "AutoCAD drafting"),
    ("S0701", "工业机器人操作", "Industrial robot operation"),
    ("S0502", "低压电器安装与调试", "Low-voltage apparatus installation and commissioning"),
]
# Students of the college in the members' demo (s0001, s0004, … are the college's); made here only
# when this part is seeded alone.
CLASSMATES = [("s0001", "陈思远"), ("s0004", "林雨桐"), ("s0007", "黄俊杰"), ("s0010", "吴佳琪"), ("s0013", "徐浩然")]


def _skills() -> dict[str, Skill]:
    for code, zh, en in SKILLS:
        Skill.objects.get_or_create(code=code, defaults={"name_zh": zh, "name_en": en, "family": "装备制造"})
    return {s.code: s for s in Skill.objects.filter(code__in=[c for c, _z, _e in SKILLS])}


def _posting(hengyuan, skills):
    from talent_matching.models import Posting, PostingCertificate, PostingSkill, PostingStatus

    if Posting.objects.filter(organization=hengyuan, status=PostingStatus.PUBLISHED).exists():
        return
    posting = Posting.objects.create(
        organization=hengyuan, title="数控加工技术员（实习）", kind="internship", status=PostingStatus.PUBLISHED,
        published_at=timezone.now(), headcount=5, min_level=EducationLevel.HIGHER,
        description="负责数控车铣设备的编程、操作与日常维护，参与工艺改进。",
    )
    posting.majors.set(Major.objects.filter(code__in=["460301", "460103", "4603"]))
    for code, level, weight, required in [("S0608", 3, 5, True), ("S0602", 2, 4, False),
                                          ("S0504", 2, 3, False), ("S0701", 1, 2, False)]:
        PostingSkill.objects.create(posting=posting, skill=skills[code], level=level, weight=weight, required=required)
    PostingCertificate.objects.create(posting=posting, name="工业机器人操作与运维", level="")


def _profiles(context, college, skills):
    from talent_matching.models import ProfileSkill, StudentProfile, Visibility

    people = [("student", None)] + CLASSMATES
    for number, (username, full_name) in enumerate(people):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(username=username, full_name=full_name, email=f"{username}@czimt.example.cn",
                                       phone=f"139 0519 {number:04d}", password=context["password_hash"])
            Membership.objects.get_or_create(user=user, organization=college, role=Role.STUDENT)
        if StudentProfile.objects.filter(student=user).exists():
            continue
        profile = StudentProfile.objects.create(
            student=user, school=college, major=Major.objects.get(code=["460301", "460303", "460305"][number % 3]),
            education_level=EducationLevel.HIGHER, graduation_year=2027,
            visibility=Visibility.NOBODY if number == 5 else Visibility.CONSORTIUM,
            summary="希望在常州从事智能制造相关工作。",
        )
        held = [("S0608", 1 + (number + 2) % 4), ("S0602", 1 + number % 3),
                ("S0504", 1 + (number + 1) % 4), ("S0701", 2)][: 2 + number % 3]
        if username == "student":
            held = [("S0608", 3), ("S0602", 2), ("S0701", 3)]
        for code, level in held:
            ProfileSkill.objects.create(profile=profile, skill=skills[code], level=level)


def seed(context) -> None:
    organizations = context.get("organizations") or {}
    hengyuan = organizations.get("hengyuan") or Organization.objects.filter(name_zh="常州恒远精密机械有限公司").first()
    college = organizations.get("college")
    if hengyuan is None or college is None:
        return
    skills = _skills()
    _posting(hengyuan, skills)
    _profiles(context, college, skills)


def finish(context) -> None:
    """Once every app has seeded (the credentials issued and the log signed): the demo student's
    1+X certificate backs their robot skill (verified), then a full run."""
    from credentials.selectors import verified_credentials_of
    from talent_matching.models import MatchRun, MatchRunStatus, ProfileSkill
    from talent_matching.services import matching as services

    student = User.objects.filter(username="student").first()
    if student is not None:
        evidence = next((c for c in verified_credentials_of(student)
                         if c.achievement.kind == "skill"), None)  # a 1+X skill certificate
        if evidence is not None:
            ProfileSkill.objects.filter(profile__student=student, skill__code="S0701", credential=None).update(
                credential=evidence)
    if not MatchRun.objects.filter(status=MatchRunStatus.DONE).exists():
        run = MatchRun.objects.create()
        services.run_execute(run_id=run.pk)

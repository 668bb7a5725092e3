"""Demo data of the talent platform: profiles.

The demo student (``student``, 张子涵) and thirty of the demo schools' students get job profiles
with skills and varied consent (each choice recorded as the student would make it, with its
wording); 恒远's HR (``hr``) has opened and downloaded 张子涵's profile, which she sees under
谁看过我的档案. One student left school long ago, so the nightly de-identification has work.
The credentials demo runs after this one: ``finish`` backs 张子涵's robot skill with her 1+X
certificate once it is issued. Idempotent."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from members.models import Role, User
from reference.models import Major, Region, Skill
from talent_matching.models import ProfileAccess, ProfileSkill, StudentProfile, Visibility
from talent_matching.services import profiles as services

# The skills of the demo's vocabulary this part uses (code, Chinese, English, family).
SKILLS = [
    ("S0504", "PLC 编程", "PLC programming", "电气控制"),
    ("S0503", "电气识图与制图", "Electrical drawing reading and drafting", "电气控制"),
    ("S0705", "工业机器人运维", "Industrial robot maintenance", "工业机器人"),
    ("S0602", "AutoCAD 制图", "AutoCAD drafting", "机械制造"),
    ("S0608", "数控车床编程与操作", "CNC lathe programming and operation", "机械制造"),
    ("S0102", "Python 编程", "Python programming", "软件开发"),
    ("S0106", "Web 前端开发", "Web front-end development", "软件开发"),
    ("S0201", "网络组建与配置", "Network building and configuration", "网络与云"),
]
# Majors by school key, and the skills that go with them.
PLANS = {
    "college": [("460301", ["S0504", "S0503", "S0705"]), ("460305", ["S0705", "S0504"]),
                ("510203", ["S0102", "S0106"])],
    "secondary": [("460103", ["S0608", "S0602"]), ("510202", ["S0201"])],
    "bachelor": [("460104", ["S0602", "S0504", "S0608"]), ("510209", ["S0102"])],
}
CHOICES = [Visibility.CONSORTIUM, Visibility.APPLIED, Visibility.NOBODY]
LEVELS = {"college": 2, "secondary": 1, "bachelor": 3}
REGIONS = ["320411", "320412", "320402"]


def _skills() -> dict[str, Skill]:
    return {code: Skill.objects.get_or_create(code=code, defaults={"name_zh": zh, "name_en": en, "family": family})[0]
            for code, zh, en, family in SKILLS}


def _profile(student, school, level, major_code, skill_codes, skills, *, year, summary="", regions=()):
    profile = StudentProfile(student=student, school=school, major=Major.objects.get(code=major_code),
                             education_level=level, graduation_year=year, summary=summary,
                             available_from=date(year, 7, 1), kinds=["job", "internship"])
    rows = [{"skill": skills[code], "level": 1 + (n + year) % 3, "credential": None} for n, code in enumerate(skill_codes)]
    return services.profile_save(profile=profile, actor=student, skills=rows,
                                 regions=list(Region.objects.filter(code__in=regions)))


def seed(context) -> None:
    orgs = context["organizations"]
    student = User.objects.get(username="student")
    if StudentProfile.objects.filter(student=student).exists():
        finish(context)
        return
    skills = _skills()
    this_year = timezone.localdate().year
    with transaction.atomic():
        mine = _profile(student, orgs["college"], 2, "460301", ["S0504", "S0503", "S0705"], skills,
                        year=this_year + 1, regions=["320411", "320412"],
                        summary="熟悉西门子 S7-1200 PLC 编程和工业机器人示教，参加过省赛机器人系统集成赛项。希望在常州从事自动化设备调试工作。")
        services.consent_set(profile=mine, actor=student, visibility=Visibility.APPLIED, language="zh-hans")
        services.consent_set(profile=mine, actor=student, visibility=Visibility.CONSORTIUM, language="zh-hans")
        school_keys = list(PLANS)
        for n in range(30):
            username = f"s{n + 1:04d}"
            user = User.objects.filter(username=username).first()
            key = school_keys[n % 3]  # members' demo puts s0001 at the college, s0002 at the secondary school, …
            if user is None or not user.memberships.filter(organization=orgs[key], role=Role.STUDENT).exists():
                continue
            major, codes = PLANS[key][n // 3 % len(PLANS[key])]
            profile = _profile(user, orgs[key], LEVELS[key], major, codes, skills, year=this_year + n % 3,
                               regions=[REGIONS[n % 3]])
            choice = CHOICES[n % 3]
            if n % 5 != 4:  # a few have not chosen yet: no one sees theirs
                services.consent_set(profile=profile, actor=user, visibility=choice, language="zh-hans")
            if n == 29:
                profile.left_school_at = timezone.localdate() - timedelta(days=800)
                profile.save(update_fields=["left_school_at"])
        hr = User.objects.get(username="hr")
        ago = timezone.now() - timedelta(days=3)
        ProfileAccess.objects.create(profile=mine, organization=orgs["hengyuan"], user=hr, kind="viewed", at=ago)
        ProfileAccess.objects.create(profile=mine, organization=orgs["hengyuan"], user=hr, kind="downloaded",
                                     at=ago + timedelta(minutes=4))
    finish(context)


def finish(context) -> None:
    """Back 张子涵's robot skill with her 1+X certificate, once the credentials demo has issued it."""
    student = User.objects.get(username="student")
    credential = services.verified_credentials_of(student).filter(achievement__name="工业机器人操作与运维").first()
    if credential is not None:
        ProfileSkill.objects.filter(profile__student__username="student", skill__code="S0705",
                                    credential__isnull=True).update(credential=credential)

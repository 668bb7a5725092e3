"""Demo data of the competitions part: the 2026 city competition 常州市职业院校技能大赛, organised by
the education bureau, with categories for industrial robots, electronics and CNC turning, teams of
the college and the secondary school, results published and the awards issued as credentials (the
demo student of the college holds one); and the college's own skills festival, upcoming, open for
registration by its administrator and teachers. Idempotent; every write goes through
``services.competitions``."""

from datetime import date, timedelta

from django.utils import timezone

from members.models import Membership, Role, User
from reference.models import Skill
from training.models import Award, Competition, CompetitionLevel, CompetitionTeamMember
from training.services import competitions as services

CITY = "2026年常州市职业院校技能大赛"
CITY_CATEGORIES = [
    ("工业机器人技术应用", 2, ["S0701", "S0702", "S0704", "S0706"]),
    ("电子产品设计与制作", 2, ["S0401", "S0404", "S0405", "S0406"]),
    ("数控车加工", 1, ["S0608"]),
]
SCHOOL = "常州智造职业技术学院第十届职业技能节"
SCHOOL_CATEGORIES = [
    ("工业机器人编程与调试", 2, ["S0702", "S0707"]),
    ("PLC 控制系统安装与调试", 1, ["S0504", "S0505"]),
]


def _skills(codes):
    return list(Skill.objects.filter(code__in=codes))


def _students(school, count, *, first=None, exclude=()):
    people = [first] if first is not None else []
    more = (services.school_students(school).exclude(pk__in=[p.pk for p in people] + list(exclude))
            .order_by("username")[:count - len(people)])
    return people + list(more)


def _coaches(school, *, teacher=None, engineers=1):
    options = services.eligible_coaches(school)
    chosen = []
    if teacher is not None:
        chosen += list(options.filter(user=teacher, role=Role.TEACHER)[:1])
    if not chosen:
        chosen += list(options.filter(role=Role.TEACHER, organization=school).order_by("user__username")[:1])
    chosen += list(options.filter(role=Role.ENGINEER).order_by("user__username")[:engineers])
    return chosen


def _city(context, secretariat) -> None:
    orgs = context["organizations"]
    if Competition.objects.filter(name=CITY, year=2026).exists():
        return
    college, secondary = orgs["college"], orgs["secondary"]
    competition = services.competition_create(
        actor=secretariat, organizer=orgs["edu_bureau"], name=CITY, level=CompetitionLevel.CITY, year=2026,
        starts_on=date(2026, 4, 20), ends_on=date(2026, 4, 22),
        description="由常州市教育局主办，面向全市中高职院校学生，赛项对接本地智能制造与电子信息产业岗位标准。")
    categories = [services.category_create(competition=competition, actor=secretariat, name=name, team_size=size,
                                           skills=_skills(codes)) for name, size, codes in CITY_CATEGORIES]
    student = User.objects.filter(username="student").first()
    teacher = User.objects.filter(username="teacher").first()
    used = {college.pk: [], secondary.pk: []}
    results = {}
    plan = [  # (category, school, rank, award, the demo student and teacher in it)
        (0, college, 1, Award.FIRST, True), (0, secondary, 2, Award.SECOND, False),
        (1, secondary, 1, Award.FIRST, False), (1, college, 2, Award.THIRD, False),
        (2, college, 1, Award.SECOND, False), (2, secondary, 2, Award.MERIT, False),
    ]
    for index, school, rank, award, demo_people in plan:
        category = categories[index]
        first = student if demo_people and student is not None else None
        members = _students(school, category.team_size, first=first, exclude=used[school.pk])
        if len(members) < category.team_size:
            continue
        used[school.pk] += [m.pk for m in members]
        team = services.team_register(
            category=category, actor=secretariat, school=school, name=f"{school.name_zh}代表队",
            students=members, coaches=_coaches(school, teacher=teacher if demo_people else None))
        results[team.pk] = (rank, award)
    if results:
        services.results_record(competition=competition, actor=secretariat, results=results)
        services.results_publish(competition=competition, actor=secretariat)
        services.awards_issue(competition=competition, actor=secretariat)
        # The demo student's credit account (opened by the credentials demo, which runs first) earns
        # from her award now, not on the next run of the demo.
        from credentials import credit_bank
        from credentials.models import CreditAccount

        contestants = CompetitionTeamMember.objects.filter(team__category__competition=competition)
        for account in CreditAccount.objects.filter(holder__in=contestants.values("student_id")).select_related("holder"):
            credit_bank.earn_credits(student=account.holder, actor=account.holder)


def _school(context) -> None:
    college = context["organizations"]["college"]
    admin = User.objects.filter(username="school_admin").first()
    teacher = User.objects.filter(username="teacher").first()
    if admin is None or Competition.objects.filter(name=SCHOOL, organizer=college).exists():
        return
    starts = timezone.localdate() + timedelta(days=30)
    competition = services.competition_create(
        actor=admin, organizer=college, name=SCHOOL, level=CompetitionLevel.SCHOOL, year=starts.year,
        starts_on=starts, ends_on=starts + timedelta(days=1),
        description="学院年度技能节，优胜队伍推荐参加市级技能大赛。欢迎各二级学院组队报名。")
    categories = [services.category_create(competition=competition, actor=admin, name=name, team_size=size,
                                           skills=_skills(codes)) for name, size, codes in SCHOOL_CATEGORIES]
    if teacher is not None and Membership.objects.active().filter(user=teacher, organization=college).exists():
        members = _students(college, categories[1].team_size,
                            exclude=list(User.objects.filter(username="student").values_list("pk", flat=True)))
        services.team_register(category=categories[1], actor=teacher, school=college, name="电气工程学院1队",
                               students=members, coaches=_coaches(college, teacher=teacher, engineers=0))


def seed(context) -> None:
    secretariat = User.objects.filter(username="secretariat").first()
    if secretariat is None or "college" not in context.get("organizations", {}):
        return
    _city(context, secretariat)
    _school(context)


def seed_scale(context, *, students: int) -> str:
    return ""

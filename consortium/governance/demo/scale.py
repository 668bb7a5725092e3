"""The governance share of the large demo consortium (``seed_demo --scale N``), for the
benchmark: a council of 200 seats held by scale organisations (beside the demo council's own),
five years of its meetings (twelve a year, every seat invited, attendance recorded, three agenda
items each), 1,000 adopted motions with every seat's vote and their resolutions, and the projects
part's 500 projects with budget lines and expenses (``projects_scale``).

Bulk inserts (no signals, no audit rows), as the members' scale data is built. Running it again
adds nothing twice: it stops when the scale council is there."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from consortium.governance.models import (
    AgendaItem, Attendance, Body, BodyKind, Choice, Level, MajorityRule, MatterKind, Meeting, MeetingSeat,
    MeetingStatus, Motion, MotionStatus, QuorumRule, Resolution, Rsvp, Seat, Vote,
)
from members.models import Membership, Organization, Role

SEATS = 200
YEARS = 5
MEETINGS_PER_YEAR = 12
RESOLUTIONS = 1000
MARK = "规"  # the scale council's resolution mark
PROJECTS = 500
PROJECT_CODE = "SCALE-"
LINES_PER_PROJECT = 5
EXPENSES_PER_LINE = 8


def seed_scale(context, *, students: int) -> str:
    if Body.objects.filter(code=MARK).exists():
        return "scale council already present"
    rng = random.Random(2026)
    with transaction.atomic():
        body = Body.objects.create(
            name="规模测试理事会", name_en="Scale test council", kind=BodyKind.COUNCIL, level=Level.DECISION, code=MARK,
            quorum_rule=QuorumRule.MORE_THAN_HALF)
        # One representative per organisation: its administrator, or a teacher of a school.
        people = dict(
            Membership.objects.filter(organization__name_zh__startswith="常州规模测试", ended_at__isnull=True,
                                      role__in=[Role.ORG_ADMIN, Role.TEACHER])
            .order_by("organization_id", "-role", "pk").values_list("organization_id", "user_id").distinct()
        )
        orgs = list(Organization.objects.filter(pk__in=people).order_by("pk").values_list("pk", flat=True))[:SEATS - 1]
        start = timezone.localdate().replace(month=1, day=1, year=timezone.localdate().year - YEARS + 1)
        seats = [Seat(body=body, organization_id=org, principal_id=people[org], weight=rng.choice((1, 1, 1, 2)),
                      term_start=start) for org in orgs]
        # The demo council representative holds a seat too, so the benchmark's signed-in member sees it all.
        council = context.get("organizations", {}).get("hengyuan") or Organization.objects.filter(
            name_zh="常州恒远精密机械有限公司").first()
        from members.models import User
        rep = User.objects.filter(username="council").first()
        if council and rep:
            seats.append(Seat(body=body, organization=council, principal=rep, weight=1, term_start=start))
        seats = Seat.objects.bulk_create(seats)
        seat_rows = [(s.pk, s.weight) for s in seats]

        meetings = []
        for year in range(start.year, start.year + YEARS):
            for month in range(1, MEETINGS_PER_YEAR + 1):
                begin = timezone.make_aware(datetime.combine(start.replace(year=year, month=month, day=15), time(9)))
                meetings.append(Meeting(body=body, title=f"{year}年第{month}次理事会会议", starts_at=begin,
                                        ends_at=begin + timedelta(hours=3), location="联合体会议中心",
                                        status=MeetingStatus.HELD if begin < timezone.now() else MeetingStatus.SCHEDULED))
        meetings = Meeting.objects.bulk_create(meetings)
        MeetingSeat.objects.bulk_create(
            [MeetingSeat(meeting=m, seat_id=pk, weight=w, rsvp=Rsvp.ATTENDING,
                         attendance=Attendance.PRINCIPAL if rng.random() < 0.85 else Attendance.ABSENT)
             for m in meetings for pk, w in seat_rows], batch_size=5000)
        items = AgendaItem.objects.bulk_create(
            [AgendaItem(meeting=m, position=n, title=f"议题{n}：{m.title}审议事项{n}") for m in meetings for n in (1, 2, 3)])

        total = sum(w for _pk, w in seat_rows)
        motions, resolutions, sequence = [], [], {}
        matters = [MatterKind.GENERAL, MatterKind.PLAN, MatterKind.PROJECT, MatterKind.BUDGET]
        for n in range(RESOLUTIONS):
            item = items[n % len(items)]
            matter = matters[n % len(matters)]
            motions.append(Motion(
                body=body, agenda_item=item, title=f"关于规模测试事项{n + 1:04d}的决议", text="规模测试决议正文。" * 5,
                matter=matter, rule=MajorityRule.VOTES_CAST if matter == MatterKind.GENERAL else MajorityRule.ABSOLUTE,
                status=MotionStatus.ADOPTED, opened_at=item.meeting.starts_at, closed_at=item.meeting.ends_at,
                seats_weight=total, recused_weight=0, present_weight=total, for_weight=total, against_weight=0,
                abstain_weight=0, quorum_met=True))
        motions = Motion.objects.bulk_create(motions)
        for motion in motions:
            year = motion.closed_at.year
            sequence[year] = sequence.get(year, 0) + 1
            resolutions.append(Resolution(
                number=f"{year}-{MARK}-{sequence[year]:03d}", body=body, year=year, sequence=sequence[year],
                motion=motion, title=motion.title, text=motion.text,
                adopted_on=timezone.localdate(motion.closed_at), is_public=sequence[year] % 2 == 0))
        Resolution.objects.bulk_create(resolutions, batch_size=1000)
        Vote.objects.bulk_create(
            [Vote(motion=m, seat_id=pk, choice=Choice.FOR, weight=w) for m in motions for pk, w in seat_rows],
            batch_size=10000)
        projects = _projects(rng, orgs or [council.pk], resolutions)
    return (f"council of {len(seat_rows)} seats, {len(meetings)} meetings, {len(resolutions)} resolutions, "
            f"{projects} projects with {projects * LINES_PER_PROJECT} budget lines and "
            f"{projects * LINES_PER_PROJECT * EXPENSES_PER_LINE} expenses")


def _projects(rng, orgs: list[int], resolutions: list) -> int:
    from decimal import Decimal

    from consortium.governance.models import BudgetLine, Expense, FundSource, Project, ProjectKind, ProjectStatus

    kinds, sources = ProjectKind.values, FundSource.values
    projects = Project.objects.bulk_create([
        Project(code=f"{PROJECT_CODE}{n + 1:04d}", title=f"规模测试产教融合项目{n + 1:04d}", kind=kinds[n % len(kinds)],
                lead_id=orgs[n % len(orgs)], status=ProjectStatus.IN_PROGRESS, resolution=resolutions[n % len(resolutions)],
                is_public=n % 3 == 0, description="规模测试项目。")
        for n in range(PROJECTS)])
    lines = BudgetLine.objects.bulk_create([
        BudgetLine(project=project, source=sources[k % len(sources)], title=f"预算科目{k + 1}",
                   amount=Decimal(rng.randrange(100_000, 2_000_000)))
        for project in projects for k in range(LINES_PER_PROJECT)], batch_size=5000)
    today = timezone.localdate()
    Expense.objects.bulk_create([
        Expense(line=line, amount=(line.amount / (EXPENSES_PER_LINE + 2)).quantize(Decimal("0.01")),
                spent_on=today - timedelta(days=rng.randrange(1, 700)), description=f"规模测试支出{e + 1}")
        for line in lines for e in range(EXPENSES_PER_LINE)], batch_size=10000)
    return len(projects)

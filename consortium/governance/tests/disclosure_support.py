"""Resolutions for tests of the public pages: one marked public, one not."""

from datetime import date

from consortium.governance.models import (
    Body, BodyKind, Level, MajorityRule, MatterKind, Motion, MotionStatus, Resolution,
)


def council() -> Body:
    body, _created = Body.objects.get_or_create(
        code="测", defaults={"name": "测试理事会", "name_en": "Test council", "kind": BodyKind.COUNCIL,
                             "level": Level.DECISION})
    return body


def resolution(sequence: int, *, public: bool, title: str = "", year: int = 2026) -> Resolution:
    body = council()
    number = f"{year}-{body.code}-{sequence:03d}"
    found = Resolution.objects.filter(number=number).first()
    if found:
        return found
    motion = Motion.objects.create(
        body=body, title=title or f"测试决议{sequence}", text="决议正文", matter=MatterKind.GENERAL,
        rule=MajorityRule.VOTES_CAST, status=MotionStatus.ADOPTED, seats_weight=5, recused_weight=0,
        present_weight=5, for_weight=4, against_weight=1, abstain_weight=0, quorum_met=True)
    return Resolution.objects.create(
        number=number, body=body, year=year, sequence=sequence, motion=motion, title=motion.title, text=motion.text,
        adopted_on=date(year, 3, sequence % 28 + 1), is_public=public)


def public_resolution_number(w, t) -> dict:
    return {"number": resolution(1, public=True).number}


def hidden_resolution_number(w, t) -> dict:
    return {"number": resolution(2, public=False).number}


def minutes_version(*, public: bool):
    """Approved minutes of a held council meeting, marked public or not."""
    from datetime import timedelta

    from django.utils import timezone

    from consortium.governance.models import Meeting, MeetingStatus, Minutes, MinutesStatus, MinutesVersion

    title = "公开纪要测试会议" if public else "内部纪要测试会议"
    meeting, _created = Meeting.objects.get_or_create(
        body=council(), title=title, defaults={
            "starts_at": timezone.now() - timedelta(days=10), "ends_at": timezone.now() - timedelta(days=10, hours=-2),
            "status": MeetingStatus.HELD})
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting, defaults={"is_public": public})
    version = minutes.versions.first()
    if version is None:
        motion = resolution(90 if public else 91, public=False).motion
        version = MinutesVersion.objects.create(minutes=minutes, number=1, text=f"{title}纪要正文",
                                                status=MinutesStatus.APPROVED, approved_at=timezone.now(), motion=motion)
    return version


def project(*, public: bool):
    """An approved project with a budget line, marked public or not."""
    from decimal import Decimal

    from consortium.governance.models import BudgetLine, FundSource, Project, ProjectKind, ProjectStatus
    from members.models import Organization

    code = "PUB-1" if public else "PUB-2"
    found = Project.objects.filter(code=code).first()
    if found:
        return found
    lead = Organization.objects.order_by("pk").first()
    made = Project.objects.create(code=code, title="公开测试项目" if public else "内部测试项目", kind=ProjectKind.TRAINING_BASE,
                                  lead=lead, status=ProjectStatus.APPROVED, is_public=public,
                                  resolution=resolution(92 if public else 93, public=False))
    BudgetLine.objects.create(project=made, source=FundSource.GOVERNMENT, title="设备购置", amount=Decimal("100000"))
    return made


def public_minutes_pk(w, t) -> dict:
    return {"pk": minutes_version(public=True).pk}


def hidden_minutes_pk(w, t) -> dict:
    return {"pk": minutes_version(public=False).pk}


def public_project_pk(w, t) -> dict:
    return {"pk": project(public=True).pk}


def hidden_project_pk(w, t) -> dict:
    return {"pk": project(public=False).pk}

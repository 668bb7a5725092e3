"""Building blocks of the action-item and plan tests: a resolution of a body (the votes part's
rows, made directly), and a seat held by a person."""

from datetime import date, timedelta

from django.utils import timezone

from consortium.governance.models import (
    Body, BodyKind, Level, MajorityRule, MatterKind, Motion, MotionStatus, Resolution, Seat,
)


def body(code: str = "试") -> Body:
    found, _created = Body.objects.get_or_create(code=code, defaults={
        "name": f"测试理事会{code}", "kind": BodyKind.COUNCIL, "level": Level.DECISION})
    return found


def resolution(*, number: str = "2026-试-001", title: str = "关于推进产业学院建设的决议", adopted_on: date | None = None,
               matter=MatterKind.GENERAL, code: str = "试") -> Resolution:
    existing = Resolution.objects.filter(number=number).first()
    if existing is not None:
        return existing
    council = body(code)
    motion = Motion.objects.create(body=council, title=title, text="决议正文。", matter=matter,
                                   rule=MajorityRule.VOTES_CAST, status=MotionStatus.ADOPTED)
    sequence = Resolution.objects.filter(body=council).count() + 1
    return Resolution.objects.create(number=number, body=council, year=2026, sequence=sequence, motion=motion,
                                     title=title, text="决议正文。",
                                     adopted_on=adopted_on or timezone.localdate() - timedelta(days=60))


def seat(organization, principal, *, alternate=None, code: str = "试") -> Seat:
    from consortium.governance import access

    held = Seat.objects.create(body=body(code), organization=organization, principal=principal, alternate=alternate,
                               term_start=timezone.localdate() - timedelta(days=100))
    for person in (principal, alternate):
        if person is not None:
            access.forget_seats(person)
            if hasattr(person, "_governance_action_orgs"):
                delattr(person, "_governance_action_orgs")
    return held


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)

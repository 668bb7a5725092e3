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

"""What the postings tests build on: skills of the vocabulary and postings in a given state,
made directly (the services have tests of their own)."""

from datetime import timedelta

from django.utils import timezone

from reference.models import Major, Region, Skill
from talent_matching.models import Posting, PostingKind, PostingSkill, PostingStatus

SKILLS = {
    "S-103": ("数控车铣编程与操作", "CNC turning and milling", "机械制造"),
    "S-201": ("PLC 编程与调试", "PLC programming and commissioning", "电气控制"),
    "S-401": ("Java 程序设计", "Java programming", "软件开发"),
    "S-403": ("Web 前端开发", "Web front-end development", "软件开发"),
}


def skill(code="S-103") -> Skill:
    name_zh, name_en, family = SKILLS[code]
    found, _created = Skill.objects.get_or_create(code=code, defaults={
        "name_zh": name_zh, "name_en": name_en, "family": family})
    return found


def posting(organization, *, status=PostingStatus.PUBLISHED, title="数控加工工艺员", kind=PostingKind.JOB,
            majors=(), skills=("S-103",), deadline_days=30, salary=(6000, 8000), location="320411",
            min_level=None, **fields) -> Posting:
    now = timezone.now()
    made = Posting.objects.create(
        organization=organization, title=title, kind=kind, status=status,
        description=fields.pop("description", "负责数控加工工艺编制与首件调试。"),
        deadline=timezone.localdate() + timedelta(days=deadline_days) if deadline_days is not None else None,
        salary_min=salary[0], salary_max=salary[1], min_level=min_level,
        location=Region.objects.get(code=location) if location else None,
        published_at=now if status != PostingStatus.DRAFT else None,
        closed_at=now if status == PostingStatus.CLOSED else None, **fields,
    )
    made.majors.set(Major.objects.filter(code__in=majors))
    for code in skills:
        PostingSkill.objects.create(posting=made, skill=skill(code), level=2, weight=4, required=True)
    return made

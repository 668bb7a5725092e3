"""Postings, profiles and runs for the matching tests, built the way the other parts build them
(their services may not exist yet: plain rows)."""

from django.utils import timezone

from reference.models import EducationLevel, Major, Skill
from talent_matching.models import (
    MatchRun, Posting, PostingCertificate, PostingSkill, PostingStatus, ProfileSkill, StudentProfile, Visibility,
)
from talent_matching.services import matching as services


def skill(code: str) -> Skill:
    found, _created = Skill.objects.get_or_create(code=code, defaults={
        "name_zh": f"技能{code}", "name_en": f"Skill {code}", "family": "测试"})
    return found


def profile(user, school, *, major="460301", visibility=Visibility.CONSORTIUM, skills=(), level=EducationLevel.HIGHER,
            regions=(), available_from=None, kinds=()):
    made = StudentProfile.objects.create(
        student=user, school=school, major=Major.objects.get(code=major), education_level=level,
        graduation_year=2027, visibility=visibility, available_from=available_from, kinds=list(kinds))
    for code, skill_level, *evidence in skills:
        ProfileSkill.objects.create(profile=made, skill=skill(code), level=skill_level,
                                    credential=evidence[0] if evidence else None)
    if regions:
        made.regions.set(regions)
    return made


def posting(organization, *, title="数控编程员", majors=("460301",), skills=(), certificates=(), min_level=None,
            status=PostingStatus.PUBLISHED, deadline=None, location=None, starts_on=None):
    made = Posting.objects.create(
        organization=organization, title=title, description="岗位职责。", min_level=min_level, status=status,
        published_at=timezone.now() if status == PostingStatus.PUBLISHED else None, deadline=deadline,
        location=location, starts_on=starts_on)
    made.majors.set(Major.objects.filter(code__in=majors))
    for code, level, weight, *required in skills:
        PostingSkill.objects.create(posting=made, skill=skill(code), level=level, weight=weight,
                                    required=bool(required and required[0]))
    for name, level, required in certificates:
        PostingCertificate.objects.create(posting=made, name=name, level=level, required=required)
    return made


def full_run() -> MatchRun:
    """A full run done here and now (what the worker does with a queued run)."""
    run = MatchRun.objects.create()
    return services.run_execute(run_id=run.pk)

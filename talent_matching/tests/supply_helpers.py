"""Records for the supply–demand tests: postings, cohorts of profiles and a finished matching run."""

from django.utils import timezone

from members.models import Role
from members.tests.factories import person
from reference.models import Major, Region
from talent_matching.models import (
    MatchResult,
    MatchRun,
    MatchRunStatus,
    Posting,
    PostingStatus,
    StudentProfile,
    Visibility,
)
from talent_matching.services.supply import graduation_years, month_start


def this_month():
    return month_start(timezone.localdate())


def graduating_year():
    return graduation_years(this_month())[0]


def posting(organization, *codes, headcount=1, status=PostingStatus.PUBLISHED, deadline=None, location=None,
            title="数控车工"):
    item = Posting.objects.create(
        organization=organization, title=title, description="岗位说明。", headcount=headcount, status=status,
        published_at=timezone.now() if status != PostingStatus.DRAFT else None, deadline=deadline,
        location=Region.objects.get(code=location) if location else None,
    )
    item.majors.set(Major.objects.filter(code__in=codes))
    return item


def cohort(school, code, count, *, year=None, names=None, visibility=Visibility.CONSORTIUM):
    """``count`` profiles of a major graduating in ``year`` (this year's graduates by default);
    with ``names``, each a real student account so that tests can look for the name."""
    year = year or graduating_year()
    major = Major.objects.get(code=code)
    profiles = []
    for number in range(count):
        student = None
        if names:
            student = person(school, Role.STUDENT, full_name=names[number % len(names)])
        profiles.append(StudentProfile.objects.create(
            student=student, school=school, major=major, education_level=major.education_level or 2,
            graduation_year=year, visibility=visibility,
        ))
    return profiles


def finished_run(pairs):
    """A finished matching run keeping ``pairs`` of (posting, profile) as top candidates."""
    run = MatchRun.objects.create(status=MatchRunStatus.DONE, finished_at=timezone.now())
    MatchResult.objects.bulk_create([
        MatchResult(run=run, posting=p, profile=profile, score=50.0, posting_rank=rank + 1)
        for rank, (p, profile) in enumerate(pairs)
    ])
    return run

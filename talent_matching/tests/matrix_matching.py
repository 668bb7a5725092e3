"""The talent platform's security-matrix rules: matching.

The runs belong to the secretariat (everyone else finds nothing there); a posting's candidates
to its enterprise's people (enterprise A's here) and the secretariat; 'postings for me' to
students. Through the API a pair of the current run is seen by the posting's enterprise while
the student's consent covers it, by the student and their school's staff, and by the
secretariat."""

from django.utils import timezone

from reference.models import EducationLevel, Major
from tests.matrix import api, page, personas, signed_in

SECRETARIAT_ONLY = personas(404, anonymous=302, secretariat=200)


def _posting(w):
    from talent_matching.models import Posting, PostingStatus

    posting, _created = Posting.objects.get_or_create(
        organization=w.orgs["org_a"], title="矩阵测试岗位",
        defaults={"description": "用于安全矩阵。", "status": PostingStatus.PUBLISHED, "published_at": timezone.now()},
    )
    return posting


def _run(w):
    from talent_matching.models import MatchRun, MatchRunStatus

    run = MatchRun.objects.filter(summary__matrix=True).first()
    if run is None:
        run = MatchRun.objects.create(status=MatchRunStatus.DONE, finished_at=timezone.now(), summary={"matrix": True})
    return run


def _result(w):
    from talent_matching.models import MatchResult, StudentProfile, Visibility

    profile, _created = StudentProfile.objects.get_or_create(
        student=w.users["student"], defaults={
            "school": w.orgs["school"], "major": Major.objects.filter(level=Major.Level.MAJOR).first(),
            "education_level": EducationLevel.HIGHER, "graduation_year": 2027, "visibility": Visibility.CONSORTIUM,
        })
    run = _run(w)
    result, _created = MatchResult.objects.get_or_create(
        run=run, posting=_posting(w), profile=profile,
        defaults={"score": 70.0, "parts": {"major": 20.0, "skills_declared": 50.0}, "posting_rank": 1, "profile_rank": 1},
    )
    return result


def a_posting(w, t):
    return {"pk": _posting(w).pk}


def a_run(w, t):
    return {"pk": _run(w).pk}


def a_result(w, t):
    return {"pk": _result(w).pk}


def run_count(w, t):
    from talent_matching.models import MatchRun

    return MatchRun.objects.count()


RULES = {
    "talent:matching": (page(expect={"any": SECRETARIAT_ONLY}),),
    "talent:matching_start": (
        page(expect={"any": personas(405, anonymous=302)}),
        page(method="post", state=run_count, expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "talent:matching_run": (page(kwargs=a_run, expect={"any": SECRETARIAT_ONLY}),),
    "talent:matching_run_status": (page(kwargs=a_run, expect={"any": SECRETARIAT_ONLY}),),
    "talent:posting_candidates": (
        page(kwargs=a_posting, expect={"any": personas(404, anonymous=302, member_a=200, admin_a=200,
                                                       secretariat=200)}),
    ),
    "talent:my_matches": (page(expect={"any": personas(404, anonymous=302, student=200)}),),
    "talent-match-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "talent-match-detail": (
        api(kwargs=a_result, expect={"any": personas(404, anonymous=401, student=200, teacher=200, member_a=200,
                                                     admin_a=200, secretariat=200)}),
    ),
}

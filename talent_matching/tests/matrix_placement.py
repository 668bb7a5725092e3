"""The talent platform's security-matrix rules: placement rounds.

The secretariat runs rounds: it alone creates, edits, runs and confirms them and reads their
results. An open round is seen by the students and staff of the schools taking part and by the
enterprises with a posting in it (here: the school and enterprise A); a student ranks its
postings; A's people read who ranked A's posting and may refuse a student; the school's
teacher reads its students' choices. Everyone else finds nothing; the visitor is sent to sign in."""

from django.utils import timezone

from talent_matching.models import (
    Placement,
    PlacementRound,
    Posting,
    PostingKind,
    PostingStatus,
    Refusal,
    RoundPosting,
    RoundStatus,
    StudentPreference,
    StudentProfile,
    Visibility,
)
from tests.matrix import api, page, personas, signed_in

ROUND_NAME = "矩阵实习轮次"


def _posting(w) -> Posting:
    posting, _created = Posting.objects.get_or_create(
        organization=w.orgs["org_a"], title="矩阵实习岗位", defaults={
            "kind": PostingKind.INTERNSHIP, "description": "实习。", "headcount": 2,
            "status": PostingStatus.PUBLISHED, "published_at": timezone.now()})
    return posting


def _profile(w) -> StudentProfile:
    from reference.models import Major

    profile = StudentProfile.objects.filter(student=w.users["student"]).first()
    if profile is None:
        profile = StudentProfile.objects.create(
            student=w.users["student"], school=w.orgs["school"], education_level=2, graduation_year=2027,
            major=Major.objects.filter(level=Major.Level.MAJOR).order_by("code").first(),
            visibility=Visibility.CONSORTIUM)
    return profile


def _round(w, *, name=ROUND_NAME, status=RoundStatus.COLLECTING) -> PlacementRound:
    """A round of the school and A's posting, in which the student ranked the posting."""
    placement_round = PlacementRound.objects.filter(name=name).first()
    if placement_round is None:
        placement_round = PlacementRound.objects.create(name=name, kind=PostingKind.INTERNSHIP, status=status,
                                                        opened_at=timezone.now())
        placement_round.schools.set([w.orgs["school"]])
        posting = _posting(w)
        RoundPosting.objects.create(round=placement_round, posting=posting)
        StudentPreference.objects.create(round=placement_round, profile=_profile(w), posting=posting, rank=1)
    return placement_round


def a_round(w, t):
    return {"pk": _round(w).pk}


def running(w, t):
    return {"pk": _round(w).pk, "action": "run"}


def a_rounds_posting(w, t):
    return {"pk": _round(w).pk, "posting": _posting(w).pk}


def refusing(w, t):
    return {"pk": _round(w).pk, "posting": _posting(w).pk, "profile": _profile(w).pk}


def a_placement(w, t):
    placement_round = _round(w, name="矩阵已确认轮次", status=RoundStatus.CONFIRMED)
    placement, _created = Placement.objects.get_or_create(
        round=placement_round, profile=_profile(w), defaults={"posting": _posting(w)})
    return {"pk": placement.pk}


def rounds(w, t):
    return list(PlacementRound.objects.values_list("pk", "name", "status"))


def runs(w, t):
    return list(PlacementRound.objects.values_list("pk", "status")) + [
        ("runs", sum(r.runs.count() for r in PlacementRound.objects.all()))]


def preferences(w, t):
    return list(StudentPreference.objects.values_list("round_id", "profile_id", "posting_id", "rank"))


def refusals(w, t):
    return list(Refusal.objects.values_list("round_id", "posting_id", "profile_id"))


SECRETARIAT_ONLY = personas(404, anonymous=302, secretariat=200)
# Those who see the open round: the school's student and teacher, enterprise A's people, the secretariat.
IN_THE_ROUND = personas(404, anonymous=302, student=200, teacher=200, member_a=200, admin_a=200, secretariat=200)
A_ONLY = personas(404, anonymous=302, member_a=200, admin_a=200)
NEW_ROUND = {"name": "", "kind": "internship"}  # no name, no school, no posting: refused, shown again

RULES = {
    "talent:placement_rounds": (page(expect={"any": signed_in(200)}),),
    "talent:placement_round_create": (
        page(expect={"any": SECRETARIAT_ONLY}),
        page(method="post", data=NEW_ROUND, state=rounds, expect={"any": SECRETARIAT_ONLY}),
    ),
    "talent:placement_round": (page(kwargs=a_round, expect={"any": IN_THE_ROUND}),),
    "talent:placement_round_edit": (
        page(kwargs=a_round, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_round, method="post", data=NEW_ROUND, state=rounds, expect={"any": SECRETARIAT_ONLY}),
    ),
    "talent:placement_round_places": (
        page(kwargs=a_round, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_round, method="post", data={}, state=rounds,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "talent:placement_results": (page(kwargs=a_round, expect={"any": SECRETARIAT_ONLY}),),
    "talent:placement_round_action": (
        page(kwargs=running, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=running, method="post", state=runs, expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "talent:placement_rank": (
        page(kwargs=a_round, expect={"any": personas(404, anonymous=302, student=200)}),
        page(kwargs=a_round, method="post", data={"choice_1": ""}, state=preferences,
             expect={"any": personas(404, anonymous=302, student=302)}),
    ),
    "talent:placement_school": (page(kwargs=a_round, expect={"any": personas(404, anonymous=302, teacher=200)}),),
    "talent:placement_applicants": (page(kwargs=a_rounds_posting, expect={"any": A_ONLY}),),
    "talent:placement_refuse": (
        page(kwargs=refusing, expect={"any": personas(405, anonymous=302)}),
        page(kwargs=refusing, method="post", data={"refused": "1"}, state=refusals,
             expect={"any": personas(404, anonymous=302, member_a=302, admin_a=302)}),
    ),
    "placement-round-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "placement-round-detail": (
        api(kwargs=a_round, expect={"any": personas(404, anonymous=401, student=200, teacher=200, member_a=200,
                                                     admin_a=200, secretariat=200)}),
    ),
    "placement-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "placement-detail": (
        api(kwargs=a_placement, expect={"any": personas(404, anonymous=401, student=200, teacher=200, member_a=200,
                                                         admin_a=200, secretariat=200)}),
    ),
}

"""The governance rules in the security matrix: minutes.

The secretariat drafts, edits, puts to the vote, corrects and discloses minutes. The people of an
organisation seated in the meeting's body read its minutes, drafts included, and its representatives
comment (here enterprise A on the matrix council: admin_a the principal, member_a the alternate);
everyone else finds nothing (public minutes aside); the visitor is sent to sign in; students do not
use governance."""

from datetime import timedelta

from django.utils import timezone

from consortium.governance.models import (
    Body,
    BodyKind,
    Level,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesComment,
    MinutesStatus,
    MinutesVersion,
    Motion,
    MotionStatus,
    Seat,
)
from tests.matrix import api, page, personas

SECRETARIAT_ONLY = personas(404, anonymous=302, secretariat=200)
SECRETARIAT_WRITES = personas(404, anonymous=302, secretariat=302)
SEATED_A = personas(404, anonymous=302, admin_a=200, member_a=200, secretariat=200)


def _body(w, code, kind, org_key, principal, alternate) -> Body:
    body, _created = Body.objects.get_or_create(code=code, defaults={
        "name": f"矩阵{code}", "name_en": f"Matrix body {code}", "kind": kind, "level": Level.DECISION})
    Seat.objects.get_or_create(body=body, organization=w.orgs[org_key], ended_at=None, defaults={
        "principal": w.users[principal], "alternate": w.users[alternate],
        "term_start": timezone.localdate() - timedelta(days=30)})
    return body


def council(w) -> Body:
    """Enterprise A's seat: admin_a the principal, member_a the alternate."""
    return _body(w, "矩纪", BodyKind.COUNCIL, "org_a", "admin_a", "member_a")


def body_b(w) -> Body:
    return _body(w, "矩乙", BodyKind.WORKING_GROUP, "org_b", "admin_b", "outsider")


def meeting(w, title, body=None) -> Meeting:
    start = timezone.now() - timedelta(days=10)
    found, _created = Meeting.objects.get_or_create(title=title, defaults={
        "body": body or council(w), "starts_at": start, "ends_at": start + timedelta(hours=2),
        "status": MeetingStatus.HELD})
    return found


def minutes(w, title, *statuses, body=None) -> Minutes:
    """Minutes with versions of the given statuses (1, 2, …); approved ones with their motion."""
    found, created = Minutes.objects.get_or_create(meeting=meeting(w, title, body))
    if created:
        for number, status in enumerate(statuses, start=1):
            motion = None
            if status == MinutesStatus.APPROVED:
                motion = Motion.objects.create(body=found.meeting.body, title=f"{title} v{number}", text="…",
                                               matter="minutes", rule="votes_cast", status=MotionStatus.ADOPTED)
            MinutesVersion.objects.create(minutes=found, number=number, text=f"{title}\n第{number}稿", status=status,
                                          motion=motion,
                                          approved_at=timezone.now() if motion else None)
    return found


def draft_minutes(w):
    return minutes(w, "矩阵纪要草稿会议", MinutesStatus.DRAFT)


def approved_minutes(w):
    return minutes(w, "矩阵已批准纪要会议", MinutesStatus.APPROVED)


def corrected_minutes(w):
    return minutes(w, "矩阵更正纪要会议", MinutesStatus.APPROVED, MinutesStatus.DRAFT)


def a_draft(w, t):
    return {"pk": draft_minutes(w).pk}


def an_approved(w, t):
    return {"pk": approved_minutes(w).pk}


def a_corrected(w, t):
    return {"pk": corrected_minutes(w).pk}


def a_draft_version(w, t):
    return {"pk": draft_minutes(w).versions.get().pk}


def a_meeting_without_minutes(w, t):
    return {"meeting_pk": meeting(w, "矩阵待写纪要会议").pk}


def b_version(w, t):
    return {"pk": minutes(w, "矩阵乙组会议", MinutesStatus.APPROVED, body=body_b(w)).versions.get().pk}


def all_minutes(w, t):
    return list(Minutes.objects.values_list("pk", "is_public")) + list(
        MinutesVersion.objects.values_list("pk", "number", "status", "text"))


def comments(w, t):
    return list(MinutesComment.objects.values_list("pk", "text"))


RULES = {
    "governance:minutes_list": (page(expect={"any": personas(200, anonymous=302, student=404)}),),
    "governance:minutes_detail": (page(kwargs=a_draft, expect={"any": SEATED_A}),),
    "governance:minutes_compare": (page(kwargs=a_corrected, expect={"any": SEATED_A}),),
    "governance:minutes_draft": (
        page(kwargs=a_meeting_without_minutes, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_meeting_without_minutes, method="post", state=all_minutes, expect={"any": SECRETARIAT_WRITES}),
    ),
    "governance:minutes_edit": (
        page(kwargs=a_draft_version, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_draft_version, method="post", data={"text": "改写"}, state=all_minutes,
             expect={"any": SECRETARIAT_WRITES}),
    ),
    "governance:minutes_comment": (
        page(kwargs=a_draft_version, expect={"any": personas(405, anonymous=302)}),
        page(kwargs=a_draft_version, method="post", data={"text": "意见"}, state=comments,
             expect={"any": personas(404, anonymous=302, admin_a=302, member_a=302, secretariat=302)}),
    ),
    "governance:minutes_vote": (
        page(kwargs=a_draft_version, expect={"any": SECRETARIAT_ONLY}),
        # No deadline: refused by the form, shown again.
        page(kwargs=a_draft_version, method="post", data={}, state=all_minutes, expect={"any": SECRETARIAT_ONLY}),
    ),
    "governance:minutes_correct": (
        page(kwargs=an_approved, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=an_approved, method="post", state=all_minutes, expect={"any": SECRETARIAT_WRITES}),
    ),
    "governance:minutes_publish": (
        page(kwargs=an_approved, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=an_approved, method="post", state=all_minutes, expect={"any": SECRETARIAT_WRITES}),
    ),
    "governance-minutes-version-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "governance-minutes-version-detail": (
        api(kwargs=b_version, expect={"any": personas(404, anonymous=401, admin_b=200, outsider=200,
                                                       secretariat=200)}),
    ),
}

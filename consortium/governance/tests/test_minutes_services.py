"""Minutes: drafted from a held meeting, commented by the body's seats, approved by the body's vote,
then locked — corrections are new versions, never edits in place (the database refuses too)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from consortium.governance.models import (
    AgendaItem,
    MatterKind,
    MinutesStatus,
    MinutesVersion,
    Motion,
    MotionStatus,
    Recusal,
    VotingMode,
)
from consortium.governance.services import minutes as services
from consortium.governance.tests.minutes_support import body, decide, held_meeting, in_a_week, seat, votes_contract  # noqa: F401
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(org_a, org_b, admin_a, member_a, admin_b):
    council = body()
    seat(council, org_a, admin_a, alternate=member_a)
    seat(council, org_b, admin_b)
    return council


@pytest.fixture
def meeting(council):
    return held_meeting(council)


@pytest.fixture
def draft(meeting, secretariat):
    return services.minutes_draft(actor=secretariat, meeting=meeting).versions.get()


def approve(version, secretariat) -> MinutesVersion:
    motion = services.version_put_to_vote(actor=secretariat, version=version, deadline=in_a_week())
    decide(motion)
    version.refresh_from_db()
    return version


def test_the_draft_is_prefilled_with_the_agenda_attendance_and_votes(meeting, secretariat, admin_a):
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="审议年度工作计划")
    motion = Motion.objects.create(body=meeting.body, agenda_item=item, title="关于年度工作计划的议案", text="…",
                                   rule="votes_cast", status=MotionStatus.ADOPTED, for_weight=1, against_weight=0,
                                   abstain_weight=0)
    Recusal.objects.create(motion=motion, seat=meeting.body.seats.get(principal=admin_a), reason="本单位承担该项目")
    text = services.minutes_draft(actor=secretariat, meeting=meeting).versions.get().text
    assert "审议年度工作计划" in text and "关于年度工作计划的议案" in text
    assert "甲企业有限公司" in text and "本单位承担该项目" in text
    assert "1. 审议年度工作计划" in text


def test_only_the_secretariat_drafts_and_only_for_a_held_meeting(meeting, secretariat, admin_a):
    with pytest.raises(PermissionDenied):
        services.minutes_draft(actor=admin_a, meeting=meeting)
    meeting.status = "scheduled"
    meeting.save()
    with pytest.raises(ValidationError):
        services.minutes_draft(actor=secretariat, meeting=meeting)


def test_approval_by_the_bodys_vote_locks_the_version(draft, secretariat, votes_contract):  # noqa: F811
    motion = services.version_put_to_vote(actor=secretariat, version=draft, deadline=in_a_week())
    assert (motion.matter, motion.mode, motion.subject) == (MatterKind.MINUTES, VotingMode.WRITTEN, draft)
    draft.refresh_from_db()
    assert draft.status == MinutesStatus.VOTING
    with pytest.raises(ValidationError):  # no edit while the seats vote
        services.version_edit(actor=secretariat, version=draft, text="改过")
    decide(motion)
    draft.refresh_from_db()
    assert draft.status == MinutesStatus.APPROVED and draft.approved_at and draft.motion == motion
    assert AuditEvent.objects.filter(event="minutes.approved").exists()
    with pytest.raises(ValidationError) as refused:
        services.version_edit(actor=secretariat, version=draft, text="改过")
    assert "text" in refused.value.message_dict


def test_a_rejected_draft_becomes_a_draft_again(draft, secretariat, votes_contract):  # noqa: F811
    motion = services.version_put_to_vote(actor=secretariat, version=draft, deadline=in_a_week())
    decide(motion, MotionStatus.REJECTED)
    draft.refresh_from_db()
    assert draft.status == MinutesStatus.DRAFT and draft.approved_at is None
    services.version_edit(actor=secretariat, version=draft, text="按意见修改")
    draft.refresh_from_db()
    assert draft.text == "按意见修改"


def test_the_database_refuses_to_change_or_delete_approved_minutes(draft, secretariat, votes_contract):  # noqa: F811
    version = approve(draft, secretariat)
    with pytest.raises(IntegrityError), transaction.atomic():
        MinutesVersion.objects.filter(pk=version.pk).update(text="偷偷改")
    with pytest.raises(IntegrityError), transaction.atomic():
        MinutesVersion.objects.filter(pk=version.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():  # approved needs its date and motion
        MinutesVersion.objects.create(minutes=version.minutes, number=9, text="x", status="approved")
    version.refresh_from_db()
    assert version.text != "偷偷改"


def test_a_correction_is_a_new_version_and_the_approved_one_is_kept(draft, secretariat, votes_contract):  # noqa: F811
    v1 = approve(draft, secretariat)
    v2 = services.correction_start(actor=secretariat, minutes=v1.minutes)
    assert (v2.number, v2.text, v2.status) == (2, v1.text, MinutesStatus.DRAFT)
    with pytest.raises(ValidationError):  # one open version at a time
        services.correction_start(actor=secretariat, minutes=v1.minutes)
    services.version_edit(actor=secretariat, version=v2, text=v1.text + "\n更正：出席单位补充。")
    approve(v2, secretariat)
    texts = dict(v1.minutes.versions.values_list("number", "text"))
    assert texts[1] == v1.text and texts[2].endswith("更正：出席单位补充。")
    rows = services.side_by_side(v1, MinutesVersion.objects.get(pk=v2.pk))
    assert rows[-1] == {"kind": "added", "old_no": None, "old": "", "new_no": len(texts[2].splitlines()),
                        "new": "更正：出席单位补充。"}


def test_seat_holders_of_the_body_comment_others_cannot(draft, admin_a, member_a, outsider, teacher, secretariat):
    services.comment_add(actor=admin_a, version=draft, text="第二项议题表述需修改。")
    services.comment_add(actor=member_a, version=draft, text="同意。")  # the alternate
    for stranger in (outsider, teacher):
        with pytest.raises(PermissionDenied):
            services.comment_add(actor=stranger, version=draft, text="x")
    assert list(draft.comments.values_list("text", flat=True)) == ["第二项议题表述需修改。", "同意。"]


def test_approved_minutes_take_no_more_comments(draft, admin_a, secretariat, votes_contract):  # noqa: F811
    version = approve(draft, secretariat)
    with pytest.raises(PermissionDenied):
        services.comment_add(actor=admin_a, version=version, text="晚了")


def test_only_approved_minutes_are_made_public(draft, secretariat, votes_contract):  # noqa: F811
    with pytest.raises(ValidationError):
        services.minutes_set_public(actor=secretariat, minutes=draft.minutes, public=True)
    approve(draft, secretariat)
    assert services.minutes_set_public(actor=secretariat, minutes=draft.minutes, public=True).is_public


def test_the_public_pages_get_the_latest_approved_version_of_public_minutes(draft, secretariat,
                                                                             votes_contract):  # noqa: F811
    from consortium.governance.selectors.minutes import public_minutes

    v1 = approve(draft, secretariat)
    assert list(public_minutes()) == []
    services.minutes_set_public(actor=secretariat, minutes=v1.minutes, public=True)
    v2 = services.correction_start(actor=secretariat, minutes=v1.minutes)
    assert list(public_minutes()) == [v1]  # the correction is a draft: not shown
    approve(v2, secretariat)
    assert list(public_minutes()) == [v2]

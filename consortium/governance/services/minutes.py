"""Governance services: minutes (every write: keyword-only, one transaction, permission checked inside, audited).

Approved versions are locked: nothing here edits one, and the database refuses it too
(``models.minutes.LOCK_TRIGGER_SQL``). A correction is a new version that goes to the vote."""

import difflib
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consortium.governance.access import minutes as rules
from consortium.governance.events import motion_decided
from consortium.governance.models import (
    Attendance,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesComment,
    MinutesStatus,
    MinutesVersion,
    MatterKind,
    Motion,
    MotionStatus,
    VotingMode,
)
from core.audit import record_event


def _secretariat(actor) -> None:
    if not rules.can_manage_minutes(actor):
        raise PermissionDenied


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please write the minutes.")})
    return text


def _weight(value) -> str:
    return "–" if value is None else str(value)


def prefilled_text(meeting: Meeting) -> str:
    """The draft the secretary starts from: the meeting, who attended, the agenda and each motion's
    count and recusals as recorded."""
    local = timezone.localtime(meeting.starts_at)
    lines = [meeting.title, "",
             _("Body: %(body)s") % {"body": meeting.body.display_name},
             _("Date: %(date)s") % {"date": date_format(local, "DATETIME_FORMAT")}]
    if meeting.location:
        lines.append(_("Place: %(place)s") % {"place": meeting.location})
    lines += ["", _("Attendance")]
    invited = meeting.invited.select_related("seat__organization").order_by("seat__organization__name_zh")
    for invited_seat in invited:
        lines.append(f"- {invited_seat.seat.organization}: {invited_seat.get_attendance_display()}")
    present = sum(1 for s in invited if s.attendance in (Attendance.PRINCIPAL, Attendance.ALTERNATE))
    lines.append(_("Seats present: %(present)s of %(invited)s") % {"present": present, "invited": len(invited)})
    motions = {}
    for motion in (Motion.objects.filter(agenda_item__meeting=meeting)
                   .prefetch_related("recusals__seat__organization").order_by("pk")):
        motions.setdefault(motion.agenda_item_id, []).append(motion)
    lines += ["", _("Agenda")]
    for item in meeting.agenda_items.order_by("position"):
        lines.append(f"{item.position}. {item.title}")
        if item.description:
            lines.append(f"   {item.description}")
        for motion in motions.get(item.pk, []):
            lines.append("   " + _("Motion: %(title)s — %(status)s") % {
                "title": motion.title, "status": motion.get_status_display()})
            if motion.for_weight is not None:
                lines.append("   " + _("For %(for)s, against %(against)s, abstentions %(abstain)s") % {
                    "for": _weight(motion.for_weight), "against": _weight(motion.against_weight),
                    "abstain": _weight(motion.abstain_weight)})
            for recusal in motion.recusals.all():
                lines.append("   " + _("Recused: %(organization)s (%(reason)s)") % {
                    "organization": recusal.seat.organization, "reason": recusal.reason})
    lines += ["", _("Discussion and decisions"), ""]
    return "\n".join(lines)


@transaction.atomic
def minutes_draft(*, actor, meeting: Meeting, text: str | None = None) -> Minutes:
    """Start the minutes of a held meeting: version 1, a draft prefilled from the meeting."""
    _secretariat(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Minutes are drafted for a meeting that has been held."))
    if Minutes.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("This meeting already has minutes."))
    minutes = Minutes.objects.create(meeting=meeting)
    version = MinutesVersion.objects.create(
        minutes=minutes, number=1, text=_text(text) if text is not None else prefilled_text(meeting),
        created_by=actor)
    record_event("minutes.drafted", instance=version, actor=actor, details={"version": 1})
    return minutes


def _lock_version(version: MinutesVersion) -> MinutesVersion:
    return MinutesVersion.objects.select_for_update().select_related("minutes__meeting").get(pk=version.pk)


@transaction.atomic
def version_edit(*, actor, version: MinutesVersion, text: str) -> MinutesVersion:
    """Change the text of a draft; an approved version is locked, one put to the vote waits."""
    _secretariat(actor)
    version = _lock_version(version)
    if version.status == MinutesStatus.APPROVED:
        raise ValidationError({"text": _("Approved minutes are locked. Start a correction: it becomes a new "
                                         "version that the body approves again.")})
    if version.status != MinutesStatus.DRAFT:
        raise ValidationError({"text": _("This version is being voted on; it cannot change until the vote ends.")})
    text = _text(text)
    if text != version.text:
        version.text = text
        version.save(update_fields=["text", "updated_at"])
    return version


@transaction.atomic
def comment_add(*, actor, version: MinutesVersion, text: str) -> MinutesComment:
    version = _lock_version(version)
    if not rules.can_comment(actor, version):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please write your comment.")})
    return MinutesComment.objects.create(version=version, person=actor, text=text)


@transaction.atomic
def version_put_to_vote(*, actor, version: MinutesVersion, deadline: datetime) -> Motion:
    """The body approves the draft by a written vote: a motion whose subject is this version."""
    from consortium.governance.services import votes

    _secretariat(actor)
    version = _lock_version(version)
    if version.status != MinutesStatus.DRAFT:
        raise ValidationError(_("Only a draft can be put to the vote."))
    if deadline is None or deadline <= timezone.now():
        raise ValidationError({"deadline": _("The vote must close in the future.")})
    meeting = version.minutes.meeting
    motion = votes.propose_motion(
        actor=actor, body=meeting.body,
        title=_("Approval of the minutes: %(meeting)s (version %(number)s)") % {
            "meeting": meeting.title, "number": version.number},
        text=version.text[:5000], matter=MatterKind.MINUTES, subject=version, mode=VotingMode.WRITTEN,
        deadline=deadline)
    votes.open_voting(actor=actor, motion=motion)
    version.status, version.motion = MinutesStatus.VOTING, motion
    version.save(update_fields=["status", "motion", "updated_at"])
    record_event("minutes.put_to_vote", instance=version, actor=actor, details={"version": version.number})
    return motion


@transaction.atomic
def correction_start(*, actor, minutes: Minutes) -> MinutesVersion:
    """A new draft version, a copy of the latest approved text (never an edit in place)."""
    _secretariat(actor)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    latest = minutes.versions.order_by("-number").first()
    if latest is None or latest.status != MinutesStatus.APPROVED:
        raise ValidationError(_("A correction starts from approved minutes, when no other version is open."))
    version = MinutesVersion.objects.create(minutes=minutes, number=latest.number + 1, text=latest.text,
                                            created_by=actor)
    record_event("minutes.correction_started", instance=version, actor=actor, details={"version": version.number})
    return version


@transaction.atomic
def minutes_set_public(*, actor, minutes: Minutes, public: bool) -> Minutes:
    """Disclose approved minutes on the public pages (only their approved versions), or stop."""
    _secretariat(actor)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if public and not minutes.versions.filter(status=MinutesStatus.APPROVED).exists():
        raise ValidationError(_("Only approved minutes can be made public."))
    if minutes.is_public != public:
        minutes.is_public = public
        minutes.save(update_fields=["is_public"])
        record_event("minutes.disclosed" if public else "minutes.withdrawn", instance=minutes, actor=actor)
    return minutes


def approved_version(minutes: Minutes) -> MinutesVersion | None:
    return minutes.versions.filter(status=MinutesStatus.APPROVED).order_by("-number").first()


def side_by_side(older: MinutesVersion, newer: MinutesVersion) -> list[dict]:
    """Two versions line by line, as rows of (line number, text) on each side and how they differ
    (``same``, ``changed``, ``removed``, ``added``); the template escapes the texts."""
    before, after = older.text.splitlines(), newer.text.splitlines()
    rows = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [{"kind": "same", "old_no": i + 1, "old": before[i], "new_no": j + 1, "new": after[j]}
                     for i, j in zip(range(i1, i2), range(j1, j2))]
            continue
        kind = {"replace": "changed", "delete": "removed", "insert": "added"}[tag]
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            rows.append({"kind": kind,
                         "old_no": i + 1 if i < i2 else None, "old": before[i] if i < i2 else "",
                         "new_no": j + 1 if j < j2 else None, "new": after[j] if j < j2 else ""})
    return rows


def _motion_decided(sender, motion: Motion, **kwargs) -> None:
    """An approval vote closed: adopted locks the version; otherwise it is a draft again."""
    if motion.subject_type_id is None:
        return
    from django.contrib.contenttypes.models import ContentType

    if motion.subject_type_id != ContentType.objects.get_for_model(MinutesVersion).pk:
        return
    version = MinutesVersion.objects.select_for_update().filter(pk=motion.subject_id).first()
    if version is None or version.status != MinutesStatus.VOTING or version.motion_id != motion.pk:
        return
    if motion.status == MotionStatus.ADOPTED:
        version.status, version.approved_at = MinutesStatus.APPROVED, timezone.now()
        version.save(update_fields=["status", "approved_at", "updated_at"])
        record_event("minutes.approved", instance=version, actor=None, details={"version": version.number})
    else:
        version.status = MinutesStatus.DRAFT
        version.save(update_fields=["status", "updated_at"])
        record_event("minutes.not_approved", instance=version, actor=None,
                     details={"version": version.number, "motion": motion.get_status_display()})


motion_decided.connect(_motion_decided, dispatch_uid="governance.minutes.motion_decided")

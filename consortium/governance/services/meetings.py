"""Governance services: meetings (every write: keyword-only, one transaction, permission checked inside, audited).

The secretariat (or the body's chair) schedules a meeting of a body, which invites every current
seat of the body; builds the agenda (ordered items, each with a presenter, a description and
documents); changes the invited seats while the meeting is scheduled; records attendance from
the meeting's start; marks it held or cancels it. A seat's principal or alternate answers for the
seat. Invitees are told through ``notify``, which other parts may call too.

Quorum (``quorum``) counts the voting **weight** of the invited seats (with every weight 1 it is
the count of seats): more than half of the invited weight, or two thirds of it (rounded up),
as the body's ``quorum_rule`` says; a seat is present when its principal or its alternate is.
Seats recused on a motion are the votes part's business."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consortium.governance.access import meetings as access
from consortium.governance.models import (
    AgendaDocument,
    CalendarFeed,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingSeat,
    MeetingStatus,
    Notification,
    NotificationMode,
    NotificationPreference,
    QuorumRule,
    Rsvp,
    Seat,
)
from core.audit import record_event
from core.files import DOCUMENTS, check_upload, clean_name

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
PRESENT = (Attendance.PRINCIPAL, Attendance.ALTERNATE)


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _manager(actor, meeting: Meeting) -> None:
    if not access.can_manage(actor, meeting):
        raise PermissionDenied


def _editable(actor, meeting: Meeting) -> None:
    _manager(actor, meeting)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError(_("Only a scheduled meeting can be changed."))


def _meeting_link(meeting: Meeting) -> str:
    return reverse("governance:meeting", args=[meeting.pk])


def _when(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    return start.strftime("%Y-%m-%d %H:%M")


def _check_times(*, title, starts_at, ends_at) -> None:
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the meeting a title.")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    if errors:
        raise ValidationError(errors)


def invitees(meeting: Meeting) -> list:
    """The people of the invited seats: each seat's principal and alternate."""
    from members.models import User

    seats = MeetingSeat.objects.filter(meeting=meeting)
    return list(User.objects.filter(Q(principal_seats__meetings__in=seats) | Q(alternate_seats__meetings__in=seats),
                                    is_active=True).distinct())


# --- scheduling -------------------------------------------------------------------------------


@transaction.atomic
def meeting_schedule(*, actor, body, title: str, starts_at, ends_at, location: str = "", description: str = "",
                     invite_all: bool = True) -> Meeting:
    """A scheduled meeting of the body; with ``invite_all`` every current seat of the body is invited
    (and its holders notified)."""
    if not access.can_schedule(actor, body):
        raise PermissionDenied
    if not body.is_active:
        raise ValidationError({"body": _("This body is no longer active.")})
    _check_times(title=title, starts_at=starts_at, ends_at=ends_at)
    meeting = Meeting.objects.create(body=body, title=title.strip(), starts_at=starts_at, ends_at=ends_at,
                                     location=location.strip(), description=description.strip(), created_by=actor)
    record_event("meeting.scheduled", instance=meeting, actor=actor,
                 details={"title": meeting.title, "starts_at": _when(meeting)})
    if invite_all:
        _invite(meeting, Seat.objects.current().filter(body=body))
    return meeting


def _invite(meeting: Meeting, seats) -> int:
    seats = list(seats.exclude(meetings__meeting=meeting))
    MeetingSeat.objects.bulk_create([MeetingSeat(meeting=meeting, seat=seat, weight=seat.weight) for seat in seats])
    if seats:
        from members.models import User

        people = User.objects.filter(Q(principal_seats__in=seats) | Q(alternate_seats__in=seats)).distinct()
        with translation.override(settings.LANGUAGE_CODE):
            text = _("You are invited to “%(title)s” of %(body)s on %(when)s. Please answer for your seat.") % {
                "title": meeting.title, "body": meeting.body.name, "when": _when(meeting)}
        notify(people, text, _meeting_link(meeting))
    return len(seats)


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor, title: str, starts_at, ends_at, location: str = "",
                   description: str = "") -> Meeting:
    """Change a scheduled meeting; when its time or place changes the invitees are told and calendars update."""
    meeting = _locked(meeting)
    _editable(actor, meeting)
    _check_times(title=title, starts_at=starts_at, ends_at=ends_at)
    moved = (meeting.starts_at, meeting.ends_at, meeting.location) != (starts_at, ends_at, location.strip())
    meeting.title, meeting.starts_at, meeting.ends_at = title.strip(), starts_at, ends_at
    meeting.location, meeting.description = location.strip(), description.strip()
    if moved:
        meeting.sequence += 1
    meeting.save()
    if moved:
        record_event("meeting.rescheduled", instance=meeting, actor=actor, details={"starts_at": _when(meeting)})
        with translation.override(settings.LANGUAGE_CODE):
            text = _("“%(title)s” now takes place on %(when)s at %(place)s.") % {
                "title": meeting.title, "when": _when(meeting), "place": meeting.location or "—"}
        notify(invitees(meeting), text, _meeting_link(meeting))
    return meeting


@transaction.atomic
def meeting_set_invited(*, meeting: Meeting, actor, seats) -> tuple[int, int]:
    """Invite exactly these seats (current seats of the body). Seats taken off must not have answered
    or attended. Returns (invited, removed)."""
    meeting = _locked(meeting)
    _editable(actor, meeting)
    wanted = {seat.pk for seat in seats}
    allowed = set(Seat.objects.current().filter(body=meeting.body).values_list("pk", flat=True))
    if wanted - allowed:
        raise ValidationError({"seats": _("Only the current seats of the body can be invited.")})
    leaving = MeetingSeat.objects.filter(meeting=meeting).exclude(seat_id__in=wanted)
    if leaving.exclude(rsvp=Rsvp.PENDING, attendance=Attendance.UNKNOWN).exists():
        raise ValidationError({"seats": _("A seat that has answered cannot be taken off the invitation.")})
    removed = leaving.count()
    leaving.delete()
    added = _invite(meeting, Seat.objects.filter(pk__in=wanted))
    if added or removed:
        record_event("meeting.invitations_changed", instance=meeting, actor=actor,
                     details={"count": MeetingSeat.objects.filter(meeting=meeting).count()})
    return added, removed


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    meeting = _locked(meeting)
    _editable(actor, meeting)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the meeting is cancelled.")})
    from consortium.governance.models import Motion, MotionStatus

    if Motion.objects.filter(agenda_item__meeting=meeting).exclude(status=MotionStatus.DRAFT).exists():
        raise ValidationError(_("A motion of this meeting is already being voted on or decided."))
    meeting.status, meeting.cancel_reason = MeetingStatus.CANCELLED, reason.strip()
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancel_reason", "sequence"])
    record_event("meeting.cancelled", instance=meeting, actor=actor, details={"reason": meeting.cancel_reason})
    with translation.override(settings.LANGUAGE_CODE):
        text = _("“%(title)s” on %(when)s is cancelled: %(reason)s") % {
            "title": meeting.title, "when": _when(meeting), "reason": meeting.cancel_reason}
    notify(invitees(meeting), text, _meeting_link(meeting))
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, actor) -> Meeting:
    """The meeting took place: seats whose attendance was not recorded are entered as absent."""
    meeting = _locked(meeting)
    _manager(actor, meeting)
    if meeting.status == MeetingStatus.HELD:
        return meeting
    if meeting.status != MeetingStatus.SCHEDULED or meeting.starts_at > timezone.now():
        raise ValidationError(_("A meeting is marked held once it has started, unless it was cancelled."))
    MeetingSeat.objects.filter(meeting=meeting, attendance=Attendance.UNKNOWN).update(attendance=Attendance.ABSENT)
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    present, required, reached = quorum(meeting)
    record_event("meeting.held", instance=meeting, actor=actor,
                 details={"present": present, "required": required, "quorum": reached})
    return meeting


# --- the agenda -------------------------------------------------------------------------------


def _check_item(title) -> None:
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the agenda item a title.")})


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, actor, title: str, description: str = "", presenter=None) -> AgendaItem:
    meeting = _locked(meeting)
    _editable(actor, meeting)
    _check_item(title)
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem.objects.create(meeting=meeting, position=last + 1, title=title.strip(),
                                     description=description.strip(), presenter=presenter)
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, actor, title: str, description: str = "", presenter=None) -> AgendaItem:
    _editable(actor, _locked(item.meeting))
    _check_item(title)
    item.title, item.description, item.presenter = title.strip(), description.strip(), presenter
    item.save(update_fields=["title", "description", "presenter"])
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, actor) -> None:
    """Take an item off the agenda (its documents go with it); the items after it move up."""
    meeting = _locked(item.meeting)
    _editable(actor, meeting)
    if item.motions.exists():
        raise ValidationError(_("An item with motions cannot be taken off the agenda."))
    position = item.position
    for document in item.documents.all():
        document.file.delete(save=False)
    item.delete()
    for later in meeting.agenda_items.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, actor, up: bool) -> AgendaItem:
    """Swap the item with the one before (``up``) or after it; nothing happens at either end."""
    meeting = _locked(item.meeting)
    _editable(actor, meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    items = meeting.agenda_items.filter(position__lt=item.position).order_by("-position") if up else \
        meeting.agenda_items.filter(position__gt=item.position).order_by("position")
    other = items.first()
    if other is None:
        return item
    mine, theirs = item.position, other.position
    item.position = 0  # out of the way of the unique (meeting, position) while swapping
    item.save(update_fields=["position"])
    other.position = mine
    other.save(update_fields=["position"])
    item.position = theirs
    item.save(update_fields=["position"])
    return item


@transaction.atomic
def document_add(*, meeting: Meeting, actor, upload, agenda_item: AgendaItem | None = None) -> AgendaDocument:
    """A document for the meeting or one of its items, checked by its content (PDF, Word, Excel, images)."""
    meeting = _locked(meeting)
    _editable(actor, meeting)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    try:
        kind = check_upload(upload, kinds=DOCUMENTS, max_bytes=DOCUMENT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    document = AgendaDocument(meeting=meeting, agenda_item=agenda_item, name=clean_name(upload.name),
                              content_type=kind.content_type, size=upload.size, uploaded_by=actor)
    document.file.save("document", upload, save=False)
    document.save()
    record_event("meeting.document_added", instance=meeting, actor=actor, details={"file": document.name})
    return document


@transaction.atomic
def document_remove(*, document: AgendaDocument, actor) -> None:
    meeting = _locked(document.meeting)
    _editable(actor, meeting)
    name = document.name
    transaction.on_commit(lambda storage=document.file.storage, path=document.file.name: storage.delete(path))
    document.delete()
    record_event("meeting.document_removed", instance=meeting, actor=actor, details={"file": name})


# --- answers and attendance -------------------------------------------------------------------


@transaction.atomic
def rsvp_answer(*, meeting_seat: MeetingSeat, actor, answer: str) -> MeetingSeat:
    """The seat's answer: attending, the alternate will attend, or declined. Its principal or alternate
    answers, while the meeting is scheduled and not over; the last answer counts."""
    meeting_seat = MeetingSeat.objects.select_for_update().select_related("meeting", "seat").get(pk=meeting_seat.pk)
    if not access.can_answer(actor, meeting_seat):
        if meeting_seat.seat_id in access.base.seat_ids(actor):
            raise ValidationError(_("This meeting no longer takes answers."))
        raise PermissionDenied
    if answer not in (Rsvp.ATTENDING, Rsvp.ALTERNATE, Rsvp.DECLINED):
        raise ValidationError({"answer": _("Choose attending, the alternate will attend, or declined.")})
    if answer == Rsvp.ALTERNATE and meeting_seat.seat.alternate_id is None:
        raise ValidationError({"answer": _("This seat has no alternate representative.")})
    meeting_seat.rsvp, meeting_seat.answered_by, meeting_seat.answered_at = answer, actor, timezone.now()
    meeting_seat.save(update_fields=["rsvp", "answered_by", "answered_at"])
    return meeting_seat


@transaction.atomic
def attendance_record(*, meeting: Meeting, actor, attendance: dict) -> int:
    """Record who came: ``attendance`` maps invited seat ids to principal / alternate present / absent
    (or not recorded). From the meeting's start, unless cancelled. Returns how many changed."""
    meeting = _locked(meeting)
    if not access.can_record_attendance(actor, meeting):
        if access.can_manage(actor, meeting):
            raise ValidationError(_("Attendance is recorded from the meeting's start, unless it was cancelled."))
        raise PermissionDenied
    if set(attendance.values()) - set(Attendance.values):
        raise ValidationError({"attendance": _("Choose principal present, alternate present or absent.")})
    rows = list(MeetingSeat.objects.filter(meeting=meeting, seat_id__in=attendance).select_related("seat"))
    if len(rows) != len(attendance):
        raise ValidationError({"attendance": _("Only invited seats have an attendance.")})
    changed = []
    for row in rows:
        value = attendance[row.seat_id]
        if value == Attendance.ALTERNATE and row.seat.alternate_id is None:
            raise ValidationError({"attendance": _("%(seat)s has no alternate representative.") % {
                "seat": row.seat.organization}})
        if row.attendance != value:
            row.attendance = value
            changed.append(row)
    # One statement for all the seats (a council has up to 200); the decision is audited as one event.
    MeetingSeat.objects.bulk_update(changed, ["attendance"])
    if changed:
        present, required, reached = quorum(meeting)
        record_event("meeting.attendance_recorded", instance=meeting, actor=actor,
                     details={"count": len(changed), "present": present, "required": required, "quorum": reached})
    return len(changed)


def required_weight(total: int, rule: str) -> int:
    """The weight present that quorum needs out of ``total``: more than half, or two thirds rounded up
    (at least 1)."""
    if rule == QuorumRule.TWO_THIRDS:
        needed = -(-2 * total // 3)
    else:
        needed = total // 2 + 1
    return max(needed, 1)


def quorum(meeting: Meeting) -> tuple[int, int, bool]:
    """(weight present, weight required, reached) from the recorded attendance of the invited seats and
    the body's quorum rule; one aggregate query."""
    figures = MeetingSeat.objects.filter(meeting=meeting).aggregate(
        total=Sum("weight"), present=Sum("weight", filter=Q(attendance__in=PRESENT)))
    total, present = figures["total"] or 0, figures["present"] or 0
    required = required_weight(total, meeting.body.quorum_rule)
    return present, required, total > 0 and present >= required


def expected(meeting: Meeting) -> int:
    """The weight of the seats that said they will come (principal or alternate)."""
    return MeetingSeat.objects.filter(meeting=meeting, rsvp__in=(Rsvp.ATTENDING, Rsvp.ALTERNATE)).aggregate(
        w=Sum("weight"))["w"] or 0


# --- notifications ----------------------------------------------------------------------------


def notify(people, text: str, link: str = "") -> list[int]:
    """Tell each person ``text`` (with an address in the portal, ``link``) in their notifications, and by
    e-mail: at once for those who chose it (the default, after the transaction commits), in the daily
    digest for the others. ``people``: users or their ids; each is told once. Returns the notifications'
    ids. The text is kept as given (write it in the portal's language); ``link`` must be a path in the
    portal (``/governance/...``), anything else is dropped."""
    ids = {getattr(person, "pk", person) for person in people if person is not None}
    link = link or ""
    if not link.startswith("/") or link.startswith("//"):
        link = ""  # an address inside the portal only, never another site or a script
    if not ids:
        return []
    created = Notification.objects.bulk_create(
        [Notification(person_id=pk, text=text[:500], link=link[:300]) for pk in sorted(ids)])
    digest = set(NotificationPreference.objects.filter(person_id__in=ids, mode=NotificationMode.DIGEST)
                 .values_list("person_id", flat=True))
    immediate = [n.pk for n in created if n.person_id not in digest]
    if immediate:
        from consortium.governance.tasks.meetings import notifications_mail_task

        transaction.on_commit(lambda: notifications_mail_task.delay(immediate))
    return [n.pk for n in created]


def _claim(queryset) -> uuid.UUID | None:
    """Claim the unmailed notifications of ``queryset`` in one conditional update: a second worker
    running the same job at once finds them claimed and sends nothing."""
    batch = uuid.uuid4()
    claimed = queryset.filter(mailed_at__isnull=True).update(mailed_at=timezone.now(), mail_batch=batch)
    return batch if claimed else None


def _mail(person, notifications: list, *, digest: bool) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        context = {"person": person, "notifications": notifications, "digest": digest,
                   "base_url": settings.PORTAL_BASE_URL, "consortium_name": settings.CONSORTIUM_NAME}
        subject = " ".join(render_to_string("governance/meetings/email/notification_subject.txt", context).split())
        body = render_to_string("governance/meetings/email/notification.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])


def _send_batch(batch, *, digest: bool) -> int:
    notifications = list(Notification.objects.filter(mail_batch=batch).select_related("person")
                         .order_by("person_id", "created_at", "pk"))
    sent = 0
    by_person: dict = {}
    for notification in notifications:
        by_person.setdefault(notification.person, []).append(notification)
    for person, theirs in by_person.items():
        if not person.email or not person.is_active:
            continue  # nothing to send: they read it in the portal
        try:
            if digest:
                _mail(person, theirs, digest=True)
                sent += 1
            else:
                for notification in theirs:
                    _mail(person, [notification], digest=False)
                    sent += 1
        except Exception:
            # Release the claim of what was not sent, so the retry sends it.
            Notification.objects.filter(pk__in=[n.pk for n in theirs]).update(mailed_at=None, mail_batch=None)
            raise
    return sent


def notifications_mail(*, ids: list[int]) -> int:
    """E-mail these notifications one by one, each at most once; those of people who chose the digest
    (perhaps since) wait for it. Returns the e-mails sent."""
    digest_people = NotificationPreference.objects.filter(mode=NotificationMode.DIGEST).values("person_id")
    batch = _claim(Notification.objects.filter(pk__in=ids).exclude(person_id__in=digest_people))
    return _send_batch(batch, digest=False) if batch else 0


def digest_send() -> int:
    """The daily digest: one e-mail per person who chose it, with every notification not yet e-mailed.
    Safe to run twice, even at once: a notification is claimed before it is sent. Returns the e-mails sent."""
    digest_people = NotificationPreference.objects.filter(mode=NotificationMode.DIGEST).values("person_id")
    batch = _claim(Notification.objects.filter(person_id__in=digest_people, created_at__lte=timezone.now()))
    return _send_batch(batch, digest=True) if batch else 0


@transaction.atomic
def notifications_mark_read(*, actor, ids=None) -> int:
    """Mark the person's notifications read (all unread ones, or those of ``ids``)."""
    if not access.can_use_notifications(actor):
        raise PermissionDenied
    mine = Notification.objects.filter(person=actor, read_at__isnull=True)
    if ids is not None:
        mine = mine.filter(pk__in=ids)
    return mine.update(read_at=timezone.now())


@transaction.atomic
def preference_set(*, actor, mode: str) -> NotificationPreference:
    if not access.can_use_notifications(actor):
        raise PermissionDenied
    if mode not in NotificationMode.values:
        raise ValidationError({"mode": _("Choose one e-mail each or a daily digest.")})
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(
        person=actor, defaults={"mode": mode})
    if preference.mode != mode:
        preference.mode = mode
        preference.save(update_fields=["mode", "updated_at"])
    return preference


def preference_of(person) -> str:
    return NotificationPreference.objects.filter(person=person).values_list("mode", flat=True).first() \
        or NotificationMode.IMMEDIATE


# --- the calendar subscription ----------------------------------------------------------------


@transaction.atomic
def calendar_feed(*, actor, renew: bool = False) -> CalendarFeed:
    """The person's calendar subscription, made on first use; ``renew`` gives it a new secret address
    (the old one stops working at once)."""
    import secrets

    if not access.can_use_meetings(actor) or access.members_access.is_api_key(actor):
        raise PermissionDenied
    feed = CalendarFeed.objects.select_for_update().filter(person=actor).first()
    if feed is None:
        return CalendarFeed.objects.create(person=actor, token=secrets.token_urlsafe(32))
    if renew:
        feed.token = secrets.token_urlsafe(32)
        feed.save(update_fields=["token", "created_at"])
    return feed


def my_meetings(person):
    """The meetings the person's seats are invited to, from a year back on (their calendar)."""
    from consortium.governance import access as base

    return Meeting.objects.filter(invited__seat_id__in=base.seat_ids(person),
                                  starts_at__gte=timezone.now() - timezone.timedelta(days=365)) \
        .select_related("body").distinct().order_by("starts_at")

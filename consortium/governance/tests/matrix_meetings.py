"""The governance rules in the security matrix: meetings.

The world: a working group (not the council) whose one seat is enterprise A's, held by member_a
(principal); an upcoming meeting of it with an agenda item and a document. The secretariat manages
it; A's seat holder and A's administrator see it, and so do the government officers (read); the
seat holder alone answers for the seat. Other people of the hub see council meetings only, so they
find nothing here; students and visitors see no meeting at all."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from consortium.governance.models import (
    AgendaDocument, CalendarFeed, AgendaItem, Body, BodyKind, Level, Meeting, MeetingSeat, NotificationPreference, Seat,
)
from tests.matrix import api, page, personas

TITLE = "矩阵工作组会议"
PDF = b"%PDF-1.4\n%%EOF\n"


def _meeting(w) -> Meeting:
    meeting = Meeting.objects.filter(title=TITLE).first()
    if meeting is None:
        body, _created = Body.objects.get_or_create(code="矩", defaults={
            "name": "矩阵工作组", "kind": BodyKind.WORKING_GROUP, "level": Level.COORDINATION})
        seat, _created = Seat.objects.get_or_create(body=body, organization=w.orgs["org_a"], ended_at=None, defaults={
            "principal": w.users["member_a"], "term_start": timezone.localdate()})
        start = timezone.now() + timedelta(days=7)
        meeting = Meeting.objects.create(body=body, title=TITLE, starts_at=start, ends_at=start + timedelta(hours=2))
        MeetingSeat.objects.create(meeting=meeting, seat=seat)
    return meeting


def a_meeting(w, t):
    return {"pk": _meeting(w).pk}


def a_seat(w, t):
    meeting = _meeting(w)
    return {"pk": meeting.pk, "seat": meeting.invited.get().seat_id}


def _item(w) -> AgendaItem:
    meeting = _meeting(w)
    item, _created = AgendaItem.objects.get_or_create(meeting=meeting, position=1, defaults={"title": "矩阵议题"})
    return item


def an_item(w, t):
    item = _item(w)
    return {"pk": item.meeting_id, "item": item.pk}


def moving(w, t):
    return {**an_item(w, t), "direction": "down"}


def a_document(w, t):
    meeting = _meeting(w)
    document = AgendaDocument.objects.filter(meeting=meeting).first()
    if document is None:
        document = AgendaDocument(meeting=meeting, name="矩阵材料.pdf", content_type="application/pdf", size=len(PDF))
    if not document.file or not document.file.storage.exists(document.file.name):  # each test has its own media
        document.file.save("document", ContentFile(PDF), save=False)
        document.save()
    return {"pk": meeting.pk, "document": document.pk}


def an_invitation(w, t):
    return {"pk": _meeting(w).invited.get().pk}


def a_feed(w, t):
    feed, _created = CalendarFeed.objects.get_or_create(person=w.users["member_a"], defaults={"token": "matrix-feed-token"})
    _meeting(w)
    return {"token": feed.token}


def a_wrong_feed(w, t):
    return {"token": "no-such-token"}


def feeds(w, t):
    return list(CalendarFeed.objects.values_list("person_id", "token"))


def meeting_state(w, t):
    return list(Meeting.objects.filter(title=TITLE).values_list("title", "status", "starts_at", "location"))


def meetings(w, t):
    return list(Meeting.objects.values_list("pk", "title"))


def agenda(w, t):
    return list(AgendaItem.objects.filter(meeting__title=TITLE).values_list("pk", "position", "title"))


def documents(w, t):
    return list(AgendaDocument.objects.filter(meeting__title=TITLE).values_list("pk", "name"))


def invited(w, t):
    return list(MeetingSeat.objects.filter(meeting__title=TITLE).values_list("seat_id", "rsvp", "attendance"))


def preferences(w, t):
    return list(NotificationPreference.objects.values_list("person_id", "mode"))


HUB = personas(200, anonymous=302, student=404)
SEES = personas(404, anonymous=302, member_a=200, admin_a=200, officer=200, secretariat=200)
MANAGES = personas(404, anonymous=302, secretariat=200)
MANAGED = personas(404, anonymous=302, secretariat=302)  # the write goes through, and back to the meeting
SEES_API = personas(404, anonymous=401, member_a=200, admin_a=200, officer=200, secretariat=200)

RULES = {
    "governance:meetings": (page(expect={"any": HUB}),),
    "governance:my_meetings_ics": (page(expect={"any": HUB}),),
    "governance:meeting_create": (
        page(expect={"any": MANAGES}),
        page(method="post", data={"title": ""}, state=meetings, expect={"any": MANAGES}),
    ),
    "governance:meeting": (page(kwargs=a_meeting, expect={"any": SEES}),),
    "governance:meeting_ics": (page(kwargs=a_meeting, expect={"any": SEES}),),
    "governance:meeting_edit": (
        page(kwargs=a_meeting, expect={"any": MANAGES}),
        page(kwargs=a_meeting, method="post", data={"title": ""}, state=meeting_state, expect={"any": MANAGES}),
    ),
    "governance:meeting_invited": (
        page(kwargs=a_meeting, expect={"any": MANAGES}),
        page(kwargs=a_meeting, method="post", data={"seats": ["x"]}, state=invited, expect={"any": MANAGES}),
    ),
    "governance:meeting_cancel": (
        page(kwargs=a_meeting, expect={"any": MANAGES}),
        page(kwargs=a_meeting, method="post", data={"reason": ""}, state=meeting_state, expect={"any": MANAGES}),
    ),
    # Not started yet: the secretariat is told so; nobody else finds the page.
    "governance:meeting_held": (
        page(kwargs=a_meeting, expect={"any": MANAGES}),
        page(kwargs=a_meeting, method="post", state=meeting_state, expect={"any": MANAGES}),
    ),
    "governance:meeting_attendance": (
        page(kwargs=a_meeting, expect={"any": MANAGED}),
        page(kwargs=a_meeting, method="post", state=invited, expect={"any": MANAGED}),
    ),
    "governance:meeting_rsvp": (
        page(kwargs=a_seat, expect={"any": personas(404, anonymous=302, member_a=200)}),
        page(kwargs=a_seat, method="post", data={"answer": "declined"}, state=invited,
             expect={"any": personas(404, anonymous=302, member_a=302)}),
    ),
    "governance:agenda_item_create": (
        page(kwargs=a_meeting, expect={"any": MANAGES}),
        page(kwargs=a_meeting, method="post", data={"title": ""}, state=agenda, expect={"any": MANAGES}),
    ),
    "governance:agenda_item_edit": (
        page(kwargs=an_item, expect={"any": MANAGES}),
        page(kwargs=an_item, method="post", data={"title": "改名"}, state=agenda, expect={"any": MANAGED}),
    ),
    "governance:agenda_item_delete": (
        page(kwargs=an_item, expect={"any": MANAGES}),
        page(kwargs=an_item, method="post", state=agenda, expect={"any": MANAGED}),
    ),
    "governance:agenda_item_move": (
        page(kwargs=moving, expect={"any": personas(405, anonymous=302)}),
        page(kwargs=moving, method="post", state=agenda, expect={"any": MANAGED}),
    ),
    "governance:meeting_document_upload": (
        page(kwargs=a_meeting, expect={"any": MANAGES}),
        page(kwargs=a_meeting, method="post", data={}, state=documents, expect={"any": MANAGES}),
    ),
    "governance:meeting_document": (page(kwargs=a_document, expect={"any": SEES}),),
    "governance:meeting_document_delete": (
        page(kwargs=a_document, expect={"any": MANAGES}),
        page(kwargs=a_document, method="post", state=documents, expect={"any": MANAGED}),
    ),
    # The secret address is the key: whoever has it reads that person's calendar, without signing in.
    "governance:calendar_subscription": (
        page(kwargs=a_feed, expect={"any": personas(200)}),
        page(kwargs=a_wrong_feed, expect={"any": personas(404)}),
    ),
    "governance:calendar_subscription_renew": (
        page(expect={"any": personas(405, anonymous=302)}),
        page(method="post", state=feeds, expect={"any": personas(302, student=404)}),
    ),
    "governance:notifications": (page(expect={"any": HUB}),),
    "governance:notifications_read": (
        page(expect={"any": personas(405, anonymous=302)}),
        page(method="post", expect={"any": personas(302, student=404)}),
    ),
    "governance:notification_settings": (
        page(expect={"any": HUB}),
        page(method="post", data={"mode": "never"}, state=preferences, expect={"any": HUB}),
    ),
    "governance-meeting-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "governance-meeting-detail": (api(kwargs=a_meeting, expect={"any": SEES_API}),),
    "governance-meeting-seat-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "governance-meeting-seat-detail": (
        api(kwargs=an_invitation, expect={"any": SEES_API}),
        api(kwargs=an_invitation, method="patch", data={"rsvp": "declined"}, state=invited,
            expect={"any": personas(404, anonymous=401, member_a=200, admin_a=403, officer=403, secretariat=403)}),
    ),
}

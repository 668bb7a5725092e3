"""Governance demo data: meetings of the council (idempotent, through the services) — a past meeting
held with its attendance recorded, and an upcoming one with an agenda, documents and some answers,
for the demo council seats. The votes part adds motions to the agenda items."""

from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consortium.governance.models import Attendance, Body, BodyKind, Meeting, Rsvp
from consortium.governance.services import meetings as services
from members.models import User

PAST_TITLE = "2026年第一次理事会会议"
NEXT_TITLE = "2026年第二次理事会会议"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _at(days: int, hour: int):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed(context) -> None:
    council = Body.objects.filter(kind=BodyKind.COUNCIL).order_by("pk").first()
    secretariat = User.objects.filter(username="secretariat").first()
    if council is None or secretariat is None or not council.seats.exists():
        return
    people = {u.username: u for u in User.objects.filter(username__in=["council", "school_admin", "officer", "hr"])}
    if not Meeting.objects.filter(body=council, title=PAST_TITLE).exists():
        past = services.meeting_schedule(
            actor=secretariat, body=council, title=PAST_TITLE, starts_at=_at(-30, 14), ends_at=_at(-30, 17),
            location="常州市教育局 301 会议室", description="审议联合体年度工作计划和产教融合项目立项。")
        for title in ("审议2026年度工作计划", "审议产教融合项目立项"):
            services.agenda_item_add(meeting=past, actor=secretariat, title=title, presenter=secretariat)
        attendance = {}
        for row in past.invited.select_related("seat__principal"):
            attendance[row.seat_id] = Attendance.ABSENT if row.seat.principal.username == "admin_bachelor" else (
                Attendance.ALTERNATE if row.seat.principal.username == "school_admin" else Attendance.PRINCIPAL)
        services.attendance_record(meeting=past, actor=secretariat, attendance=attendance)
        services.meeting_mark_held(meeting=past, actor=secretariat)
    if not Meeting.objects.filter(body=council, title=NEXT_TITLE).exists():
        upcoming = services.meeting_schedule(
            actor=secretariat, body=council, title=NEXT_TITLE, starts_at=_at(14, 9), ends_at=_at(14, 12),
            location="常州科教城管委会 2 号会议室", description="请各理事单位提前审阅会议材料。")
        plan = services.agenda_item_add(meeting=upcoming, actor=secretariat, title="审议2027年度培训计划",
                                        description="秘书处汇报培训计划草案。", presenter=secretariat)
        services.agenda_item_add(meeting=upcoming, actor=secretariat, title="审议智能制造产业学院建设项目",
                                 description="项目申报单位汇报建设方案和预算。", presenter=people.get("council"))
        services.agenda_item_add(meeting=upcoming, actor=secretariat, title="通报上次会议决议执行情况")
        services.document_add(meeting=upcoming, actor=secretariat,
                              upload=SimpleUploadedFile("会议议程.pdf", PDF, "application/pdf"))
        services.document_add(meeting=upcoming, actor=secretariat, agenda_item=plan,
                              upload=SimpleUploadedFile("2027年度培训计划草案.pdf", PDF, "application/pdf"))
        answers = {"council": Rsvp.ATTENDING, "school_admin": Rsvp.ALTERNATE}
        for row in upcoming.invited.select_related("seat__principal", "meeting"):
            answer = answers.get(row.seat.principal.username)
            if answer:
                services.rsvp_answer(meeting_seat=row, actor=row.seat.principal, answer=answer)

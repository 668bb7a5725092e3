"""Reads of the meetings part: the iCalendar text (RFC 5545) of meetings, written by hand —
CRLF line ends, lines folded at 75 octets, TEXT values escaped, times in UTC."""

from __future__ import annotations

from datetime import timezone as dt_timezone
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from consortium.governance.models import MeetingStatus

PRODID = "-//Changzhou Industry-Education Consortium//Council portal//ZH"


def escape_text(value: str) -> str:
    """RFC 5545 §3.3.11: backslash, semicolon and comma escaped; line breaks as \\n."""
    value = (value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets go on, after CRLF and a space, never splitting a character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # a continuation line starts with the space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def utc(moment) -> str:
    return moment.astimezone(dt_timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "consortium.local"


def _event(meeting, stamp: str) -> list[str]:
    url = settings.PORTAL_BASE_URL + reverse("governance:meeting", args=[meeting.pk])
    status = "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"
    lines = [
        "BEGIN:VEVENT",
        f"UID:governance-meeting-{meeting.pk}@{_host()}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(meeting.ends_at)}",
        f"SEQUENCE:{meeting.sequence}",
        f"STATUS:{status}",
        f"SUMMARY:{escape_text(meeting.title)}",
    ]
    if meeting.location:
        lines.append(f"LOCATION:{escape_text(meeting.location)}")
    description = "\n".join(part for part in (meeting.body.name, meeting.description, url) if part)
    lines += [f"DESCRIPTION:{escape_text(description)}", f"URL:{url}", "END:VEVENT"]
    return lines


def calendar(meetings, *, name: str = "") -> str:
    """A VCALENDAR with one VEVENT per meeting (``meeting.body`` read: select it with the meetings)."""
    stamp = utc(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for meeting in meetings:
        lines += _event(meeting, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)

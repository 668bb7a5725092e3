"""The audit trail as a file, with the filters the page shows: CSV, streamed whatever its
length (UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese right),
or XLSX, up to MAX_XLSX_ROWS events. Values read as on the page: labels in the reader's
language, times in the consortium's time zone. A cell that a spreadsheet would take for a
formula (=, +, -, @ first) is written as text."""

import csv
from io import BytesIO
from itertools import islice

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.audit import readable_changes

FORMATS = {"csv", "xlsx"}
BATCH = 500
MAX_XLSX_ROWS = 50_000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _header() -> list[str]:
    return [str(label) for label in (
        _("time"), _("user"), _("organisation"), _("channel"), _("action"), _("object type"), _("object"),
        _("changes"), _("IP address"),
    )]


def _changes(event, rows) -> str:
    if event.action == "event":
        return "; ".join(f"{label}: {after}" for label, _before, after in rows)
    return "; ".join(
        f"{label}: {'∅' if before in (None, '') else before} → {'∅' if after in (None, '') else after}"
        for label, before, after in rows
    )


def rows(queryset, limit: int | None = None):
    """The header, then one list of cells per event, read BATCH events at a time."""
    yield _header()
    events = queryset.iterator(chunk_size=BATCH)
    if limit is not None:
        events = islice(events, limit)
    while batch := list(islice(events, BATCH)):
        readable = readable_changes(batch)
        for event in batch:
            yield [_cell(value) for value in (
                date_format(timezone.localtime(event.occurred_at), "Y-m-d H:i:s"),
                event.actor_label,
                event.organization.name if event.organization_id and event.organization else "",
                event.get_source_display(),
                event.action_label(),
                event.object_type_label(),
                event.object_repr,
                _changes(event, readable[event.pk]),
                event.ip_address or "",
            )]


class _Echo:
    def write(self, value):
        return value


def _filename(extension: str) -> str:
    return f"audit-trail-{timezone.localdate():%Y%m%d}.{extension}"


def response(queryset, export: str):
    if export == "csv":
        writer = csv.writer(_Echo())
        body = (("\ufeff" if number == 0 else "") + writer.writerow(row) for number, row in enumerate(rows(queryset)))
        answer = StreamingHttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(str(_("Audit trail"))[:31])
        for row in rows(queryset, limit=MAX_XLSX_ROWS):
            sheet.append(row)
        buffer = BytesIO()
        workbook.save(buffer)
        answer = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    answer["Content-Disposition"] = f'attachment; filename="{_filename(export)}"'
    return answer

"""The supply–demand table as a file: CSV, streamed (UTF-8 with a byte-order mark, so that
spreadsheet programs read the Chinese right), or XLSX. Counts only, never a student. A cell a
spreadsheet would take for a formula (=, +, -, @ first) is written as text, as in the audit
trail's export (``consortium/audit_export.py``)."""

import csv
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

FORMATS = {"csv", "xlsx"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    """Numbers stay numbers (a spreadsheet sums them); text that a spreadsheet would take for a
    formula is made text."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def header() -> list[str]:
    return [str(label) for label in (
        _("month"), _("family of majors"), _("major"), _("name"), _("demand (open headcount)"),
        _("supply (graduating within a year)"), _("demand ÷ supply"), _("warning level"), _("side"), _("warning"),
        _("matched"), _("placed"),
    )]


def rows(figures):
    yield header()
    for item in figures:
        snapshot = item.snapshot
        yield [_cell(value) for value in (
            f"{snapshot.period:%Y-%m}", snapshot.family_code, snapshot.major_code, item.name, item.demand,
            snapshot.supply, item.ratio if item.ratio is not None else "", item.level_label, item.side_label,
            _("yes") if snapshot.warning else _("no"), snapshot.matched, snapshot.placed,
        )]


class _Echo:
    def write(self, value):
        return value


def response(figures, export: str, *, period=None):
    name = f"supply-demand-{period:%Y%m}" if period else f"supply-demand-{timezone.localdate():%Y%m%d}"
    if export == "csv":
        writer = csv.writer(_Echo())
        body = (("\ufeff" if number == 0 else "") + writer.writerow(row) for number, row in enumerate(rows(figures)))
        answer = StreamingHttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(str(_("Supply and demand"))[:31])
        for row in rows(figures):
            sheet.append(row)
        buffer = BytesIO()
        workbook.save(buffer)
        answer = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    answer["Content-Disposition"] = f'attachment; filename="{name}.{export}"'
    return answer

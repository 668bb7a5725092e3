"""批量邀请: reading a list of people to invite from a CSV or XLSX file, and the templates.

``read`` checks the file as a whole (size, kind, characters, the header line, the number of
lines) and gives its lines; ``invite`` hands them to ``services.invitation_batch_create``,
which checks every line under the rules of a single invitation, and names every refusal by
its line and column. Nothing here decides who may be invited."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from members import services
from members.models import Invitation, Role

MAX_BYTES = 1024 * 1024
MAX_ROWS = services.INVITATION_BATCH_LIMIT
# Lines read at most, blank ones included: a sheet formatted far below its list is refused
# rather than read for ever.
MAX_LINES = 20 * MAX_ROWS
# Columns read at most; columns beyond these are ignored like any other unknown column.
MAX_COLUMNS = 30
# A workbook unpacks to at most this much: a small file that unpacks to gigabytes is refused.
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
# Problems shown at most; the rest are counted.
MAX_PROBLEMS_SHOWN = 100

COLUMNS = ("full_name", "email", "role")
# The header of each column as the template writes it (the form's labels), in the reader's language.
LABELS = {"full_name": gettext_lazy("full name"), "email": gettext_lazy("email"), "role": gettext_lazy("role")}
# Other headers people write for the same columns, besides the labels in Chinese and English.
ALIASES = {
    "full_name": ("姓名", "名字", "name", "fullname"),
    "email": ("电子邮箱", "邮箱", "电子邮件", "邮件", "邮箱地址", "电子邮箱地址", "email", "emailaddress", "mail"),
    "role": ("角色", "role"),
}
LANGUAGES = ("zh-hans", "en")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Line:
    """One line of the file that names someone: its number in the file and its cells by column."""

    number: int
    values: dict[str, str]


@dataclass(frozen=True)
class Sheet:
    """What was read from a file: its name, the header of each column as written, the lines."""

    name: str
    headers: dict[str, str]
    lines: list[Line]


def _key(text: str) -> str:
    """A header or role as compared: full-width forms folded, case, spaces and marks ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-_*:：()（）")


def _known_headers() -> dict[str, str]:
    known = {}
    for column, aliases in ALIASES.items():
        for alias in aliases:
            known[_key(alias)] = column
        for language in LANGUAGES:
            with translation.override(language):
                known[_key(str(LABELS[column]))] = column
    return known


def _known_roles() -> dict[str, str]:
    """Every role by its code and by its label in either language."""
    known = {}
    for value in Role.values:
        known[_key(value)] = value
        for language in LANGUAGES:
            with translation.override(language):
                known[_key(str(Role(value).label))] = value
    return known


def role_code(text: str, known: dict[str, str] | None = None) -> str:
    """The role a cell names, by its code or its label in Chinese or English; the text itself
    when it names none (the service then says it is not a role)."""
    return (known or _known_roles()).get(_key(text), text.strip())


# --- reading the file ----------------------------------------------------------------------


def _size(number: int) -> str:
    return f"{number / (1024 * 1024):.1f} MB" if number >= 1024 * 1024 else f"{max(1, round(number / 1024))} KB"


def read(upload) -> Sheet:
    """The lines of an uploaded CSV or XLSX file, or ValidationError saying what keeps it from
    being read (one message for the whole file)."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; at most 1 MB can be read. Split the list into smaller files.")
            % {"size": _size(upload.size)}
        )
    if extension not in ("csv", "xlsx"):
        if extension == "xls":
            raise ValidationError(_("Old Excel workbooks (.xls) cannot be read. Save the file as an Excel "
                                    "workbook (.xlsx) or as CSV, and choose it again."))
        raise ValidationError(_("Only CSV and XLSX files can be read; “%(name)s” is neither. Start from one "
                                "of the templates.") % {"name": name})
    data = upload.read()
    if not data:
        raise ValidationError(_("The file is empty."))
    rows = _xlsx_rows(data) if extension == "xlsx" else _csv_rows(data)
    return _sheet(name, rows)


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    not_a_workbook = ValidationError(
        _("This file is not an XLSX workbook, although its name ends in .xlsx. Open it in Excel or WPS, "
          "save it as an Excel workbook (.xlsx) or as CSV, and choose it again.")
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise not_a_workbook
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise not_a_workbook from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(_("This workbook holds far more than a list of people. Copy the list into one "
                                "of the templates and choose that file."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # openpyxl raises many kinds of error on a zip that is not a workbook.
        raise not_a_workbook from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise not_a_workbook
        for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
            yield number, [_cell_text(value) for value in row]
    except ValidationError:
        raise
    except Exception:
        raise not_a_workbook from None
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time() else value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _decode(data: bytes) -> str:
    """CSV text in UTF-8 (with or without a byte-order mark), UTF-16 with a mark, or
    GB18030/GBK, as Excel and WPS save it on Chinese Windows."""
    if data.startswith(b"PK\x03\x04"):
        raise ValidationError(_("This file is an Excel workbook, although its name ends in .csv. Give it the "
                                "name .xlsx, or save it as CSV, and choose it again."))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(_("This file is an old Excel workbook (.xls), although its name ends in .csv. "
                                "Save it as an Excel workbook (.xlsx) or as CSV, and choose it again."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    elif data.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ValidationError(_("The file's characters could not be read: it is not a CSV text file, or not in "
                            "UTF-8 or GBK. In Excel or WPS, save it as “CSV UTF-8” and choose it again."))


def _csv_rows(data: bytes):
    text = _decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Excel writes commas; some settings write semicolons or tabs.
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 1
    try:
        for row in reader:
            yield number, row[:MAX_COLUMNS]
            number = reader.line_num + 1
    except csv.Error as error:
        raise ValidationError(
            _("The file could not be read as CSV near line %(line)s (%(error)s). Save it again from Excel or WPS "
              "as CSV and choose it again.") % {"line": number, "error": error}
        ) from None


def _sheet(name: str, rows) -> Sheet:
    headers: dict[str, str] = {}
    positions: dict[str, int] = {}
    lines: list[Line] = []
    header_seen = False
    for number, cells in rows:
        if number > MAX_LINES:
            raise ValidationError(
                _("The file goes on for more than %(lines)s lines. Delete the empty lines below the list, or copy "
                  "the list into one of the templates, and choose it again.") % {"lines": MAX_LINES}
            )
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if not header_seen:
            header_seen = True
            headers, positions = _header(cells)
            continue
        values = {column: cells[at] if at < len(cells) else "" for column, at in positions.items()}
        # A line naming no one (the template's role lines left as they are) is skipped like a blank one.
        if not values["full_name"] and not values["email"]:
            continue
        if len(lines) == MAX_ROWS:
            raise ValidationError(
                _("The file lists more than %(limit)s people; at most %(limit)s can be invited from one file. "
                  "Split the list into several files.") % {"limit": MAX_ROWS}
            )
        lines.append(Line(number=number, values=values))
    if not header_seen:
        raise ValidationError(_("The file is empty."))
    if not lines:
        raise ValidationError(_("The file has its header line but names no one. Add one line for each person "
                                "below it: full name, email and role."))
    return Sheet(name=name, headers=headers, lines=lines)


def _header(cells: list[str]) -> tuple[dict[str, str], dict[str, int]]:
    known = _known_headers()
    headers: dict[str, str] = {}
    positions: dict[str, int] = {}
    for at, cell in enumerate(cells):
        column = known.get(_key(cell)) if cell else None
        if column is None:
            continue  # another column (notes, a number): not read
        if column in positions:
            raise ValidationError(_("The column “%(column)s” appears twice in the header line; keep one.")
                                  % {"column": cell})
        headers[column], positions[column] = cell, at
    missing = [column for column in COLUMNS if column not in positions]
    if missing:
        names = pgettext("list separator", ", ").join(
            f"“{capfirst(str(LABELS[column]))}”" for column in missing
        )
        raise ValidationError(
            ngettext(
                "The header line (the first line that is not empty) has no column %(names)s. It names the "
                "columns: %(columns)s.",
                "The header line (the first line that is not empty) has no columns %(names)s. It names the "
                "columns: %(columns)s.",
                len(missing),
            ) % {"names": names, "columns": pgettext("list separator", ", ").join(template_headers())}
        )
    return headers, positions


# --- inviting ----------------------------------------------------------------------------


def invitees(sheet: Sheet) -> list[services.Invitee]:
    roles = _known_roles()
    return [
        services.Invitee(
            full_name=line.values["full_name"],
            # An address typed with a Chinese input method's full-width ＠ or ． is read as meant.
            email=unicodedata.normalize("NFKC", line.values["email"]),
            role=role_code(line.values["role"], roles),
            line=line.number,
        )
        for line in sheet.lines
    ]


def invite(*, sheet: Sheet, organization, actor) -> list[Invitation]:
    """Invite everyone the file names, or no one: ValidationError lists every problem,
    each named by its line and column (“Line 4, column “email”: …”)."""
    try:
        return services.invitation_batch_create(
            organization=organization, actor=actor, invitees=invitees(sheet), source=sheet.name
        )
    except services.InvitationsRefused as refused:
        raise ValidationError(problems(sheet, refused)) from None


def problems(sheet: Sheet, refused: services.InvitationsRefused) -> list[str]:
    found = []
    for invitee, error in sorted(refused.refusals, key=lambda pair: pair[0].line):
        for field, messages in error.message_dict.items():
            for message in messages:
                if field in sheet.headers:
                    found.append(_("Line %(line)s, column “%(column)s”: %(message)s") % {
                        "line": invitee.line, "column": sheet.headers[field], "message": message})
                else:
                    found.append(_("Line %(line)s: %(message)s") % {"line": invitee.line, "message": message})
    return found


# --- the templates -------------------------------------------------------------------------


def template_headers() -> list[str]:
    return [capfirst(str(LABELS[column])) for column in COLUMNS]


def template_csv(roles: list[str]) -> bytes:
    """The CSV template: the header line, then one line per role the person may give, with the
    name and address left for them to fill in (a line left so is skipped). UTF-8 with a mark,
    which Excel needs to show Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(template_headers())
    for role in roles:
        writer.writerow(["", "", str(Role(role).label)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(roles: list[str]) -> bytes:
    """The XLSX template: the list to fill in, with the roles to choose from in the role
    column, and a second sheet naming each role the person may give, by label and by code."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("People to invite")[:31]
    sheet.append(template_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABC", (16, 32, 20)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    labels = [str(Role(role).label) for role in roles]
    if labels:
        # A list to pick from; typing a role's code or English label is still accepted.
        choice = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True,
                                showErrorMessage=False)
        sheet.add_data_validation(choice)
        choice.add(f"C2:C{MAX_ROWS + 1}")
    guide = workbook.create_sheet(_("Roles")[:31])
    guide.append([capfirst(_("role")), _("Code")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for role, label in zip(roles, labels):
        guide.append([label, role])
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 16
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

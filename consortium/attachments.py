"""What an announcement's attachment may be: PDF, Word (DOC, DOCX), Excel (XLS, XLSX) or an
image (JPG, PNG), up to 10 MB, ten to an announcement.

A file is judged by its name's extension *and* its first bytes, never by the content type
the browser sends; its content type is then the one its kind has. A refusal names the file
and says why. Pure checks: no database, no storage."""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_SIZE = 10 * 1024 * 1024
MAX_PER_ANNOUNCEMENT = 10
NAME_MAX = 255

PDF = "application/pdf"
DOC = "application/msword"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLS = "application/vnd.ms-excel"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JPEG = "image/jpeg"
PNG = "image/png"

# extension -> the content type its files are served with
TYPES = {
    ".pdf": PDF,
    ".doc": DOC,
    ".docx": DOCX,
    ".xls": XLS,
    ".xlsx": XLSX,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".png": PNG,
}
KINDS = {PDF: "PDF", DOC: "Word", DOCX: "Word", XLS: "Excel", XLSX: "Excel", JPEG: "JPG", PNG: "PNG"}

# The first bytes each kind of file starts with.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Word 97–2003 and Excel 97–2003
ZIP = b"PK\x03\x04"  # Office Open XML is a ZIP package
MAGIC = {
    PDF: (b"%PDF-",),
    DOC: (OLE2,),
    XLS: (OLE2,),
    DOCX: (ZIP,),
    XLSX: (ZIP,),
    JPEG: (b"\xff\xd8\xff",),
    PNG: (b"\x89PNG\r\n\x1a\n",),
}
# The part an Office Open XML package of each kind must hold.
OOXML_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}


def kind_of(content_type: str) -> str:
    return KINDS.get(content_type, content_type)


@dataclass(frozen=True)
class Checked:
    """A file that passed: its name as shown, its content type and its size."""

    name: str
    content_type: str
    size: int


def clean_name(name: str) -> str:
    """The file's own name, without any folder, control characters or surrounding spaces,
    shortened (keeping the extension) to what the database holds."""
    name = PurePath(name.replace("\\", "/")).name
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    if len(name) > NAME_MAX:
        suffix = PurePath(name).suffix[:16]
        name = name[: NAME_MAX - len(suffix)] + suffix
    return name


def _head(upload, length: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _is_package_of(upload, part: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return part in names and "[Content_Types].xml" in names


def check(upload) -> Checked:
    """The file's name, content type and size, or a ValidationError naming it and why."""
    name = clean_name(upload.name or "")
    shown = name or _("(no name)")
    content_type = TYPES.get(PurePath(name).suffix.lower())
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not a kind of file announcements take. Attach PDF, Word (DOC, DOCX), Excel (XLS, "
              "XLSX) or an image (JPG, PNG).") % {"name": shown},
            code="file_type",
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": shown}, code="file_empty")
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("“%(name)s” is %(size)s; an attachment may be at most %(max)s.")
            % {"name": shown, "size": filesizeformat(upload.size), "max": filesizeformat(MAX_SIZE)},
            code="file_size",
        )
    head = _head(upload)
    fits = head.startswith(MAGIC[content_type])
    if fits and content_type in OOXML_PART:
        fits = _is_package_of(upload, OOXML_PART[content_type])
    if not fits:
        raise ValidationError(
            _("“%(name)s” is not the %(kind)s file its name says it is: its content is of another kind, or it is "
              "damaged.") % {"name": shown, "kind": kind_of(content_type)},
            code="file_content",
        )
    return Checked(name=name, content_type=content_type, size=upload.size)

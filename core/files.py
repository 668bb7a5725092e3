"""Uploaded files: judged by their name's extension *and* their first bytes, never by the
content type the browser sends, and handed back only through a view that checks who asks.
A refusal names the file and says why. Pure checks: no database, no storage."""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

NAME_MAX = 200


@dataclass(frozen=True)
class FileKind:
    label: str  # as people call it: PDF, Word, Excel, JPG, PNG
    content_type: str  # what its files are served as
    extensions: tuple[str, ...]
    magic: tuple[bytes, ...]  # the first bytes its files start with
    # For Office Open XML (a ZIP package): the part the package must hold.
    ooxml_part: str = ""


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Word and Excel 97–2003
ZIP = b"PK\x03\x04"
PDF = FileKind("PDF", "application/pdf", (".pdf",), (b"%PDF-",))
DOC = FileKind("Word", "application/msword", (".doc",), (OLE2,))
DOCX = FileKind("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",),
                (ZIP,), "word/document.xml")
XLS = FileKind("Excel", "application/vnd.ms-excel", (".xls",), (OLE2,))
XLSX = FileKind("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",),
                (ZIP,), "xl/workbook.xml")
JPEG = FileKind("JPG", "image/jpeg", (".jpg", ".jpeg"), (b"\xff\xd8\xff",))
PNG = FileKind("PNG", "image/png", (".png",), (b"\x89PNG\r\n\x1a\n",))
# Scans of a business licence or permit (营业执照, 办学许可证…).
SCANS = (PDF, JPEG, PNG)
# What a notice may carry.
DOCUMENTS = (PDF, DOC, DOCX, XLS, XLSX, JPEG, PNG)


def label_of(content_type: str) -> str:
    """How people call a file of this content type (Word, Excel…)."""
    return next((kind.label for kind in DOCUMENTS if kind.content_type == content_type), content_type)


def accepted(kinds) -> str:
    """The kinds as a person reads them: PDF, Word (DOC, DOCX), Excel (XLS, XLSX), JPG, PNG."""
    by_label: dict[str, list[str]] = {}
    for kind in kinds:
        by_label.setdefault(kind.label, []).extend(ext[1:].upper() for ext in kind.extensions)
    shown = []
    for label, extensions in by_label.items():
        named = [ext for ext in extensions if ext not in ("JPEG",)]
        shown.append(label if named == [label] else f"{label} ({', '.join(named)})")
    return ", ".join(shown)


def clean_name(name: str) -> str:
    """The file's own name, without any folder, control characters or surrounding spaces,
    shortened (keeping the extension) to what the database holds."""
    name = PurePath((name or "").replace("\\", "/")).name
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


def check_upload(upload, *, kinds, max_bytes: int) -> FileKind:
    """The kind of an uploaded file, or a ValidationError that names the file and says why."""
    name = clean_name(upload.name)
    shown = name or _("(no name)")
    extension = PurePath(name).suffix.lower()
    kind = next((kind for kind in kinds if extension in kind.extensions), None)
    if kind is None:
        raise ValidationError(
            _("“%(name)s” is not a kind of file accepted here. Attach %(types)s.")
            % {"name": shown, "types": accepted(kinds)},
            code="file_type",
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": shown}, code="file_empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file may be at most %(limit)s.")
            % {"name": shown, "size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="file_size",
        )
    fits = _head(upload).startswith(kind.magic)
    if fits and kind.ooxml_part:
        fits = _is_package_of(upload, kind.ooxml_part)
    if not fits:
        raise ValidationError(
            _("“%(name)s” is not the %(kind)s file its name says it is: its content is of another kind, or it is "
              "damaged.") % {"name": shown, "kind": kind.label},
            code="file_content",
        )
    return kind


def content_disposition(name: str, fallback: str) -> str:
    """A download under its own name: plain for an ASCII name, else RFC 5987's UTF-8 form
    (``filename*``) with an ASCII name for clients that do not read it (RFC 6266)."""
    try:
        name.encode("ascii")
    except UnicodeEncodeError:
        return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'attachment; filename="{escaped}"'


def download(field_file, *, name: str, content_type: str, fallback: str, private: bool = True) -> FileResponse:
    """The stored file as a download under its original name, served as its kind and never
    sniffed by the browser as something else; 404 when the file is gone from storage."""
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name, fallback)
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


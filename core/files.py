"""Uploaded files: checked by what their first bytes say they are, not by their name or
the browser's word, and handed back only through a view that checks who asks."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extensions: tuple[str, ...]
    magic: tuple[bytes, ...]
    # For Office Open XML files (zip archives): the folder the archive must hold.
    ooxml_part: str = ""


PDF = FileKind("PDF", "application/pdf", (".pdf",), (b"%PDF-",))
JPEG = FileKind("JPEG", "image/jpeg", (".jpg", ".jpeg"), (b"\xff\xd8\xff",))
PNG = FileKind("PNG", "image/png", (".png",), (b"\x89PNG\r\n\x1a\n",))
DOCX = FileKind(
    "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",),
    (b"PK\x03\x04",), "word/",
)
XLSX = FileKind(
    "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",),
    (b"PK\x03\x04",), "xl/",
)
# Scans of a business licence or permit (营业执照, 办学许可证…).
SCANS = (PDF, JPEG, PNG)
DOCUMENTS = (PDF, DOCX, XLSX, JPEG, PNG)


def _is_ooxml(upload, part: str) -> bool:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(name.startswith(part) for name in names)


def check_upload(upload, *, kinds=SCANS, max_bytes: int) -> FileKind:
    """The kind of an uploaded file, or a ValidationError that names the file and says why."""
    name = upload.name or ""
    allowed = ", ".join(kind.label for kind in kinds)
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty."), params={"name": name}, code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file may be at most %(limit)s."),
            params={"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for kind in kinds:
        if extension in kind.extensions and any(head.startswith(magic) for magic in kind.magic):
            if kind.ooxml_part and not _is_ooxml(upload, kind.ooxml_part):
                continue
            return kind
    raise ValidationError(
        _("“%(name)s” is not a file of an accepted type (%(types)s), or its content does not match its name."),
        params={"name": name, "types": allowed},
        code="file_type",
    )


def download(field_file, *, name: str, content_type: str) -> FileResponse:
    """The stored file as a download under its original name (RFC 6266 / 5987 for Chinese
    names), never rendered by the browser as something else."""
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

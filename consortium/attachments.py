"""What an announcement's attachment may be: PDF, Word (DOC, DOCX), Excel (XLS, XLSX) or an
image (JPG, PNG), up to 10 MB, ten to an announcement — checked by ``core.files``."""

from __future__ import annotations

from dataclasses import dataclass

from core.files import DOCUMENTS, XLSX, check_upload, clean_name, label_of

MAX_SIZE = 10 * 1024 * 1024
MAX_PER_ANNOUNCEMENT = 10
KINDS = DOCUMENTS
# extension -> the content type its files are served with (the file input's accept list)
TYPES = {extension: kind.content_type for kind in KINDS for extension in kind.extensions}
XLSX = XLSX.content_type
kind_of = label_of


@dataclass(frozen=True)
class Checked:
    """A file that passed: its name as shown, its content type and its size."""

    name: str
    content_type: str
    size: int


def check(upload) -> Checked:
    """The file's name, content type and size, or a ValidationError naming it and why."""
    kind = check_upload(upload, kinds=KINDS, max_bytes=MAX_SIZE)
    return Checked(name=clean_name(upload.name), content_type=kind.content_type, size=upload.size)

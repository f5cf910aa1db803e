"""Which uploaded files sendco accepts as evidence or attachments, decided by their content.

A file's name and the browser's content type are chosen by the sender, so they prove nothing;
the first bytes (the "magic number") and, for Word files, the zip's parts do. Accepted: PDF,
PNG, JPEG, GIF and Word .docx. Macro-enabled Word files (.docm) and old binary .doc files are
refused: they are the usual carriers of malicious macros.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a scanned letter or a phone photo fits comfortably


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str
    content_type: str
    extension: str


KINDS = {
    "pdf": FileKind("pdf", "PDF", "application/pdf", ".pdf"),
    "png": FileKind("png", "PNG image", "image/png", ".png"),
    "jpeg": FileKind("jpeg", "JPEG image", "image/jpeg", ".jpg"),
    "gif": FileKind("gif", "GIF image", "image/gif", ".gif"),
    "docx": FileKind(
        "docx",
        "Word document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
}
ACCEPTED_LABEL = "PDF, PNG, JPEG, GIF or Word (.docx)"


class RejectedFile(ValueError):
    pass


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return (
        "[Content_Types].xml" in names and "word/document.xml" in names and "word/vbaProject.bin" not in names
    )


def sniff(data: bytes) -> FileKind | None:
    """The kind of file `data` is, from its content alone; None when it is none we accept."""
    if data.startswith(b"%PDF-"):
        return KINDS["pdf"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if data.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if data.startswith((b"GIF87a", b"GIF89a")):
        return KINDS["gif"]
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return KINDS["docx"]
    return None


def check(data: bytes, *, max_bytes: int = MAX_BYTES) -> FileKind:
    """The file's kind, or RejectedFile with a message a user can act on."""
    if not data:
        raise RejectedFile("The selected file is empty.")
    if len(data) > max_bytes:
        raise RejectedFile(f"The selected file must be smaller than {max_bytes // (1024 * 1024)} MB.")
    kind = sniff(data)
    if kind is None:
        raise RejectedFile(f"The selected file must be a {ACCEPTED_LABEL}.")
    return kind

"""Which uploaded files sendco accepts, decided by their content, and the names it serves them by.

A file's name and the browser's content type are chosen by the sender, so they prove nothing;
the first bytes (the "magic number") and, for Office files, the zip's directory and
[Content_Types].xml do. Accepted: PDF, PNG, JPEG, GIF and Word .docx (and .xlsx for the register
import). Macro-enabled Office files and old binary .doc files are refused: they are the usual
carriers of malicious macros. Zip sizes are checked from the zip's directory before anything is
decompressed, so a zip bomb costs nothing. Everything here is standard library only; deeper
parsing (a PDF's objects, an image's pixels) is in sendco.core.uploads.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old binary Office files (.doc, .xls, .ppt): refused
MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a scanned letter or a phone photo fits comfortably
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # a long Word report or a big MIS export is far below this
MAX_ZIP_MEMBERS = 2000
MAX_RATIO = 200  # text XML compresses ~10-30x; deflate's limit is ~1000x, a bomb's signature
RATIO_FROM_BYTES = 1024 * 1024  # small members may compress well without meaning anything
MAX_CONTENT_TYPES_BYTES = 256 * 1024


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
    "xlsx": FileKind(
        "xlsx", "Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"
    ),
}
EVIDENCE = ("pdf", "png", "jpeg", "gif", "docx")  # chronology attachments and concern evidence
ACCEPTED_LABEL = "PDF, PNG, JPEG, GIF or Word (.docx)"

# The main part an Office file of each kind must have, and its content type.
OFFICE_MAIN = {
    "docx": (
        "/word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "/xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}
_MACRO_PARTS = re.compile(r"(^|/)(vbaproject\.bin|vbadata\.xml)$|(^|/)activex/", re.IGNORECASE)
_MACRO_TYPES = re.compile(r"macroenabled|vbaproject|activex", re.IGNORECASE)
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Browsers that sniff treat a file whose first bytes hold HTML as a web page: a polyglot's tell.
_HTML = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|script|iframe|svg|object|embed)[\s/>]", re.IGNORECASE
)


class RejectedFile(ValueError):
    pass


def _kind_by_signature(data: bytes) -> FileKind | None:
    if data.startswith(b"%PDF-"):
        return KINDS["pdf"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if data.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if data.startswith((b"GIF87a", b"GIF89a")):
        return KINDS["gif"]
    return None


def office_kind(data: bytes) -> str | None:
    """'docx' or 'xlsx' when `data` is a safe, well-formed Office file of that kind, None when it
    is no Office file; RejectedFile when it is one we refuse (macros, encryption, a zip bomb)."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        return None
    with archive:
        members = archive.infolist()
        check_zip_directory(members)
        names = {m.filename.lower(): m for m in members}
        if "[content_types].xml" not in names:
            return None
        if any(_MACRO_PARTS.search(name) for name in names):
            raise RejectedFile("The file contains macros or ActiveX controls, which sendco does not accept.")
        types = _content_types(archive.read(names["[content_types].xml"]))
    if any(_MACRO_TYPES.search(t) for t in types.values()):
        raise RejectedFile("The file contains macros or ActiveX controls, which sendco does not accept.")
    for code, (part, main_type) in OFFICE_MAIN.items():
        if types.get(part) == main_type and part.lstrip("/") in names:
            return code
    return None


def check_zip_directory(members: list[zipfile.ZipInfo]) -> None:
    """Refuse, from the zip's directory alone, archives too big to unpack or locked by a password."""
    if len(members) > MAX_ZIP_MEMBERS:
        raise RejectedFile(f"The file holds more than {MAX_ZIP_MEMBERS:,} parts; sendco does not open it.")
    if any(m.flag_bits & 0x1 for m in members):
        raise RejectedFile(
            "The file is password-protected (encrypted). Remove the password and upload it again."
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        raise RejectedFile(
            f"The file would unpack to more than {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB "
            "(it may be a zip bomb); sendco does not open it."
        )
    for m in members:
        if m.file_size > RATIO_FROM_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise RejectedFile("The file is compressed far more than a real document (it may be a zip bomb).")


def _content_types(xml: bytes) -> dict[str, str]:
    """Part name (lower case, from /) → content type, Overrides and Defaults (as '*.ext')."""
    if len(xml) > MAX_CONTENT_TYPES_BYTES or b"<!DOCTYPE" in xml.upper():
        raise RejectedFile("The file's list of parts is malformed.")
    try:
        root = ElementTree.fromstring(xml)  # noqa: S314 - no DTD (checked above), size capped
    except ElementTree.ParseError:
        raise RejectedFile("The file's list of parts is malformed.")
    types = {}
    for node in root:
        if node.tag == f"{_CT}Override":
            types[node.get("PartName", "").lower()] = node.get("ContentType", "")
        elif node.tag == f"{_CT}Default":
            types["*." + node.get("Extension", "").lower()] = node.get("ContentType", "")
    return types


def sniff(data: bytes) -> FileKind | None:
    """The kind of file `data` is, from its content alone; None when it is none we know.
    RejectedFile when it is an Office file we refuse."""
    code = office_kind(data)
    return KINDS[code] if code else _kind_by_signature(data)


def _check_pdf_frame(data: bytes) -> None:
    tail = data.rstrip()
    if not tail.endswith(b"%%EOF"):
        raise RejectedFile("The PDF is incomplete or has something added after its end.")


def check(data: bytes, *, accept: tuple[str, ...] = EVIDENCE, max_bytes: int = MAX_BYTES) -> FileKind:
    """The file's kind, or RejectedFile with a message a user can act on."""
    if not data:
        raise RejectedFile("The selected file is empty.")
    if len(data) > max_bytes:
        raise RejectedFile(f"The selected file must be smaller than {max_bytes // (1024 * 1024)} MB.")
    kind = sniff(data)
    if kind is None and data.startswith(OLE_MAGIC):
        # The usual mistake (an old Word .doc): say what it is and what to do instead.
        raise RejectedFile(
            f"The selected file is an old-style Word or Office file (such as .doc), which sendco does "
            f"not accept: it must be a {label(accept)}. Save it as a PDF or .docx and upload it again."
        )
    if kind is None or kind.code not in accept:
        if len(accept) == 1:
            raise RejectedFile(f"The file is not a {KINDS[accept[0]].label}.")
        raise RejectedFile(f"The selected file must be a {label(accept)}.")
    if _HTML.search(data[:1024]):
        raise RejectedFile(f"The file holds web-page code, so it is not a real {kind.label}.")
    if kind.code == "pdf":
        _check_pdf_frame(data)
    return kind


def label(accept: tuple[str, ...]) -> str:
    if accept == EVIDENCE:
        return ACCEPTED_LABEL
    labels = [KINDS[c].label for c in accept]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def kind_of_content_type(content_type: str) -> FileKind | None:
    return next((k for k in KINDS.values() if k.content_type == content_type), None)


# --------------------------------------------------------------------------- names

_UNSAFE = re.compile(r"[^A-Za-z0-9 _-]+")


def display_name(name: str) -> str:
    """The sender's file name as a label to show (never a path, never used to serve the file)."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable() and c not in "\"<>`'").strip(" .")
    return name[:150] or "attachment"


def served_name(original: str, kind: FileKind, *, fallback: str = "attachment") -> str:
    """The name sendco gives a download: the sender's name stripped of its folders and extension,
    limited to letters, digits, spaces, '_' and '-', plus the extension of the detected kind."""
    stem = original.replace("\\", "/").rsplit("/", 1)[-1]
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()  # é → e
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    stem = re.sub(r"[ _-]*-[ _-]*", "-", _UNSAFE.sub("-", stem)).strip(" -_")[:80].strip(" -_")
    return f"{stem or fallback}{kind.extension}"

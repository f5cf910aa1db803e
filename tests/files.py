"""Synthetic files for upload tests: real ones that parse, and the hostile ones sendco must refuse."""

import io
import zipfile
from functools import cache

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def _pdf(javascript: str = "", attachment: bytes = b"") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if javascript:
        action = {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(javascript),
        }
        writer.root_object[NameObject("/OpenAction")] = writer._add_object(DictionaryObject(action))
    if attachment:
        writer.add_attachment("payload.exe", attachment)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = _pdf()
PDF_WITH_JAVASCRIPT = _pdf(javascript="app.alert(1)")
PDF_WITH_EMBEDDED_FILE = _pdf(attachment=b"MZ a program")
# The polyglot: a %PDF- header, then a web page that runs when opened as HTML.
POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


PNG = _image("PNG")
JPEG = _image("JPEG")
GIF = _image("GIF")

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VBA = "application/vnd.ms-office.vbaProject"


def content_types(overrides: dict[str, str], defaults: dict[str, str] | None = None) -> str:
    parts = "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in (defaults or {}).items())
    parts += "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides.items())
    return f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{parts}</Types>'


def office_zip(members: dict[str, bytes | str], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(**extra) -> bytes:
    types = content_types({"/word/document.xml": WORD_MAIN})
    return office_zip({"[Content_Types].xml": types, "word/document.xml": "<w:document/>", **extra})


DOCX = docx()
DOCM = office_zip(
    {
        "[Content_Types].xml": content_types({"/word/document.xml": WORD_MAIN}, {"bin": VBA}),
        "word/document.xml": "<w:document/>",
        "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros",
    }
)


@cache
def zip_bomb_docx(megabytes: int = 300) -> bytes:
    """A real .docx whose document part unpacks to `megabytes` MB of padding (about 0.1% of it
    compressed)."""
    types = content_types({"/word/document.xml": WORD_MAIN})
    padding = b"<w:document>" + b" " * (megabytes * 1024 * 1024) + b"</w:document>"
    return office_zip({"[Content_Types].xml": types, "word/document.xml": padding})


@cache
def zip_bomb_xlsx(workbook: bytes, megabytes: int = 200) -> bytes:
    """`workbook` (a real .xlsx) with its first sheet padded to unpack to `megabytes` MB."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    members["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"</sheetData>", b"</sheetData>" + b" " * (megabytes * 1024 * 1024), 1
    )
    return office_zip(members)

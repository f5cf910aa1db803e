import io
import zipfile

import pytest

from sendco.domain import file_types as ft


def _zip(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


DOCX = _zip(["[Content_Types].xml", "word/document.xml"])


@pytest.mark.parametrize(
    "data,code",
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"\xff\xd8\xff\xe0....", "jpeg"),
        (b"GIF89a....", "gif"),
        (b"GIF87a....", "gif"),
        (DOCX, "docx"),
    ],
)
def test_accepted_kinds_are_recognised_by_content(data, code):
    assert ft.check(data).code == code


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00 an exe renamed to .pdf",
        b"<html><script>alert(1)</script>",
        b"\xd0\xcf\x11\xe0 old binary .doc",
        _zip(["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"]),  # .docm
        _zip(["[Content_Types].xml", "xl/workbook.xml"]),  # a spreadsheet
        b"PK\x03\x04 not really a zip",
        b" %PDF- not at the start",
    ],
)
def test_other_content_is_refused_whatever_its_name(data):
    with pytest.raises(ft.RejectedFile, match="must be a PDF"):
        ft.check(data)


def test_empty_and_oversized_files_are_refused():
    with pytest.raises(ft.RejectedFile, match="empty"):
        ft.check(b"")
    with pytest.raises(ft.RejectedFile, match="smaller than 10 MB"):
        ft.check(b"%PDF-" + b"0" * ft.MAX_BYTES)
    assert ft.check(b"%PDF-" + b"0" * 10, max_bytes=15).code == "pdf"

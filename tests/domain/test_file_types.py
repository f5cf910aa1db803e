import io
import time
import zipfile

import pytest

from sendco.domain import file_types as ft
from tests.files import (
    DOCM,
    DOCX,
    EXCEL_MAIN,
    GIF,
    JPEG,
    PDF,
    PNG,
    POLYGLOT,
    VBA,
    WORD_MAIN,
    content_types,
    docx,
    office_zip,
    zip_bomb_docx,
)


def _zip(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


XLSX = office_zip(
    {"[Content_Types].xml": content_types({"/xl/workbook.xml": EXCEL_MAIN}), "xl/workbook.xml": "<w/>"}
)


@pytest.mark.parametrize(
    "data,code",
    [(PDF, "pdf"), (PNG, "png"), (JPEG, "jpeg"), (GIF, "gif"), (b"GIF87a....", "gif"), (DOCX, "docx")],
)
def test_accepted_kinds_are_recognised_by_content(data, code):
    assert ft.check(data).code == code


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00 an exe renamed to .pdf",
        b"<html><script>alert(1)</script>",
        b"\xd0\xcf\x11\xe0 old binary .doc",
        _zip(["word/document.xml"]),  # a zip without a list of parts
        XLSX,  # a spreadsheet is not evidence
        b"PK\x03\x04 not really a zip",
        b" %PDF- not at the start",
        b"<html>%PDF-1.4",
    ],
)
def test_other_content_is_refused_whatever_its_name(data):
    with pytest.raises(ft.RejectedFile, match="must be a PDF"):
        ft.check(data)


@pytest.mark.parametrize(
    "data,message",
    [
        (POLYGLOT, "web-page code"),
        (b"GIF89a<script>alert(1)</script>", "web-page code"),
        (b"\x89PNG\r\n\x1a\n<!DOCTYPE html>", "web-page code"),
        (b"%PDF-1.4\n1 0 obj<<>>endobj\n", "incomplete"),
        (b"%PDF-1.4\n%%EOF\n<p>added after the end</p>", "after its end"),
        (DOCM, "macros"),
        (docx(**{"word/vbaProject.bin": b"x"}), "macros"),  # macros without their content type
        (docx(**{"word/activeX/activeX1.xml": b"<ax/>"}), "ActiveX"),
        (
            office_zip(
                {
                    "[Content_Types].xml": content_types(
                        {"/word/document.xml": WORD_MAIN, "/word/x.bin": VBA}
                    ),
                    "word/document.xml": "<w:document/>",
                }
            ),
            "macros",
        ),
        (
            office_zip(
                {
                    "[Content_Types].xml": content_types(
                        {"/word/document.xml": "application/vnd.ms-word.document.macroEnabled.main+xml"}
                    ),
                    "word/document.xml": "<w:document/>",
                }
            ),
            "macros",
        ),
        (_zip(["[Content_Types].xml", "word/document.xml"]), "list of parts is malformed"),
        (
            office_zip(
                {"[Content_Types].xml": '<!DOCTYPE x [<!ENTITY a "b">]><Types/>', "word/document.xml": ""}
            ),
            "list of parts is malformed",
        ),
        (_zip([f"word/part{n}.xml" for n in range(ft.MAX_ZIP_MEMBERS + 1)]), "more than 2,000 parts"),
    ],
)
def test_hostile_content_is_refused_with_its_reason(data, message):
    with pytest.raises(ft.RejectedFile, match=message):
        ft.check(data)


def test_office_kind_tells_word_from_excel():
    assert ft.office_kind(DOCX) == "docx"
    assert ft.office_kind(XLSX) == "xlsx"
    assert ft.office_kind(PDF) is None
    assert ft.check(XLSX, accept=("xlsx",)).code == "xlsx"
    with pytest.raises(ft.RejectedFile, match="The file is not a PDF"):
        ft.check(DOCX, accept=("pdf",))


def test_zip_bomb_is_refused_from_the_directory_before_anything_unpacks():
    bomb = zip_bomb_docx()
    started = time.monotonic()
    with pytest.raises(ft.RejectedFile, match="would unpack to more than 50 MB"):
        ft.check(bomb)
    assert time.monotonic() - started < 0.1


def test_highly_compressed_member_is_refused():
    ratio_bomb = docx(**{"word/media/pad.xml": b" " * (5 * 1024 * 1024)})  # 5 MB in ~5 KB
    with pytest.raises(ft.RejectedFile, match="compressed far more than a real document"):
        ft.check(ratio_bomb)


def test_encrypted_zip_is_refused():
    data = bytearray(DOCX)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set bit 0 (encrypted)
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + flag_at] |= 1
            start += 4
    with pytest.raises(ft.RejectedFile, match="password-protected"):
        ft.check(bytes(data))


def test_empty_and_oversized_files_are_refused():
    with pytest.raises(ft.RejectedFile, match="empty"):
        ft.check(b"")
    with pytest.raises(ft.RejectedFile, match="smaller than 10 MB"):
        ft.check(b"%PDF-" + b"0" * ft.MAX_BYTES)
    assert ft.check(b"%PDF-%%EOF", max_bytes=15).code == "pdf"


@pytest.mark.parametrize(
    "original,served",
    [
        ("..\\..\\evil.exe", "evil.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("polyglot.html", "polyglot.pdf"),
        ("report.exe.pdf", "report-exe.pdf"),
        ("My report (final).PDF", "My report-final.pdf"),
        (".htaccess", "htaccess.pdf"),
        ("évaluation été.docx", "evaluation ete.pdf"),
        ("<script>", "script.pdf"),
        ("...", "attachment.pdf"),
        ("", "attachment.pdf"),
        ("a" * 300 + ".pdf", "a" * 80 + ".pdf"),
    ],
)
def test_served_name_is_sendcos_with_the_detected_extension(original, served):
    assert ft.served_name(original, ft.KINDS["pdf"]) == served


def test_served_name_fallback_and_other_kinds():
    assert ft.served_name("???", ft.KINDS["png"], fallback="evidence-7") == "evidence-7.png"
    assert ft.served_name("photo.jpeg.html", ft.KINDS["jpeg"]) == "photo-jpeg.jpg"


@pytest.mark.parametrize(
    "original,label",
    [
        ("C:\\Users\\x\\letter.pdf", "letter.pdf"),
        ('a"<b>.pdf', "ab.pdf"),
        ("\x00\x1b.pdf", "pdf"),
        ("", "attachment"),
    ],
)
def test_display_name_is_a_harmless_label(original, label):
    assert ft.display_name(original) == label


def test_kind_of_content_type():
    assert ft.kind_of_content_type("application/pdf") is ft.KINDS["pdf"]
    assert ft.kind_of_content_type("text/html") is None
    assert ft.label(("pdf", "png")) == "PDF or PNG image"


def test_an_old_binary_office_file_is_named_as_such():
    with pytest.raises(ft.RejectedFile, match=r"old-style Word or Office file \(such as \.doc\)"):
        ft.check(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, accept=("pdf", "docx"))

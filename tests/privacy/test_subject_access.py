import datetime as dt
import io
import json
import zipfile

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.audit.services import log_access
from sendco.core.access import policy
from sendco.privacy.models import LegalHold, SubjectAccessRequest
from tests.chronology.helpers import attach, make_entry


def test_request_due_one_calendar_month_after_receipt_rolled_to_a_working_day(cast):
    sar = SubjectAccessRequest.objects.create(
        pupil=cast.pupil, received_on=dt.date(2026, 1, 31), requested_by="The pupil"
    )
    assert sar.school_id == cast.pupil.school_id
    assert sar.due_on == dt.date(2026, 3, 2)
    sar.extended = True
    assert sar.due_on == dt.date(2026, 4, 30)


def test_only_the_senco_manages_retention_and_subject_access(cast):
    assert policy.can(cast.user(Role.SENCO), "privacy.manage", cast.pupil)
    for role in (Role.TEACHER, Role.ASSISTANT_SENCO, Role.HEAD, Role.PARENT, Role.GOVERNOR):
        assert not policy.can(cast.user(role), "privacy.manage", cast.pupil)
    assert not policy.can(cast.other_senco, "privacy.manage", cast.pupil)


def _export(client, cast, sar):
    client.force_login(cast.user(Role.SENCO))
    response = client.get(reverse("privacy-sar-export", args=[cast.pupil.pk, sar.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


@pytest.fixture
def pdf_as_html(monkeypatch):
    monkeypatch.setattr(
        "sendco.core.documents.render_pdf",
        lambda template, context, request=None: render_to_string(template, context, request).encode(),
    )


def test_export_holds_every_record_type_history_log_and_files(cast, client, pdf_as_html):
    senco = cast.user(Role.SENCO)
    entry = make_entry(cast.pupil, by=senco, level="senco", title="SENCO-only note")
    attach(entry, name="report.pdf")
    sar = SubjectAccessRequest.objects.create(
        pupil=cast.pupil, received_on=dt.date(2026, 3, 2), requested_by="Mum"
    )
    log_access(user=senco, action=AccessLog.Action.VIEW, pupil=cast.pupil, what="Pupil file")
    archive = _export(client, cast, sar)
    body = json.loads(archive.read("records.json"))
    for label in (
        "Pupil record",
        "SEN status",
        "Need",
        "Chronology entry",
        "Chronology attachment",
        "Subject access request",
        "Contact link",
        "Class place",
        "Key adult",
        "Access grant",
    ):
        assert label in body["records"], label
        assert label in body["history"], label
    assert body["records"]["Chronology entry"][0]["title"] == "SENCO-only note"
    assert body["records"]["Pupil record"][0]["upn"] == cast.pupil.upn
    assert any(row["what"] == "Pupil file" for row in body["access_log"])
    assert body["about"]["request_due_on"] == "2026-04-02"
    documents = [n for n in archive.namelist() if n.startswith("files/Chronology attachment/")]
    assert len(documents) == 1 and archive.read(documents[0]).startswith(b"%PDF")
    assert b"What this export holds" in archive.read("summary.pdf")


def test_export_is_logged_as_an_export(cast, client):  # the real PDF, through WeasyPrint
    sar = SubjectAccessRequest.objects.create(
        pupil=cast.pupil, received_on=dt.date(2026, 3, 2), requested_by="Mum"
    )
    assert _export(client, cast, sar).read("summary.pdf").startswith(b"%PDF")
    row = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert row.pupil_id == cast.pupil.pk and row.user == cast.user(Role.SENCO)
    assert "Subject access export" in row.what


def test_export_refused_to_a_teacher_and_another_schools_senco(cast, client):
    sar = SubjectAccessRequest.objects.create(
        pupil=cast.pupil, received_on=dt.date(2026, 3, 2), requested_by="Mum"
    )
    url = reverse("privacy-sar-export", args=[cast.pupil.pk, sar.pk])
    for user in (cast.user(Role.TEACHER), cast.user(Role.HEAD), cast.other_senco):
        client.force_login(user)
        assert client.get(url).status_code == 404
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()


def test_another_pupils_request_is_not_found(cast, client):
    sar = SubjectAccessRequest.objects.create(
        pupil=cast.unlinked, received_on=dt.date(2026, 3, 2), requested_by="Mum"
    )
    client.force_login(cast.user(Role.SENCO))
    assert client.get(reverse("privacy-sar-export", args=[cast.pupil.pk, sar.pk])).status_code == 404


def test_logging_a_request_shows_its_due_date(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("privacy-sar", args=[cast.pupil.pk])
    response = client.post(url, {"received_on": "2026-01-31", "requested_by": "The pupil"}, follow=True)
    assert "Request logged: due by 2 March 2026." in response.content.decode()
    sar = SubjectAccessRequest.objects.get(pupil=cast.pupil)
    assert sar.logged_by == cast.user(Role.SENCO) and sar.history.count() == 1
    assert "2 March 2026" in client.get(url).content.decode()


def test_a_bad_request_is_refused_with_the_field(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.post(
        reverse("privacy-sar", args=[cast.pupil.pk]), {"received_on": "", "requested_by": ""}
    )
    assert response.status_code == 200 and not SubjectAccessRequest.objects.exists()
    body = response.content.decode()
    assert "govuk-error-summary" in body and 'href="#id_requested_by"' in body
    assert "<title>Error: Subject access" in body  # once: base.html adds it for form errors


def test_senco_places_and_lifts_a_legal_hold(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("privacy-sar", args=[cast.pupil.pk])
    response = client.post(url, {"form": "hold", "reason": "Tribunal claim"}, follow=True)
    assert "Legal hold placed" in response.content.decode()
    hold = LegalHold.objects.get(pupil=cast.pupil, lifted_on__isnull=True)
    assert hold.placed_by == cast.user(Role.SENCO) and hold.history.count() == 1
    client.post(reverse("privacy-hold-lift", args=[cast.pupil.pk, hold.pk]))
    hold.refresh_from_db()
    assert hold.lifted_on is not None and hold.history.count() == 2


def test_a_hold_needs_a_reason(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.post(reverse("privacy-sar", args=[cast.pupil.pk]), {"form": "hold", "reason": "  "})
    body = response.content.decode()
    assert response.status_code == 200 and "Say why the file must be kept" in body
    assert "govuk-error-summary" in body and 'href="#hold-reason"' in body
    assert 'aria-describedby="hold-reason-error"' in body and "<title>Error: Subject access" in body
    assert not LegalHold.objects.exists()


def test_senco_marks_a_request_answered(cast, client):
    sar = SubjectAccessRequest.objects.create(
        pupil=cast.pupil, received_on=dt.date(2026, 3, 2), requested_by="Mum"
    )
    client.force_login(cast.user(Role.SENCO))
    client.post(reverse("privacy-sar-complete", args=[cast.pupil.pk, sar.pk]))
    sar.refresh_from_db()
    assert sar.completed_on is not None
    assert sar.history.first().history_change_reason == "Subject access request answered"


def test_the_page_title_is_plain_text_and_the_hold_form_is_shown_once(cast, client):
    client.force_login(cast.user(Role.SENCO))
    body = client.get(reverse("privacy-sar", args=[cast.pupil.pk])).content.decode()
    title = body.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and cast.pupil.full_name in title
    assert body.count("Place a legal hold") == 1

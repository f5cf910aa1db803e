"""The referral pages: the pupil's tab, referring (with consent chosen or recorded inline, sent
or drafted, with documents), the refusals (no consent, a bad upload, a role that may only read),
the detail with its history, a status change, a stale edit, the download and the PDF."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.agencies.models import Consent, Referral, ReferralDocument
from sendco.audit.models import AccessLog
from tests.files import PDF, PDF_WITH_JAVASCRIPT

from .referral_helpers import agency, consent, days_ago, referral, today


@pytest.fixture
def ep(cast):
    return agency(cast.school, referral_route="Email the EP team", referral_criteria="Ages 4 to 16")


@pytest.fixture
def senco_client(cast, client):
    client.force_login(cast.user(Role.SENCO))
    return client


def _post(client, cast, ep, **kw):
    data = {"agency": ep.pk, "reason": "Reading has not moved in two terms.", "action": "send"} | kw
    return client.post(reverse("referral-create", args=[cast.pupil.pk]), data)


def test_tab_lists_referrals_flags_and_consents(cast, senco_client, ep):
    c = consent(cast.pupil, ep, withdrawn_on=days_ago(1), withdrawn_by="Sam Parent")
    referral(cast.pupil, ep, c, sent_days_ago=60)
    page = senco_client.get(reverse("referral-pupil-list", args=[cast.pupil.pk])).content.decode()
    assert "North Educational Psychology" in page and "No response from the service" in page
    assert "Consent withdrawn on" in page and "Sam Parent" in page
    assert AccessLog.objects.filter(what="Referrals and consent", pupil=cast.pupil).exists()


def test_refer_with_consent_recorded_inline_and_documents(cast, senco_client, ep):
    response = _post(
        senco_client, cast, ep,
        consent_given_by="Pat Parent", consent_relationship="Mother",
        consent_given_on=days_ago(1).isoformat(), consent_how="written",
        documents=[
            SimpleUploadedFile("form.pdf", PDF, content_type="application/pdf"),
            SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf"),
        ],
    )  # fmt: skip
    ref = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("referral-detail", args=[ref.pk])
    assert ref.status == "sent" and ref.sent_on == today() and ref.expected_response_days == 42
    assert ref.consent.given_by == "Pat Parent" and ref.consent.relationship == "Mother"
    assert ref.documents.count() == 2


def test_draft_with_existing_consent(cast, senco_client, ep):
    c = consent(cast.pupil, ep)
    _post(senco_client, cast, ep, consent=c.pk, action="draft", expected_response_days="20")
    ref = Referral.objects.get()
    assert ref.status == "draft" and ref.consent == c and ref.expected_response_days == 20


def test_no_consent_refused_and_nothing_saved(cast, senco_client, ep):
    response = _post(senco_client, cast, ep)
    assert response.status_code == 200
    assert "cannot be referred without their parents" in response.content.decode()
    assert not Referral.objects.exists() and not Consent.objects.exists()


def test_bad_upload_refused_and_nothing_saved(cast, senco_client, ep):
    c = consent(cast.pupil, ep)
    bad = SimpleUploadedFile("x.pdf", PDF_WITH_JAVASCRIPT, content_type="application/pdf")
    response = _post(senco_client, cast, ep, consent=c.pk, documents=[bad])
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not Referral.objects.exists() and not ReferralDocument.objects.exists()


def test_head_reads_but_may_not_refer(cast, client, ep):
    c = consent(cast.pupil, ep)
    ref = referral(cast.pupil, ep, c)
    client.force_login(cast.user(Role.HEAD))
    assert client.get(reverse("referral-detail", args=[ref.pk])).status_code == 200
    assert client.get(reverse("referral-create", args=[cast.pupil.pk])).status_code == 404
    assert _post(client, cast, ep, consent=c.pk).status_code == 404
    assert client.get(reverse("referral-status", args=[ref.pk])).status_code == 404
    assert Referral.objects.count() == 1


def test_teacher_sees_nothing(cast, client, ep):
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep))
    client.force_login(cast.user(Role.TEACHER))
    assert client.get(reverse("referral-pupil-list", args=[cast.pupil.pk])).status_code == 404
    assert client.get(reverse("referral-detail", args=[ref.pk])).status_code == 404


def test_status_offers_only_allowed_next_and_books_an_appointment(cast, senco_client, ep):
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep))
    page = senco_client.get(reverse("referral-status", args=[ref.pk])).content.decode()
    assert 'value="appointment"' in page and 'value="report"' not in page and 'value="draft"' not in page
    at = (dt.datetime.now() + dt.timedelta(days=7)).replace(second=0, microsecond=0)
    response = senco_client.post(
        reverse("referral-status", args=[ref.pk]),
        {"version": ref.version, "status": "appointment", "appointment_at": at.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    ref.refresh_from_db()
    assert ref.status == "appointment" and ref.appointment_at is not None
    detail = senco_client.get(reverse("referral-detail", args=[ref.pk])).content.decode()
    assert detail.count("Appointment booked") >= 2  # the status and the history row


def test_status_refusal_shown(cast, senco_client, ep):
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep))
    response = senco_client.post(
        reverse("referral-status", args=[ref.pk]), {"version": ref.version, "status": "appointment"}
    )
    assert "Enter the date and time of the appointment" in response.content.decode()
    ref.refresh_from_db()
    assert ref.status == "sent"


def test_edit_conflict_keeps_input(cast, senco_client, ep):
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep))
    stale = ref.version
    Referral.objects.filter(pk=ref.pk).update(version=stale + 1, reason="Changed elsewhere.")
    response = senco_client.post(
        reverse("referral-edit", args=[ref.pk]),
        {"version": stale, "reason": "My new reason.", "expected_response_days": "30"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Someone else changed this referral" in page
    assert "My new reason." in page and "Changed elsewhere." in page
    ref.refresh_from_db()
    assert ref.reason == "Changed elsewhere."


def test_add_and_download_document_audited(cast, senco_client, ep):
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep))
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    response = senco_client.post(
        reverse("referral-document-add", args=[ref.pk]), {"file": upload, "description": "Letter"}
    )
    assert response.status_code == 302
    doc = ref.documents.get()
    got = senco_client.get(reverse("referral-document", args=[ref.pk, doc.pk]))
    assert got.status_code == 200 and b"".join(got.streaming_content).startswith(b"%PDF")
    assert AccessLog.objects.filter(action=AccessLog.Action.DOWNLOAD, what__contains="letter.pdf").exists()


def test_add_document_refuses_a_bad_file(cast, senco_client, ep):
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep))
    bad = SimpleUploadedFile("x.pdf", PDF_WITH_JAVASCRIPT, content_type="application/pdf")
    response = senco_client.post(reverse("referral-document-add", args=[ref.pk]), {"file": bad})
    assert response.status_code == 200 and not ReferralDocument.objects.exists()


def test_print_is_a_pdf_and_logged(cast, senco_client, ep):
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep))
    response = senco_client.get(reverse("referral-print", args=[ref.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AccessLog.objects.filter(action=AccessLog.Action.DOWNLOAD, pupil=cast.pupil).exists()

"""Requests for an EHC needs assessment: recording steps, bad input, exceptions, the document."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from sendco.audit.models import AccessLog
from sendco.statutory.models import AdviceRequest, AssessmentRequest

pytestmark = pytest.mark.django_db


def _post(client, pupil, **data):
    base = {"la_name": "Leeds", "made_by": "school"}
    return client.post(reverse("statutory-request-new", args=[pupil.pk]), {**base, **data})


def test_record_a_request_and_see_the_6_week_deadline(senco_client, cast):
    response = _post(senco_client, cast.pupil, request_made="2026-09-01", request_received="2026-09-02")
    assert response.status_code == 302
    body = senco_client.get(reverse("statutory-pupil", args=[cast.pupil.pk])).content.decode()
    assert "LA decides whether to assess" in body
    assert "14 Oct 2026" in body  # 6 weeks from receipt
    assert "SEND Regs 2014 reg 4(1), 5(1)" in body


def test_la_received_before_request_made_is_refused_and_nothing_saved(senco_client, cast):
    response = _post(senco_client, cast.pupil, request_made="2026-09-10", request_received="2026-09-01")
    assert response.status_code == 200
    assert "The LA received the request before it was made." in response.content.decode()
    assert 'href="#id_request_received"' in response.content.decode()
    assert not AssessmentRequest.objects.exists()


def test_final_plan_before_request_received_is_refused(senco_client, cast):
    response = _post(
        senco_client,
        cast.pupil,
        request_received="2026-09-01",
        decision_made="2026-09-20",
        decided_to_assess="true",
        final_issued="2026-08-01",
    )
    assert "The final plan is before the request was received." in response.content.decode()
    assert not AssessmentRequest.objects.exists()


def test_exception_marks_deadlines_excepted_with_reason(senco_client, cast):
    _post(senco_client, cast.pupil, request_received="2026-09-01", exception="away_from_area")
    body = senco_client.get(reverse("statutory-pupil", args=[cast.pupil.pk])).content.decode()
    assert "Excepted" in body
    assert "away from the LA&#x27;s area" in body


def test_editing_a_request_that_changed_meanwhile_shows_a_conflict(senco_client, cast, records):
    request = records["request"]
    url = reverse("statutory-request-edit", args=[cast.pupil.pk, request.pk])
    AssessmentRequest.objects.filter(pk=request.pk).update(version=5)
    response = senco_client.post(
        url,
        {
            "la_name": "Bradford",
            "made_by": "school",
            "version": 1,
            "request_received": request.request_received,
        },
    )
    assert "Someone else changed this record" in response.content.decode()
    request.refresh_from_db()
    assert request.la_name == "Leeds"


def test_advice_returned_before_requested_is_refused(senco_client, cast, records):
    request = records["request"]
    url = reverse("statutory-advice-new", args=[cast.pupil.pk, request.pk])
    response = senco_client.post(
        url, {"advice_from": "OT", "requested_on": "2025-01-10", "returned_on": "2025-01-01"}
    )
    assert "returned before it was requested" in response.content.decode()
    assert AdviceRequest.objects.filter(advice_from="OT").count() == 0


def test_request_document_is_built_from_records_and_editable(senco_client, cast, records):
    request = records["request"]
    url = reverse("statutory-request-document", args=[cast.pupil.pk, request.pk])
    body = senco_client.get(url).content.decode()
    assert cast.pupil.upn in body and "SEN register history" in body
    response = senco_client.post(url, {"version": request.version, "views": "He wants to be a vet."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.document == {"views": "He wants to be a vet."}
    assert "He wants to be a vet." in senco_client.get(url).content.decode()


def test_request_document_downloads_are_logged(senco_client, cast, records):
    from docx import Document

    request = records["request"]
    pdf = senco_client.get(reverse("statutory-request-pdf", args=[cast.pupil.pk, request.pk]))
    assert pdf.content.startswith(b"%PDF")
    docx = senco_client.get(reverse("statutory-request-docx", args=[cast.pupil.pk, request.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Request for an education, health and care needs assessment" in text
    assert AccessLog.objects.filter(pupil=cast.pupil, action="download").count() == 2


def test_registry_lets_other_apps_contribute_sections(cast, records):
    from sendco.statutory import request_document as rd

    rd.add_request_section(rd.RequestSection("chronology", "Chronology", 70, lambda p, r: "1 Sep: joined"))
    try:
        parts = {p["key"]: p["text"] for p in rd.document(cast.pupil, records["request"])}
        assert parts["chronology"] == "1 Sep: joined"
    finally:
        rd.add_request_section(
            rd.RequestSection("chronology", "Chronology", 70, rd._placeholder("[Key dates]"))
        )


def test_final_plan_from_a_request_is_prefilled(senco_client, cast):
    request = AssessmentRequest.objects.create(
        pupil=cast.pupil,
        school=cast.school,
        la_name="Kirklees",
        request_received=dt.date(2026, 1, 5),
        decision_made=dt.date(2026, 2, 1),
        decided_to_assess=True,
        final_issued=dt.date(2026, 5, 20),
    )
    body = senco_client.get(
        reverse("statutory-plan-new", args=[cast.pupil.pk]) + f"?request={request.pk}"
    ).content.decode()
    assert 'value="Kirklees"' in body and 'value="2026-05-20"' in body

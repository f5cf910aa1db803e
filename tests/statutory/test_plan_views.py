"""EHC plan record: sections A–K, outcomes, provision, documents, bad input."""

import datetime as dt
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendco.audit.models import AccessLog
from sendco.statutory.models import PLAN_SECTIONS, EhcPlan, PlanDocument, PlanOutcome, ProvisionItem

from ..statutory_records import PDF

pytestmark = pytest.mark.django_db


def test_record_a_plan_from_another_la_with_sections(senco_client, cast):
    data = {
        "la_name": "Calderdale Council",
        "issued_on": "2026-03-10",
        "section_f": "See items",
        "top_up_amount": "6100",
    }
    response = senco_client.post(reverse("statutory-plan-new", args=[cast.pupil.pk]), data)
    plan = EhcPlan.objects.get()
    assert response.status_code == 302 and plan.la_name == "Calderdale Council"
    body = senco_client.get(reverse("statutory-plan", args=[cast.pupil.pk, plan.pk])).content.decode()
    for _, name in PLAN_SECTIONS:
        assert html.escape(name) in body
    assert "within the period starting 10 March 2026, so by 9 March 2027" in body


def test_final_plan_dated_before_the_request_is_refused(senco_client, cast, records):
    url = reverse("statutory-plan-edit", args=[cast.pupil.pk, records["plan"].pk])
    response = senco_client.post(url, {"la_name": "Leeds", "issued_on": "2024-01-01", "version": 1})
    assert "The final plan cannot be dated before the request." in response.content.decode()
    records["plan"].refresh_from_db()
    assert records["plan"].issued_on == dt.date(2025, 3, 10)


def test_ceasing_needs_a_reason(senco_client, cast, records):
    url = reverse("statutory-plan-edit", args=[cast.pupil.pk, records["plan"].pk])
    response = senco_client.post(
        url, {"la_name": "Leeds", "issued_on": "2025-03-10", "ceased_on": "2026-01-01", "version": 1}
    )
    assert "Say why the plan ceased" in response.content.decode()
    assert EhcPlan.objects.get().ceased_on is None


def test_outcome_and_quantified_provision(senco_client, cast, records):
    plan = records["plan"]
    senco_client.post(
        reverse("statutory-outcome-new", args=[cast.pupil.pk, plan.pk]),
        {"outcome": "Travels to school alone", "shorter_term_steps": "Bus with TA", "order": 2},
    )
    outcome = PlanOutcome.objects.get(outcome="Travels to school alone")
    response = senco_client.post(
        reverse("statutory-provision-new", args=[cast.pupil.pk, plan.pk]),
        {
            "what": "Travel training",
            "frequency": "twice a week",
            "duration": "40 minutes",
            "group_size": "1:1",
            "delivered_by": "TA",
            "outcome": outcome.pk,
            "order": 3,
        },
    )
    assert response.status_code == 302
    assert ProvisionItem.objects.get(what="Travel training").outcome == outcome


def test_provision_must_be_quantified(senco_client, cast, records):
    response = senco_client.post(
        reverse("statutory-provision-new", args=[cast.pupil.pk, records["plan"].pk]),
        {"what": "Support", "order": 1},
    )
    body = response.content.decode()
    assert body.count("This field is required.") >= 4  # how often, how long, group size, by whom
    assert not ProvisionItem.objects.filter(what="Support").exists()


def test_remove_a_provision_item_keeps_history(senco_client, cast, records):
    item = records["item"]
    senco_client.post(
        reverse("statutory-provision-edit", args=[cast.pupil.pk, records["plan"].pk, item.pk]),
        {"delete": "1"},
    )
    assert not ProvisionItem.objects.filter(pk=item.pk).exists()
    assert ProvisionItem.history.filter(id=item.pk, history_type="-").exists()


def test_upload_checks_the_content_not_the_name(senco_client, cast, records):
    url = reverse("statutory-document-upload", args=[cast.pupil.pk, records["plan"].pk])
    fake = SimpleUploadedFile("plan.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = senco_client.post(url, {"kind": "final", "dated": "2025-03-10", "file": fake})
    assert "The file is not a PDF." in response.content.decode()
    assert PlanDocument.objects.count() == 1  # only the fixture's


def test_upload_size_limit(senco_client, cast, records, monkeypatch):
    from sendco.statutory import forms

    monkeypatch.setattr(forms, "MAX_DOCUMENT_BYTES", 10)
    url = reverse("statutory-document-upload", args=[cast.pupil.pk, records["plan"].pk])
    big = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    response = senco_client.post(url, {"kind": "final", "dated": "2025-03-10", "file": big})
    assert "larger than 10 MB" in response.content.decode()


def test_upload_and_download_an_amended_plan(senco_client, cast, records, settings):
    url = reverse("statutory-document-upload", args=[cast.pupil.pk, records["plan"].pk])
    good = SimpleUploadedFile("Amended plan.pdf", PDF, content_type="application/pdf")
    assert senco_client.post(url, {"kind": "amended", "dated": "2026-02-01", "file": good}).status_code == 302
    doc = PlanDocument.objects.get(kind="amended")
    assert "Amended" not in doc.file.name and str(settings.MEDIA_ROOT) in doc.file.path
    response = senco_client.get(
        reverse("statutory-document", args=[cast.pupil.pk, records["plan"].pk, doc.pk])
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AccessLog.objects.filter(pupil=cast.pupil, action="download", what__icontains="amended").exists()


def test_outcome_edited_meanwhile_shows_a_conflict_and_keeps_both(senco_client, cast, records):
    outcome = records["outcome"]
    url = reverse("statutory-outcome-edit", args=[cast.pupil.pk, records["plan"].pk, outcome.pk])
    assert f'name="version" value="{outcome.version}"' in senco_client.get(url).content.decode()
    PlanOutcome.objects.filter(pk=outcome.pk).update(version=outcome.version + 1, outcome="Theirs")
    response = senco_client.post(url, {"outcome": "Mine", "order": 0, "version": outcome.version})
    assert "Someone else changed this record" in response.content.decode()
    assert "Mine" in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.outcome == "Theirs"

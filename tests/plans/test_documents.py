import io

from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from sendco.audit.models import AccessLog
from sendco.plans import services

from .conftest import make_plan


def _text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_staff_plan_pdf_has_school_pupil_targets_and_page_numbers(cast, client, senco, plan_cycle):
    client.force_login(senco)
    text = _text(client.get(reverse("plans-cycle-document", args=[cast.pupil.pk, plan_cycle.pk, "pdf"])))
    for expected in (
        cast.school.name,
        cast.pupil.full_name,
        cast.pupil.upn,
        "SEN support plan",
        "Target number 2",
        "Weekly word-reading check",
        "STAFF-ONLY-NOTE",
        "SENCO-ONLY-NOTE",
        "Page 1 of",
    ):
        assert expected in text, expected
    log = AccessLog.objects.get(action="download")
    assert log.pupil == cast.pupil and "PDF" in log.what


def test_review_record_and_history_pack(cast, client, senco):
    cycle = make_plan(cast.pupil, senco, targets=1)
    t1 = cycle.targets.get()
    data = {
        "held_on": "2026-11-30",
        "attendees": "Mum and SENCO",
        "decision": "continue",
        f"rating_{t1.pk}": "partly",
        f"evidence_{t1.pk}": "22 of 30 words",
    }
    _, nxt = services.record_review(actor=senco, cycle=cycle, data=data)
    t2 = nxt.targets.get()
    services.record_review(
        actor=senco, cycle=nxt, data=data | {"held_on": "2027-02-26", f"rating_{t2.pk}": "achieved"}
    )
    client.force_login(senco)
    review = _text(client.get(reverse("plans-review-document", args=[cast.pupil.pk, cycle.pk, "pdf"])))
    assert "Mum and SENCO" in review and "Partly achieved" in review and "22 of 30 words" in review
    pack = _text(client.get(reverse("plans-history-pack", args=[cast.pupil.pk])))
    assert "Version 1" in pack and "Version 2" in pack and "Achieved" in pack
    docx = client.get(reverse("plans-review-document", args=[cast.pupil.pk, cycle.pk, "docx"]))
    doc = Document(io.BytesIO(docx.content))
    assert "Plan review record" in doc.paragraphs[1].text
    assert AccessLog.objects.filter(action="download", pupil=cast.pupil).count() == 3


def test_current_cycle_has_no_review_record(cast, client, senco, plan_cycle):
    client.force_login(senco)
    assert (
        client.get(reverse("plans-review-document", args=[cast.pupil.pk, plan_cycle.pk, "pdf"])).status_code
        == 404
    )
    assert (
        client.get(reverse("plans-cycle-document", args=[cast.pupil.pk, plan_cycle.pk, "odt"])).status_code
        == 404
    )

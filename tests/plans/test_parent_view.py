"""Parents read the plan in plain language, add views, confirm; never see staff-only content
(pages, PDFs, Word documents, API)."""

import io

from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.plans import services
from sendco.plans.models import PlanAcknowledgement

SECRETS = ("STAFF-ONLY-NOTE", "SENCO-ONLY-NOTE", "SECRET-TARGET", "PASSPORT-STAFF-NOTE")


def _passport(cast):
    services.save_passport(
        actor=cast.user(Role.SENCO),
        pupil=cast.pupil,
        expected_version=None,
        data={"about_me": "Loves dinosaurs", "staff_notes": "PASSPORT-STAFF-NOTE"},
    )


def test_parent_page_is_plain_and_has_no_staff_content(cast, client, plan_cycle):
    _passport(cast)
    client.force_login(cast.user(Role.PARENT))
    body = client.get(reverse("plans-plan", args=[cast.pupil.pk])).content.decode()
    assert f"What {cast.pupil.forename} is working on" in body and "How we will know" in body
    assert "Target number 1" in body
    assert not [s for s in SECRETS if s in body]
    passport = client.get(reverse("plans-passport", args=[cast.pupil.pk])).content.decode()
    assert "Loves dinosaurs" in passport and "PASSPORT-STAFF-NOTE" not in passport


def test_parent_pdf_and_docx_have_no_staff_content(cast, client, plan_cycle):
    _passport(cast)
    client.force_login(cast.user(Role.PARENT))
    pdf = client.get(reverse("plans-cycle-document", args=[cast.pupil.pk, plan_cycle.pk, "pdf"]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Target number 1" in text and not [s for s in SECRETS if s in text]
    docx = client.get(reverse("plans-cycle-document", args=[cast.pupil.pk, plan_cycle.pk, "docx"]))
    words = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    tables = " ".join(
        c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells
    )
    assert "Target number 1" in tables and not [s for s in SECRETS if s in words + tables]
    passport = client.get(reverse("plans-passport-document", args=[cast.pupil.pk, "pdf"]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(passport.content)).pages)
    assert "Loves dinosaurs" in text and "PASSPORT-STAFF-NOTE" not in text


def test_parent_api_has_no_staff_content(cast, client, plan_cycle):
    _passport(cast)
    _, key = ApiToken.issue(cast.user(Role.PARENT))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    data = client.get(f"/api/v1/plans/cycles/{plan_cycle.pk}", **auth).json()
    assert data["staff_notes"] is None and data["senco_notes"] is None
    assert [t["description"] for t in data["targets"]] == ["Target number 1", "Target number 2"]
    passport = client.get(f"/api/v1/plans/pupils/{cast.pupil.pk}/passport", **auth).json()
    assert passport["staff_notes"] is None and passport["about_me"] == "<p>Loves dinosaurs</p>"
    staff_only = plan_cycle.targets.get(staff_only=True)
    assert (
        client.patch(
            f"/api/v1/plans/targets/{staff_only.pk}", {"version": 1}, content_type="application/json", **auth
        ).status_code
        == 404
    )


def test_parent_adds_views_and_confirms(cast, client, plan_cycle):
    parent = cast.user(Role.PARENT)
    client.force_login(parent)
    url = reverse("plans-parent-views", args=[cast.pupil.pk, plan_cycle.pk])
    assert client.post(url, {"views": ""}).status_code == 200  # error: nothing saved
    assert not plan_cycle.contributions.exists()
    client.post(url, {"views": "<ul><li>Sleeping better</li></ul><img src=x onerror=alert(1)>"})
    assert plan_cycle.contributions.get().views == "<ul><li>Sleeping better</li></ul>"
    client.post(reverse("plans-confirm", args=[cast.pupil.pk, plan_cycle.pk]))
    assert PlanAcknowledgement.objects.filter(cycle=plan_cycle, user=parent).exists()
    body = client.get(reverse("plans-plan", args=[cast.pupil.pk])).content.decode()
    assert "You confirmed you have read this plan" in body
    client.force_login(cast.user(Role.SENCO))
    staff = client.get(reverse("plans-plan", args=[cast.pupil.pk])).content.decode()
    assert "Sleeping better" in staff and str(parent) in staff


def test_home_panel_asks_parent_to_read(cast, client, plan_cycle):
    client.force_login(cast.user(Role.PARENT))
    assert "Read Linked's support plan" in client.get(reverse("home")).content.decode()

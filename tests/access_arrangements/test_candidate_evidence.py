"""Alternative evidence (EHC plan or professional letter): checked upload, errors, the chain."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendco.access_arrangements import selectors, services
from sendco.access_arrangements.models import AlternativeEvidence
from sendco.accounts.roles import Role
from tests.files import PDF

from .candidate_helpers import arrangement, days_ago

pytestmark = pytest.mark.django_db


def test_bad_evidence_names_fields_and_saves_nothing(cast):
    a = arrangement(cast.pupil, kind="reader")
    with pytest.raises(ValidationError) as exc:
        services.add_alternative_evidence(
            actor=cast.user(Role.SENCO), arrangement=a, kind="x", author="", dated=None,
            upload=SimpleUploadedFile("plan.pdf", b"not a pdf at all", content_type="application/pdf"),
        )  # fmt: skip
    assert {"kind", "author", "dated", "file"} <= set(exc.value.message_dict)
    assert AlternativeEvidence.objects.count() == 0


def test_evidence_counts_in_the_chain(cast):
    a = arrangement(cast.pupil, kind="reader")
    gaps = {g.code for g in selectors.check(a).gaps}
    assert "need" in gaps
    services.add_alternative_evidence(
        actor=cast.user(Role.SENCO), arrangement=a, kind="ehc_plan", author="LA SEN team", dated=days_ago(100)
    )
    assert "need" not in {g.code for g in selectors.check(a).gaps}


def test_evidence_page(cast, client):
    a = arrangement(cast.pupil, kind="reader")
    url = reverse("aa-alternative-evidence", kwargs={"pk": cast.pupil.pk, "arrangement_id": a.pk})
    client.force_login(cast.user(Role.SENCO))
    response = client.post(url, {"kind": "ehc_plan", "author": "", "dated": days_ago(3)})
    assert response.status_code == 200 and response.content.decode().count("Error: ") == 1
    assert AlternativeEvidence.objects.count() == 0
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    data = {"kind": "professional_letter", "author": "Dr Patel", "dated": days_ago(3), "file": upload}
    assert client.post(url, data).status_code == 302
    item = AlternativeEvidence.objects.get(arrangement=a)
    assert item.original_name == "letter.pdf" and item.file.name.endswith(".pdf")
    client.force_login(cast.user(Role.HEAD))
    assert client.get(url).status_code == 404

"""Every confidentiality level against every role, through the page, the list, the API and the
PDF: an entry a role may not read is 404 and absent from every list."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.chronology.models import ChronologyEntry
from sendco.chronology.permissions import readable_entries, visible_entries

from .helpers import make_entry

R = Role
WRITERS = {R.SENCO, R.ASSISTANT_SENCO, R.HEAD, R.TEACHER, R.TA}
READERS = {
    "senco": {R.SENCO},
    "sen_team": {R.SENCO, R.ASSISTANT_SENCO},
    "staff": WRITERS,
    "parents": WRITERS | {R.PARENT},
}


@pytest.mark.parametrize("level", sorted(READERS))
def test_each_level_is_read_by_its_audience_only(cast, client, level):
    entry = make_entry(cast.pupil, by=cast.user(R.SENCO), level=level, title=f"Secret {level}")
    for role in Role:
        user = cast.user(role)
        client.force_login(user)
        allowed = role in READERS[level]
        page = client.get(reverse("chronology-detail", args=[entry.pk]))
        assert page.status_code == (200 if allowed else 404), f"{level}: {role} got {page.status_code}"
        listing = client.get(reverse("chronology-list", args=[cast.pupil.pk]))
        if listing.status_code == 200:
            assert (f"Secret {level}" in listing.content.decode()) == allowed, f"{level}: {role} list"
        _, token = ApiToken.issue(user)
        api = client.get(f"/api/v1/chronology/{entry.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert api.status_code == (200 if allowed else 404), f"{level}: {role} API"
        listed = client.get("/api/v1/chronology/", HTTP_AUTHORIZATION=f"Bearer {token}").json()["items"]
        assert (entry.pk in {i["id"] for i in listed}) == allowed, f"{level}: {role} API list"
        # The one-query filter and the per-pupil rule agree.
        assert readable_entries(user).filter(pk=entry.pk).exists() == allowed
        if allowed:
            assert visible_entries(user, cast.pupil).filter(pk=entry.pk).exists()


def test_the_author_always_reads_their_own_entry(cast, client):
    entry = make_entry(cast.pupil, by=cast.user(R.TEACHER), level="senco", title="Passed up to the SENCO")
    client.force_login(cast.user(R.TEACHER))
    assert client.get(reverse("chronology-detail", args=[entry.pk])).status_code == 200
    client.force_login(cast.user(R.TA))
    assert client.get(reverse("chronology-detail", args=[entry.pk])).status_code == 404


def test_teacher_who_stops_teaching_the_pupil_loses_staff_entries(cast, client):
    entry = make_entry(cast.pupil, by=cast.user(R.SENCO), level="staff")
    client.force_login(cast.user(R.TEACHER))
    assert client.get(reverse("chronology-detail", args=[entry.pk])).status_code == 200
    cast.pupil.group_memberships.all().delete()
    assert client.get(reverse("chronology-detail", args=[entry.pk])).status_code == 404


def test_pdf_holds_only_what_the_reader_may_read(cast, client):
    senco = cast.user(R.SENCO)
    make_entry(cast.pupil, by=senco, level="senco", title="Disclosure noted")
    make_entry(cast.pupil, by=senco, level="parents", title="Reading book sent home")
    client.force_login(cast.user(R.PARENT))
    response = client.get(reverse("chronology-pdf", args=[cast.pupil.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Reading book sent home" in text and "Disclosure" not in text
    assert ChronologyEntry.objects.count() == 2

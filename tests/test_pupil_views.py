import pytest
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.core.models import Pupil

VALID = {
    "upn": "B801200005001",
    "legal_forename": "Ada",
    "legal_surname": "Newcomer",
    "date_of_birth": "2014-02-03",
    "sex": "F",
    "nc_year": "7",
    "admission_date": "2025-09-03",
}


@pytest.fixture
def senco(cast, client):
    client.force_login(cast.user(Role.SENCO))
    return client


def test_search_by_name_and_upn(cast, senco):
    by_name = senco.get(reverse("pupil-search"), {"q": "linked learn"})
    assert cast.pupil.upn.encode() in by_name.content
    assert b"Unlinked" in by_name.content  # "linked" matches both names
    by_upn = senco.get(reverse("pupil-search"), {"q": cast.unlinked.upn.lower()})
    assert cast.unlinked.upn.encode() in by_upn.content
    assert cast.pupil.upn.encode() not in by_upn.content


def test_search_never_finds_other_schools(cast, senco):
    response = senco.get(reverse("pupil-search"), {"q": cast.other_pupil.legal_surname})
    assert cast.other_pupil.upn.encode() not in response.content


def test_htmx_search_returns_fragment(cast, senco):
    response = senco.get(reverse("pupil-search"), {"q": "Learner"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content and b"Learner" in response.content


def test_search_box_on_every_page_for_staff(cast, senco):
    for url in (reverse("home"), reverse("pupil-list"), reverse("pupil-detail", args=[cast.pupil.pk])):
        assert b'id="site-search"' in senco.get(url).content


def test_governor_has_no_search_box(cast, client):
    client.force_login(cast.user(Role.GOVERNOR))
    assert b'id="site-search"' not in client.get(reverse("home")).content


def test_create_pupil(cast, senco):
    response = senco.post(reverse("pupil-create"), VALID)
    pupil = Pupil.objects.get(upn="B801200005001")
    assert response.status_code == 302 and pupil.school == cast.school


@pytest.mark.parametrize(
    "change,field,message",
    [
        ({"upn": "A801200005001"}, "upn", "check letter"),
        ({"upn": "B80120000500"}, "upn", "13 characters"),
        ({"date_of_birth": "2099-01-01"}, "date_of_birth", "cannot be in the future"),
        ({"leaving_date": "2025-01-01"}, "leaving_date", "before the admission date"),
        ({"date_of_birth": "not a date"}, "date_of_birth", "Enter a valid date"),
    ],
)
def test_create_pupil_bad_input_saves_nothing(cast, senco, change, field, message):
    before = Pupil.objects.count()
    response = senco.post(reverse("pupil-create"), VALID | change)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert Pupil.objects.count() == before


def test_duplicate_upn_in_school_refused(cast, senco):
    response = senco.post(reverse("pupil-create"), VALID | {"upn": cast.pupil.upn})
    assert "already exists" in response.content.decode()
    assert Pupil.objects.filter(upn=cast.pupil.upn).count() == 1


def test_same_upn_allowed_at_another_school(cast, client):
    client.force_login(cast.other_senco)
    response = client.post(reverse("pupil-create"), VALID | {"upn": cast.pupil.upn})
    assert response.status_code == 302


def test_names_are_escaped(cast, senco):
    cast.pupil.legal_forename = "<script>alert(1)</script>"
    cast.pupil.save()
    page = senco.get(reverse("pupil-detail", args=[cast.pupil.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert (
        "script-src 'self'"
        in senco.get(reverse("pupil-detail", args=[cast.pupil.pk]))["Content-Security-Policy"]
    )


def test_edit_pupil_unchecks_boxes(cast, senco):
    cast.pupil.eal = True
    cast.pupil.save()
    data = {k: getattr(cast.pupil, k) for k in VALID} | {"version": cast.pupil.version}
    data["upn"] = cast.pupil.upn
    response = senco.post(reverse("pupil-edit", args=[cast.pupil.pk]), data)
    assert response.status_code == 302
    cast.pupil.refresh_from_db()
    assert cast.pupil.eal is False and cast.pupil.version == 2


def test_concurrent_edit_shows_conflict_and_keeps_both(cast, senco):
    url = reverse("pupil-edit", args=[cast.pupil.pk])
    base = {k: getattr(cast.pupil, k) for k in VALID} | {"upn": cast.pupil.upn, "version": 1}
    assert senco.post(url, base | {"reg_group": "FIRST"}).status_code == 302
    second = senco.post(url, base | {"reg_group": "SECOND"})
    body = second.content.decode()
    assert second.status_code == 200 and "changed this record while you were editing" in body
    assert "FIRST" in body and 'value="SECOND"' in body  # the saved value and the editor's own
    cast.pupil.refresh_from_db()
    assert cast.pupil.reg_group == "FIRST"
    # Saving again from the conflict screen (which carries the new version) keeps the second edit.
    assert senco.post(url, base | {"reg_group": "SECOND", "version": 2}).status_code == 302
    cast.pupil.refresh_from_db()
    assert cast.pupil.reg_group == "SECOND"


def test_remove_and_restore(cast, senco):
    senco.post(reverse("pupil-delete", args=[cast.unlinked.pk]), {"reason": "Duplicate record"})
    assert senco.get(reverse("pupil-detail", args=[cast.unlinked.pk])).status_code == 404
    assert cast.unlinked.upn.encode() in senco.get(reverse("pupil-deleted-list")).content
    senco.post(reverse("pupil-restore", args=[cast.unlinked.pk]))
    assert senco.get(reverse("pupil-detail", args=[cast.unlinked.pk])).status_code == 200


def test_remove_needs_a_reason(cast, senco):
    senco.post(reverse("pupil-delete", args=[cast.unlinked.pk]), {"reason": " "})
    cast.unlinked.refresh_from_db()
    assert cast.unlinked.deleted_at is None


def test_pupil_page_shows_key_facts_contacts_needs_staff(cast, senco):
    page = senco.get(reverse("pupil-detail", args=[cast.pupil.pk])).content.decode()
    link = cast.pupil.contact_links.get()
    for text in (
        cast.pupil.upn,
        "Specific learning difficulty",
        link.contact.phone,
        "10E1",
        str(cast.user(Role.TA)),
    ):
        assert text in page


def test_parent_sees_own_details_not_other_contacts(cast, client):
    client.force_login(cast.user(Role.PARENT))
    page = client.get(reverse("pupil-detail", args=[cast.pupil.pk])).content.decode()
    assert "The school holds these details for you" in page


def test_home_pages_by_role(cast, client):
    client.force_login(cast.user(Role.TRUST_OFFICER))
    page = client.get(reverse("home")).content.decode()
    assert "2 schools" in page and cast.sister.name in page and cast.pupil.legal_surname not in page
    client.force_login(cast.user(Role.GOVERNOR))
    page = client.get(reverse("home")).content.decode()
    assert "Pupils on roll" in page and cast.pupil.legal_surname not in page
    client.force_login(cast.user(Role.PARENT))
    assert "Your children" in client.get(reverse("home")).content.decode()
    client.force_login(cast.user(Role.TEACHER))
    page = client.get(reverse("home")).content.decode()
    assert cast.pupil.legal_surname in page and "Unlinked" not in page


def test_edit_form_shows_dates_in_iso_for_date_inputs(cast, senco):
    page = senco.get(reverse("pupil-edit", args=[cast.pupil.pk])).content.decode()
    assert f'value="{cast.pupil.date_of_birth.isoformat()}"' in page

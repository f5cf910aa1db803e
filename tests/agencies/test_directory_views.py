"""The directory, traded time and visit pages: who sees and changes what, filters, versions
(a stale or missing version saves nothing), bad input saves nothing, the calendar and .ics."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sendco.accounts.roles import Role
from sendco.agencies.models import Agency, AgencyPurchase, Visit
from sendco.audit.models import AccessLog

FORM = {"name": "North Educational Psychology", "kind": "ep", "typical_wait_days": "42"}


def _entry(cast, **kw):
    values = {"school": cast.school, "name": "Leeds SALT", "kind": "salt", "typical_wait_days": 90} | kw
    return Agency.objects.create(**values)


def _login(client, cast, role=Role.SENCO):
    client.force_login(cast.user(role))
    return client


def test_the_list_shows_own_and_shared_entries_not_others(cast, client):
    own = _entry(cast, local_offer_url="https://la.example.org/offer/salt")
    shared = _entry(cast, school=None, organisation=cast.trust, name="Trust OT", kind="ot")
    _entry(cast, school=cast.other, name="Elsewhere CAMHS", kind="camhs")
    _entry(cast, name="Old service", active=False)
    page = _login(client, cast, Role.TEACHER).get(reverse("agency-list")).content.decode()
    assert own.name in page and shared.name in page and "Shared by the trust" in page
    assert "Elsewhere CAMHS" not in page and "Old service" not in page
    assert "https://la.example.org/offer/salt" in page and "90 days" in page
    assert "Add a service" not in page  # a teacher reads, never edits


def test_the_list_filters_by_kind_and_text(cast, client):
    _entry(cast)
    _entry(cast, name="North EP", kind="ep", traded=True, day_rate="450.00")
    c = _login(client, cast)
    page = c.get(reverse("agency-list"), {"kind": "ep"}).content.decode()
    assert "North EP" in page and "Leeds SALT" not in page and "£450.00 a day" in page
    page = c.get(reverse("agency-list"), {"q": "salt"}).content.decode()
    assert "Leeds SALT" in page and "North EP" not in page
    # A kind that does not exist is ignored, not an error.
    assert c.get(reverse("agency-list"), {"kind": "astrology", "school": "x"}).status_code == 200


def test_a_trust_officer_sees_the_shared_entries(cast, client):
    _entry(cast, school=None, organisation=cast.trust, name="Trust OT", kind="ot")
    _entry(cast, name="School only")
    page = _login(client, cast, Role.TRUST_OFFICER).get(reverse("agency-list")).content.decode()
    assert "Trust OT" in page and "School only" not in page and "Add a service" in page


def test_senco_adds_an_entry_and_bad_input_saves_nothing(cast, client):
    c = _login(client, cast)
    bad = c.post(reverse("agency-create"), FORM | {"name": "", "email": "nope"})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    assert not Agency.objects.exists()
    response = c.post(reverse("agency-create"), FORM)
    entry = Agency.objects.get()
    assert response.url == reverse("agency-detail", args=[entry.pk])
    assert (entry.school, entry.organisation, entry.typical_wait_days) == (cast.school, None, 42)


def test_only_the_sen_team_adds_school_entries(cast, client):
    assert _login(client, cast, Role.TEACHER).post(reverse("agency-create"), FORM).status_code == 404
    assert _login(client, cast, Role.HEAD).get(reverse("agency-create")).status_code == 404
    assert not Agency.objects.exists()


def test_trust_officer_adds_a_shared_entry_that_the_senco_cannot_change(cast, client):
    c = _login(client, cast, Role.TRUST_OFFICER)
    c.post(reverse("agency-create") + f"?trust={cast.trust.pk}", FORM)
    entry = Agency.objects.get()
    assert entry.organisation == cast.trust and entry.school is None
    senco = _login(client, cast)
    assert senco.get(reverse("agency-detail", args=[entry.pk])).status_code == 200
    edit = senco.post(reverse("agency-edit", args=[entry.pk]), FORM | {"name": "X", "version": "1"})
    assert edit.status_code == 404
    entry.refresh_from_db()
    assert entry.name == FORM["name"]


def test_an_edit_names_its_version(cast, client):
    entry = _entry(cast)
    c = _login(client, cast)
    url = reverse("agency-edit", args=[entry.pk])
    ok = c.post(url, FORM | {"name": "Leeds SALT service", "version": "1"})
    assert ok.status_code == 302
    stale = c.post(url, FORM | {"name": "Stale", "version": "1"})
    assert stale.status_code == 200 and "Someone else changed this entry" in stale.content.decode()
    missing = c.post(url, FORM | {"name": "No version"})
    assert "The version of the record you changed is missing" in missing.content.decode()
    entry.refresh_from_db()
    assert (entry.name, entry.version) == ("Leeds SALT service", 2)


def test_an_entry_is_taken_out_of_use_not_deleted(cast, client):
    entry = _entry(cast)
    c = _login(client, cast)
    c.post(reverse("agency-active", args=[entry.pk]), {"active": "0"})
    entry.refresh_from_db()
    assert not entry.active
    link = reverse("agency-detail", args=[entry.pk])
    assert link not in c.get(reverse("agency-list")).content.decode()
    assert link in c.get(reverse("agency-list"), {"inactive": "1"}).content.decode()
    c.post(reverse("agency-active", args=[entry.pk]), {"active": "1"})
    entry.refresh_from_db()
    assert entry.active


def _visit(cast, entry, days="1.0", when=None, **kw):
    start = when or timezone.now() + dt.timedelta(days=3)
    values = {"school": cast.school, "agency": entry, "starts_at": start, "purpose": "Observe"} | kw
    return Visit.objects.create(days_used=days, **values)


def test_detail_shows_purchases_with_days_used(cast, client):
    entry = _entry(cast, traded=True, day_rate="450")
    c = _login(client, cast)
    year = timezone.localdate().year if timezone.localdate().month >= 9 else timezone.localdate().year - 1
    c.post(
        reverse("agency-purchase-create", args=[entry.pk]),
        {"year_start": str(year), "days_bought": "6", "cost": "2700"},
    )
    purchase = AgencyPurchase.objects.get()
    assert (purchase.school, purchase.days_bought) == (cast.school, 6)
    _visit(cast, entry, days="1.5", when=timezone.now())
    _visit(cast, entry, days="2.0", when=timezone.now(), cancelled=True)
    page = c.get(reverse("agency-detail", args=[entry.pk])).content.decode()
    assert "1.5" in page and "4.5" in page and "£2700.00" in page
    edit = reverse("agency-purchase-edit", args=[purchase.pk])
    c.post(edit, {"year_start": str(year), "days_bought": "8", "version": "1"})
    stale = c.post(edit, {"year_start": str(year), "days_bought": "9", "version": "1"})
    assert "Someone else changed this traded time" in stale.content.decode()
    purchase.refresh_from_db()
    assert purchase.days_bought == 8


def _visit_form(entry, **kw):
    day = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    return {"agency": str(entry.pk), "on": day, "at": "09:30", "duration_minutes": "90",
            "purpose": "Consultation, Year 10", "days_used": "0.5"} | kw  # fmt: skip


def test_senco_books_a_visit_with_pupils_and_sees_it_on_the_calendar(cast, client):
    entry = _entry(cast)
    c = _login(client, cast)
    form = c.get(reverse("visit-create"))
    assert cast.pupil.full_name in form.content.decode()
    response = c.post(reverse("visit-create"), _visit_form(entry, pupils=[str(cast.pupil.pk)]))
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert list(visit.visit_pupils.values_list("pupil_id", flat=True)) == [cast.pupil.pk]
    before = AccessLog.objects.count()
    page = c.get(reverse("agency-calendar")).content.decode()
    assert "Consultation, Year 10" in page and cast.pupil.full_name in page
    assert AccessLog.objects.count() == before + 1


def test_the_head_sees_the_calendar_without_names(cast, client):
    entry = _entry(cast)
    visit = _visit(cast, entry)
    visit.visit_pupils.create(pupil=cast.pupil, school=cast.school)
    page = _login(client, cast, Role.HEAD).get(reverse("agency-calendar")).content.decode()
    assert "Observe" in page and cast.pupil.full_name not in page
    assert _login(client, cast, Role.TEACHER).get(reverse("agency-calendar")).status_code == 404


@pytest.mark.parametrize("pupils", [["abc"], ["1.5"], ["-3"], ["99999999999999999999999"], ["<script>"]])
def test_bad_pupil_ids_save_nothing(cast, client, pupils):
    entry = _entry(cast)
    response = _login(client, cast).post(reverse("visit-create"), _visit_form(entry, pupils=pupils))
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not Visit.objects.exists()


def test_another_schools_pupil_or_agency_is_refused(cast, client):
    entry = _entry(cast)
    elsewhere = _entry(cast, school=cast.other, name="Elsewhere")
    c = _login(client, cast)
    c.post(reverse("visit-create"), _visit_form(entry, pupils=[str(cast.other_pupil.pk)]))
    c.post(reverse("visit-create"), _visit_form(elsewhere))
    assert not Visit.objects.exists()


def test_a_visit_is_changed_with_its_version_and_cancelled(cast, client):
    entry = _entry(cast)
    visit = _visit(cast, entry)
    c = _login(client, cast)
    url = reverse("visit-edit", args=[visit.pk])
    assert c.post(url, _visit_form(entry, purpose="Changed", version="1")).status_code == 302
    stale = c.post(url, _visit_form(entry, purpose="Stale", version="1"))
    assert "Someone else changed this visit" in stale.content.decode()
    missing = c.post(url, _visit_form(entry, purpose="No version"))
    assert "The version of the record you changed is missing" in missing.content.decode()
    c.post(reverse("visit-cancel", args=[visit.pk]), {"version": "2"})
    visit.refresh_from_db()
    assert (visit.purpose, visit.cancelled) == ("Changed", True)
    assert "Changed" not in c.get(reverse("agency-calendar")).content.decode().split("Recent visits")[0]


def test_the_calendar_downloads_as_ics(cast, client):
    entry = _entry(cast)
    visit = _visit(cast, entry)
    visit.visit_pupils.create(pupil=cast.pupil, school=cast.school)
    response = _login(client, cast).get(reverse("agency-calendar-ics"))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "Leeds SALT: Observe" in body and cast.pupil.full_name in body
    head = _login(client, cast, Role.HEAD).get(reverse("agency-calendar-ics")).content.decode()
    assert "Leeds SALT: Observe" in head and cast.pupil.full_name not in head


def test_the_nav_shows_agencies_to_staff_only(cast, client):
    assert "Agencies" in _login(client, cast, Role.TEACHER).get(reverse("home")).content.decode()
    page = _login(client, cast, Role.PARENT).get(reverse("home")).content.decode()
    assert reverse("agency-list") not in page

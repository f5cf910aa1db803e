"""The pages carry the version they were drawn from (library entry, rate, budget) or a
fingerprint of the year's term dates, and show a conflict instead of overwriting a change
someone else saved meanwhile; what the user typed comes back, nothing is saved."""

from decimal import Decimal

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.provision import services
from sendco.provision.models import Budget, StaffRate, Term

from .fixtures import provision_setup


def _library_post(**changes):
    return {
        "name": "Toe by Toe",
        "need_area": "cl",
        "wave": "2",
        "typical_group_size": "4",
        "minutes_per_session": "30",
        "sessions_per_week": "2",
        "staff_type": "ta",
        "resource_cost_per_session": "0",
        "one_off_resource_cost": "0",
        "measure_kind": "standardised",
        "active": "on",
        **changes,
    }


def test_library_edit_shows_a_conflict_and_keeps_the_first_save(client, cast):
    entry = provision_setup(cast)["linked"].provision
    url = reverse("provision-library-edit", args=[entry.pk])
    client.force_login(cast.user(Role.SENCO))
    assert 'name="version" value="1"' in client.get(url).content.decode()
    assert client.post(url, _library_post(version="1", description="First")).status_code == 302
    stale = client.post(url, _library_post(version="1", description="Second"))
    page = stale.content.decode()
    assert "Someone else changed this library entry" in page
    assert "Second" in page and 'name="version" value="2"' in page  # save again keeps theirs
    entry.refresh_from_db()
    assert (entry.description, entry.version) == ("First", 2)


def test_rates_change_link_fills_the_form_with_the_rate_and_its_version(client, cast):
    provision_setup(cast)
    rate = StaffRate.objects.get(school=cast.school)
    client.force_login(cast.user(Role.SENCO))
    page = client.get(reverse("provision-rates"), {"edit": rate.pk}).content.decode()
    assert "Change the rate for grade TA Level 3" in page
    assert 'value="23.47"' in page and 'name="version" value="1"' in page
    assert '<option value="TA Level 3" selected>' in page


def test_a_rate_saved_meanwhile_is_not_overwritten(client, cast):
    provision_setup(cast)
    rate = StaffRate.objects.get(school=cast.school)
    client.force_login(cast.user(Role.SENCO))
    post = {"staff_grade": "TA Level 3", "on_cost_pct": "25"}
    assert (
        client.post(reverse("provision-rates"), {**post, "hourly": "24", "version": "1"}).status_code == 302
    )
    stale = client.post(reverse("provision-rates"), {**post, "hourly": "30", "version": "1"})
    page = stale.content.decode()
    assert "The rate for grade TA Level 3 is not the one you started from" in page and "£24.00" in page
    assert 'value="30"' in page and 'name="version" value="2"' in page
    # A "new" rate (version 0) for a grade that has one is a conflict too, not a silent overwrite.
    new = client.post(reverse("provision-rates"), {**post, "hourly": "31", "version": "0"})
    assert "is not the one you started from" in new.content.decode()
    rate.refresh_from_db()
    assert (rate.hourly, rate.version) == (Decimal("24.00"), 2)


def test_a_budget_changed_meanwhile_shows_the_conflict(client, cast):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("provision-budget") + "?year=2026"
    assert 'name="version" value="0"' in client.get(url).content.decode()
    services.set_budget(
        actor=cast.user(Role.HEAD),
        school=cast.school,
        financial_year=2026,
        data={"notional_sen_budget": "80000"},
    )
    stale = client.post(url, {"form": "budget", "notional_sen_budget": "99000", "version": "0"})
    page = stale.content.decode()
    assert "Someone else changed the budget" in page and "£80,000.00" in page and 'value="99000"' in page
    assert Budget.objects.get().notional_sen_budget == 80000
    ok = client.post(url, {"form": "budget", "notional_sen_budget": "99000", "version": "1"})
    assert ok.status_code == 302 and Budget.objects.get().notional_sen_budget == 99000


def _terms_post(fingerprint, start):
    return {
        "year": "2026",
        "fingerprint": fingerprint,
        "term-0-name": "Autumn",
        "term-0-start": start,
        "term-0-end": "2026-12-18",
    }


def test_term_dates_saved_meanwhile_are_not_overwritten(client, cast):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("provision-terms") + "?year=2026"
    opened = client.get(url).context["fingerprint"]
    assert f'name="fingerprint" value="{opened}"' in client.get(url).content.decode()
    assert client.post(url, _terms_post(opened, "2026-09-03")).status_code == 302
    stale = client.post(url, _terms_post(opened, "2026-09-07"))
    page = stale.content.decode()
    assert "The year’s term dates changed since you opened this page" in page
    assert "Autumn 3 Sep 2026 to 18 Dec 2026" in page and 'value="2026-09-07"' in page
    assert Term.objects.get().start.isoformat() == "2026-09-03"
    again = client.post(url, _terms_post(stale.context["fingerprint"], "2026-09-07"))
    assert again.status_code == 302 and Term.objects.get().start.isoformat() == "2026-09-07"

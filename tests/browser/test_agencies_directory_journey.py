"""The SENCO adds a service to the agencies directory, books a visit from it with a pupil to
be seen, and finds the visit on the calendar."""

import datetime as dt

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.agencies.models import Agency, Visit

from .conftest import assert_accessible


def test_senco_adds_an_agency_books_a_visit_and_sees_it_on_the_calendar(cast, page, login, transactional_db):
    login(cast.user(Role.SENCO))
    page.get_by_role("link", name="Agencies").first.click()
    assert_accessible(page, "agencies directory")
    page.get_by_role("link", name="Add a service").click()
    page.get_by_role("button", name="Add to the directory").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "add a service with errors")
    page.get_by_label("Name", exact=True).fill("North Educational Psychology")
    page.get_by_label("Kind").select_option("ep")
    page.get_by_label("Typical wait (days) (optional)").fill("42")
    page.get_by_label("Local offer page (optional)").fill("https://www.example.org/local-offer/ep")
    page.get_by_role("button", name="Add to the directory").click()
    page.get_by_text("was added to the directory").wait_for()
    assert_accessible(page, "agency detail")
    agency = Agency.objects.get()
    assert agency.typical_wait_days == 42

    page.get_by_role("link", name="Book a visit from this service").click()
    assert_accessible(page, "book a visit")
    day = dt.date.today() + dt.timedelta(days=7)
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Start time").fill("09:30")
    page.get_by_label("Purpose").fill("Consultation and observation, Year 10")
    page.get_by_label(f"{cast.pupil.full_name} (Year {cast.pupil.nc_year})").check()
    page.get_by_role("button", name="Add to the calendar").click()
    page.get_by_text("The visit was added to the calendar").wait_for()
    assert_accessible(page, "calendar")
    main = page.locator("main").inner_text()
    assert "Consultation and observation, Year 10" in main and cast.pupil.full_name in main
    assert day.strftime("%-d %B %Y") in main
    visit = Visit.objects.get()
    assert list(visit.visit_pupils.values_list("pupil_id", flat=True)) == [cast.pupil.pk]
    assert page.get_by_role("link", name="Directory").get_attribute("href") == reverse("agency-list") + (
        f"?school={cast.school.pk}"
    )

"""The SENCO refers a pupil to a service, recording the parents' consent on the same form,
books the appointment, and reads the referral's dated history; the dashboard lists it."""

import datetime as dt

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.agencies.models import Referral
from tests.agencies.referral_helpers import agency

from .conftest import assert_accessible


def test_senco_refers_with_consent_books_appointment_and_reads_history(cast, page, login, transactional_db):
    service = agency(cast.school, name="North Speech and Language Therapy", kind="salt", wait=56)
    login(cast.user(Role.SENCO))
    page.goto(reverse("referral-pupil-list", kwargs={"pk": cast.pupil.pk}))
    assert_accessible(page, "pupil referrals tab")
    page.get_by_role("button", name="Refer to a service").click()
    assert_accessible(page, "refer form")

    # Without consent nothing is saved and the page says why.
    page.locator("select[name=agency]").select_option(str(service.pk))
    page.locator("textarea[name=reason]").fill("Difficulty following spoken instructions in class")
    page.get_by_role("button", name="Send the referral").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "refer form with errors")
    assert "cannot be referred without their parents' consent" in page.locator("main").inner_text()
    assert Referral.objects.count() == 0

    page.locator("input[name=consent_given_by]").fill("Pat Parent")
    page.locator("input[name=consent_relationship]").fill("Mother")
    page.locator("input[name=consent_given_on]").fill((dt.date.today() - dt.timedelta(days=2)).isoformat())
    page.locator("select[name=consent_how]").select_option("written")
    page.get_by_role("button", name="Send the referral").click()
    page.get_by_role("button", name="Change the status").wait_for()
    assert_accessible(page, "referral detail")
    referral = Referral.objects.get()
    assert referral.status == "sent" and referral.consent.given_by == "Pat Parent"
    assert referral.expected_response_days == 56

    page.get_by_role("button", name="Change the status").click()
    assert_accessible(page, "change status")
    page.get_by_label("Appointment booked").check()
    when = dt.datetime.combine(dt.date.today() + dt.timedelta(days=10), dt.time(10, 15))
    page.locator("input[name=appointment_at]").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save the status").click()
    page.get_by_role("button", name="Change the status").wait_for()
    main = page.locator("main").inner_text()
    assert "Appointment booked" in main and "Sent" in main  # the dated history lists both
    referral.refresh_from_db()
    assert referral.status == "appointment" and referral.events.count() == 2

    page.goto(reverse("referral-dashboard"))
    assert_accessible(page, "referrals dashboard")
    assert cast.pupil.full_name in page.locator("main").inner_text()

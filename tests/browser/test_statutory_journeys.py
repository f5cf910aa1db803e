"""Browser journeys for statutory EHC work: request to final plan, an annual review from
scheduling to report, the dashboards and the calendar feed."""

import datetime as dt
import urllib.request

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from sendco.accounts.roles import Role

from ..statutory_records import make_records
from .conftest import assert_accessible


def _days(n: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=n)).isoformat()


def _save(page):
    page.get_by_role("button", name="Save", exact=True).click()


def test_request_to_final_plan_shows_deadlines_at_each_step(cast, page, login, transactional_db):
    login(cast.user(Role.SENCO))
    page.goto(reverse("statutory-pupil", args=[cast.pupil.pk]))
    page.get_by_role("link", name="Record a request for an EHC needs assessment").click()
    page.get_by_label("Local authority").fill("Leeds City Council")
    page.get_by_label("Date the request was made").fill(_days(-60))
    page.get_by_label("Date the LA received it").fill(_days(-58))
    _save(page)
    decision = page.get_by_role("row").filter(has_text="LA decides whether to assess").first
    assert "SEND Regs 2014 reg 4(1), 5(1)" in decision.inner_text()
    assert "overdue" in decision.inner_text().lower()

    page.get_by_role("link", name="Record the next step").click()
    page.get_by_label("Date of the LA's decision whether to assess").fill(_days(-20))
    page.get_by_label("The LA decided to assess").select_option(label="Yes")
    _save(page)
    row = page.get_by_role("row").filter(has_text="LA decides whether to assess").first
    assert "Met" in row.inner_text() and "done" in row.inner_text()
    assert page.get_by_role("row").filter(has_text="Final EHC plan issued").first.is_visible()

    page.get_by_role("link", name="Record the next step").click()
    page.get_by_label("Date the draft plan was sent").fill(_days(-5))
    _save(page)
    comments = page.get_by_role("row").filter(has_text="Family's comments on the draft plan").first
    assert "SEND Regs 2014 reg 13(1)" in comments.inner_text()

    page.get_by_role("link", name="Record the next step").click()
    page.get_by_label("Date the final plan was issued").fill(_days(0))
    _save(page)
    page.get_by_role("link", name="Record the final plan").click()
    assert page.get_by_label("Issuing local authority").input_value() == "Leeds City Council"
    _save(page)
    page.get_by_role("heading", name="EHC plan from Leeds City Council").wait_for()
    review = page.get_by_role("row").filter(has_text="Annual review of the EHC plan").first
    assert "Children and Families Act 2014 s44(1)" in review.inner_text()
    assert_accessible(page, "EHC plan page")


def test_schedule_hold_and_report_an_annual_review(cast, page, login, transactional_db):
    records = make_records(cast.pupil)
    login(cast.user(Role.SENCO))
    page.goto(reverse("statutory-plan", args=[cast.pupil.pk, records["plan"].pk]))
    page.get_by_role("link", name="Schedule an annual review").click()
    page.get_by_label("Meeting date").fill(_days(0))
    page.get_by_label("Location").fill("Room 4")
    _save(page)
    page.get_by_role("heading", name="Annual review on").wait_for()
    assert page.get_by_role("row").filter(has_text="Review meeting invitations sent").first.is_visible()
    page.get_by_role("button", name="Send invitations and requests for advice").click()
    page.get_by_text("Invitations recorded as sent today").wait_for()
    assert_accessible(page, "review page")

    page.get_by_role("link", name="Record the meeting").click()
    page.get_by_label("The meeting was held").check()
    page.get_by_label("The pupil's views").fill("I like science.")
    page.get_by_label("Preparing for adulthood was discussed").check()
    page.get_by_label("Reads a short text independently").fill("Now reads two pages.")
    assert_accessible(page, "meeting form")
    _save(page)
    page.get_by_role("heading", name="The meeting").wait_for()
    assert "I like science." in page.locator("main").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Review report for the LA (PDF)").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_dashboards(cast, page, login, transactional_db):
    make_records(cast.pupil)
    from sendco.statutory import selectors

    selectors.refresh_cache(selectors.Q())
    login(cast.user(Role.SENCO))
    page.goto(reverse("statutory-dashboard"))
    page.get_by_role("heading", name="EHC deadlines", level=1).wait_for()
    assert cast.pupil.full_name in page.locator("main").inner_text()
    assert_accessible(page, "school dashboard")
    for name in ("statutory-trust", "statutory-rules", "statutory-la-settings", "statutory-calendar"):
        page.goto(reverse(name))
        assert_accessible(page, name)

    page.context.clear_cookies()
    login(cast.user(Role.TRUST_OFFICER))
    page.goto(reverse("statutory-dashboard"))
    page.get_by_role("heading", name="EHC deadlines by school").wait_for()
    text = page.locator("main").inner_text()
    assert cast.school.name in text and cast.pupil.legal_surname not in text


def test_subscribe_to_the_calendar_feed(cast, page, login, transactional_db):
    make_records(cast.pupil)
    login(cast.user(Role.SENCO))
    page.goto(reverse("statutory-calendar"))
    page.get_by_role("button", name="Make my feed address").click()
    url = page.get_by_label("Feed address").input_value()
    assert_accessible(page, "calendar feed page")
    assert url.startswith("http://")
    with urllib.request.urlopen(url) as response:  # noqa: S310 - no session cookie: the token is the key
        cal = Calendar.from_ical(response.read())
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert any(cast.pupil.full_name in s for s in summaries)


def test_statutory_forms_are_accessible(cast, page, login, transactional_db):
    records = make_records(cast.pupil)
    login(cast.user(Role.SENCO))
    page.goto(reverse("statutory-pupil", args=[cast.pupil.pk]))
    assert_accessible(page, "EHC tab")
    page.goto(reverse("statutory-request-document", args=[cast.pupil.pk, records["request"].pk]))
    assert_accessible(page, "request document")
    page.goto(reverse("statutory-request-new", args=[cast.pupil.pk]))
    page.get_by_label("Date the request was made").fill("2026-09-10")
    page.get_by_label("Date the LA received it").fill("2026-09-01")
    page.get_by_label("Local authority").fill("Leeds")
    _save(page)
    page.get_by_text("The LA received the request before it was made.").first.wait_for()
    assert_accessible(page, "request form with errors")
    page.goto(reverse("statutory-plan-edit", args=[cast.pupil.pk, records["plan"].pk]))
    assert_accessible(page, "plan form")

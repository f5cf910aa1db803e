"""The SENCO sets up an exam series with a paper and an assessor; the head of centre checks the
assessor; the SENCO reads the centre's evidence check; the exams officer reads the exam-day list
with the extended paper length."""

import datetime as dt

from django.urls import reverse

from sendco.accounts.roles import Role
from tests.access_arrangements.centre_data import make_arrangement

from .conftest import assert_accessible


def test_centre_journey(cast, page, login, transactional_db):
    make_arrangement(cast.pupil, "extra_time_25")
    first = dt.date.today() + dt.timedelta(days=60)
    login(cast.user(Role.SENCO))
    page.get_by_role("link", name="Access arrangements").first.click()
    page.get_by_role("heading", name="Centre evidence check").wait_for()
    assert_accessible(page, "centre evidence check")

    page.goto(reverse("aa-series-list"))
    assert_accessible(page, "exam series")
    page.get_by_role("link", name="Add a series").click()
    page.get_by_role("button", name="Save series").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.title().count("Error:") == 1
    assert_accessible(page, "series form with errors")
    page.get_by_label("Name", exact=True).fill("Summer 2027")
    page.get_by_label("First exam").fill(first.isoformat())
    page.get_by_label("Last exam").fill((first + dt.timedelta(days=20)).isoformat())
    page.get_by_label("Application deadline").fill((first - dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Save series").click()
    page.get_by_text("Summer 2027 was added").wait_for()
    assert_accessible(page, "series edit")
    page.get_by_role("link", name="Add a paper").click()
    assert_accessible(page, "paper form")
    page.get_by_label("Title").fill("GCSE English Language Paper 1")
    page.get_by_label("Date", exact=True).fill(first.isoformat())
    page.get_by_label("Morning").check()
    page.get_by_label("Length (minutes)").fill("90")
    page.get_by_label("Year group").select_option("10")
    page.get_by_role("button", name="Save paper").click()
    page.get_by_text("GCSE English Language Paper 1 was saved").wait_for()

    page.goto(reverse("aa-assessor-list"))
    assert_accessible(page, "assessor register")
    page.get_by_role("link", name="Add an assessor").click()
    assert_accessible(page, "assessor form")
    page.get_by_label("Name", exact=True).fill("Dr Ada Assessor")
    page.get_by_label("HCPC-registered psychologist").check()
    page.get_by_role("button", name="Save assessor").click()
    page.get_by_text("Dr Ada Assessor was saved").wait_for()

    page.context.clear_cookies()
    login(cast.user(Role.HEAD))
    page.goto(reverse("aa-assessor-list"))
    page.get_by_role("link", name="Record your check of Dr Ada Assessor").click()
    assert_accessible(page, "assessor check")
    page.get_by_role("button", name="Record my check").click()
    page.get_by_text("qualification was recorded").wait_for()

    page.context.clear_cookies()
    login(cast.user(Role.EXAMS_OFFICER))
    page.get_by_role("link", name="Access arrangements").first.click()
    page.get_by_role("heading", name="Exam-day access arrangements").wait_for()
    assert_accessible(page, "exam-day list")
    main = page.locator("main").inner_text()
    assert "Linked Learner" in main and "1 h 30 → 1 h 53" in main

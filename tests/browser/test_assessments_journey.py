"""The SENCO records a sitting with one bad score: the error summary links to the field, the
typed values stay, nothing is saved; fixed, it is saved and shows on the pupil's Assessments
tab with its band; then the SENCO corrects it. Axe on every assessments page."""

import datetime as dt

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.assessments.models import Assessment

from .conftest import assert_accessible


def test_record_fix_and_correct_an_assessment(cast, page, login, transactional_db):
    login(cast.user(Role.SENCO))
    page.goto(reverse("assessment-pupil-list", args=[cast.pupil.pk]))
    assert_accessible(page, "assessments tab (empty)")
    page.get_by_role("button", name="Record an assessment").click()
    page.get_by_role("heading", name="Record an assessment").wait_for()
    assert_accessible(page, "record an assessment")

    page.get_by_label("Date of assessment").fill((dt.date.today() - dt.timedelta(days=5)).isoformat())
    page.get_by_label("Assessor", exact=True).fill("Ms Reid")
    page.get_by_label("What was the assessment for?").select_option("access_arrangements")
    first = page.locator("fieldset", has_text="Score 1")
    first.get_by_label("Test").fill("TOWRE-2")
    first.get_by_label("Area").select_option("reading_speed")
    first.get_by_label("Standard score").fill("82")
    second = page.locator("fieldset", has_text="Score 2")
    second.get_by_label("Test").fill("DASH")
    second.get_by_label("Area").select_option("writing_speed")
    second.get_by_label("Standard score").fill("39")
    page.get_by_role("button", name="Save the assessment").click()

    page.get_by_text("There is a problem").wait_for()
    assert page.title().startswith("Error: Record an assessment")
    assert_accessible(page, "record an assessment with errors")
    assert not Assessment.objects.exists()
    assert page.locator("#id_scores-0-test_name").input_value() == "TOWRE-2"
    page.get_by_role("link", name="Score 2: A standard score is from 40 to 160").click()
    assert page.evaluate("document.activeElement.id") == "id_scores-1-standard_score"
    page.locator("#id_scores-1-standard_score").fill("88")
    page.get_by_role("button", name="Save the assessment").click()

    page.get_by_text("The assessment was recorded.").wait_for()
    assert_accessible(page, "assessment detail")
    assessment = Assessment.objects.get()
    assert sorted(assessment.scores.values_list("standard_score", flat=True)) == [82, 88]
    assert "Low average" in page.locator("main").inner_text()

    page.get_by_role("button", name="Correct this assessment").click()
    page.get_by_role("heading", name="Correct the assessment").wait_for()
    assert_accessible(page, "correct an assessment")
    page.get_by_role("button", name="Add another score").click()
    page.locator("#id_scores-3-test_name").wait_for()
    assert_accessible(page, "correct an assessment with another row")
    page.locator("#id_scores-3-test_name").fill("WRAT5")
    page.locator("#id_scores-3-area").select_option("spelling_accuracy")
    page.locator("#id_scores-3-standard_score").fill("120")
    page.get_by_role("button", name="Save the correction").click()
    page.get_by_text("The assessment was corrected.").wait_for()
    assert Assessment.objects.get().scores.count() == 3

    page.get_by_role("link", name="Back to assessments").click()
    main = page.locator("main").inner_text()
    assert "WRAT5" in main and "Above average" in main and "Speed of reading" in main
    assert_accessible(page, "assessments tab")

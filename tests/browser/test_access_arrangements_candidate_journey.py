"""The SENCO adds 25% extra time, completes Form 8 Parts 1 and 2 (a score out of range first),
asks the teacher for evidence of normal way of working, and the teacher answers; axe on each
new page. The pupil tab then shows eligibility and the remaining gaps."""

from django.urls import reverse

from sendco.access_arrangements.models import Arrangement, NormalWayRequest
from sendco.accounts.roles import Role

from ..access_arrangements.candidate_helpers import assessor, days_ago
from .conftest import assert_accessible


def test_senco_builds_evidence_and_teacher_answers(cast, page, login, transactional_db):
    pupil = cast.pupil
    who = assessor(cast.school)
    login(cast.user(Role.SENCO))
    page.goto(reverse("aa-pupil", args=[pupil.pk]))
    assert_accessible(page, "access arrangements tab")
    page.get_by_role("button", name="Add an arrangement").click()
    assert_accessible(page, "arrangement form")
    page.get_by_label("Arrangement", exact=True).select_option("other")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.title().count("Error:") == 1
    assert_accessible(page, "arrangement form with errors")
    page.get_by_label("Arrangement", exact=True).select_option("extra_time_25")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Arrangement saved").wait_for()
    arrangement = Arrangement.objects.get(pupil=pupil)

    page.get_by_role("button", name="Form 8 Part 1").click()
    assert_accessible(page, "Form 8 Part 1")
    page.get_by_label("History of need").fill("Slow reading and writing since Year 7.")
    page.get_by_label("Normal way of working").fill("Extra time in class tests and mocks.")
    page.get_by_label("Signed off by the SENCO on").fill(days_ago(30).isoformat())
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Form 8 Part 1 saved").wait_for()

    page.get_by_role("button", name="Form 8 Part 2").click()
    assert_accessible(page, "Form 8 Part 2")
    page.get_by_label("Date of the assessment").fill(days_ago(10).isoformat())
    page.get_by_label("Assessor", exact=True).select_option(str(who.pk))
    page.locator("#id_scores-0-test_name").fill("TOWRE-2")
    page.locator("#id_scores-0-area").select_option("reading_speed")
    page.locator("#id_scores-0-standard_score").fill("200")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("from 40 to 160").first.wait_for()
    assert_accessible(page, "Form 8 Part 2 with errors")
    page.locator("#id_scores-0-standard_score").fill("80")
    page.locator("#id_scores-1-test_name").fill("DASH")
    page.locator("#id_scores-1-area").select_option("writing_speed")
    page.locator("#id_scores-1-standard_score").fill("82")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Form 8 Part 2 saved").wait_for()
    page.get_by_text("Eligibility: meets the rule").wait_for()

    page.get_by_role("link", name="Ask a teacher").click()
    assert_accessible(page, "ask a teacher")
    page.get_by_label("Who would you like to ask?").select_option(str(cast.user(Role.TEACHER).pk))
    page.get_by_label("Subject (optional)").fill("English")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Evidence requested").wait_for()

    page.context.clear_cookies()
    login(cast.user(Role.TEACHER))
    page.goto(reverse("aa-my-requests"))
    assert_accessible(page, "my requests")
    page.get_by_role("link", name=pupil.full_name).click()
    assert_accessible(page, "answer a request")
    page.get_by_label("Mock exams or internal tests").check()
    page.get_by_label("How does the pupil work in your lessons?").fill("Uses the extra time in every mock.")
    page.get_by_role("button", name="Send to the SENCO").click()
    page.get_by_text("your evidence was sent").wait_for()
    assert NormalWayRequest.objects.get(arrangement=arrangement).answered_at is not None

    page.context.clear_cookies()
    login(cast.user(Role.SENCO))
    page.goto(reverse("aa-form8-part3", args=[pupil.pk]))
    assert_accessible(page, "Form 8 Part 3")
    page.goto(reverse("aa-decision", args=[pupil.pk, arrangement.pk]))
    assert_accessible(page, "decision form")
    page.goto(reverse("aa-alternative-evidence", args=[pupil.pk, arrangement.pk]))
    assert_accessible(page, "alternative evidence form")

"""User journeys of the plans app in Chromium: write and review a plan, the class view, the
parent's view, the PDF; axe on the main pages."""

import datetime as dt
import io

from django.urls import reverse
from pypdf import PdfReader

from sendco.accounts.roles import Role
from sendco.core.models import TeachingGroup
from sendco.plans import services
from sendco.plans.models import PlanCycle
from tests.plans.conftest import make_plan

from .conftest import assert_accessible

TODAY = dt.date.today()


def _add_target(page, description, measure):
    page.get_by_label("Broad area of need").select_option("CL")
    page.get_by_label("What the pupil will be able to do").fill(description)
    page.get_by_label("How it will be measured").fill(measure)
    page.get_by_label("By when").fill((TODAY + dt.timedelta(weeks=8)).isoformat())


def test_senco_writes_a_plan_reviews_it_and_sees_the_new_cycle(cast, page, login, transactional_db):
    login(cast.user(Role.SENCO))
    page.goto(reverse("plans-plan", args=[cast.pupil.pk]))
    page.get_by_role("button", name="Start a plan").click()
    page.get_by_label("Start date").fill((TODAY - dt.timedelta(days=80)).isoformat())
    page.get_by_label("Review date").fill((TODAY + dt.timedelta(days=5)).isoformat())
    page.get_by_label("Outcomes").fill("To read with confidence")
    page.get_by_role("button", name="Start the plan").click()
    page.get_by_role("heading", name="Add a target").wait_for()
    assert_accessible(page, "target form")
    _add_target(page, "Read 50 common words", "Weekly word check")
    page.get_by_role("button", name="Save and add another target").click()
    page.get_by_text("The target was saved.").wait_for()
    _add_target(page, "Ask for help with a help card", "Adult tally")
    page.get_by_role("button", name="Save the target", exact=True).click()
    page.get_by_role("heading", name="SEN support plan: version 1").wait_for()
    assert_accessible(page, "plan page")
    page.get_by_role("button", name="Review this plan").click()
    assert_accessible(page, "review form")
    page.get_by_label("Date of the review").fill(TODAY.isoformat())
    page.get_by_label("Who attended").fill("SENCO, mum, pupil")
    page.get_by_role("group", name="Target 1: how far was it achieved?").get_by_label(
        "Achieved", exact=True
    ).check()
    page.get_by_role("group", name="Target 2: how far was it achieved?").get_by_label(
        "Partly achieved"
    ).check()
    page.get_by_label("Continue with the plan (open targets carried over)").check()
    page.get_by_role("button", name="Save the review").click()
    page.get_by_text("Cycle 2 has started").wait_for()
    body = page.locator("main").inner_text()
    assert (
        "version 2" in body and "Ask for help with a help card" in body and "Read 50 common words" not in body
    )
    assert PlanCycle.objects.filter(pupil=cast.pupil).count() == 2
    page.get_by_role("link", name="Compare versions side by side").click()
    page.get_by_role("table").wait_for()
    assert_accessible(page, "compare")

    # The review was recorded by mistake: undo it from version 1's page, after a confirmation.
    first = PlanCycle.objects.get(pupil=cast.pupil, number=1)
    page.goto(reverse("plans-cycle", args=[cast.pupil.pk, first.pk]))
    page.get_by_role("link", name="Undo this review").click()
    assert_accessible(page, "undo a review")
    page.get_by_role("button", name="Undo the review").click()
    page.get_by_text("The review was undone").wait_for()
    cycles = PlanCycle.objects.filter(pupil=cast.pupil).values_list("number", "status")
    assert list(cycles) == [(1, "current")]


def test_teacher_sees_the_class_view(cast, page, login, transactional_db):
    services.save_passport(
        actor=cast.user(Role.SENCO),
        pupil=cast.pupil,
        expected_version=None,
        data={"how_to_help": "<ul><li>Sit near the front</li></ul>"},
    )
    make_plan(cast.pupil, cast.user(Role.SENCO))
    login(cast.user(Role.TEACHER))
    page.get_by_role("link", name="Class passports").click()
    page.get_by_role("link", name="10E1").click()
    page.get_by_role("heading", level=1, name="Class passports: 10E1 English").wait_for()
    body = page.locator("main").inner_text()
    assert "Sit near the front" in body and "Target number 1" in body and "STAFF-ONLY-NOTE" not in body
    assert_accessible(page, "class view")
    page.goto(reverse("plans-reviews-due"))
    assert_accessible(page, "reviews due")


def test_parent_reads_the_plan_confirms_and_downloads_the_pdf(cast, page, login, transactional_db):
    cycle = make_plan(cast.pupil, cast.user(Role.SENCO), staff_only_target=True)
    login(cast.user(Role.PARENT))
    page.get_by_role("link", name=f"Read {cast.pupil.forename}'s support plan").click()
    body = page.locator("main").inner_text()
    assert f"What {cast.pupil.forename} is working on" in body and "SECRET-TARGET" not in body
    assert "STAFF-ONLY-NOTE" not in body
    assert_accessible(page, "parent plan")
    page.get_by_role("button", name="I have read this plan").click()
    page.get_by_text("You confirmed you have read this plan").wait_for()
    page.get_by_role("link", name="Tell us your views before the review").click()
    page.get_by_label("Your views").fill("Much happier going to school.")
    assert_accessible(page, "parent views form")
    page.get_by_role("button", name="Send your views").click()
    page.get_by_text("Your views were sent to school").wait_for()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the plan (PDF)").click()
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(open(info.value.path(), "rb").read())).pages
    )
    assert cast.pupil.full_name in text and "Target number 2" in text and "SECRET-TARGET" not in text
    assert cycle.acknowledgements.count() == 1


def test_plans_settings_and_passport_pages_are_accessible(cast, page, login, transactional_db):
    login(cast.user(Role.SENCO))
    page.goto(reverse("plans-strategies"))
    page.get_by_role("button", name="Add the starter strategies").click()
    page.get_by_text("starter strategies were added").wait_for()
    assert_accessible(page, "strategy bank")
    for name, args in [
        ("plans-templates", []),
        ("plans-template-add", []),
        ("plans-passport-edit", [cast.pupil.pk]),
        ("plans-passport", [cast.pupil.pk]),
        ("plans-classes", []),
    ]:
        page.goto(reverse(name, args=args))
        assert_accessible(page, name)
    page.goto(reverse("plans-plan-start", args=[cast.pupil.pk]))
    page.get_by_label("Review date").fill("2000-01-01")
    page.get_by_role("button", name="Start the plan").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "plan form with errors")
    assert TeachingGroup.objects.exists()

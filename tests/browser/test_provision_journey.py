"""The provision journey: the SENCO starts a group from the library, the TA records three
sessions on a phone, enters exit scores, and the SENCO sees the impact report and the pupil's
costed provision. Plus axe on the main provision pages."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from sendco.accounts.models import Membership
from sendco.accounts.roles import Role
from sendco.provision.models import Attendance, ProvisionGroup, Session, StaffRate

from .conftest import assert_accessible


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _login(page, user):
    from tests.factories import TEST_PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def test_group_from_library_to_impact_and_costed_provision(cast, page, phone, login, transactional_db):
    ta = cast.user(Role.TA)
    Membership.objects.filter(user=ta, school=cast.school).update(staff_grade="TA Level 3")
    StaffRate.objects.create(
        school=cast.school, staff_grade="TA Level 3", hourly=Decimal("14"), on_cost_pct=25
    )
    today = timezone.localdate()
    start = today - timedelta(days=21)
    days = [start + timedelta(days=i) for i in (0, 2, 7)]

    # The SENCO fills the library with the examples and starts a Toe by Toe group.
    login(cast.user(Role.SENCO))
    page.goto(reverse("provision-library"))
    page.get_by_role("button", name="Add the example interventions").click()
    page.get_by_role("link", name="Start a group of Toe by Toe").click()
    page.get_by_label("Name", exact=True).fill("Y10 Toe by Toe")
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        page.get_by_label(day).check()
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("End date").fill((today + timedelta(days=60)).isoformat())
    page.get_by_label(str(ta)).check()
    page.get_by_role("button", name="Start the group").click()
    page.get_by_role("heading", level=1, name="Y10 Toe by Toe").wait_for()
    group = ProvisionGroup.objects.get(name="Y10 Toe by Toe")
    page.get_by_role("button", name="Add a pupil").click()
    page.get_by_label("Pupil", exact=True).select_option(label=f"{cast.pupil.full_name} (Year 10)")
    page.get_by_label("Joined").fill(start.isoformat())
    page.get_by_label("Entry score (optional)").fill("81")
    page.get_by_label("Entry measured on (optional)").fill(start.isoformat())
    page.get_by_role("button", name="Add to the group").click()
    page.get_by_text(f"{cast.pupil.full_name} was added").wait_for()
    # Toe by Toe's library entry measures a reading age; this group tracks a spelling age too.
    page.get_by_role("button", name="Add a measure").click()
    page.get_by_label("Kind of measure").select_option(label="Reading or spelling age (months)")
    page.get_by_label("Name of the measure").fill("Spelling age (months)")
    page.get_by_role("button", name="Add the measure").click()
    page.get_by_text("“Spelling age (months)” was saved").wait_for()

    # The TA records three sessions on a phone: two held (one with a note), one cancelled.
    _login(phone, ta)
    for i, day in enumerate(days):
        phone.goto(reverse("provision-register", args=[group.pk]) + f"?date={day.isoformat()}")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "the register scrolls sideways"
        assert phone.get_by_label(cast.pupil.full_name, exact=True).is_checked()
        if i == 1:
            phone.get_by_text(f"Note about {cast.pupil.forename}", exact=True).click()
            phone.get_by_label(f"Note about {cast.pupil.full_name}").fill("Read 14 new words")
        if i == 2:
            phone.get_by_label("Cancelled", exact=True).check()
            phone.get_by_label("If cancelled, why?").fill("Staff absence")
        phone.get_by_role("button", name="Save the register").click()
        phone.get_by_text("Register saved").wait_for()
    assert_accessible(phone, "group page on a phone")
    # Recording the same day again is refused with a clear message.
    phone.goto(reverse("provision-register", args=[group.pk]) + f"?date={days[0].isoformat()}")
    assert_accessible(phone, "register on a phone")
    phone.get_by_role("button", name="Save the register").click()
    phone.get_by_text("is already recorded for this group").first.wait_for()
    assert Session.objects.filter(group=group).count() == 3
    assert Attendance.objects.get(session__date=days[1]).note == "Read 14 new words"

    # The TA enters the exit score.
    phone.goto(reverse("provision-measures", args=[group.pk]))
    assert_accessible(phone, "scores page with two measures")
    phone.get_by_role("link", name=f"Enter scores for {cast.pupil.full_name}").click()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "the scores page scrolls sideways"
    reading = phone.get_by_role("group", name=re.compile(r"^Reading age \(months\)"))
    reading.get_by_label("Exit score (optional)").fill("89")
    reading.get_by_label("Exit measured on (optional)").fill(today.isoformat())
    spelling = phone.get_by_role("group", name=re.compile(r"^Spelling age \(months\)"))
    spelling.get_by_label("Entry score (optional)").fill("70")
    spelling.get_by_label("Entry measured on (optional)").fill(start.isoformat())
    spelling.get_by_label("Exit score (optional)").fill("75")
    spelling.get_by_label("Exit measured on (optional)").fill(today.isoformat())
    assert_accessible(phone, "scores for a pupil on a phone")
    phone.get_by_role("button", name="Save scores").click()
    phone.get_by_text("Scores saved").wait_for()

    # The SENCO sees the impact report and the pupil's costed provision.
    page.goto(reverse("provision-impact"))
    rows = page.get_by_role("row").filter(has_text="Toe by Toe")
    assert "8.0" in rows.filter(has_text="Reading age (months)").inner_text()  # 81 → 89
    assert "5.0" in rows.filter(has_text="Spelling age (months)").inner_text()  # 70 → 75
    assert_accessible(page, "impact report")
    page.goto(reverse("pupil-detail", args=[cast.pupil.pk]))
    page.get_by_role("navigation", name="Pupil record sections").get_by_role("link", name="Provision").click()
    page.get_by_role("heading", name="Individual provision map").wait_for()
    # 20 minutes at £14 + 25 % = £5.8333 + £0.20 resources = £6.0333 a session; 2 held + £30 one-off.
    assert "£42.07" in page.locator("main").inner_text()
    assert_accessible(page, "pupil provision tab")


def test_main_provision_pages_are_accessible(cast, page, login, transactional_db):
    from tests.permissions.provision import recorded_session
    from tests.provision.fixtures import provision_setup

    made = provision_setup(cast)
    session = recorded_session(cast, "linked")
    login(cast.user(Role.SENCO))
    for name, args in [
        ("provision-home", []),
        ("provision-library", []),
        ("provision-library-new", []),
        ("provision-group-list", []),
        ("provision-group", [made["linked"].pk]),
        ("provision-group-new", [made["linked"].provision_id]),
        ("provision-member-add", [made["linked"].pk]),
        ("provision-measures", [made["linked"].pk]),
        ("provision-place-measures", [made["members"]["linked"].pk]),
        ("provision-measure-add", [made["linked"].pk]),
        ("provision-measure-edit", [made["linked"].first_measure.pk]),
        ("provision-measure-delete", [made["linked"].first_measure.pk]),
        ("provision-map", []),
        ("provision-shortfall", []),
        ("provision-rates", []),
        ("provision-terms", []),
        ("provision-budget", []),
        ("provision-session-edit", [session.pk]),
        ("provision-session-delete", [session.pk]),
    ]:
        page.goto(reverse(name, args=args))
        assert_accessible(page, name)
    page.goto(reverse("provision-map") + "?view=year")
    assert_accessible(page, "provision map by year")
    page.goto(reverse("provision-group-new", args=[made["linked"].provision_id]))
    page.get_by_role("button", name="Start the group").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "group form with errors")

    # Correcting a session: from the group page's "Change" link, a cancelled session without a
    # reason is refused accessibly; then it is deleted after the confirmation step.
    page.goto(reverse("provision-group", args=[made["linked"].pk]))
    page.get_by_role("link", name="Change the register for 5 November 2026").click()
    page.get_by_label("Cancelled", exact=True).check()
    page.get_by_role("button", name="Save the corrections").click()
    page.get_by_text("Say why the session was cancelled").first.wait_for()
    assert_accessible(page, "session correction with errors")
    page.get_by_role("button", name="Delete this session").click()
    page.get_by_role("heading", name="Delete the session on Thursday 5 November 2026?").wait_for()
    page.get_by_role("button", name="Delete this session").click()
    page.get_by_text("was deleted").wait_for()
    assert not Session.objects.filter(pk=session.pk).exists()

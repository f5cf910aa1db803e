"""A teacher raises a concern; the SENCO asks the TA, records parents' views and places the
pupil on SEN support; the pupil page shows the new status, need and the link to the concern,
and the pupil is on the SEN register with that primary need."""

import datetime as dt

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.concerns.models import Concern
from tests import factories as f

from .conftest import assert_accessible


def test_teacher_raises_and_senco_triages_to_sen_support(cast, page, login, transactional_db):
    teacher = cast.user(Role.TEACHER)
    f.make_key_adult(cast.unlinked, teacher)  # a pupil not yet on the register, whom the teacher supports
    pupil = cast.unlinked
    login(teacher)
    page.goto(reverse("concern-pupil-list", args=[pupil.pk]))
    page.get_by_role("button", name="Raise a concern").click()
    assert_accessible(page, "raise a concern")
    page.get_by_role("button", name="Send to the SENCO").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "raise a concern with errors")
    page.get_by_label("Communication and interaction").check()
    page.get_by_label("Subjects or lessons").fill("English, drama")
    page.get_by_label("What you have seen").fill("Struggles to follow spoken instructions; rarely answers.")
    page.get_by_label("What you have already tried").fill(
        "Visual prompts and chunked instructions since October."
    )
    page.get_by_label("Communication (optional)").select_option("3")
    page.get_by_role("button", name="Send to the SENCO").click()
    page.get_by_text("was sent to the SENCO").wait_for()
    concern = Concern.objects.get()

    page.context.clear_cookies()
    login(cast.user(Role.SENCO))
    assert page.get_by_role("link", name="New concerns").is_visible()
    page.goto(reverse("concern-list"))
    assert_accessible(page, "triage queue")
    page.get_by_role("link", name=f"#{concern.pk}").click()
    assert_accessible(page, "concern detail")
    page.get_by_role("button", name="Record parents' views").click()
    page.get_by_label("What did the parents or carers say?").fill("Mum sees the same at home.")
    page.get_by_role("button", name="Save views").click()
    page.get_by_text("Parents' views recorded").wait_for()
    page.get_by_role("button", name="Record decision").click()
    assert_accessible(page, "decision form")
    page.get_by_label("Place on SEN support").check()
    page.get_by_label("If SEN support: primary need").select_option("SLCN")
    page.get_by_label("If SEN support: date the parents were told").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("Decision recorded").wait_for()

    page.get_by_role("link", name=pupil.full_name).click()
    main = page.locator("main").inner_text()
    assert "SEN support" in main and "Speech, language and communication" in main
    assert f"from concern #{concern.pk}" in main

    page.goto(reverse("register"))
    row = page.get_by_role("row").filter(has_text=f"{pupil.legal_surname}, {pupil.forename}")
    assert "SLCN" in row.inner_text() and "SEN support" in row.inner_text()


def test_ta_answers_a_request_from_the_home_page(cast, page, login, transactional_db):
    from tests.concerns.helpers import ask, make_concern

    concern = make_concern(cast.pupil, by=cast.user(Role.TEACHER), status="awaiting_input")
    ask(concern, cast.user(Role.TA), cast.user(Role.SENCO))
    login(cast.user(Role.TA))
    assert_accessible(page, "home with a request")
    page.get_by_role("link", name=f"{cast.pupil.full_name}: concern #{concern.pk}").click()
    page.get_by_label("What do you see in your lessons?").fill("Needs instructions repeated one to one.")
    page.get_by_role("button", name="Send to the SENCO").click()
    page.get_by_text("your input was sent").wait_for()
    concern.refresh_from_db()
    assert concern.status == "awaiting_decision"

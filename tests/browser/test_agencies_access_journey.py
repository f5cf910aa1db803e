"""The SENCO adds a visiting professional and grants them 30 days' access to one pupil; the
professional sets their password from the one-time link, signs in and sees only that pupil,
with the day their access ends; the SENCO revokes it and the pupil is gone (404)."""

import datetime as dt

from django.urls import reverse

from sendco.accounts.roles import Role
from tests.agencies.referral_helpers import agency, consent
from tests.factories import TEST_PASSWORD

from .conftest import assert_accessible


def test_senco_grants_and_revokes_a_professionals_access(cast, page, login, transactional_db):
    service = agency(cast.school, name="North Educational Psychology")
    consent(cast.unlinked, None, purpose="professional_access", given_by="Sam Carer")
    pupil = cast.unlinked
    ends = dt.date.today() + dt.timedelta(days=30)

    login(cast.user(Role.SENCO))
    page.goto(reverse("professional-create"))
    assert_accessible(page, "add a professional")
    page.get_by_role("button", name="Add the professional").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "add a professional with errors")
    page.get_by_label("First name").fill("Ola")
    page.get_by_label("Last name").fill("Therapist")
    page.get_by_label("Email address").fill("ola.therapist@example.org")
    page.get_by_label("Service", exact=True).select_option(label=service.name)
    page.get_by_role("button", name="Add the professional").click()
    page.get_by_text("Ola Therapist was added").first.wait_for()
    assert_accessible(page, "professional added")
    link = page.locator("#set-password-link").inner_text().strip()

    page.goto(reverse("access-pupil-list", args=[pupil.pk]))
    assert_accessible(page, "access tab")
    page.get_by_role("button", name="Grant access").click()
    assert_accessible(page, "grant access")
    page.get_by_label("Professional", exact=True).select_option(label=f"Ola Therapist ({service.name})")
    page.get_by_label("Parents' consent").select_option(index=1)
    page.get_by_label("Why the professional needs access").fill("Educational psychology assessment")
    page.get_by_label("Access ends").fill(ends.isoformat())
    page.get_by_role("button", name="Grant access").click()
    page.get_by_text(f"until {ends:%-d %B %Y}").first.wait_for()

    page.context.clear_cookies()
    page.goto(link)
    assert_accessible(page, "set password")
    page.get_by_label("New password", exact=True).fill(TEST_PASSWORD)
    page.get_by_label("New password confirmation").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    page.get_by_text("Your password is set").wait_for()
    professional = type(cast.user(Role.SENCO)).objects.get(username="ola.therapist@example.org")
    login(professional)
    assert_accessible(page, "professional's home")
    main = page.locator("main").inner_text()
    assert f"your access ends on {ends:%-d %B %Y}" in main and pupil.full_name in main
    assert cast.pupil.full_name not in main
    page.goto(reverse("pupil-list"))
    table = page.locator("table").inner_text()
    assert pupil.upn in table and cast.pupil.upn not in table

    page.context.clear_cookies()
    login(cast.user(Role.SENCO))
    page.goto(reverse("access-pupil-list", args=[pupil.pk]))
    page.get_by_role("link", name="Revoke Ola Therapist's access").click()
    assert_accessible(page, "revoke access")
    page.get_by_label("Why access is being revoked").fill("Assessment finished")
    page.get_by_role("button", name="Revoke access").click()
    page.get_by_text("access was revoked").wait_for()

    page.context.clear_cookies()
    login(professional)
    assert page.goto(reverse("pupil-detail", args=[pupil.pk])).status == 404

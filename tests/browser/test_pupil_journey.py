from django.urls import reverse

from sendco.accounts.roles import Role

from .conftest import assert_accessible


def test_senco_searches_and_opens_a_pupil(cast, page, login, transactional_db):
    login(cast.user(Role.SENCO))
    page.get_by_label("Find a pupil by name or UPN").fill(cast.pupil.upn)
    page.get_by_role("button", name="Search").first.click()
    page.get_by_role("link", name=f"{cast.pupil.legal_surname}, {cast.pupil.forename}").click()
    page.get_by_role("heading", level=1, name=cast.pupil.full_name).wait_for()
    assert page.get_by_text("Specific learning difficulty").is_visible()
    assert page.get_by_text(str(cast.user(Role.TA))).first.is_visible()
    # The audit tab shows this very visit.
    page.get_by_role("link", name="Audit").click()
    row = page.get_by_role("row").filter(has_text="Viewed record").first
    assert str(cast.user(Role.SENCO)) in row.inner_text()


def test_live_search_updates_as_you_type(cast, page, login, transactional_db):
    login(cast.user(Role.SENCO))
    page.goto(reverse("pupil-search"))
    page.get_by_label("Name or UPN", exact=True).press_sequentially("Unlink", delay=30)
    page.locator("#search-results").get_by_text(cast.unlinked.upn).wait_for()
    assert cast.pupil.upn not in page.locator("#search-results").inner_text()


def test_teacher_sees_only_their_pupils(cast, page, login, transactional_db):
    login(cast.user(Role.TEACHER))
    page.goto(reverse("pupil-list"))
    body = page.locator("main").inner_text()
    assert cast.pupil.upn in body and cast.unlinked.upn not in body
    response = page.goto(reverse("pupil-detail", args=[cast.unlinked.pk]))
    assert response.status == 404


def test_main_pages_are_accessible(cast, page, login, transactional_db):
    page.goto(reverse("login"))
    assert_accessible(page, "login")
    login(cast.user(Role.SENCO))
    for name, args in [
        ("home", []),
        ("pupil-list", []),
        ("pupil-create", []),
        ("pupil-detail", [cast.pupil.pk]),
        ("pupil-edit", [cast.pupil.pk]),
        ("pupil-audit", [cast.pupil.pk]),
    ]:
        page.goto(reverse(name, args=args))
        assert_accessible(page, name)
    page.goto(reverse("pupil-search") + "?q=Learner")
    assert_accessible(page, "search results")
    # A form with errors: the error summary and messages must be accessible too.
    page.goto(reverse("pupil-create"))
    page.get_by_role("button", name="Save").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "pupil form with errors")


def test_parent_and_trust_officer_pages_are_accessible(cast, page, login, transactional_db):
    login(cast.user(Role.TRUST_OFFICER))
    assert "Birch Primary" in page.locator("main").inner_text()
    assert_accessible(page, "trust home")
    page.get_by_role("button", name="Sign out").click()
    login(cast.user(Role.PARENT))
    assert "Your children" in page.locator("main").inner_text()
    assert_accessible(page, "parent home")

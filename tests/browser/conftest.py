"""Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright.

Playwright cannot download browsers here, so it launches the system one. Without it the tests
are skipped with the reason printed, except under CI=true, where a missing browser fails."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("SENDCO_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        reason = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + ": missing under CI=true")
        print(f"\nSKIPPING browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def login(page):
    from tests.factories import TEST_PASSWORD

    def do(user):
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(TEST_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/")
        return page

    return do


def assert_accessible(page, label: str):
    """No serious or critical axe-core violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error

    # A click that navigates returns before the new document exists; axe run in that gap
    # sees no document. Wait for the page to settle, and retry once if it was replaced mid-run.
    page.wait_for_load_state("load")
    try:
        results = Axe().run(page)
    except Error:
        page.wait_for_load_state("load")
        results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    detail = "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in bad
    )
    assert not bad, f"{label}: {detail}"

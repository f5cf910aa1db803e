"""A SENCO's first sign-in with two-step verification on: set-up (QR image shown under the
strict CSP, key as text), the first code, the recovery codes; axe on each page."""

from base64 import b32decode

from django_otp.oath import totp

from sendco.accounts.roles import Role
from tests.factories import TEST_PASSWORD

from .conftest import assert_accessible


def test_senco_sets_up_two_step_verification_and_reaches_home(cast, page, transactional_db, settings):
    settings.SENDCO_MFA_REQUIRED = True
    settings.SENDCO_DEMO = False
    senco = cast.user(Role.SENCO)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(senco.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/two-step/set-up/**")
    qr = page.get_by_role("img", name="QR code", exact=False)
    assert qr.evaluate("img => img.naturalWidth") > 0  # loaded despite img-src 'self' data:
    assert_accessible(page, "two-step set-up")

    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code from your authenticator app").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    assert page.get_by_role("list", name="Recovery codes").locator("li").count() == 10
    assert_accessible(page, "recovery codes")
    page.get_by_role("link", name="I have saved my recovery codes: continue").click()
    page.wait_for_url("**/")
    assert "two-step" not in page.url


def test_the_verify_page_and_its_error_are_accessible(cast, page, transactional_db, settings):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from sendco.accounts.mfa import recovery_digest

    settings.SENDCO_MFA_REQUIRED = True
    settings.SENDCO_DEMO = False
    senco = cast.user(Role.SENCO)
    TOTPDevice.objects.create(user=senco, name="app", confirmed=True)
    recovery = StaticDevice.objects.create(user=senco, name="recovery", confirmed=True)
    recovery.token_set.create(token=recovery_digest("abcd2345"))
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(senco.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/two-step/?**")
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "two-step verify, wrong code")
    page.get_by_text("I cannot use my authenticator app").click()
    page.get_by_label("Recovery code").fill("abcd 2345")
    page.get_by_role("button", name="Use recovery code").click()
    page.wait_for_url("**/")
    assert "two-step" not in page.url

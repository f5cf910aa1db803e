"""Two-step verification (issue 13): who must use it, enrolment, verification, recovery codes,
the administrator's reset and the demo's exemption. The rest of the suite runs with it off
(conftest); here it is on, as in production."""

import os

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendco.accounts.mfa import recovery_digest
from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role


@pytest.fixture(autouse=True)
def _mfa_on(settings):
    settings.SENDCO_MFA_REQUIRED = True
    settings.SENDCO_DEMO = False


def code_for(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def enrolled(user, *, recovery=()):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    if recovery:
        static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
        for token in recovery:
            static.token_set.create(token=recovery_digest(token))
    return device


def signed_in_verified(client, user):
    device = enrolled(user)
    client.force_login(user)
    response = client.post(reverse("mfa-verify"), {"code": code_for(device)})
    assert response.status_code == 302
    return device


@pytest.mark.parametrize("path", ["/", "/admin/"])
def test_a_senco_or_admin_without_a_device_is_sent_to_set_up_on_any_page(client, cast, path):
    user = cast.user(Role.ADMIN if path == "/admin/" else Role.SENCO)
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa-setup"))


@pytest.mark.parametrize(
    "role", [Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD, Role.TRUST_OFFICER, Role.ADMIN]
)
def test_every_role_with_named_pupils_send_data_must_use_it_by_default(client, cast, role):
    client.force_login(cast.user(role))
    assert client.get("/").status_code == 302


def test_a_teacher_is_not_asked(client, cast):
    client.force_login(cast.user(Role.TEACHER))
    assert client.get("/").status_code == 200


def test_the_roles_are_a_setting(client, cast, settings):
    settings.SENDCO_MFA_ROLES = [Role.TEACHER.value]
    client.force_login(cast.user(Role.TEACHER))
    assert client.get("/").status_code == 302
    client.force_login(cast.user(Role.SENCO))
    assert client.get("/").status_code == 200


def test_staff_always_need_it_whatever_their_roles(client, cast, settings):
    settings.SENDCO_MFA_ROLES = []
    teacher = cast.user(Role.TEACHER)
    teacher.is_staff = True
    teacher.save()
    client.force_login(teacher)
    assert client.get("/").status_code == 302


def test_set_up_shows_a_qr_code_and_the_secret_then_ten_recovery_codes_once(client, cast):
    senco = cast.user(Role.SENCO)
    client.force_login(senco)
    page = client.get(reverse("mfa-setup")).content.decode()
    device = TOTPDevice.objects.get(user=senco, confirmed=False)
    assert "data:image/svg+xml" in page  # an <img>: no inline script or style under the CSP
    assert device.key[:0] == "" and "totp-secret" in page  # the key written out, for those who cannot scan
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
    assert "<label" in page

    response = client.post(reverse("mfa-setup"), {"code": code_for(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = response.context["codes"]
    stored = {t.token for t in StaticDevice.objects.get(user=senco).token_set.all()}
    assert len(codes) == 10 and all(c in response.content.decode() for c in codes)
    # Only keyed hashes are kept: a copy of the database holds no usable code.
    assert stored == {recovery_digest(c) for c in codes} and not stored & set(codes)
    assert client.get("/").status_code == 200  # verified by the set-up itself
    # The codes are shown once: set-up now sends an enrolled user away.
    assert client.get(reverse("mfa-setup")).status_code == 302


def test_set_up_refuses_a_wrong_code(client, cast):
    senco = cast.user(Role.SENCO)
    client.force_login(senco)
    client.get(reverse("mfa-setup"))
    response = client.post(reverse("mfa-setup"), {"code": "000000"})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=senco, confirmed=True).exists()
    assert client.get("/").status_code == 302


def test_an_enrolled_senco_must_verify_and_a_wrong_code_is_refused(client, cast):
    senco = cast.user(Role.SENCO)
    device = enrolled(senco)
    client.force_login(senco)
    response = client.get("/pupils/")
    assert response.status_code == 302 and response.url.startswith(reverse("mfa-verify"))

    wrong = client.post(reverse("mfa-verify"), {"code": "123456"})
    assert wrong.status_code == 200 and "There is a problem" in wrong.content.decode()
    assert client.get("/").status_code == 302
    # After a wrong code even the right one waits (django-otp's throttle, doubling each time).
    throttled = client.post(reverse("mfa-verify"), {"code": code_for(device)})
    assert throttled.status_code == 200 and "Too many wrong codes" in throttled.content.decode()
    device.refresh_from_db()
    device.throttle_reset()

    right = client.post(reverse("mfa-verify") + "?next=/pupils/", {"code": code_for(device)})
    assert right.status_code == 302 and right.url == "/pupils/"
    assert client.get("/").status_code == 200


def test_verify_ignores_a_next_on_another_site(client, cast):
    senco = cast.user(Role.SENCO)
    device = enrolled(senco)
    client.force_login(senco)
    response = client.post(reverse("mfa-verify") + "?next=https://evil.example/", {"code": code_for(device)})
    assert response.url == reverse("home")


def test_a_recovery_code_works_once(client, cast):
    senco = cast.user(Role.SENCO)
    enrolled(senco, recovery=["abcd2345"])
    client.force_login(senco)
    assert client.post(reverse("mfa-verify"), {"recovery_code": "abcd2345"}).status_code == 302
    assert client.get("/").status_code == 200

    client.logout()
    client.force_login(senco)
    again = client.post(reverse("mfa-verify"), {"recovery_code": "abcd2345"})
    assert again.status_code == 200
    assert client.get("/").status_code == 302


def test_api_tokens_are_unaffected(client, cast):
    _token, key = ApiToken.issue(cast.user(Role.SENCO))
    response = client.get("/api/v1/pupils/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200


def test_an_administrator_resets_a_users_two_step_verification_and_it_is_recorded(client, cast):
    admin_user = cast.user(Role.ADMIN)
    senco = cast.user(Role.SENCO)
    enrolled(senco, recovery=["abcd2345"])
    signed_in_verified(client, admin_user)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_mfa", "_selected_action": [senco.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=senco).exists()
    assert not StaticDevice.objects.filter(user=senco).exists()
    entry = LogEntry.objects.get(object_id=str(senco.pk), action_flag=CHANGE)
    assert entry.user == admin_user and "two-step verification" in entry.get_change_message()


def test_the_demo_exemption_applies_only_in_demo_mode(client, cast, settings):
    settings.SENDCO_MFA_EXEMPT_DEMO = True
    client.force_login(cast.user(Role.SENCO))
    assert client.get("/").status_code == 302  # not the demo: the exemption is ignored
    settings.SENDCO_DEMO = True
    assert client.get("/").status_code == 200
    settings.SENDCO_MFA_EXEMPT_DEMO = False
    assert client.get("/").status_code == 302


def test_sign_out_and_static_files_are_reachable_before_verifying(client, cast):
    client.force_login(cast.user(Role.SENCO))
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/healthz").status_code == 200


def test_sendco_demo_sets_the_demo_flag_and_other_commands_do_not(monkeypatch):
    from sendco import cli

    monkeypatch.delenv("SENDCO_DEMO", raising=False)
    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    cli._setup(debug=False)
    assert "SENDCO_DEMO" not in os.environ
    cli._setup(debug=True)
    assert os.environ["SENDCO_DEMO"] == "1"


def test_the_demo_logins_say_whether_two_step_verification_is_asked(capsys, settings):
    from sendco import cli

    settings.SENDCO_DEMO = settings.SENDCO_MFA_EXEMPT_DEMO = True
    cli._print_logins([("senco", "SENCO", "everyone")], 8000)
    assert "Two-step verification is off for the demo" in capsys.readouterr().out
    settings.SENDCO_MFA_EXEMPT_DEMO = False
    cli._print_logins([("senco", "SENCO", "everyone")], 8000)
    assert "Two-step verification is on" in capsys.readouterr().out


def test_an_htmx_request_is_sent_to_verify_by_a_client_redirect(client, cast):
    senco = cast.user(Role.SENCO)
    enrolled(senco)
    client.force_login(senco)
    response = client.get("/pupils/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("mfa-verify"))


def test_an_enrolled_administrator_must_verify_before_the_admin(client, cast):
    admin_user = cast.user(Role.ADMIN)
    device = enrolled(admin_user)
    client.force_login(admin_user)
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 302 and response.url.startswith(reverse("mfa-verify"))
    client.post(reverse("mfa-verify"), {"code": code_for(device)})
    assert client.get("/admin/accounts/user/").status_code == 200


def test_migration_hashes_recovery_codes_stored_in_plain(cast):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("sendco.accounts.migrations.0005_hash_recovery_codes")
    static = StaticDevice.objects.create(user=cast.user(Role.SENCO), name="recovery", confirmed=True)
    static.token_set.create(token="abcd2345")
    static.token_set.create(token=recovery_digest("wxyz6789"))  # already hashed: left alone
    migration.hash_plain_codes(apps, None)
    expected = {recovery_digest("abcd2345"), recovery_digest("wxyz6789")}
    assert {t.token for t in static.token_set.all()} == expected

"""Production settings (issue 13 item 7): `check --deploy` is clean with SECURE_COOKIES=1, the
session ends after inactivity, and the password validators refuse weak passwords."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from sendco.accounts.roles import Role

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path, code: str, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "SENDCO_", "DEBUG", "SESSION_", "DJANGO_"))
    }
    clean.update(SENDCO_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="sendco.settings", **env)
    clean["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(  # noqa: S603 - our own interpreter and fixed code
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


CHECK_DEPLOY = (
    "import django; django.setup(); from django.core.management import call_command; "
    "call_command('check', deploy=True, fail_level='WARNING')"
)


def test_check_deploy_is_clean_with_secure_cookies(tmp_path):
    result = _run(tmp_path, CHECK_DEPLOY, SECURE_COOKIES="1")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_secure_cookies(tmp_path):
    # The check is meaningful: plain HTTP settings are reported.
    assert _run(tmp_path, CHECK_DEPLOY).returncode != 0


def test_proxy_ssl_header_is_taken_from_the_environment(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = _run(tmp_path, code, SECURE_COOKIES="1", SENDCO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https') True True", result.stderr
    # Not set: Django never trusts a client-writable header to mean HTTPS.
    assert _run(tmp_path, code, SECURE_COOKIES="1").stdout.startswith("None True")


def test_session_timeout_is_configurable(tmp_path):
    code = "import django; django.setup(); from django.conf import settings as s; print(s.SESSION_COOKIE_AGE)"
    assert _run(tmp_path, code).stdout.strip() == "1800"  # 30 minutes by default
    assert _run(tmp_path, code, SENDCO_SESSION_IDLE_MINUTES="10").stdout.strip() == "600"


def test_each_request_extends_the_session(cast, client):
    """The timeout counts from the last request (inactivity), not from sign-in."""
    client.force_login(cast.user(Role.SENCO))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "sessionid" in response.cookies  # the session is saved (its expiry moved) every request
    assert response.cookies["sessionid"]["max-age"] == 30 * 60


@pytest.mark.parametrize("password", ["short1", "password123", "1234567890123"])
def test_weak_passwords_are_refused(cast, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=cast.user(Role.SENCO))

"""The client address in the access log and the lockout: REMOTE_ADDR unless a trusted proxy
header is configured (SENDCO_TRUSTED_PROXY_HEADER), so that nobody can forge it by default."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.client_ip import client_ip
from sendco.audit.models import AccessLog
from tests.factories import TEST_PASSWORD

PROXY = "10.0.0.1"
CLIENT = "203.0.113.7"
FORGED = "198.51.100.66"


def _failed_login(client, cast, **headers):
    client.post(
        reverse("login"), {"username": cast.user(Role.SENCO).username, "password": "wrong"}, **headers
    )
    return AccessAttempt.objects.get().ip_address


def _viewed(client, cast, **headers):
    client.force_login(cast.user(Role.SENCO))
    client.get(reverse("pupil-detail", args=[cast.pupil.pk]), **headers)
    return AccessLog.objects.get(pupil=cast.pupil).ip_address


@pytest.mark.parametrize("record", [_failed_login, _viewed], ids=["lockout", "access-log"])
def test_forwarded_header_is_ignored_by_default(record, cast, client):
    assert record(client, cast, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=FORGED) == PROXY


@pytest.mark.parametrize("record", [_failed_login, _viewed], ids=["lockout", "access-log"])
def test_trusted_proxy_header_gives_the_client(record, cast, client, settings):
    settings.SENDCO_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    # The client forged an entry; the proxy appended the address it really came from.
    assert record(client, cast, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{FORGED}, {CLIENT}") == CLIENT


@pytest.mark.parametrize(
    "forwarded, count, expected",
    [
        (f"{FORGED}, {CLIENT}, 10.0.0.2", 2, CLIENT),  # two proxies: the second from the right
        (CLIENT, 2, PROXY),  # fewer entries than proxies: it did not come through them all
        ("", 1, PROXY),
        ("not-an-address", 1, PROXY),
        (" 2001:db8::1 ", 1, "2001:db8::1"),
    ],
)
def test_client_ip_counts_trusted_hops(forwarded, count, expected, settings):
    settings.SENDCO_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.SENDCO_TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_lockout_key_is_the_forwarded_client(cast, client, settings):
    """Five failures from one client behind the proxy lock that client, not everyone behind it."""
    settings.SENDCO_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    user = cast.user(Role.SENCO)
    for _ in range(5):
        client.post(
            reverse("login"),
            {"username": user.username, "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=CLIENT,
        )
    other = client.post(
        reverse("login"),
        {"username": user.username, "password": TEST_PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.8",
    )
    assert other.status_code == 302  # another client of the same proxy still signs in

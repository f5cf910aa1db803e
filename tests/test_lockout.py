"""Lockout serves the user: failures lock the pair (username, client address), never the
account for everyone, and the locked page says when it unlocks and who can unlock it."""

from django.urls import reverse

from sendco.accounts.roles import Role
from tests.factories import TEST_PASSWORD

ATTACKER = "198.51.100.66"
SENCO_DESK = "203.0.113.7"


def _sign_in(client, username, password, address):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_attacker_cannot_lock_the_senco_out_from_another_address(cast, client):
    senco = cast.user(Role.SENCO)
    for _ in range(5):
        _sign_in(client, senco.username, "wrong", ATTACKER)
    # The attacker's pair is locked, even with the right password.
    assert _sign_in(client, senco.username, TEST_PASSWORD, ATTACKER).status_code == 429
    # The SENCO at their own desk signs in.
    response = _sign_in(client, senco.username, TEST_PASSWORD, SENCO_DESK)
    assert response.status_code == 302
    assert response.wsgi_request.user == senco


def test_other_usernames_from_the_locked_address_still_sign_in(cast, client):
    senco = cast.user(Role.SENCO)
    for _ in range(5):
        _sign_in(client, senco.username, "wrong", ATTACKER)
    assert _sign_in(client, cast.user(Role.TEACHER).username, TEST_PASSWORD, ATTACKER).status_code == 302


def test_locked_page_says_when_it_unlocks_and_who_can_reset(cast, client):
    senco = cast.user(Role.SENCO)
    for _ in range(5):
        response = _sign_in(client, senco.username, "wrong", ATTACKER)
    assert response.status_code == 429
    text = response.content.decode()
    assert "30 minutes" in text
    assert "this device" in text  # the lock is of this address, not the account everywhere
    assert "axes_reset_username" in text  # what an administrator runs to lift it
    assert "administrator" in text


def test_the_reset_the_page_names_lifts_the_pause(cast, client):
    from django.core.management import call_command

    senco = cast.user(Role.SENCO)
    for _ in range(5):
        _sign_in(client, senco.username, "wrong", SENCO_DESK)
    assert _sign_in(client, senco.username, TEST_PASSWORD, SENCO_DESK).status_code == 429
    call_command("axes_reset_username", senco.username)
    assert _sign_in(client, senco.username, TEST_PASSWORD, SENCO_DESK).status_code == 302

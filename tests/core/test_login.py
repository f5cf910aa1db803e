from django.urls import reverse

from sendco.accounts.roles import Role
from tests.factories import TEST_PASSWORD


def test_login_and_logout(cast, client):
    user = cast.user(Role.SENCO)
    response = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_message(cast, client):
    response = client.post(reverse("login"), {"username": "senco", "password": "nope"})
    assert "Enter a correct username and password" in response.content.decode()


def test_lockout_after_five_failures(cast, client):
    user = cast.user(Role.SENCO)
    for _ in range(5):
        client.post(
            reverse("login"), {"username": user.username, "password": "wrong"}, REMOTE_ADDR="10.9.9.9"
        )
    locked = client.post(
        reverse("login"), {"username": user.username, "password": TEST_PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert "Sign-in paused on this device" in locked.content.decode()  # the pair, not the account
    assert client.get(reverse("home")).status_code == 302  # still not signed in

"""API tokens expire and can be revoked by their owner on "Your API tokens" (issue 13 item 7)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from sendco import cli
from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role


def _api(client, key):
    return client.get("/api/v1/pupils/", HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_token_expires_after_90_days_by_default(cast):
    token, _ = ApiToken.issue(cast.user(Role.SENCO))
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)


def test_an_expired_token_is_refused(cast, client):
    token, key = ApiToken.issue(cast.user(Role.SENCO))
    assert _api(client, key).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _api(client, key).status_code == 401


def test_cli_token_days(cast, capsys):
    assert cli.main(["token", "--user", cast.user(Role.SENCO).username, "--days", "7"]) == 0
    key = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(prefix=key[: ApiToken.PREFIX_LEN])
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)


def test_your_tokens_page_lists_your_tokens_only(cast, client):
    senco = cast.user(Role.SENCO)
    ApiToken.issue(senco, name="MIS sync")
    ApiToken.issue(cast.user(Role.HEAD), name="Head's script")
    client.force_login(senco)
    page = client.get(reverse("account-tokens"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Your API tokens" in text and "MIS sync" in text and "Head&#x27;s script" not in text
    assert "Expires" in text and "Last used" in text


def test_the_header_links_to_your_tokens(cast, client):
    client.force_login(cast.user(Role.TEACHER))
    assert reverse("account-tokens") in client.get(reverse("home")).content.decode()


def test_revoking_a_token_stops_it(cast, client):
    senco = cast.user(Role.SENCO)
    token, key = ApiToken.issue(senco, name="MIS sync")
    client.force_login(senco)
    response = client.post(reverse("account-token-revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert _api(client, key).status_code == 401


def test_revoke_is_post_only_and_csrf_checked(cast):
    from django.test import Client

    senco = cast.user(Role.SENCO)
    token, _ = ApiToken.issue(senco)
    client = Client(enforce_csrf_checks=True)
    client.force_login(senco)
    assert client.get(reverse("account-token-revoke", args=[token.pk])).status_code == 405
    assert client.post(reverse("account-token-revoke", args=[token.pk])).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_nobody_revokes_another_persons_token(cast, client):
    token, _ = ApiToken.issue(cast.user(Role.HEAD))
    client.force_login(cast.user(Role.SENCO))
    assert client.post(reverse("account-token-revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_tokens_page_needs_sign_in(client, db):
    assert client.get(reverse("account-tokens")).status_code == 302

"""The private iCalendar feed: token URL, no session, revocable, policy of the token's user."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from sendco.accounts.roles import Role
from sendco.statutory.models import CalendarToken, EhcPlan

pytestmark = pytest.mark.django_db


def _plan(pupil):
    return EhcPlan.objects.create(
        pupil=pupil,
        school=pupil.school,
        la_name="Leeds",
        issued_on=timezone.localdate() - dt.timedelta(days=300),
    )


def _token(client, user):
    client.force_login(user)
    response = client.post(reverse("statutory-calendar"), {"action": "issue"})
    url = response.context["feed_url"]
    client.logout()
    return url


def test_feed_works_without_a_session_and_parses(client, cast):
    _plan(cast.pupil)
    url = _token(client, cast.user(Role.SENCO))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert any("Annual review of the EHC plan" in str(e["summary"]) for e in events)
    assert all("Source:" in str(e["description"]) for e in events)


def test_feed_follows_the_token_users_access(client, cast):
    _plan(cast.pupil)
    _plan(cast.unlinked)
    url = _token(client, cast.user(Role.TEACHER))  # teaches cast.pupil only
    summaries = [str(e["summary"]) for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")]
    assert any(cast.pupil.full_name in s for s in summaries)
    assert not any(cast.unlinked.full_name in s for s in summaries)


def test_revoked_or_replaced_token_stops_working(client, cast):
    first = _token(client, cast.user(Role.SENCO))
    second = _token(client, cast.user(Role.SENCO))
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    client.force_login(cast.user(Role.SENCO))
    client.post(reverse("statutory-calendar"), {"action": "revoke"})
    client.logout()
    assert client.get(second).status_code == 404


def test_only_the_hash_is_stored(client, cast):
    url = _token(client, cast.user(Role.SENCO))
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert not CalendarToken.objects.filter(token_hash=token).exists()
    assert CalendarToken.objects.filter(token_hash=CalendarToken.hash(token)).exists()


def test_unknown_token_is_404(client):
    assert client.get(reverse("statutory-feed", args=["nope"])).status_code == 404


def test_inactive_user_feed_stops(client, cast):
    url = _token(client, cast.user(Role.SENCO))
    cast.user(Role.SENCO).is_active = False
    cast.user(Role.SENCO).save()
    assert client.get(url).status_code == 404

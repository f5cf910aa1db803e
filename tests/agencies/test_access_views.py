"""The professionals' access pages: the pupil's Access tab, granting (consent and the maximum),
extending and revoking with the version read, the school's professionals (adding one and the
one-time set-password link) and grants, and what the professional sees on the home page."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.core.access import policy
from sendco.core.models import AccessGrant
from sendco.core.navigation import pupil_tabs

from .access_helpers import grant, professional
from .referral_helpers import agency, consent, today

DAY = dt.timedelta(days=1)


@pytest.fixture
def visit(cast):
    """A visiting EP at cast.school and the parents' consent for cast.unlinked."""
    service = agency(cast.school)
    visitor = professional(cast.school, service, username="ep-visitor")
    given = consent(cast.unlinked, service, purpose="professional_access", given_by="Sam Carer")
    return visitor, service, given


@pytest.fixture
def senco(cast, client):
    client.force_login(cast.user(Role.SENCO))
    return cast.user(Role.SENCO)


def _grant_data(visitor, given, **kw):
    return {
        "professional": visitor.pk,
        "consent": given.pk,
        "reason": "EP assessment",
        "expires_on": (today() + 30 * DAY).isoformat(),
        "can_upload_reports": "on",
    } | kw


def test_the_access_tab_is_the_sen_teams(cast, visit):
    assert "Access" in [t["label"] for t in pupil_tabs(cast.user(Role.SENCO), cast.pupil, "")]
    for role in (Role.TEACHER, Role.HEAD, Role.PROFESSIONAL, Role.PARENT):
        assert "Access" not in [t["label"] for t in pupil_tabs(cast.user(role), cast.pupil, "")], role


def test_the_tab_lists_grants_with_their_state(cast, visit, senco, client):
    visitor, _, given = visit
    live = grant(cast, cast.unlinked, visitor, given, can_read_plans=True)
    page = client.get(reverse("access-pupil-list", args=[cast.unlinked.pk])).content.decode()
    assert "Vic Visitor" in page and "North Educational Psychology" in page and "Live" in page
    assert "Support plan and passport" in page and "Sam Carer" in page
    assert f"{live.expires_on:%-d %B %Y}" in page
    assert reverse("access-extend", args=[cast.unlinked.pk, live.pk]) in page
    assert reverse("access-revoke", args=[cast.unlinked.pk, live.pk]) in page


def test_no_consent_points_to_recording_it(cast, senco, client):
    for name in ("access-pupil-list", "access-grant"):
        page = client.get(reverse(name, args=[cast.unlinked.pk])).content.decode()
        assert f"/pupils/{cast.unlinked.pk}/consents/new/" in page, name


def test_granting_opens_the_pupil_to_the_professional(cast, visit, senco, client):
    visitor, _, given = visit
    response = client.post(reverse("access-grant", args=[cast.unlinked.pk]), _grant_data(visitor, given))
    assert response.status_code == 302
    made = AccessGrant.objects.get(pupil=cast.unlinked)
    assert (made.user, made.consent_given_by, made.can_upload_reports) == (visitor, "Sam Carer", True)
    assert not made.can_read_plans
    assert policy.pupils(visitor).filter(pk=cast.unlinked.pk).exists()


@override_settings(SENDCO_GRANT_MAX_DAYS=60)
@pytest.mark.parametrize(
    "change, message",
    [
        ({"expires_on": ""}, "every grant has an end date"),
        ({"expires_on": (today() + 61 * DAY).isoformat()}, "at most 60 days"),
        ({"consent": ""}, "Record the parents"),
        ({"reason": ""}, "Enter why the professional needs access"),
    ],
)
def test_a_bad_grant_says_why_and_saves_nothing(cast, visit, senco, client, change, message):
    visitor, _, given = visit
    response = client.post(
        reverse("access-grant", args=[cast.unlinked.pk]), _grant_data(visitor, given, **change)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "There is a problem" in page and "<title>Error: " in page
    assert not AccessGrant.objects.filter(pupil=cast.unlinked).exists()


def test_extend_checks_the_version_and_keeps_the_input(cast, visit, senco, client):
    visitor, _, given = visit
    made = grant(cast, cast.unlinked, visitor, given)
    url = reverse("access-extend", args=[cast.unlinked.pk, made.pk])
    later = (today() + 60 * DAY).isoformat()
    stale = client.post(url, {"version": made.version + 1, "expires_on": later})
    assert stale.status_code == 200 and "Someone else changed this access" in stale.content.decode()
    assert later in stale.content.decode()
    assert AccessGrant.objects.get(pk=made.pk).expires_on == made.expires_on
    assert client.post(url, {"version": made.version, "expires_on": later}).status_code == 302
    assert AccessGrant.objects.get(pk=made.pk).expires_on == today() + 60 * DAY


def test_revoke_needs_a_reason_and_ends_access(cast, visit, senco, client):
    visitor, _, given = visit
    made = grant(cast, cast.unlinked, visitor, given)
    url = reverse("access-revoke", args=[cast.unlinked.pk, made.pk])
    assert (
        "Enter why the access is being revoked"
        in client.post(url, {"version": made.version}).content.decode()
    )
    assert client.post(url, {"version": made.version, "reason": "Finished"}).status_code == 302
    assert AccessGrant.objects.get(pk=made.pk).revoked_at is not None
    client.force_login(visitor)
    assert client.get(reverse("pupil-detail", args=[cast.unlinked.pk])).status_code == 404


def test_a_grant_of_another_pupil_is_not_found(cast, visit, senco, client):
    visitor, _, given = visit
    made = grant(cast, cast.unlinked, visitor, given)
    url = reverse("access-revoke", args=[cast.pupil.pk, made.pk])
    assert client.get(url).status_code == 404


def test_adding_a_professional_gives_a_one_time_link(cast, visit, senco, client):
    _, service, _ = visit
    data = {"first_name": "Ola", "last_name": "Therapist", "email": "ola@example.org", "agency": service.pk}
    page = client.post(reverse("professional-create"), data).content.decode()
    link = re.search(r'id="set-password-link">([^<]+)<', page).group(1)
    assert "/agencies/professionals/set-password/" in link
    listed = client.get(reverse("professional-list")).content.decode()
    assert "Ola Therapist" in listed and "ola@example.org" in listed and "Never" in listed
    client.logout()
    form = client.get(link, follow=True)
    assert "Set your password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-Long-new-pass-42", "new_password2": "a-Long-new-pass-42"},
    )
    assert done.status_code == 302
    assert get_user_model().objects.get(username="ola@example.org").check_password("a-Long-new-pass-42")
    assert "This link does not work" in client.get(link, follow=True).content.decode()


def test_a_duplicate_email_is_refused(cast, visit, senco, client):
    _, service, _ = visit
    data = {
        "first_name": "Vic",
        "last_name": "Two",
        "email": cast.user(Role.SENCO).email or "x",
        "agency": service.pk,
    }
    data["email"] = "dup@example.org"
    client.post(reverse("professional-create"), data)
    again = client.post(reverse("professional-create"), data).content.decode()
    assert "Someone already has a login with this email address" in again


def test_the_grants_list_flags_those_ending_within_14_days(cast, visit, senco, client):
    visitor, _, given = visit
    grant(cast, cast.unlinked, visitor, given, days=10)
    soon = client.get(reverse("access-grant-list")).content.decode()
    assert cast.unlinked.full_name in soon and "Ends soon" in soon
    AccessGrant.objects.filter(pupil=cast.unlinked).update(expires_on=today() + 30 * DAY)
    assert "Ends soon" not in client.get(reverse("access-grant-list")).content.decode()


def test_the_professional_sees_their_pupils_and_when_access_ends(cast, visit, client):
    visitor, _, given = visit
    made = grant(cast, cast.unlinked, visitor, given, days=20)
    client.force_login(visitor)
    home = client.get(reverse("home")).content.decode()
    assert cast.unlinked.full_name in home
    assert f"your access ends on {made.expires_on:%-d %B %Y}" in home
    assert reverse("report-upload", args=[cast.unlinked.pk]) in home
    assert cast.pupil.full_name not in home  # no grant for the linked pupil
    listed = client.get(reverse("pupil-list")).content.decode()
    assert cast.unlinked.upn in listed and cast.pupil.upn not in listed
    AccessGrant.objects.filter(pk=made.pk).update(can_upload_reports=False)
    assert (
        reverse("report-upload", args=[cast.unlinked.pk]) not in client.get(reverse("home")).content.decode()
    )

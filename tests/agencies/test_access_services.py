"""Granting, extending and revoking a professional's access (agencies.services_access), and
what the access policy does with the grant: live from its start to its end, gone once revoked."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from sendco.accounts.roles import Role
from sendco.agencies import services_access as s
from sendco.agencies.models import AgencyProfessional
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.models import AccessGrant

from .referral_helpers import agency, consent, today

DAY = dt.timedelta(days=1)


@pytest.fixture
def setup(cast):
    """The cast's professional, linked to an EP service, and parents' consent for cast.unlinked
    (whom the professional has no grant for yet)."""
    professional = cast.user(Role.PROFESSIONAL)
    service = agency(cast.school)
    AgencyProfessional.objects.create(user=professional, agency=service)
    given = consent(cast.unlinked, service, purpose="professional_access", given_by="Sam Carer")
    return professional, service, given


def _grant(cast, professional, given, **kw):
    values = {
        "actor": cast.user(Role.SENCO),
        "pupil": cast.unlinked,
        "professional": professional,
        "starts_on": today(),
        "expires_on": today() + 30 * DAY,
        "reason": "Educational psychology assessment",
        "can_read_plans": True,
        "consent": given,
    } | kw
    return s.grant_access(**values)


def _sees(user, pupil) -> bool:
    return policy.pupils(user).filter(pk=pupil.pk).exists()


def test_a_grant_copies_the_consent_and_opens_the_pupil(cast, setup):
    professional, _, given = setup
    assert not _sees(professional, cast.unlinked)
    grant = _grant(cast, professional, given)
    assert (grant.consent_given_by, grant.consent_given_on) == ("Sam Carer", given.given_on)
    assert grant.can_read_plans and not grant.can_read_assessments
    assert grant.history.first().history_change_reason == "Access granted"
    assert _sees(professional, cast.unlinked)


@pytest.mark.parametrize(
    "change, field",
    [
        ({"expires_on": None}, "expires_on"),
        ({"expires_on": today() - DAY}, "expires_on"),
        ({"expires_on": today() + 181 * DAY}, "expires_on"),
        ({"starts_on": today() - DAY}, "starts_on"),
        ({"reason": "  "}, "reason"),
        ({"consent": None}, "consent"),
    ],
)
def test_a_bad_grant_says_why_and_saves_nothing(cast, setup, change, field):
    professional, _, given = setup
    with pytest.raises(ValidationError) as exc:
        _grant(cast, professional, given, **change)
    assert field in exc.value.message_dict
    assert not AccessGrant.objects.filter(pupil=cast.unlinked).exists()


@override_settings(SENDCO_GRANT_MAX_DAYS=10)
def test_the_longest_grant_is_configured(cast, setup):
    professional, _, given = setup
    with pytest.raises(ValidationError, match="at most 10 days"):
        _grant(cast, professional, given, expires_on=today() + 11 * DAY)
    assert _grant(cast, professional, given, expires_on=today() + 10 * DAY).pk


def test_no_grant_on_withdrawn_or_another_services_consent(cast, setup):
    professional, _, given = setup
    other = consent(
        cast.unlinked, agency(cast.school, name="Other SALT", kind="salt"), purpose="professional_access"
    )
    with pytest.raises(ValidationError, match="consent"):
        _grant(cast, professional, other)
    given.withdrawn_on = today()
    given.save()
    with pytest.raises(ValidationError, match="consent"):
        _grant(cast, professional, given)


def test_only_a_professional_at_the_school_and_only_the_sen_team(cast, setup):
    professional, _, given = setup
    with pytest.raises(ValidationError) as exc:
        _grant(cast, cast.user(Role.TEACHER), given)
    assert "professional" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        _grant(cast, professional, given, actor=cast.user(Role.TEACHER))


def test_a_future_grant_opens_on_its_start_day(cast, setup, monkeypatch):
    professional, _, given = setup
    _grant(cast, professional, given, starts_on=today() + 5 * DAY, expires_on=today() + 9 * DAY)
    assert not _sees(professional, cast.unlinked)
    base = today()
    for offset, seen in ((4, False), (5, True), (9, True), (10, False)):
        day = base + offset * DAY
        monkeypatch.setattr("django.utils.timezone.localdate", lambda day=day: day)
        assert _sees(professional, cast.unlinked) is seen, offset


def test_extend_checks_version_and_maximum(cast, setup):
    professional, _, given = setup
    grant = _grant(cast, professional, given)
    senco = cast.user(Role.SENCO)
    with pytest.raises(ConflictError):
        s.extend_access(actor=senco, grant=grant, expires_on=today() + 60 * DAY, version=grant.version + 1)
    with pytest.raises(ValidationError, match="at most"):
        s.extend_access(actor=senco, grant=grant, expires_on=today() + 181 * DAY, version=grant.version)
    with pytest.raises(ValidationError, match="after the current one"):
        s.extend_access(actor=senco, grant=grant, expires_on=grant.expires_on, version=grant.version)
    longer = s.extend_access(actor=senco, grant=grant, expires_on=today() + 90 * DAY, version=grant.version)
    assert (longer.expires_on, longer.version) == (today() + 90 * DAY, grant.version + 1)


def test_revoke_ends_access_at_once_and_stays_revoked(cast, setup):
    professional, _, given = setup
    grant = _grant(cast, professional, given)
    senco = cast.user(Role.SENCO)
    with pytest.raises(ValidationError) as exc:
        s.revoke_access(actor=senco, grant=grant, reason="", version=grant.version)
    assert "reason" in exc.value.message_dict
    revoked = s.revoke_access(actor=senco, grant=grant, reason="Assessment finished", version=grant.version)
    assert revoked.revoked_by == senco and not _sees(professional, cast.unlinked)
    with pytest.raises(ValidationError, match="revoked"):
        s.extend_access(actor=senco, grant=revoked, expires_on=today() + 60 * DAY, version=revoked.version)


def test_add_professional_makes_a_login_without_a_password(cast, setup):
    _, service, _ = setup
    senco = cast.user(Role.SENCO)
    values = {
        "actor": senco, "school": cast.school, "first_name": "Ola", "last_name": "Therapist",
        "email": "Ola.Therapist@example.org", "agency": service, "job_title": "Speech and language therapist",
    }  # fmt: skip
    user = s.add_professional(**values)
    assert user.username == "ola.therapist@example.org" and not user.has_usable_password()
    assert user.memberships.get().role == Role.PROFESSIONAL and user.agency_link.agency == service
    with pytest.raises(ValidationError) as exc:
        s.add_professional(**values)
    assert "email" in exc.value.message_dict


def test_a_consent_withdrawn_while_granting_refuses_the_grant_clearly(cast, setup, monkeypatch):
    """The withdrawal lands between the consent check and the lock (another request): a
    validation error naming the consent, not a crash, and no grant."""
    professional, _, given = setup
    checked = s.consents_for(cast.unlinked, professional)
    given.withdrawn_on = today()
    given.save()
    monkeypatch.setattr(s, "consents_for", lambda pupil, user: checked)
    with pytest.raises(ValidationError) as exc:
        _grant(cast, professional, given)
    assert "withdrawn" in exc.value.message_dict["consent"][0]
    assert not AccessGrant.objects.filter(pupil=cast.unlinked).exists()

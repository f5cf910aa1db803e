import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sendco.accounts.roles import Role
from sendco.agencies import services_consent as s
from sendco.agencies.models import AgencyProfessional, Consent
from sendco.core.concurrency import ConflictError
from sendco.core.models import AccessGrant
from tests import factories as f

from .referral_helpers import agency, consent, days_ago, referral, today


def _record(cast, **kw):
    values = {
        "actor": cast.user(Role.SENCO),
        "pupil": cast.pupil,
        "purpose": "share_la",
        "given_by": "Pat Parent",
        "given_on": days_ago(2),
        "how": "email",
    } | kw
    return s.record_consent(**values)


def test_record_and_history(cast):
    c = _record(cast, relationship="Mother", notes="At the review meeting")
    assert c.current and c.recorded_by == cast.user(Role.SENCO)
    assert c.history.first().history_change_reason == "Consent recorded"


def test_referral_consent_names_a_service(cast):
    with pytest.raises(ValidationError) as exc:
        _record(cast, purpose="referral")
    assert "agency" in exc.value.message_dict
    assert _record(cast, purpose="referral", agency=agency(cast.school)).agency is not None


def test_bad_values_refused_together(cast):
    with pytest.raises(ValidationError) as exc:
        _record(cast, purpose="nope", given_by=" ", given_on=today() + dt.timedelta(days=1), how="fax")
    assert set(exc.value.message_dict) == {"purpose", "given_by", "given_on", "how"}
    assert not Consent.objects.exists()


def test_only_the_sen_team(cast):
    with pytest.raises(PermissionDenied):
        _record(cast, actor=cast.user(Role.HEAD))


def test_withdraw_once_with_checks(cast):
    c = consent(cast.pupil, purpose="share_la", given_on=days_ago(10))
    senco = cast.user(Role.SENCO)
    with pytest.raises(ValidationError) as exc:
        s.withdraw_consent(actor=senco, consent=c, withdrawn_on=days_ago(11), withdrawn_by="")
    assert set(exc.value.message_dict) == {"withdrawn_on", "withdrawn_by"}
    done = s.withdraw_consent(
        actor=senco, consent=c, withdrawn_on=days_ago(1), withdrawn_by="Pat", reason="Moved"
    )
    assert done.withdrawn_on == days_ago(1) and done.version == 2 and not done.current
    assert done.history.first().history_change_reason == "Consent withdrawn"
    with pytest.raises(ConflictError):
        s.withdraw_consent(
            actor=senco, consent=c, withdrawn_on=today(), withdrawn_by="Pat", expected_version=1
        )
    with pytest.raises(ValidationError) as exc:
        s.withdraw_consent(
            actor=senco, consent=c, withdrawn_on=today(), withdrawn_by="Pat", expected_version=2
        )
    assert "already been withdrawn" in exc.value.message_dict["withdrawn_on"][0]


def test_withdrawn_referral_consent_flags_open_referrals(cast):
    from sendco.agencies.selectors_referrals import pupil_referrals

    ep = agency(cast.school)
    c = consent(cast.pupil, ep)
    referral(cast.pupil, ep, c)
    s.withdraw_consent(
        actor=cast.user(Role.SENCO), consent=c, withdrawn_on=today(), withdrawn_by="Pat Parent"
    )
    [row] = pupil_referrals(cast.pupil)
    assert [flag.code for flag in row.flags] == ["consent_withdrawn"]
    assert "Consent withdrawn on" in row.flags[0].reason and "by Pat Parent" in row.flags[0].reason


def test_withdrawing_professional_access_revokes_live_grants(cast):
    ep, salt = agency(cast.school), agency(cast.school, name="SALT", kind="salt")
    grants = {}
    for name, service in (("ep", ep), ("salt", salt)):
        user = f.UserFactory()
        AgencyProfessional.objects.create(user=user, agency=service)
        grants[name] = AccessGrant.objects.create(
            pupil=cast.pupil,
            school_id=cast.school.pk,
            user=user,
            reason="Assessment",
            expires_on=today() + dt.timedelta(days=30),
        )
    c = consent(cast.pupil, ep, purpose="professional_access")
    senco = cast.user(Role.SENCO)
    s.withdraw_consent(actor=senco, consent=c, withdrawn_on=today(), withdrawn_by="Pat")
    revoked = AccessGrant.objects.get(pk=grants["ep"].pk)
    assert revoked.revoked_at is not None and revoked.revoked_by == senco
    assert revoked.revoke_reason.startswith("Parents' consent withdrawn") and revoked.version == 2
    assert revoked.history.first().history_change_reason == "Access revoked: consent withdrawn"
    assert AccessGrant.objects.get(pk=grants["salt"].pk).revoked_at is None
    # A consent naming no one service ends every live grant of the pupil.
    s.withdraw_consent(
        actor=senco,
        consent=consent(cast.pupil, purpose="professional_access"),
        withdrawn_on=today(),
        withdrawn_by="Pat",
    )
    assert AccessGrant.objects.get(pk=grants["salt"].pk).revoked_at is not None

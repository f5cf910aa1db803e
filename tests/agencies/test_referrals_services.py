import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sendco.accounts.roles import Role
from sendco.agencies import services_referrals as s
from sendco.agencies.models import Consent, Referral, ReferralEvent
from sendco.core.concurrency import ConflictError
from sendco.domain import file_types
from tests.files import PDF

from .referral_helpers import agency, consent, days_ago, referral, today


@pytest.fixture
def senco(cast):
    return cast.user(Role.SENCO)


@pytest.fixture
def ep(cast):
    return agency(cast.school)


def _create(cast, senco, ep, **kw):
    values = {"actor": senco, "pupil": cast.pupil, "agency": ep, "reason": "Reading."} | kw
    return s.create_referral(**values)


def test_no_consent_refused_and_nothing_saved(cast, senco, ep):
    with pytest.raises(ValidationError) as exc:
        _create(cast, senco, ep, send=True)
    assert "cannot be referred without" in exc.value.message_dict["consent"][0]
    assert not Referral.objects.exists()


def test_withdrawn_consent_refused(cast, senco, ep):
    c = consent(cast.pupil, ep, withdrawn_on=days_ago(1), withdrawn_by="Pat Parent")
    with pytest.raises(ValidationError) as exc:
        _create(cast, senco, ep, consent=c)
    assert "withdrawn" in exc.value.message_dict["consent"][0]
    assert not Referral.objects.exists()


def test_consent_for_another_service_or_pupil_refused(cast, senco, ep):
    other = agency(cast.school, name="SALT", kind="salt")
    for c, words in (
        (consent(cast.pupil, other), "another service"),
        (consent(cast.unlinked, ep), "this pupil"),
    ):
        with pytest.raises(ValidationError) as exc:
            _create(cast, senco, ep, consent=c)
        assert words in exc.value.message_dict["consent"][0]


def test_sent_with_existing_consent_defaults_expected_days(cast, senco, ep):
    c = consent(cast.pupil, ep)
    ref = _create(cast, senco, ep, consent=c, send=True, sent_on=days_ago(2))
    assert ref.status == "sent" and ref.sent_on == days_ago(2) and ref.expected_response_days == 42
    assert list(ref.events.values_list("status", "on")) == [("sent", days_ago(2))]
    assert ref.history.first().history_change_reason == "Referral sent"


def test_draft_with_consent_recorded_inline(cast, senco, ep):
    ref = _create(
        cast,
        senco,
        ep,
        expected_response_days=20,
        record_consent={
            "given_by": "Pat Parent",
            "given_on": days_ago(1),
            "how": "verbal",
            "relationship": "Father",
        },
    )
    assert ref.status == "draft" and ref.sent_on is None and ref.expected_response_days == 20
    assert ref.consent.purpose == "referral" and ref.consent.agency == ep and ref.consent.recorded_by == senco


def test_inline_consent_errors_named_and_nothing_saved(cast, senco, ep):
    with pytest.raises(ValidationError) as exc:
        _create(
            cast,
            senco,
            ep,
            record_consent={"given_by": "", "given_on": today() + dt.timedelta(days=1), "how": "x"},
        )
    assert set(exc.value.message_dict) == {"consent_given_by", "consent_given_on", "consent_how"}
    assert not Consent.objects.exists() and not Referral.objects.exists()


def test_agency_outside_the_directory_refused(cast, senco):
    elsewhere = agency(cast.other, name="Far away")
    with pytest.raises(ValidationError) as exc:
        _create(cast, senco, elsewhere, consent=consent(cast.pupil))
    assert "agency" in exc.value.message_dict


def test_trust_shared_agency_allowed(cast, senco):
    from sendco.agencies.models import Agency

    shared = Agency.objects.create(organisation=cast.trust, name="Trust EP", kind="ep")
    ref = _create(cast, senco, shared, consent=consent(cast.pupil))
    assert ref.expected_response_days is None


def test_documents_checked_and_stored(cast, senco, ep):
    pdf = SimpleUploadedFile("form.pdf", PDF, content_type="application/pdf")
    ref = _create(cast, senco, ep, consent=consent(cast.pupil, ep), uploads_=(pdf,))
    doc = ref.documents.get()
    assert doc.original_name == "form.pdf" and doc.content_type == "application/pdf" and doc.size == len(PDF)


def test_bad_upload_type_and_size_refused(cast, senco, ep, monkeypatch):
    c = consent(cast.pupil, ep)
    exe = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        _create(cast, senco, ep, consent=c, uploads_=(exe,))
    assert "documents" in exc.value.message_dict and not Referral.objects.exists()
    ref = referral(cast.pupil, ep, c)
    big = SimpleUploadedFile("big.pdf", PDF, content_type="application/pdf")
    big.size = file_types.MAX_BYTES + 1
    with pytest.raises(ValidationError) as exc:
        s.add_document(actor=senco, referral=ref, upload=big)
    assert "smaller than 10 MB" in exc.value.message_dict["file"][0] and not ref.documents.exists()


def test_status_changes_set_dates_and_events(cast, senco, ep):
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep), sent_days_ago=20)
    at = timezone.make_aware(dt.datetime.combine(today() + dt.timedelta(days=5), dt.time(10, 30)))
    ref = s.change_status(
        actor=senco, referral=ref, status="appointment", on=None, appointment_at=at, expected_version=1
    )
    assert ref.appointment_at == at and ref.status_on == today() and ref.version == 2
    ref = s.change_status(
        actor=senco, referral=ref, status="waiting", on=today(), note="Cancelled", expected_version=2
    )
    assert ref.appointment_at is None
    ref = s.change_status(actor=senco, referral=ref, status="seen", on=today(), expected_version=3)
    assert ref.first_seen_on == today()
    ref = s.change_status(actor=senco, referral=ref, status="closed", on=today(), expected_version=4)
    assert ref.closed_on == today()
    assert list(
        ReferralEvent.objects.filter(referral=ref).order_by("pk").values_list("status", flat=True)
    ) == ["appointment", "waiting", "seen", "closed"]


def test_bad_transition_refused_with_the_rules_message(cast, senco, ep):
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep), status="closed")
    with pytest.raises(ValidationError) as exc:
        s.change_status(actor=senco, referral=ref, status="seen", on=today(), expected_version=1)
    assert "can no longer change" in exc.value.message_dict["status"][0]
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep), status="draft")
    with pytest.raises(ValidationError) as exc:
        s.change_status(actor=senco, referral=ref, status="report", on=today(), expected_version=1)
    assert "cannot become report received" in exc.value.message_dict["status"][0]


def test_bad_dates_refused(cast, senco, ep):
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep), sent_days_ago=5)
    with pytest.raises(ValidationError) as exc:
        s.change_status(actor=senco, referral=ref, status="seen", on=days_ago(9), expected_version=1)
    assert "before the referral was sent" in exc.value.message_dict["on"][0]
    with pytest.raises(ValidationError) as exc:
        s.change_status(actor=senco, referral=ref, status="appointment", on=None, expected_version=1)
    assert "appointment_at" in exc.value.message_dict


def test_draft_cannot_be_sent_once_consent_withdrawn(cast, senco, ep):
    c = consent(cast.pupil, ep, withdrawn_on=days_ago(1), withdrawn_by="Pat")
    ref = referral(cast.pupil, ep, c, status="draft")
    with pytest.raises(ValidationError) as exc:
        s.change_status(actor=senco, referral=ref, status="sent", on=today(), expected_version=1)
    assert "withdrawn" in exc.value.message_dict["status"][0]


def test_stale_version_is_a_conflict(cast, senco, ep):
    ref = referral(cast.pupil, ep, consent(cast.pupil, ep))
    s.update_referral(actor=senco, referral=ref, reason="New", expected_response_days=10, expected_version=1)
    with pytest.raises(ConflictError):
        s.update_referral(
            actor=senco, referral=ref, reason="Mine", expected_response_days=10, expected_version=1
        )
    with pytest.raises(ConflictError):
        s.change_status(actor=senco, referral=ref, status="accepted", on=today(), expected_version=1)


def test_report_of_another_pupil_refused(cast, senco, ep):
    from tests.agencies.referral_helpers_reports import report

    ref = referral(cast.pupil, ep, consent(cast.pupil, ep))
    with pytest.raises(ValidationError) as exc:
        s.update_referral(
            actor=senco,
            referral=ref,
            reason="x",
            expected_response_days=None,
            report=report(cast.unlinked),
            expected_version=1,
        )
    assert "report" in exc.value.message_dict
    mine = report(cast.pupil)
    assert (
        s.update_referral(
            actor=senco,
            referral=ref,
            reason="x",
            expected_response_days=None,
            report=mine,
            expected_version=1,
        ).report
        == mine
    )


@pytest.mark.parametrize("role", [Role.HEAD, Role.TEACHER, Role.TRUST_OFFICER])
def test_only_the_sen_team_refers(cast, ep, role):
    with pytest.raises(PermissionDenied):
        _create(cast, cast.user(role), ep, consent=consent(cast.pupil, ep))

"""The directory's writes (agencies.services_directory, services_directory_visits): who may
add and change entries, the checks (every bad field at once, nothing saved), versions."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sendco.accounts.roles import Role
from sendco.agencies import services_directory as s
from sendco.agencies import services_directory_visits as v
from sendco.agencies.models import Agency, AgencyPurchase, Visit
from sendco.core.concurrency import ConflictError

ENTRY = {"name": "North Educational Psychology", "kind": "ep", "typical_wait_days": 42}


def _add(cast, role=Role.SENCO, **kw):
    values = {"actor": cast.user(role), "data": ENTRY, "school": cast.school} | kw
    return s.save_agency(**values)


def test_senco_adds_the_schools_entry_with_history(cast):
    entry = _add(cast)
    assert (entry.school, entry.organisation, entry.typical_wait_days) == (cast.school, None, 42)
    assert entry.history.first().history_change_reason == "Directory entry added"


def test_an_entry_belongs_to_one_school_or_one_trust(cast):
    with pytest.raises(ValidationError):
        _add(cast, organisation=cast.trust)
    with pytest.raises(ValidationError):
        _add(cast, school=None)
    assert not Agency.objects.exists()


def test_only_the_trust_shares_and_only_the_sen_team_adds(cast):
    with pytest.raises(PermissionDenied):
        _add(cast, school=None, organisation=cast.trust)
    with pytest.raises(PermissionDenied):
        _add(cast, role=Role.TEACHER)
    shared = _add(cast, role=Role.TRUST_OFFICER, school=None, organisation=cast.trust)
    assert shared.organisation == cast.trust


def test_every_bad_field_is_named_and_nothing_saved(cast):
    bad = {"name": " ", "kind": "astrology", "email": "not-an-email", "website": "ftp://x.example",
           "typical_wait_days": 5000, "day_rate": "-3"}  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        _add(cast, data=bad)
    assert set(exc.value.message_dict) == {
        "name",
        "kind",
        "email",
        "website",
        "typical_wait_days",
        "day_rate",
    }
    assert not Agency.objects.exists()


def test_a_change_names_its_version(cast):
    entry = _add(cast)
    senco = cast.user(Role.SENCO)
    changed = s.save_agency(actor=senco, agency=entry, data={"phone": "0113 000 0000"}, expected_version=1)
    assert (changed.phone, changed.version, changed.name) == ("0113 000 0000", 2, ENTRY["name"])
    with pytest.raises(ConflictError):
        s.save_agency(actor=senco, agency=entry, data={"phone": "x"}, expected_version=1)


def test_purchases_one_a_year_and_no_negative_days(cast):
    entry = _add(cast, data=ENTRY | {"traded": True, "day_rate": "450"})
    senco = cast.user(Role.SENCO)
    bought = s.save_purchase(
        actor=senco,
        school=cast.school,
        agency=entry,
        data={"year_start": 2026, "days_bought": "6", "cost": "2700"},
    )
    assert bought.days_bought == Decimal("6")
    with pytest.raises(ValidationError) as exc:
        s.save_purchase(
            actor=senco, school=cast.school, agency=entry, data={"year_start": 2026, "days_bought": "-1"}
        )
    assert set(exc.value.message_dict) == {"year_start", "days_bought"}
    assert AgencyPurchase.objects.count() == 1


def test_a_visit_names_only_pupils_the_user_sees_at_the_school(cast):
    entry = _add(cast)
    senco = cast.user(Role.SENCO)
    start = timezone.make_aware(dt.datetime(2026, 12, 10, 9, 30))
    data = {"agency": entry, "starts_at": start, "purpose": "Observe in class", "days_used": "0.5"}
    with pytest.raises(ValidationError) as exc:
        v.save_visit(actor=senco, school=cast.school, data=data, pupil_ids=[cast.other_pupil.pk])
    assert "pupils" in exc.value.message_dict and not Visit.objects.exists()
    visit = v.save_visit(actor=senco, school=cast.school, data=data, pupil_ids=[cast.pupil.pk])
    assert list(visit.visit_pupils.values_list("pupil_id", "school_id")) == [(cast.pupil.pk, cast.school.pk)]
    cancelled = v.cancel_visit(actor=senco, visit=visit, expected_version=visit.version)
    assert cancelled.cancelled
    with pytest.raises(ConflictError):
        v.cancel_visit(actor=senco, visit=visit, expected_version=visit.version)

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sendco.accounts.roles import Role
from sendco.register import services
from sendco.register.models import PupilNeed, SenStatus

D = dt.date


def test_move_to_sen_support_with_needs(cast):
    senco = cast.user(Role.SENCO)
    services.change_status(
        actor=senco,
        pupil=cast.unlinked,
        code="K",
        start_date=D(2025, 10, 1),
        reason="Concern",
        needs=[("SLCN", 1), ("SEMH", 2)],
    )
    cast.unlinked.refresh_from_db()
    assert cast.unlinked.sen_status == "K"
    assert set(PupilNeed.objects.filter(pupil=cast.unlinked).values_list("need_type", "rank")) == {
        ("SLCN", 1),
        ("SEMH", 2),
    }
    status = SenStatus.objects.get(pupil=cast.unlinked)
    assert status.history.latest().history_user == senco


def test_k_without_primary_need_is_refused(cast):
    with pytest.raises(ValidationError) as exc:
        services.change_status(
            actor=cast.user(Role.SENCO), pupil=cast.unlinked, code="K", start_date=D(2025, 10, 1), reason="x"
        )
    assert "primary need" in str(exc.value)
    assert not SenStatus.objects.filter(pupil=cast.unlinked).exists()


def test_nsa_only_with_k(cast):
    with pytest.raises(ValidationError):
        services.change_status(
            actor=cast.user(Role.SENCO),
            pupil=cast.unlinked,
            code="E",
            start_date=D(2025, 10, 1),
            reason="x",
            needs=[("NSA", 1)],
        )


def test_step_up_closes_previous_period_and_keeps_needs(cast):
    senco = cast.user(Role.SENCO)
    services.change_status(
        actor=senco, pupil=cast.pupil, code="E", start_date=D(2025, 3, 1), reason="EHC plan issued"
    )
    periods = list(
        SenStatus.objects.filter(pupil=cast.pupil)
        .order_by("start_date")
        .values_list("code", "start_date", "end_date")
    )
    assert periods == [("K", D(2024, 9, 1), D(2025, 2, 28)), ("E", D(2025, 3, 1), None)]
    cast.pupil.refresh_from_db()
    assert cast.pupil.sen_status == "E"


def test_removal_ends_needs(cast):
    services.change_status(
        actor=cast.user(Role.SENCO), pupil=cast.pupil, code="N", start_date=D(2025, 7, 1), reason="Progress"
    )
    assert not PupilNeed.objects.filter(pupil=cast.pupil, end_date__isnull=True).exists()
    cast.pupil.refresh_from_db()
    assert cast.pupil.sen_status == "N"


def test_backdating_before_latest_period_refused(cast):
    with pytest.raises(ValidationError):
        services.change_status(
            actor=cast.user(Role.SENCO), pupil=cast.pupil, code="N", start_date=D(2024, 1, 1), reason="x"
        )


def test_status_before_birth_refused(cast):
    with pytest.raises(ValidationError):
        services.change_status(
            actor=cast.user(Role.SENCO),
            pupil=cast.unlinked,
            code="K",
            start_date=D(2010, 1, 1),
            reason="x",
            needs=[("MLD", 1)],
        )


def test_teacher_cannot_change_status(cast):
    with pytest.raises(PermissionDenied):
        services.change_status(
            actor=cast.user(Role.TEACHER), pupil=cast.pupil, code="N", start_date=D(2025, 7, 1), reason="x"
        )


def test_set_needs_replaces_ranked_needs(cast):
    senco = cast.user(Role.SENCO)
    services.set_needs(actor=senco, pupil=cast.pupil, needs=[("SPLD", 1), ("SLCN", 2)], on=D(2025, 5, 1))
    current = set(
        PupilNeed.objects.filter(pupil=cast.pupil, end_date__isnull=True).values_list("need_type", "rank")
    )
    assert current == {("SPLD", 1), ("SLCN", 2)}
    services.set_needs(actor=senco, pupil=cast.pupil, needs=[("SLCN", 1)], on=D(2025, 6, 1))
    current = set(
        PupilNeed.objects.filter(pupil=cast.pupil, end_date__isnull=True).values_list("need_type", "rank")
    )
    assert current == {("SLCN", 1)}
    assert PupilNeed.objects.get(need_type="SPLD").end_date == D(2025, 5, 31)


def test_set_needs_refuses_duplicates(cast):
    with pytest.raises(ValidationError):
        services.set_needs(
            actor=cast.user(Role.SENCO), pupil=cast.pupil, needs=[("SPLD", 1), ("SPLD", 2)], on=D(2025, 5, 1)
        )


def test_the_database_refuses_a_second_open_status_or_need_rank(cast):
    from django.db import IntegrityError, transaction

    pupil, school = cast.pupil, cast.pupil.school  # on K since 2024 with a primary need
    assert SenStatus.objects.filter(pupil=pupil, end_date=None).count() == 1
    assert PupilNeed.objects.filter(pupil=pupil, end_date=None, rank=1).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        SenStatus.objects.create(pupil=pupil, school=school, code="E", start_date=dt.date(2025, 10, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        PupilNeed.objects.create(
            pupil=pupil, school=school, need_type="MLD", rank=1, start_date=dt.date(2025, 10, 1)
        )
    # Closed periods do not count: history can hold many.
    SenStatus.objects.create(
        pupil=pupil, school=school, code="K", start_date=dt.date(2023, 9, 1), end_date=dt.date(2024, 6, 1)
    )
    assert SenStatus.objects.filter(pupil=pupil).count() == 2

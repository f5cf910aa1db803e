"""Correcting and deleting recorded sessions, and the version checks on library entries, staff
rates, budgets and term dates: a stale or bad save changes nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sendco.accounts.roles import Role
from sendco.provision import selectors, services
from sendco.provision.models import Attendance, Budget, Provision, Session, StaffRate, Term

from .fixtures import provision_setup

DAY = date(2026, 11, 3)  # a Tuesday in term


@pytest.fixture
def made(cast):
    return provision_setup(cast)


@pytest.fixture
def session(cast, made):
    """The linked group's register on DAY: cast.pupil present with a note."""
    return services.record_session(
        actor=cast.user(Role.TA),
        group=made["linked"],
        day=DAY,
        held=True,
        present=[cast.pupil.pk],
        notes={cast.pupil.pk: "Read 12 words"},
    )


def _correct(cast, session, role=Role.TA, **kw):
    kw.setdefault("held", True)
    return services.correct_session(actor=cast.user(role), session=session, **kw)


# --- sessions ---------------------------------------------------------------------------------


def test_a_correction_rewrites_the_marks_bumps_the_version_and_keeps_history(cast, session):
    fixed = _correct(cast, session, present=[], notes={cast.pupil.pk: "Was on a trip"}, expected_version=1)
    mark = Attendance.objects.get(session=session)
    assert (fixed.version, mark.present, mark.note) == (2, False, "Was on a trip")
    assert session.history.first().history_change_reason == "Session corrected"
    assert mark.history.first().history_change_reason == "Session corrected"
    assert mark.history.first().history_user == cast.user(Role.TA)
    assert mark.history.count() == 2  # taken, then corrected: the first mark is still in history


def test_cancelling_a_held_session_removes_its_marks_and_holding_it_again_restores_them(cast, session):
    _correct(cast, session, held=False, cancel_reason="Fire drill", expected_version=1)
    session.refresh_from_db()
    assert (session.held, session.cancel_reason, session.attendance.count()) == (False, "Fire drill", 0)
    _correct(cast, session, present=[cast.pupil.pk], expected_version=2)
    assert list(session.attendance.values_list("pupil_id", "present")) == [(cast.pupil.pk, True)]


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"held": False, "cancel_reason": "  "}, "cancel_reason"),
        ({"present": "stranger"}, "present"),
        ({"notes": {"stranger": "hello"}}, "present"),
        ({"note": "x" * 501}, "note"),
    ],
)
def test_a_bad_correction_saves_nothing(cast, session, kw, field):
    if kw.get("present") == "stranger":
        kw["present"] = [cast.pupil.pk, cast.unlinked.pk]
    if "notes" in kw:
        kw["notes"] = {cast.unlinked.pk: "hello"}
    with pytest.raises(ValidationError) as exc:
        _correct(cast, session, **kw)
    assert field in exc.value.message_dict
    session.refresh_from_db()
    mark = Attendance.objects.get(session=session)
    assert (session.version, session.held, mark.present, mark.note) == (1, True, True, "Read 12 words")


def test_a_stale_correction_is_refused_and_the_first_one_kept(cast, session):
    _correct(cast, session, present=[], expected_version=1)
    with pytest.raises(services.ConflictError) as exc:
        _correct(cast, session, role=Role.SENCO, present=[cast.pupil.pk], expected_version=1)
    assert exc.value.current.version == 2
    assert Attendance.objects.get(session=session).present is False


def test_only_those_who_take_the_register_may_correct_or_delete(cast, session):
    for role in (Role.TEACHER, Role.PARENT, Role.GOVERNOR):
        with pytest.raises(PermissionDenied):
            _correct(cast, session, role=role)
        with pytest.raises(PermissionDenied):
            services.delete_session(actor=cast.user(role), session=session)
    assert Session.objects.filter(pk=session.pk).exists()


def test_deleting_a_session_removes_its_marks_with_who_and_why(cast, session):
    services.delete_session(actor=cast.user(Role.SENCO), session=session, expected_version=1)
    assert not Session.objects.exists() and not Attendance.objects.exists()
    gone = Session.history.filter(id=session.pk).first()
    assert (gone.history_type, gone.history_user, gone.history_change_reason) == (
        "-",
        cast.user(Role.SENCO),
        "Session deleted",
    )
    mark_gone = Attendance.history.filter(history_type="-").get()
    assert mark_gone.history_user == cast.user(Role.SENCO)
    assert mark_gone.history_change_reason == "Session deleted"


def test_deleting_a_session_changed_meanwhile_is_refused(cast, session):
    _correct(cast, session, present=[])
    with pytest.raises(services.ConflictError):
        services.delete_session(actor=cast.user(Role.TA), session=session, expected_version=1)
    assert Session.objects.filter(pk=session.pk).exists()


def test_the_same_day_may_be_recorded_again_once_deleted(cast, made, session):
    services.delete_session(actor=cast.user(Role.TA), session=session)
    again = services.record_session(actor=cast.user(Role.TA), group=made["linked"], day=DAY, held=True)
    assert again.pk != session.pk and Attendance.objects.get(session=again).present is False


# --- library, rates, budget, term dates ------------------------------------------------------


def _library_data(provision: Provision, **changes) -> dict:
    data = {
        "name": provision.name,
        "need_area": provision.need_area,
        "wave": provision.wave,
        "typical_group_size": provision.typical_group_size,
        "minutes_per_session": provision.minutes_per_session,
        "sessions_per_week": provision.sessions_per_week,
        "staff_type": provision.staff_type,
        "resource_cost_per_session": "0",
        "one_off_resource_cost": "0",
        "measure_kind": provision.measure_kind,
        "active": "on",
    }
    return {**data, **changes}


def test_a_stale_library_save_is_refused(cast, made):
    provision = made["linked"].provision
    senco = cast.user(Role.SENCO)
    services.save_provision(
        actor=senco, school=cast.school, provision=provision, data=_library_data(provision, description="A"),
        expected_version=1,
    )  # fmt: skip
    with pytest.raises(services.ConflictError):
        services.save_provision(
            actor=cast.user(Role.ASSISTANT_SENCO), school=cast.school, provision=provision,
            data=_library_data(provision, description="B"), expected_version=1,
        )  # fmt: skip
    provision.refresh_from_db()
    assert (provision.description, provision.version) == ("A", 2)


def test_a_library_entry_cannot_be_saved_under_another_school(cast, made):
    other = made["other"].provision
    with pytest.raises(PermissionDenied):
        services.save_provision(
            actor=cast.user(Role.SENCO), school=cast.school, provision=other, data=_library_data(other)
        )


def test_rates_refuse_negative_figures_and_stale_versions(cast, made):
    senco = cast.user(Role.SENCO)
    rate = StaffRate.objects.get(school=cast.school, staff_grade="TA Level 3")
    with pytest.raises(ValidationError) as exc:
        services.set_rate(
            actor=senco, school=cast.school, staff_grade="TA Level 3",
            data={"hourly": "-1", "on_cost_pct": "25"}, expected_version=1,
        )  # fmt: skip
    assert "hourly" in exc.value.message_dict
    services.set_rate(
        actor=senco, school=cast.school, staff_grade="TA Level 3",
        data={"hourly": "24.00", "on_cost_pct": "25"}, expected_version=1,
    )  # fmt: skip
    for seen in (1, 0):  # the version read before that save, or "I saw no rate for this grade"
        with pytest.raises(services.ConflictError) as exc:
            services.set_rate(
                actor=cast.user(Role.HEAD), school=cast.school, staff_grade="TA Level 3",
                data={"hourly": "30.00", "on_cost_pct": "25"}, expected_version=seen,
            )  # fmt: skip
        assert exc.value.current.hourly == Decimal("24.00")
    rate.refresh_from_db()
    assert (rate.hourly, rate.version) == (Decimal("24.00"), 2)


def test_a_new_rate_with_version_0_is_created(cast, made):
    rate = services.set_rate(
        actor=cast.user(Role.SENCO), school=cast.school, user_id=cast.user(Role.TA).pk,
        data={"hourly": "15", "on_cost_pct": "20"}, expected_version=0,
    )  # fmt: skip
    assert (rate.user, rate.version) == (cast.user(Role.TA), 1)


def test_budgets_check_the_version_and_refuse_negative_amounts(cast):
    senco = cast.user(Role.SENCO)
    budget = services.set_budget(
        actor=senco, school=cast.school, financial_year=2026, data={"notional_sen_budget": "90000"},
        expected_version=0,
    )  # fmt: skip
    with pytest.raises(services.ConflictError):
        services.set_budget(
            actor=cast.user(Role.HEAD), school=cast.school, financial_year=2026,
            data={"notional_sen_budget": "1"}, expected_version=0,
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.set_budget(
            actor=senco, school=cast.school, financial_year=2026,
            data={"notional_sen_budget": "-5"}, expected_version=1,
        )  # fmt: skip
    services.set_budget(
        actor=senco, school=cast.school, financial_year=2026, data={"notional_sen_budget": "95000"},
        expected_version=1,
    )  # fmt: skip
    budget.refresh_from_db()
    assert (budget.notional_sen_budget, budget.version) == (Decimal("95000"), 2)
    assert Budget.objects.count() == 1


TERMS = [
    ("Autumn", date(2026, 9, 3), date(2026, 12, 18)),
    ("Spring", date(2027, 1, 5), date(2027, 3, 26)),
    ("Summer", date(2027, 4, 12), date(2027, 7, 21)),
]


def test_term_dates_changed_since_the_page_was_opened_are_not_overwritten(cast):
    opened = selectors.calendar_fingerprint(cast.school, 2026)
    first = {"actor": cast.user(Role.SENCO), "school": cast.school, "academic_year": 2026}
    services.set_calendar(**first, terms=TERMS, closures=[], expected_fingerprint=opened)
    assert selectors.calendar_fingerprint(cast.school, 2026) != opened
    late = [("Autumn", date(2026, 9, 4), date(2026, 12, 18)), *TERMS[1:]]
    with pytest.raises(services.ConflictError):
        services.set_calendar(
            **{**first, "actor": cast.user(Role.HEAD)}, terms=late, closures=[], expected_fingerprint=opened
        )
    assert Term.objects.get(school=cast.school, name="Autumn").start == date(2026, 9, 3)
    # Saving again from what is there now works.
    now = selectors.calendar_fingerprint(cast.school, 2026)
    services.set_calendar(**first, terms=late, closures=[], expected_fingerprint=now)
    assert Term.objects.get(school=cast.school, name="Autumn").start == date(2026, 9, 4)

"""Staff rates, term dates, the financial year, SEN budgets and top-ups (SENCO and head)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.form_helpers import int_or_none
from sendco.core.models import School
from sendco.core.services_base import validated
from sendco.domain import term_dates as td

from .. import forms
from ..models import (
    Budget,
    Closure,
    StaffRate,
    Term,
    TopUp,
)
from ._base import _check, _check_new_or_version, _save, _save_new_once

# --- rates, terms, budget --------------------------------------------------------------------


@transaction.atomic
def set_rate(
    *,
    actor,
    school,
    data: Mapping,
    user_id: int | None = None,
    staff_grade: str = "",
    expected_version: int | None = None,
) -> StaffRate:
    """Set the rate for a person or a grade (one row each). ``expected_version`` is the
    version the caller saw, 0 if they saw no rate for them; None skips the check."""
    _check(actor, "provision.money", school)
    if not user_id and not staff_grade.strip():
        raise ValidationError({"staff_grade": ["Choose a member of staff or a staff grade"]})
    lookup: dict[str, object] = (
        {"user_id": user_id} if user_id else {"user__isnull": True, "staff_grade": staff_grade.strip()}
    )
    existing = StaffRate.objects.select_for_update().filter(school=school, **lookup).first()
    _check_new_or_version(existing, expected_version)
    instance = existing or StaffRate(
        school=school, user_id=user_id, staff_grade="" if user_id else staff_grade.strip()
    )
    form = validated(forms.RateForm(data, instance=instance))
    if existing:
        form.instance.version = existing.version + 1
    return _save_new_once(form.instance, actor, "Rate set", StaffRate.objects.filter(school=school, **lookup))


@transaction.atomic
def set_calendar(
    *,
    actor,
    school,
    academic_year: int,
    terms: list[tuple[str, date, date]],
    closures: list[tuple[date, str]],
    expected_fingerprint: str | None = None,
) -> None:
    """Replace a year's term dates and closures, after checking them with domain.term_dates.
    ``expected_fingerprint`` is selectors.calendar_fingerprint as the caller read the year:
    if the saved dates changed since, ConflictError (its ``current`` is the new fingerprint)."""
    from ..selectors import calendar_fingerprint

    _check(actor, "provision.money", school)  # SENCO and head keep the calendar
    # Lock the school row: a year may have no rows yet, and two first saves must still queue.
    School.objects.select_for_update().filter(pk=school.pk).first()
    if expected_fingerprint is not None:
        now = calendar_fingerprint(school, academic_year)
        if now != expected_fingerprint:
            raise ConflictError(now)
    errors = {}
    try:
        cal = td.SchoolCalendar(terms=tuple(td.Term(n, s, e) for n, s, e in terms))
    except ValueError as exc:
        text = str(exc)
        errors["terms"] = [text[:1].upper() + text[1:]]  # keep the term's own name as typed
    else:
        lo, hi = date(academic_year, 8, 1), date(academic_year + 1, 8, 31)
        if not terms:
            errors["terms"] = ["Enter at least one term"]
        elif cal.terms[0].start < lo or cal.terms[-1].end > hi:
            errors["terms"] = [
                f"Terms must fall within the {academic_year}/{str(academic_year + 1)[2:]} school year"
            ]
        outside = [d for d, _ in closures if cal.term_for(d) is None]
        if outside:
            errors["closures"] = [f"{d:%-d %B %Y} is not in any term" for d in outside]
    if errors:
        raise ValidationError(errors)
    for model in (Term, Closure):
        for row in model.objects.filter(school=school, academic_year=academic_year):
            row._history_user = actor
            row.delete()
    for name, start, end in terms:
        _save(
            Term(school=school, academic_year=academic_year, name=name, start=start, end=end),
            actor,
            "Term dates",
        )
    for day, reason in closures:
        _save(
            Closure(school=school, academic_year=academic_year, date=day, reason=reason or "INSET day"),
            actor,
            "Closure",
        )


@transaction.atomic
def set_financial_year_start(*, actor, school, data: Mapping):
    """April–March (maintained) or September–August (academy): the year budgets are set for."""
    _check(actor, "provision.money", school)
    form = validated(forms.FinancialYearForm(data, instance=school))
    return _save(form.instance, actor, "Financial year changed")


@transaction.atomic
def set_budget(
    *, actor, school, financial_year: int, data: Mapping, expected_version: int | None = None
) -> Budget:
    """``expected_version``: the version the caller saw, 0 if there was no budget yet."""
    _check(actor, "provision.money", school)
    same = Budget.objects.filter(school=school, financial_year=financial_year)
    existing = same.select_for_update().first()
    _check_new_or_version(existing, expected_version)
    form = validated(
        forms.BudgetForm(data, instance=existing or Budget(school=school, financial_year=financial_year))
    )
    if existing:
        form.instance.version = existing.version + 1
    return _save_new_once(form.instance, actor, "SEN budget set", same)


@transaction.atomic
def set_top_up(*, actor, school, financial_year: int, data: Mapping) -> TopUp:
    _check(actor, "provision.money", school)
    pupil = policy.pupils(actor).filter(school=school, pk=int_or_none(data.get("pupil_id"))).first()
    choices = [(pupil.pk, str(pupil))] if pupil else []
    existing = TopUp.objects.filter(pupil=pupil, financial_year=financial_year).first() if pupil else None
    form = validated(
        forms.TopUpForm(
            data,
            pupil_choices=choices,
            instance=existing or TopUp(school=school, financial_year=financial_year),
        )
    )
    form.instance.pupil_id = form.cleaned_data["pupil_id"]
    return _save(form.instance, actor, "Top-up funding recorded")

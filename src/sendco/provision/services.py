"""Writes for the provision map: keyword-only, atomic, permission first, validated with the
same forms as the pages (nothing saved on an error), history with the actor and a reason.
Groups and places carry a version: a save based on an old version raises ConflictError."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sendco.accounts.models import Membership as StaffMembership
from sendco.accounts.roles import STAFF_ROLES
from sendco.core.access import policy
from sendco.core.form_helpers import int_or_none
from sendco.domain import term_dates as td

from . import forms
from .models import (
    Attendance,
    Budget,
    Closure,
    GroupMember,
    GroupStaff,
    Provision,
    ProvisionGroup,
    Session,
    StaffRate,
    Term,
    TopUp,
)


class ConflictError(Exception):
    def __init__(self, current):
        super().__init__("changed by someone else")
        self.current = current


def _check(actor, perm: str, obj) -> None:
    if not policy.can(actor, perm, obj):
        raise PermissionDenied


def _valid(form):
    if not form.is_valid():
        raise ValidationError({k: list(v) for k, v in form.errors.items()})
    return form


def _save(obj, actor, reason: str):
    obj._history_user = actor
    obj._change_reason = reason
    obj.save()
    return obj


def school_staff(school) -> list[tuple[int, str]]:
    """(user id, name) of the staff at ``school`` who could run a group."""
    rows = (
        StaffMembership.objects.filter(school=school, active=True, role__in=[r.value for r in STAFF_ROLES])
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    seen, out = set(), []
    for m in rows:
        if m.user_id not in seen:
            seen.add(m.user_id)
            out.append((m.user_id, m.user.get_full_name() or m.user.username))
    return out


# --- library ----------------------------------------------------------------------------------


@transaction.atomic
def save_provision(*, actor, school, data: Mapping, provision: Provision | None = None) -> Provision:
    _check(actor, "provision.manage", school)
    form = _valid(forms.ProvisionForm(data, instance=provision or Provision(school=school)))
    if (
        Provision.objects.filter(school=school, name=form.cleaned_data["name"])
        .exclude(pk=form.instance.pk)
        .exists()
    ):
        raise ValidationError({"name": ["The library already has a provision with this name"]})
    return _save(form.instance, actor, "Library entry saved")


@transaction.atomic
def add_example_provisions(*, actor, school) -> int:
    """Add the example interventions (library_seed) the school does not have yet, by name."""
    from .library_seed import example_rows

    _check(actor, "provision.manage", school)
    have = set(Provision.objects.filter(school=school).values_list("name", flat=True))
    added = 0
    for row in example_rows(school):
        if row.name not in have:
            _save(row, actor, "Example added to the library")
            added += 1
    return added


# --- groups -----------------------------------------------------------------------------------


@transaction.atomic
def save_group(
    *,
    actor,
    school,
    provision: Provision,
    data: Mapping,
    group: ProvisionGroup | None = None,
    expected_version: int | None = None,
) -> ProvisionGroup:
    _check(actor, "provision.manage", school)
    if provision.school_id != school.pk:
        raise ValidationError({"provision": ["Choose a provision from this school's library"]})
    if group is not None:
        current = ProvisionGroup.objects.select_for_update().get(pk=group.pk)
        if expected_version is not None and current.version != expected_version:
            raise ConflictError(current)
    form = _valid(
        forms.GroupForm(
            data,
            instance=group or ProvisionGroup(school=school, provision=provision),
            staff_choices=school_staff(school),
        )
    )
    obj = form.instance
    obj.weekdays = ",".join(str(d) for d in sorted(form.cleaned_data["weekday_set"]))
    if group is not None:
        obj.version = current.version + 1  # the row is locked: nobody else can bump it meanwhile
    _save(obj, actor, "Group updated" if group else "Group started")
    wanted = set(form.cleaned_data["staff_ids"])
    existing = {s.user_id: s for s in GroupStaff.objects.filter(group=obj)}
    for user_id, link in existing.items():
        if user_id not in wanted:
            link._history_user = actor
            link.delete()
    for user_id in wanted - set(existing):
        _save(GroupStaff(school=school, group=obj, user_id=user_id), actor, "Staff added to group")
    return obj


@transaction.atomic
def add_member(*, actor, group: ProvisionGroup, data: Mapping) -> GroupMember:
    _check(actor, "provision.manage", group)
    visible = policy.pupils(actor).filter(school=group.school_id)
    choices = [(p.pk, str(p)) for p in visible.filter(pk=int_or_none(data.get("pupil_id")))]
    form = _valid(
        forms.MemberForm(
            data, pupil_choices=choices, instance=GroupMember(group=group, school_id=group.school_id)
        )
    )
    member = form.instance
    member.pupil_id = form.cleaned_data["pupil_id"]
    if member.joined < group.start_date or member.joined > group.end_date:
        raise ValidationError(
            {
                "joined": [
                    "Joining date must be within the dates the group runs"
                    f" ({group.start_date:%d/%m/%Y} to {group.end_date:%d/%m/%Y})"
                ]
            }
        )
    overlapping = GroupMember.objects.filter(group=group, pupil_id=member.pupil_id).exclude(
        left__lt=member.joined
    )
    if overlapping.exists():
        raise ValidationError({"pupil_id": ["This pupil already has a place in this group on that date"]})
    return _save(member, actor, "Added to provision group")


@transaction.atomic
def record_measures(
    *, actor, member: GroupMember, data: Mapping, expected_version: int | None = None
) -> GroupMember:
    _check(actor, "provision.register", member.group)
    current = GroupMember.objects.select_for_update().get(pk=member.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(current)
    form = _valid(forms.MeasureForm(data, instance=current))
    _validate_measure(member.group.measure_kind, form.cleaned_data)
    form.instance.version = current.version + 1  # the row is locked: nobody else can bump it meanwhile
    _save(form.instance, actor, "Entry/exit measures recorded")
    form.instance.refresh_from_db()  # decimals back as the database keeps them
    return form.instance


def _validate_measure(kind: str, data: Mapping) -> None:
    from sendco.domain import impact

    errors = {}
    for name in ("entry_value", "exit_value"):
        value = data.get(name)
        if value is None:
            continue
        try:
            impact.progress(kind, value, None)
        except (ValueError, TypeError) as exc:
            errors[name] = [str(exc).split(": ", 1)[-1]]
    if errors:
        raise ValidationError(errors)


# --- sessions and attendance -----------------------------------------------------------------


@transaction.atomic
def record_session(
    *,
    actor,
    group: ProvisionGroup,
    day: date,
    held: bool,
    cancel_reason: str = "",
    note: str = "",
    present: Iterable[int] = (),
    notes: Mapping[int, str] | None = None,
) -> Session:
    """Record one session and its register in one go. Every member on ``day`` gets a mark
    (present if listed in ``present``); a pupil who is not a member that day is refused."""
    _check(actor, "provision.register", group)
    notes = {int(k): v.strip() for k, v in (notes or {}).items() if v and v.strip()}
    present = {int(p) for p in present}
    errors: dict[str, list[str]] = {}
    if not group.start_date <= day <= group.end_date:
        errors["date"] = [f"The group runs from {group.start_date:%d/%m/%Y} to {group.end_date:%d/%m/%Y}"]
    if Session.objects.filter(group=group, date=day).exists():
        errors["date"] = [f"A session on {day:%d/%m/%Y} is already recorded for this group"]
    if not held and not cancel_reason.strip():
        errors["cancel_reason"] = ["Say why the session was cancelled"]
    members = set(
        GroupMember.objects.filter(group=group, joined__lte=day)
        .exclude(left__lt=day)
        .values_list("pupil_id", flat=True)
    )
    strangers = (present | set(notes)) - members
    if strangers:
        errors["present"] = ["Attendance can only be recorded for pupils in the group on that date"]
    if any(len(text) > 300 for text in notes.values()):
        errors["notes"] = ["Keep each note under 300 characters"]
    if len(note) > 500:
        errors["note"] = ["Keep the note under 500 characters"]
    if errors:
        raise ValidationError(errors)
    session = Session(
        school_id=group.school_id,
        group=group,
        date=day,
        held=held,
        cancel_reason="" if held else cancel_reason.strip()[:200],
        note=note.strip(),
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            _save(session, actor, "Session recorded")
    except IntegrityError:  # two people saved the same register at once
        raise ValidationError({"date": [f"A session on {day:%d/%m/%Y} is already recorded for this group"]})
    if held:
        marks = [
            Attendance(
                school_id=group.school_id,
                session=session,
                pupil_id=pupil_id,
                present=pupil_id in present,
                note=notes.get(pupil_id, ""),
            )
            for pupil_id in sorted(members)
        ]
        from simple_history.utils import bulk_create_with_history

        bulk_create_with_history(
            marks, Attendance, default_user=actor, default_change_reason="Register taken"
        )
    return session


# --- rates, terms, budget --------------------------------------------------------------------


@transaction.atomic
def set_rate(*, actor, school, data: Mapping, user_id: int | None = None, staff_grade: str = "") -> StaffRate:
    _check(actor, "provision.money", school)
    if not user_id and not staff_grade.strip():
        raise ValidationError({"staff_grade": ["Choose a member of staff or a staff grade"]})
    lookup = {"user_id": user_id} if user_id else {"user__isnull": True, "staff_grade": staff_grade.strip()}
    existing = StaffRate.objects.filter(school=school, **lookup).first()
    instance = existing or StaffRate(
        school=school, user_id=user_id, staff_grade="" if user_id else staff_grade.strip()
    )
    form = _valid(forms.RateForm(data, instance=instance))
    return _save(form.instance, actor, "Rate set")


@transaction.atomic
def set_calendar(
    *,
    actor,
    school,
    academic_year: int,
    terms: list[tuple[str, date, date]],
    closures: list[tuple[date, str]],
) -> None:
    """Replace a year's term dates and closures, after checking them with domain.term_dates."""
    _check(actor, "provision.money", school)  # SENCO and head keep the calendar
    errors = {}
    try:
        cal = td.SchoolCalendar(terms=tuple(td.Term(n, s, e) for n, s, e in terms))
    except ValueError as exc:
        errors["terms"] = [str(exc).capitalize()]
    else:
        lo, hi = date(academic_year, 8, 1), date(academic_year + 1, 8, 31)
        if not terms:
            errors["terms"] = ["Enter at least one term"]
        elif cal.start < lo or cal.end > hi:
            errors["terms"] = [
                f"Terms must fall within the {academic_year}/{str(academic_year + 1)[2:]} school year"
            ]
        outside = [d for d, _ in closures if cal.term_for(d) is None]
        if outside:
            errors["closures"] = [f"{d:%d/%m/%Y} is not in any term" for d in outside]
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
    form = _valid(forms.FinancialYearForm(data, instance=school))
    return _save(form.instance, actor, "Financial year changed")


@transaction.atomic
def set_budget(*, actor, school, financial_year: int, data: Mapping) -> Budget:
    _check(actor, "provision.money", school)
    instance = Budget.objects.filter(school=school, financial_year=financial_year).first()
    form = _valid(
        forms.BudgetForm(data, instance=instance or Budget(school=school, financial_year=financial_year))
    )
    return _save(form.instance, actor, "SEN budget set")


@transaction.atomic
def set_top_up(*, actor, school, financial_year: int, data: Mapping) -> TopUp:
    _check(actor, "provision.money", school)
    pupil = policy.pupils(actor).filter(school=school, pk=int_or_none(data.get("pupil_id"))).first()
    choices = [(pupil.pk, str(pupil))] if pupil else []
    existing = TopUp.objects.filter(pupil=pupil, financial_year=financial_year).first() if pupil else None
    form = _valid(
        forms.TopUpForm(
            data,
            pupil_choices=choices,
            instance=existing or TopUp(school=school, financial_year=financial_year),
        )
    )
    form.instance.pupil_id = form.cleaned_data["pupil_id"]
    return _save(form.instance, actor, "Top-up funding recorded")

"""Writes for the provision map: keyword-only, atomic, permission first, validated with the
same forms as the pages (nothing saved on an error), history with the actor and a reason.
Library entries, groups, places, sessions, rates and budgets carry a version (a year's term
dates a fingerprint): a save based on an old one raises ConflictError and changes nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from sendco.accounts.models import Membership as StaffMembership
from sendco.accounts.roles import STAFF_ROLES
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.form_helpers import int_or_none
from sendco.core.models import School
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


def _check(actor, perm: str, obj) -> None:
    if not policy.can(actor, perm, obj):
        raise PermissionDenied


def _valid(form):
    if not form.is_valid():
        raise ValidationError({k: list(v) for k, v in form.errors.items()})
    return form


def _locked(model, pk: int, expected_version: int | None):
    """The row, locked until the transaction ends, after checking it is still the version the
    caller read (None: no check, for callers that did not read it first)."""
    current = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(current)
    return current


def _check_new_or_version(existing, expected_version: int | None) -> None:
    """For upserts (rates, budgets): version 0 means "I saw none", so a row someone else
    created meanwhile is a conflict too."""
    if expected_version is None:
        return
    if (existing.version if existing else 0) != expected_version:
        raise ConflictError(existing)


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
def save_provision(
    *,
    actor,
    school,
    data: Mapping,
    provision: Provision | None = None,
    expected_version: int | None = None,
) -> Provision:
    _check(actor, "provision.manage", school)
    if provision is not None and provision.school_id != school.pk:
        raise PermissionDenied
    current = _locked(Provision, provision.pk, expected_version) if provision else None
    form = _valid(forms.ProvisionForm(data, instance=current or Provision(school=school)))
    if (
        Provision.objects.filter(school=school, name=form.cleaned_data["name"])
        .exclude(pk=form.instance.pk)
        .exists()
    ):
        raise ValidationError({"name": ["The library already has a provision with this name"]})
    if current is not None:
        form.instance.version = current.version + 1  # the row is locked: nobody else can bump it
    return _save(form.instance, actor, "Library entry updated" if current else "Library entry saved")


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
        current = _locked(ProvisionGroup, group.pk, expected_version)
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
                    f" ({group.start_date:%-d %B %Y} to {group.end_date:%-d %B %Y})"
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
    current = _locked(GroupMember, member.pk, expected_version)
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


def _members_on(group: ProvisionGroup, day: date) -> set[int]:
    return set(
        GroupMember.objects.filter(group=group, joined__lte=day)
        .exclude(left__lt=day)
        .values_list("pupil_id", flat=True)
    )


def _register_errors(
    *, held: bool, cancel_reason: str, note: str, present: set[int], notes: dict, members: set[int]
) -> dict[str, list[str]]:
    """The rules a register must meet, whether first recorded or corrected."""
    errors: dict[str, list[str]] = {}
    if not held and not cancel_reason.strip():
        errors["cancel_reason"] = ["Say why the session was cancelled"]
    if (present | set(notes)) - members:
        errors["present"] = ["Attendance can only be recorded for pupils in the group on that date"]
    if any(len(text) > 300 for text in notes.values()):
        errors["notes"] = ["Keep each note under 300 characters"]
    if len(note) > 500:
        errors["note"] = ["Keep the note under 500 characters"]
    return errors


def _clean_marks(present: Iterable[int], notes: Mapping | None) -> tuple[set[int], dict[int, str]]:
    return {int(p) for p in present}, {int(k): v.strip() for k, v in (notes or {}).items() if v and v.strip()}


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
    present, notes = _clean_marks(present, notes)
    members = _members_on(group, day)
    errors = {}  # the date first: it is the first field on the page, so first in the summary
    if not group.start_date <= day <= group.end_date:
        errors["date"] = [f"The group runs from {group.start_date:%-d %B %Y} to {group.end_date:%-d %B %Y}"]
    elif day > timezone.localdate():
        errors["date"] = ["A register can only be taken on the day or afterwards, not in advance"]
    if Session.objects.filter(group=group, date=day).exists():
        errors["date"] = [f"A session on {day:%-d %B %Y} is already recorded for this group"]
    errors |= _register_errors(
        held=held, cancel_reason=cancel_reason, note=note, present=present, notes=notes, members=members
    )
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
        raise ValidationError({"date": [f"A session on {day:%-d %B %Y} is already recorded for this group"]})
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
        bulk_create_with_history(
            marks, Attendance, default_user=actor, default_change_reason="Register taken"
        )
    return session


@transaction.atomic
def correct_session(
    *,
    actor,
    session: Session,
    held: bool,
    cancel_reason: str = "",
    note: str = "",
    present: Iterable[int] = (),
    notes: Mapping[int, str] | None = None,
    expected_version: int | None = None,
) -> Session:
    """Correct a recorded session: the same rules as recording it, and the register is
    rewritten (each member on that date gets a mark again; a cancelled session has none).
    Marks are updated in place where they exist so history shows what changed on each."""
    _check(actor, "provision.register", session.group)
    current = _locked(Session, session.pk, expected_version)
    present, notes = _clean_marks(present, notes)
    members = _members_on(session.group, current.date)
    errors = _register_errors(
        held=held, cancel_reason=cancel_reason, note=note, present=present, notes=notes, members=members
    )
    if errors:
        raise ValidationError(errors)
    reason = "Session corrected"
    current.held = held
    current.cancel_reason = "" if held else cancel_reason.strip()[:200]
    current.note = note.strip()
    current.version += 1
    _save(current, actor, reason)
    keep = members if held else set()
    for mark in Attendance.objects.filter(session=current):
        if mark.pupil_id not in keep:
            mark._history_user, mark._change_reason = actor, reason
            mark.delete()
        elif (mark.present, mark.note) != (mark.pupil_id in present, notes.get(mark.pupil_id, "")):
            mark.present, mark.note = mark.pupil_id in present, notes.get(mark.pupil_id, "")
            _save(mark, actor, reason)
        keep = keep - {mark.pupil_id}
    for pupil_id in sorted(keep):  # members with no mark yet (the session was cancelled before)
        _save(
            Attendance(
                school_id=current.school_id,
                session=current,
                pupil_id=pupil_id,
                present=pupil_id in present,
                note=notes.get(pupil_id, ""),
            ),
            actor,
            reason,
        )
    return current


@transaction.atomic
def delete_session(*, actor, session: Session, expected_version: int | None = None) -> None:
    """Delete a session recorded by mistake, and its marks. History keeps every row, with
    who deleted it; the marks go first so each has the actor and reason (a cascade would not)."""
    _check(actor, "provision.register", session.group)
    current = _locked(Session, session.pk, expected_version)
    for row in [*Attendance.objects.filter(session=current), current]:
        row._history_user, row._change_reason = actor, "Session deleted"
        row.delete()


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
    lookup = {"user_id": user_id} if user_id else {"user__isnull": True, "staff_grade": staff_grade.strip()}
    existing = StaffRate.objects.select_for_update().filter(school=school, **lookup).first()
    _check_new_or_version(existing, expected_version)
    instance = existing or StaffRate(
        school=school, user_id=user_id, staff_grade="" if user_id else staff_grade.strip()
    )
    form = _valid(forms.RateForm(data, instance=instance))
    if existing:
        form.instance.version = existing.version + 1
    return _save_new_once(form.instance, actor, "Rate set", StaffRate.objects.filter(school=school, **lookup))


def _save_new_once(obj, actor, reason: str, same):
    """Save; if a unique constraint says someone created the same row a moment ago, that is a
    conflict with their row, not a server error."""
    try:
        with transaction.atomic():
            return _save(obj, actor, reason)
    except IntegrityError:
        raise ConflictError(same.first())


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
    from .selectors import calendar_fingerprint

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
        elif cal.start < lo or cal.end > hi:
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
    form = _valid(forms.FinancialYearForm(data, instance=school))
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
    form = _valid(
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
    form = _valid(
        forms.TopUpForm(
            data,
            pupil_choices=choices,
            instance=existing or TopUp(school=school, financial_year=financial_year),
        )
    )
    form.instance.pupil_id = form.cleaned_data["pupil_id"]
    return _save(form.instance, actor, "Top-up funding recorded")

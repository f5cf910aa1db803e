"""Writes for the provision map: keyword-only, atomic, permission first, validated with the
same forms as the pages (nothing saved on an error), history with the actor and a reason.
Library entries, groups, places, sessions, rates and budgets carry a version (a year's term
dates a fingerprint): a save based on an old one raises ConflictError and changes nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from sendco.accounts.models import Membership as StaffMembership
from sendco.accounts.roles import STAFF_ROLES
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.form_helpers import int_or_none
from sendco.core.models import School
from sendco.domain import impact
from sendco.domain import term_dates as td

from . import forms
from .models import (
    Attendance,
    Budget,
    Closure,
    GroupMember,
    GroupStaff,
    Measure,
    Provision,
    ProvisionGroup,
    Score,
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
    _save_first_measure(obj, form.cleaned_data, actor)
    wanted = set(form.cleaned_data["staff_ids"])
    existing = {s.user_id: s for s in GroupStaff.objects.filter(group=obj)}
    for user_id, link in existing.items():
        if user_id not in wanted:
            link._history_user = actor
            link.delete()
    for user_id in wanted - set(existing):
        _save(GroupStaff(school=school, group=obj, user_id=user_id), actor, "Staff added to group")
    return obj


def _save_first_measure(group: ProvisionGroup, data: Mapping, actor) -> None:
    """The group form carries the first measure (position 1 when the group starts)."""
    wanted = {
        "kind": data["measure_kind"],
        "name": data["measure_name"],
        "expected_gain": data["expected_gain"],
    }
    first = group.measures.order_by("position").select_for_update().first()
    if first is None:
        _save(Measure(school_id=group.school_id, group=group, position=1, **wanted), actor, "Measure added")
    elif any(getattr(first, k) != v for k, v in wanted.items()):
        _check_kind_fits_scores(first, wanted["kind"], field="measure_kind")
        for k, v in wanted.items():
            setattr(first, k, v)
        _save(first, actor, "Measure changed")


@transaction.atomic
def add_member(*, actor, group: ProvisionGroup, data: Mapping) -> GroupMember:
    """A place, and the entry score on the group's first measure if one is given."""
    _check(actor, "provision.manage", group)
    visible = policy.pupils(actor).filter(school=group.school_id)
    choices = [(p.pk, str(p)) for p in visible.filter(pk=int_or_none(data.get("pupil_id")))]
    first = group.measures.order_by("position").first()
    form = _valid(
        forms.MemberForm(
            data,
            pupil_choices=choices,
            measure=first,
            instance=GroupMember(group=group, school_id=group.school_id),
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
    _save(member, actor, "Added to provision group")
    entry = {k: form.cleaned_data.get(k) for k in ("entry_value", "entry_on")}
    if first is not None and any(v is not None for v in entry.values()):
        _save(Score(**_score_keys(member, first), **entry), actor, "Entry score recorded")
    return member


# --- measures and scores ------------------------------------------------------------------------


def _score_keys(place: GroupMember, measure: Measure) -> dict:
    return {"school_id": place.school_id, "pupil_id": place.pupil_id, "place": place, "measure": measure}


def _pupils_have(n: int) -> str:
    return "1 pupil has" if n == 1 else f"{n} pupils have"


def _check_kind_fits_scores(measure: Measure, kind: str, *, field: str = "kind") -> None:
    """Refuse a change of kind that recorded scores cannot be (a reading age of 110 months is
    not a target rating), rather than leave the impact report unable to read them."""
    if kind == measure.kind:
        return
    bad = 0
    for values in Score.objects.filter(measure=measure).values_list("entry_value", "exit_value"):
        try:
            for v in values:
                if v is not None:
                    impact.progress(kind, v, None)
        except (ValueError, TypeError):
            bad += 1
    if bad:
        raise ValidationError({field: [f"{_pupils_have(bad)} scores that cannot be this kind of measure"]})


@transaction.atomic
def add_measure(*, actor, group: ProvisionGroup, data: Mapping) -> Measure:
    """Track another measure in ``group`` (after the others)."""
    _check(actor, "provision.manage", group)
    ProvisionGroup.objects.select_for_update().filter(pk=group.pk).first()  # two adds queue for a position
    form = _valid(forms.MeasureForm(data, instance=Measure(school_id=group.school_id, group=group)))
    last = Measure.objects.filter(group=group).aggregate(last=Max("position"))["last"] or 0
    form.instance.position = last + 1
    return _save(form.instance, actor, "Measure added")


@transaction.atomic
def change_measure(*, actor, measure: Measure, data: Mapping) -> Measure:
    """Rename a measure, or change its kind or expected gain (the kind only if its scores fit)."""
    _check(actor, "provision.manage", measure.group)
    current = Measure.objects.select_for_update().get(pk=measure.pk)
    was = current.kind
    form = _valid(forms.MeasureForm(data, instance=current))
    current.kind = was
    _check_kind_fits_scores(current, form.cleaned_data["kind"])
    form.instance.kind = form.cleaned_data["kind"]
    return _save(form.instance, actor, "Measure changed")


def scored_places(measure: Measure) -> int:
    """How many places have a value or date recorded on ``measure``."""
    empty = {f: None for f in ("entry_value", "entry_on", "exit_value", "exit_on")}
    return Score.objects.filter(measure=measure).exclude(**empty).count()


@transaction.atomic
def remove_measure(*, actor, measure: Measure, confirmed: bool = False) -> None:
    """Stop tracking a measure. A group keeps at least one; a measure with scores goes only
    when ``confirmed``, and its scores go with it (one by one, so history has who and why)."""
    _check(actor, "provision.manage", measure.group)
    current = Measure.objects.select_for_update().get(pk=measure.pk)
    if not Measure.objects.filter(group_id=current.group_id).exclude(pk=current.pk).exists():
        raise ValidationError({"confirm": ["A group keeps at least one measure: change this one instead"]})
    scored = scored_places(current)
    if scored and not confirmed:
        message = f"{_pupils_have(scored)} scores on this measure: confirm to remove them too"
        raise ValidationError({"confirm": [message]})
    for row in [*Score.objects.filter(measure=current), current]:
        row._history_user, row._change_reason = actor, "Measure removed"
        row.delete()


def _store_score(actor, form, expected_version: int | None) -> Score:
    """Save a validated ScoreForm whose values changed, after the version check (0: the caller
    saw no score yet). Two first saves at once: the second is a conflict, not a server error."""
    existing = form.instance if form.instance.pk else None
    try:
        _check_new_or_version(existing, expected_version)
    except ConflictError:  # the form has put the caller's values on the instance: send the saved ones
        raise ConflictError(existing and Score.objects.get(pk=existing.pk)) from None
    if existing is None:
        same = Score.objects.filter(place=form.instance.place, measure=form.instance.measure)
        return _save_new_once(form.instance, actor, "Scores recorded", same)
    form.instance.version = existing.version + 1  # the row is locked: nobody else can bump it meanwhile
    return _save(form.instance, actor, "Scores recorded")


def score_forms(place: GroupMember, measures, scores: Mapping[int, Score], data=None) -> list:
    """One ScoreForm per measure (prefix ``m<measure id>``), bound to ``data`` if given."""
    return [
        forms.ScoreForm(
            data,
            prefix=f"m{m.pk}",
            measure=m,
            instance=scores.get(m.pk) or Score(**_score_keys(place, m)),
        )
        for m in measures
    ]


@transaction.atomic
def record_scores(
    *, actor, member: GroupMember, data: Mapping, expected_version: int | None = None
) -> GroupMember:
    """The scores page: the leaving date and every measure's entry/exit values in one go.
    ``expected_version`` is the place's; each score's is ``m<measure id>-version`` in ``data``
    (0: none yet). Only the parts whose values changed are checked and saved, so two people
    entering different measures for the same pupil do not collide. Any conflict raises
    ConflictError with the place and nothing is saved."""
    _check(actor, "provision.register", member.group)
    current = GroupMember.objects.select_for_update().get(pk=member.pk)
    measures = list(Measure.objects.filter(group_id=current.group_id))
    scores = {s.measure_id: s for s in Score.objects.select_for_update().filter(place=current)}
    place_form = forms.PlaceForm(data, instance=current)
    parts = score_forms(current, measures, scores, data)
    errors = {}
    for form in (place_form, *parts):
        if not form.is_valid():
            errors |= {form.add_prefix(k) if k != "__all__" else k: list(v) for k, v in form.errors.items()}
    if errors:
        raise ValidationError(errors)
    try:
        if place_form.has_changed():
            if expected_version is not None and current.version != expected_version:
                raise ConflictError(current)
            current.version += 1
            _save(current, actor, "Leaving date recorded")
        for form in parts:
            if form.has_changed():
                _store_score(actor, form, int_or_none(data.get(form.add_prefix("version"))))
    except ConflictError:
        raise ConflictError(GroupMember.objects.get(pk=member.pk)) from None
    return current


@transaction.atomic
def record_score(
    *, actor, member: GroupMember, measure: Measure, data: Mapping, expected_version: int | None = None
) -> Score:
    """One measure's entry/exit values for one place (the API). Unchanged values save nothing;
    an unsaved Score (version 0) comes back when there is none and nothing was given."""
    _check(actor, "provision.register", member.group)
    if measure.group_id != member.group_id:
        raise PermissionDenied
    existing = Score.objects.select_for_update().filter(place=member, measure=measure).first()
    form = _valid(
        forms.ScoreForm(data, measure=measure, instance=existing or Score(**_score_keys(member, measure)))
    )
    if not form.has_changed():
        return existing or Score(**_score_keys(member, measure), version=0)
    _store_score(actor, form, expected_version)
    form.instance.refresh_from_db()  # decimals back as the database keeps them
    return form.instance


@transaction.atomic
def update_place(
    *, actor, member: GroupMember, data: Mapping, expected_version: int | None = None
) -> GroupMember:
    """The leaving date of a place (the API; the scores page saves it with the scores)."""
    _check(actor, "provision.register", member.group)
    current = _locked(GroupMember, member.pk, expected_version)
    form = _valid(forms.PlaceForm(data, instance=current))
    form.instance.version = current.version + 1  # the row is locked: nobody else can bump it meanwhile
    return _save(form.instance, actor, "Leaving date recorded")


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

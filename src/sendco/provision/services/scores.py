"""Measures of a group and each pupil's entry/exit scores on them."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from sendco.core.concurrency import ConflictError
from sendco.core.form_helpers import int_or_none
from sendco.core.services_base import stamp_change, validated
from sendco.domain import impact

from .. import forms
from ..models import (
    GroupMember,
    Measure,
    ProvisionGroup,
    Score,
)
from ._base import _check, _check_new_or_version, _locked, _save, _save_new_once

# --- measures and scores ------------------------------------------------------------------------


def _score_keys(place: GroupMember, measure: Measure) -> dict:
    return {"school_id": place.school_id, "pupil_id": place.pupil_id, "place": place, "measure": measure}


def _pupils_have(n: int) -> str:
    return "1 pupil has" if n == 1 else f"{n} pupils have"


def _check_kind_fits_scores(measure_id: int, was: str, kind: str, *, field: str = "kind") -> None:
    """Refuse a change of kind (from ``was``) that recorded scores cannot be (a reading age of
    110 months is not a target rating), rather than leave the impact report unable to read them."""
    if kind == was:
        return
    bad = 0
    for values in Score.objects.filter(measure_id=measure_id).values_list("entry_value", "exit_value"):
        try:
            for v in values:
                if v is not None:
                    impact.progress(kind, float(v), None)
        except (ValueError, TypeError):
            bad += 1
    if bad:
        raise ValidationError({field: [f"{_pupils_have(bad)} scores that cannot be this kind of measure"]})


@transaction.atomic
def add_measure(*, actor, group: ProvisionGroup, data: Mapping) -> Measure:
    """Track another measure in ``group`` (after the others)."""
    _check(actor, "provision.manage", group)
    ProvisionGroup.objects.select_for_update().filter(pk=group.pk).first()  # two adds queue for a position
    form = validated(forms.MeasureForm(data, instance=Measure(school_id=group.school_id, group=group)))
    last = Measure.objects.filter(group=group).aggregate(last=Max("position"))["last"] or 0
    form.instance.position = last + 1
    return _save(form.instance, actor, "Measure added")


@transaction.atomic
def change_measure(*, actor, measure: Measure, data: Mapping, expected_version: int | None = None) -> Measure:
    """Rename a measure, or change its kind or expected gain (the kind only if its scores fit).
    A save based on an old ``expected_version`` raises ConflictError and changes nothing."""
    _check(actor, "provision.manage", measure.group)
    current = _locked(Measure, measure.pk, expected_version)
    was = current.kind  # the form writes the new kind onto ``current`` as it validates
    form = validated(forms.MeasureForm(data, instance=current))
    _check_kind_fits_scores(current.pk, was, form.cleaned_data["kind"])
    form.instance.version = current.version + 1
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
        stamp_change(row, actor=actor, reason="Measure removed").delete()


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
    errors: dict[str, list[str]] = {}
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
    form = validated(
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
    form = validated(forms.PlaceForm(data, instance=current))
    form.instance.version = current.version + 1  # the row is locked: nobody else can bump it meanwhile
    return _save(form.instance, actor, "Leaving date recorded")

"""Library entries, groups and places (a pupil joining a group)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sendco.core.access import policy
from sendco.core.form_helpers import int_or_none
from sendco.core.services_base import validated

from .. import forms
from ..models import (
    GroupMember,
    GroupStaff,
    Measure,
    Provision,
    ProvisionGroup,
    Score,
)
from ._base import _check, _locked, _save, school_staff
from .scores import _check_kind_fits_scores, _score_keys

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
    form = validated(forms.ProvisionForm(data, instance=current or Provision(school=school)))
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
    from ..library_seed import example_rows

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
    form = validated(
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
        _check_kind_fits_scores(first.pk, first.kind, wanted["kind"], field="measure_kind")
        for k, v in wanted.items():
            setattr(first, k, v)
        first.version += 1  # locked above: whoever has the measure's own page open sees a conflict
        _save(first, actor, "Measure changed")


@transaction.atomic
def add_member(*, actor, group: ProvisionGroup, data: Mapping) -> GroupMember:
    """A place, and the entry score on the group's first measure if one is given."""
    _check(actor, "provision.manage", group)
    visible = policy.pupils(actor).filter(school=group.school_id)
    choices = [(p.pk, str(p)) for p in visible.filter(pk=int_or_none(data.get("pupil_id")))]
    first = group.measures.order_by("position").first()
    form = validated(
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

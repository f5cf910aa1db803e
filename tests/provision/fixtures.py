"""Provision records for the fixed cast: a library entry, a group run by the cast's TA with
cast.pupil in it, a group with cast.unlinked run by nobody, and a group at the other school."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sendco.accounts.models import Membership
from sendco.accounts.roles import Role
from sendco.provision.models import (
    GroupMember,
    GroupStaff,
    Measure,
    Provision,
    ProvisionGroup,
    Score,
    StaffRate,
)

START, END = date(2026, 9, 7), date(2027, 7, 16)
# A distinctive hourly rate: no page, export or API answer may show it to anyone but SENCO/head.
SECRET_RATE = Decimal("23.47")


def provision_for(school, name="Toe by Toe") -> Provision:
    return Provision.objects.get_or_create(
        school=school,
        name=name,
        defaults={"need_area": "cl", "minutes_per_session": 30, "measure_kind": "standardised"},
    )[0]


def make_group(
    school, pupils=(), staff=(), *, name="Reading group", weekdays="1,3", **extra
) -> ProvisionGroup:
    """A group with one measure (``measure_kind``, ``measure_name``, ``expected_gain``: as the
    group form names the first measure; standardised by default)."""
    first = {
        "kind": extra.pop("measure_kind", "standardised"),
        "name": extra.pop("measure_name", ""),
        "expected_gain": extra.pop("expected_gain", None),
    }
    group = ProvisionGroup.objects.create(
        school=school,
        provision=provision_for(school),
        name=name,
        weekdays=weekdays,
        minutes_per_session=extra.pop("minutes", 30),
        start_date=extra.pop("start", START),
        end_date=extra.pop("end", END),
        **extra,
    )
    Measure.objects.create(school=school, group=group, position=1, **first)
    for user in staff:
        GroupStaff.objects.create(school=school, group=group, user=user)
    for pupil in pupils:
        GroupMember.objects.create(school=school, group=group, pupil=pupil, joined=group.start_date)
    return group


def provision_setup(cast) -> dict:
    """Idempotent: the matrix may call it twice."""
    if "provision" in cast.extra:
        return cast.extra["provision"]
    ta = cast.user(Role.TA)
    Membership.objects.filter(user=ta, school=cast.school).update(staff_grade="TA Level 3")
    StaffRate.objects.create(school=cast.school, staff_grade="TA Level 3", hourly=SECRET_RATE, on_cost_pct=25)
    made = {
        "linked": make_group(cast.school, [cast.pupil], [ta], name="Linked reading group"),
        "unlinked": make_group(cast.school, [cast.unlinked], [], name="Unlinked reading group"),
        "other": make_group(cast.other, [cast.other_pupil], [], name="Other school group"),
    }
    made["members"] = {k: GroupMember.objects.get(group=g) for k, g in made.items()}
    cast.extra["provision"] = made
    return made


def add_scores(place: GroupMember, *values, measure: Measure | None = None, **dates) -> Score:
    """A score on ``measure`` (the group's first by default): ``add_scores(place, 80, 88)``."""
    measure = measure or place.group.measures.order_by("position").first()
    entry, exit_ = (list(values) + [None, None])[:2]
    return Score.objects.create(
        school=place.school, pupil=place.pupil, place=place, measure=measure,
        entry_value=entry, exit_value=exit_, **dates,
    )  # fmt: skip


def score_fields(measure: Measure, **values) -> dict:
    """The scores page's POST fields for one measure: ``m<id>-entry_value`` and so on."""
    return {f"m{measure.pk}-{name}": value for name, value in values.items()}

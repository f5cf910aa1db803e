"""Changes of who can see which children at one school, from the history of the records the
access policy decides by (core.access): roles (Membership), class places and class staff,
key adults, access grants and parent/carer links. Newest first, with who made each change
and each field before → after.

Reads in two steps so a page costs a fixed number of queries: `change_rows` finds the history
rows (two queries per source) and `describe` names the people, pupils and classes of one page
(one query per kind of name)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils import timezone

from sendco.accounts.models import Membership

from .models import (
    AccessGrant,
    Contact,
    KeyAdult,
    Organisation,
    Pupil,
    PupilContact,
    School,
    TeachingGroup,
    TeachingGroupPupil,
    TeachingGroupStaff,
)

HIDDEN = {"id", "version", "updated_at", "created_at", "school"}
SYSTEM = "System (import or demo data)"


@dataclass(frozen=True)
class Source:
    model: type[Model]
    label: str
    what: str  # a format over the row's named references, e.g. "{user} at {school}"


SOURCES = (
    Source(Membership, "Role", "{user} at {where}"),
    Source(TeachingGroupStaff, "Class staff", "{user} in {group}"),
    Source(TeachingGroupPupil, "Class place", "{pupil} in {group}"),
    Source(KeyAdult, "Key adult", "{user} for {pupil}"),
    Source(AccessGrant, "Access grant", "{user} for {pupil}"),
    Source(PupilContact, "Parent/carer link", "{contact} for {pupil}"),
)

# Which table each foreign key names, so that one query per table names a whole page.
REFERENCES = {
    "user": "user",
    "granted_by": "user",
    "pupil": "pupil",
    "group": "group",
    "school": "school",
    "organisation": "organisation",
    "contact": "contact",
}


@dataclass
class Row:
    at: dt.datetime
    source: Source
    row: Any  # a simple-history version of the record (its own generated model)
    previous: Any  # the version before it, or None
    moved_away: bool = False


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class AccessChange:
    at: dt.datetime
    who: str
    kind: str
    what: str
    school_id: int
    changes: list[FieldChange] = field(default_factory=list)
    reason: str = ""


def _bounds(since: dt.date | None, until: dt.date | None):
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(since, dt.time.min, tz) if since else None
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tz) if until else None
    return start, end


def change_rows(school, *, since: dt.date | None = None, until: dt.date | None = None) -> list[Row]:
    """Every history row of an access-giving record at `school` in the date range (both days
    included), newest first. A role moved to another school shows here as it leaves; what
    happens to it there does not."""
    start, end = _bounds(since, until)
    rows: list[Row] = []
    for source in SOURCES:
        history = source.model.history  # type: ignore[attr-defined]  # added by simple-history
        ever_here = history.filter(school_id=school.pk).values("id")
        in_range = history.filter(id__in=ever_here)
        if start:
            in_range = in_range.filter(history_date__gte=start)
        if end:
            in_range = in_range.filter(history_date__lt=end)
        found = list(in_range)
        if not found:
            continue
        # Every earlier version of those records, for the "before" of each change.
        versions = history.filter(id__in={r.id for r in found})
        if end:
            versions = versions.filter(history_date__lt=end)
        earlier: dict[int, list] = {}
        for v in versions.order_by("history_date", "history_id"):
            earlier.setdefault(v.id, []).append(v)
        for r in found:
            chain = earlier.get(r.id, [])
            before = [v for v in chain if (v.history_date, v.history_id) < (r.history_date, r.history_id)]
            previous = before[-1] if before else None
            if r.school_id == school.pk:
                rows.append(Row(r.history_date, source, r, previous))
            elif previous is not None and previous.school_id == school.pk:
                rows.append(Row(r.history_date, source, r, previous, moved_away=True))
    rows.sort(key=lambda x: (x.at, x.row.history_id), reverse=True)
    return rows


def _names(rows: list[Row]) -> dict[str, dict[int, str]]:
    wanted: dict[str, set[int]] = {kind: set() for kind in set(REFERENCES.values())}
    for r in rows:
        wanted["user"].add(r.row.history_user_id)
        for version in (r.row, r.previous):
            for name, kind in REFERENCES.items():
                value = getattr(version, f"{name}_id", None) if version is not None else None
                if value:
                    wanted[kind].add(value)
    User = get_user_model()
    tables = {
        "user": User.objects.all(),
        "pupil": Pupil.objects.all(),
        "group": TeachingGroup.objects.all(),
        "school": School.objects.all(),
        "organisation": Organisation.objects.all(),
        "contact": Contact.objects.all(),
    }
    return {
        kind: {
            obj.pk: str(obj) if kind != "pupil" else obj.full_name
            for obj in tables[kind].filter(pk__in=ids - {None})
        }
        for kind, ids in wanted.items()
    }


def _display(version, f, names) -> str:
    value = getattr(version, f.attname)
    if f.name in REFERENCES and value is not None:
        return names[REFERENCES[f.name]].get(value, f"#{value} (no longer recorded)")
    if value is None or value == "":
        return "—"
    if value is True or value is False:
        return "Yes" if value else "No"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _field_changes(r: Row, names) -> list[FieldChange]:
    fields = [
        f
        for f in r.source.model._meta.concrete_fields
        if f.name not in HIDDEN or (r.moved_away and f.name == "school")
    ]
    kind = r.row.history_type
    if kind == "-":
        return [FieldChange(_label(f), _display(r.row, f, names), "") for f in fields]
    if r.previous is None:  # created, or changed before history began
        old = "" if kind == "+" else "(not recorded)"
        return [
            FieldChange(_label(f), old, _display(r.row, f, names))
            for f in fields
            if getattr(r.row, f.attname) not in (None, "")
        ]
    return [
        FieldChange(_label(f), _display(r.previous, f, names), _display(r.row, f, names))
        for f in fields
        if getattr(r.previous, f.attname) != getattr(r.row, f.attname)
    ]


def _label(f) -> str:
    return str(f.verbose_name)[:1].upper() + str(f.verbose_name)[1:]


def _what(r: Row, names) -> str:
    version = r.previous if r.moved_away else r.row
    refs = {
        name: names[kind].get(getattr(version, f"{name}_id", None) or 0, "—")
        for name, kind in REFERENCES.items()
    }
    refs["where"] = refs["school"] if getattr(version, "school_id", None) else refs["organisation"]
    return r.source.what.format(**refs)


def describe(rows: list[Row]) -> list[AccessChange]:
    names = _names(rows)
    verbs = {"+": "added", "~": "changed", "-": "removed"}
    entries = []
    for r in rows:
        verb = "moved away" if r.moved_away else verbs[r.row.history_type]
        entries.append(
            AccessChange(
                at=r.at,
                who=names["user"].get(r.row.history_user_id, SYSTEM),
                kind=f"{r.source.label} {verb}",
                what=_what(r, names),
                school_id=(r.previous if r.moved_away else r.row).school_id,
                changes=_field_changes(r, names),
                reason=r.row.history_change_reason or "",
            )
        )
    return entries


def access_changes(school, *, since=None, until=None) -> list[AccessChange]:
    return describe(change_rows(school, since=since, until=until))

"""Rows that capability apps add to the daily reminder email (`sendco reminders`).

The statutory app sends one digest per person per day. Its own EHC deadlines stay its own;
every other app registers a source in AppConfig.ready():

    add_reminder_source(access_arrangement_reminders, title="Exam access arrangements")

`fn(user, today)` returns the ``ReminderRow``s that need that person's attention now (``[]`` for
roles it does not concern). It must read through the access policy and cost a fixed number of
queries per school. Buckets: ``overdue`` (the date has passed) or ``this_week`` (act now: due
within the week, or a risk the source flags ahead, such as an approval that will not last the
exam series).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

BUCKETS = ("overdue", "this_week")


@dataclass(frozen=True)
class ReminderRow:
    label: str  # what needs doing, e.g. "Approval expired: 25% extra time"
    due: dt.date
    bucket: str  # one of BUCKETS
    pupil_name: str = ""  # or a short list of names for a row about several pupils
    detail: str = ""  # one line more: the rule, the series, what to do
    source: str = ""  # filled in by ``collect`` from the registration's title

    def __post_init__(self):
        if self.bucket not in BUCKETS:
            raise ValueError(f"bucket must be one of {BUCKETS}, not {self.bucket!r}")


@dataclass(frozen=True)
class ReminderSource:
    fn: Callable  # (user, today) -> list[ReminderRow]
    title: str


REMINDER_SOURCES: list[ReminderSource] = []


def add_reminder_source(fn: Callable, *, title: str = "") -> Callable:
    """Register ``fn`` once (ready() may run more than once in tests)."""
    source = ReminderSource(fn, title or fn.__name__.replace("_", " "))
    if source not in REMINDER_SOURCES:
        REMINDER_SOURCES.append(source)
    return fn


def collect(user, today: dt.date) -> list[ReminderRow]:
    """Every registered source's rows for ``user``, overdue first, then by date."""
    rows: list[ReminderRow] = []
    for source in REMINDER_SOURCES:
        for row in source.fn(user, today):
            rows.append(row if row.source else replace(row, source=source.title))
    return sorted(rows, key=lambda r: (r.bucket != "overdue", r.due, r.source, r.pupil_name))

"""Referrals to external services: the status a referral may move to, the dates each status
records, when a referral is overdue (and why), and waiting-time figures. Plain Python, dates
passed in, so every rule is tested on its own (tests/domain/test_referrals.py).

The path: draft → sent → accepted / on the waiting list / appointment booked / declined →
seen → report received → closed. A service may see a pupil without booking first (sent → seen),
an appointment may be rebooked or cancelled back to the waiting list, and a seen pupil may be
given a follow-up appointment. Closed and declined are the ends; any open referral may be
closed (withdrawn, pupil left, no longer needed).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

DRAFT, SENT, ACCEPTED, WAITING, APPOINTMENT = "draft", "sent", "accepted", "waiting", "appointment"
SEEN, REPORT, CLOSED, DECLINED = "seen", "report", "closed", "declined"

STATUSES = (DRAFT, SENT, ACCEPTED, WAITING, APPOINTMENT, SEEN, REPORT, CLOSED, DECLINED)
LABELS = {
    DRAFT: "Draft",
    SENT: "Sent",
    ACCEPTED: "Accepted",
    WAITING: "On the waiting list",
    APPOINTMENT: "Appointment booked",
    SEEN: "Seen",
    REPORT: "Report received",
    CLOSED: "Closed",
    DECLINED: "Declined by the service",
}
TERMINAL = frozenset({CLOSED, DECLINED})
OPEN = tuple(s for s in STATUSES if s not in TERMINAL)
# Sent and not yet answered by an appointment or a first meeting: the wait is running.
AWAITING_SERVICE = frozenset({SENT, ACCEPTED, WAITING})

_NEXT: dict[str, frozenset[str]] = {
    DRAFT: frozenset({SENT}),
    SENT: frozenset({ACCEPTED, WAITING, APPOINTMENT, SEEN, DECLINED}),
    ACCEPTED: frozenset({WAITING, APPOINTMENT, SEEN, DECLINED}),
    WAITING: frozenset({APPOINTMENT, SEEN, DECLINED}),
    # Rebooked (a new date), or cancelled back onto the list.
    APPOINTMENT: frozenset({APPOINTMENT, WAITING, SEEN}),
    # A follow-up appointment, or the report.
    SEEN: frozenset({APPOINTMENT, REPORT}),
    REPORT: frozenset(),
}
ALLOWED: dict[str, frozenset[str]] = {
    status: (_NEXT.get(status, frozenset()) | {CLOSED}) if status not in TERMINAL else frozenset()
    for status in STATUSES
}

DEFAULT_REPORT_WINDOW_DAYS = 42


def transition_problem(current: str, new: str) -> str | None:
    """Why a referral in `current` may not move to `new`, or None when it may."""
    if new not in STATUSES:
        return "Choose a status."
    if current in TERMINAL:
        return f"The referral is {LABELS[current].lower()}: its status can no longer change."
    if new not in ALLOWED[current]:
        return f"A referral that is {LABELS[current].lower()} cannot become {LABELS[new].lower()}."
    return None


def allowed_next(current: str) -> list[str]:
    """The statuses `current` may move to, in the path's order."""
    return [s for s in STATUSES if s in ALLOWED.get(current, frozenset())]


@dataclass(frozen=True)
class Dates:
    """The dates kept on a referral (the appointment as a date; its time is the caller's)."""

    sent_on: dt.date | None = None
    appointment_on: dt.date | None = None
    first_seen_on: dt.date | None = None
    report_received_on: dt.date | None = None
    closed_on: dt.date | None = None


def dates_after(new: str, on: dt.date, before: Dates) -> Dates:
    """The referral's dates once it moves to `new` on `on`. Sending sets the date sent; booking
    sets the appointment; being seen sets the first-seen date once (a follow-up keeps the first)
    and, on the day of an appointment, nothing else; the report its date received; closing or
    declining the closed date."""
    d = before
    if new == SENT:
        return Dates(on, d.appointment_on, d.first_seen_on, d.report_received_on, d.closed_on)
    if new == APPOINTMENT:
        return Dates(d.sent_on, on, d.first_seen_on, d.report_received_on, d.closed_on)
    if new == WAITING:
        # A cancelled appointment no longer counts as the first appointment.
        appointment = d.appointment_on if d.first_seen_on else None
        return Dates(d.sent_on, appointment, d.first_seen_on, d.report_received_on, d.closed_on)
    if new == SEEN:
        return Dates(d.sent_on, d.appointment_on, d.first_seen_on or on, d.report_received_on, d.closed_on)
    if new == REPORT:
        return Dates(d.sent_on, d.appointment_on, d.first_seen_on, on, d.closed_on)
    if new in TERMINAL:
        return Dates(d.sent_on, d.appointment_on, d.first_seen_on, d.report_received_on, on)
    return d


def date_problem(new: str, on: dt.date, before: Dates, *, today: dt.date) -> str | None:
    """Why `on` cannot be the date of moving to `new`: only an appointment may be in the future,
    and nothing happens before the referral was sent."""
    if new != APPOINTMENT and on > today:
        return "The date cannot be in the future (only an appointment can be)."
    if before.sent_on and new != SENT and on < before.sent_on:
        return f"The date cannot be before the referral was sent ({before.sent_on:%-d %B %Y})."
    return None


@dataclass(frozen=True)
class Flag:
    code: str  # "no_response", "wait_exceeded", "appointment_passed", "report_awaited"
    reason: str
    due_on: dt.date
    days_overdue: int


def overdue(
    status: str,
    dates: Dates,
    today: dt.date,
    *,
    expected_response_days: int | None,
    report_window_days: int = DEFAULT_REPORT_WINDOW_DAYS,
) -> Flag | None:
    """Why an open referral needs chasing on `today`, or None.

    * sent (or accepted, or on the list) with no appointment and not seen by the date sent +
      the expected response days: no response / the wait is exceeded;
    * an appointment whose day has passed without the referral being marked seen;
    * seen with no report after `report_window_days` from the first meeting."""
    if status in AWAITING_SERVICE and dates.sent_on and expected_response_days is not None:
        if dates.appointment_on is None and dates.first_seen_on is None:
            due = dates.sent_on + dt.timedelta(days=expected_response_days)
            if today > due:
                days = (today - due).days
                if status == SENT:
                    return Flag(
                        "no_response",
                        f"No response from the service: expected within {expected_response_days} days "
                        f"of sending, by {_long(due)}.",
                        due,
                        days,
                    )
                return Flag(
                    "wait_exceeded",
                    f"Wait exceeded: the service's expected {expected_response_days} days ran out "
                    f"on {_long(due)} with no appointment.",
                    due,
                    days,
                )
    if status == APPOINTMENT and dates.appointment_on and today > dates.appointment_on:
        return Flag(
            "appointment_passed",
            f"Appointment passed, not updated: it was on {_long(dates.appointment_on)}; "
            "record whether the pupil was seen.",
            dates.appointment_on,
            (today - dates.appointment_on).days,
        )
    if status == SEEN and dates.first_seen_on and dates.report_received_on is None:
        due = dates.first_seen_on + dt.timedelta(days=report_window_days)
        if today > due:
            return Flag(
                "report_awaited",
                f"Report awaited: seen on {_long(dates.first_seen_on)}, report expected within "
                f"{report_window_days} days.",
                due,
                (today - due).days,
            )
    return None


def first_answer_on(dates: Dates) -> dt.date | None:
    """The end of the wait: the first appointment or the first meeting, whichever came first."""
    known = [d for d in (dates.appointment_on, dates.first_seen_on) if d is not None]
    return min(known) if known else None


def waiting_days(dates: Dates, *, until: dt.date | None = None) -> int | None:
    """Days from sending to the first appointment or meeting; with `until`, a referral still
    waiting counts up to that day. None when it was never sent (or is still waiting without
    `until`)."""
    if dates.sent_on is None:
        return None
    end = first_answer_on(dates) or until
    return None if end is None else max(0, (end - dates.sent_on).days)


@dataclass(frozen=True)
class WaitFigures:
    median_days: float | None  # sent → first appointment, over those that had one
    count: int  # referrals with a first appointment (the median's basis)
    still_waiting: int  # sent, open, no appointment yet


def wait_figures(items: Iterable[tuple[str, Dates]]) -> WaitFigures:
    """Median days from sending to the first appointment over `items` (status, dates), how many
    that median covers, and how many sent referrals are still open with no appointment."""
    waits: list[int] = []
    still = 0
    for status, dates in items:
        if dates.sent_on is None:
            continue
        days = waiting_days(dates)
        if days is not None:
            waits.append(days)
        elif status not in TERMINAL:
            still += 1
    median = float(statistics.median(waits)) if waits else None
    return WaitFigures(median, len(waits), still)


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"

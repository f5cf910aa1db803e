"""Reads for the school-level pages: the schools a user may see the dashboard of, the
dashboard's filters from a query string, each row's expected-response date, the per-school
summary of a trust (open and overdue counts, no names), and the SEN team's home panel and
reminder rows. Each costs a fixed number of queries whatever the number of referrals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from sendco.core.access import policy
from sendco.core.form_helpers import int_or_none
from sendco.core.models import School
from sendco.core.reminders import ReminderRow
from sendco.domain import referrals as rules_

from .models import Referral
from .permissions import SEN_TEAM
from .selectors_referrals import OPEN, Filters, overdue_for

HOME_PANEL_ROWS = 10


def pupil_referrals_url(pupil_id: int) -> str:
    return reverse("referral-pupil-list", kwargs={"pk": pupil_id})


def dashboard_schools(user) -> QuerySet[School]:
    return policy.schools(user, "agencies.school_referrals")


def chosen_school(schools: Iterable[School], value) -> School | None:
    """The school asked for in the query string, else the first the user may see."""
    wanted = int_or_none(value)
    listed = list(schools)
    for school in listed:
        if school.pk == wanted:
            return school
    return listed[0] if listed else None


def filters_from(query) -> Filters:
    status = query.get("status", "")
    return Filters(
        status=status if status in OPEN else "",
        agency=int_or_none(query.get("service")),
        overdue_only=query.get("overdue") in ("1", "on", "true"),
    )


def expected_on(referral: Referral) -> dt.date | None:
    """When the service's first answer is due: the date sent plus the expected response."""
    if referral.sent_on is None or referral.expected_response_days is None:
        return None
    return referral.sent_on + dt.timedelta(days=referral.expected_response_days)


@dataclass(frozen=True)
class SchoolSummary:
    school: School
    open: int
    overdue: int
    consent_withdrawn: int


def school_summaries(schools, today: dt.date | None = None) -> list[SchoolSummary]:
    """Per school: open referrals, how many need chasing, how many rest on a withdrawn consent
    (one query over the open referrals' dates; counts only)."""
    today = today or timezone.localdate()
    listed = list(schools)
    counts = {s.pk: [0, 0, 0] for s in listed}
    rows = (
        Referral.objects.filter(school_id__in=list(counts), status__in=OPEN)
        .values(
            "school_id", "status", "sent_on", "appointment_at", "first_seen_on", "report_received_on",
            "expected_response_days", "consent__withdrawn_on",
        )
        .order_by()
    )  # fmt: skip
    for v in rows:
        at = v["appointment_at"]
        dates = rules_.Dates(
            sent_on=v["sent_on"],
            appointment_on=timezone.localtime(at).date() if at else None,
            first_seen_on=v["first_seen_on"],
            report_received_on=v["report_received_on"],
        )
        figures = counts[v["school_id"]]
        figures[0] += 1
        if rules_.overdue(v["status"], dates, today, expected_response_days=v["expected_response_days"]):
            figures[1] += 1
        if v["consent__withdrawn_on"] is not None:
            figures[2] += 1
    return [SchoolSummary(s, *counts[s.pk]) for s in listed]


def home_panel(user) -> dict | None:
    """The SEN team's overdue referrals (the first few, with links); None for anyone else or
    when nothing is overdue."""
    if not (user.is_authenticated and policy.roles(user).schools_with(SEN_TEAM)):
        return None
    rows = overdue_for(user, timezone.localdate())
    if not rows:
        return None
    return {
        "rows": [(r, pupil_referrals_url(r.referral.pupil_id)) for r in rows[:HOME_PANEL_ROWS]],
        "count": len(rows),
    }


def referral_reminders(user, today: dt.date) -> list[ReminderRow]:
    """Overdue referrals for the daily reminder email (SEN team only)."""
    rows: list[ReminderRow] = []
    for row in overdue_for(user, today):
        flag = row.flags[0]
        referral = row.referral
        # A withdrawn consent has no due date of its own: it needs acting on from the day.
        due = referral.consent.withdrawn_on or today
        if flag.days_overdue is not None:
            due = today - dt.timedelta(days=flag.days_overdue)
        rows.append(
            ReminderRow(
                label=f"Referral to {referral.agency.name}: {rules_.LABELS[referral.status].lower()}",
                due=due,
                bucket="overdue",
                pupil_name=referral.pupil.full_name,
                detail=flag.reason,
            )
        )
    return rows

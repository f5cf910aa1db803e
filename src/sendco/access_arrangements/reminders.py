"""Exam access arrangement rows for the daily reminder email (``sendco.core.reminders``).

For the SEN team, at each school where they hold the role:
* approvals in use that have expired, or expire before the next series' last exam (the
  candidate would sit papers without a current approval: reapply before the deadline);
* the next series' application deadline within ``DEADLINE_WARNING_DAYS`` while candidates still
  have arrangements that need an online application and are not yet applied for.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from sendco.core.access import policy
from sendco.core.reminders import ReminderRow
from sendco.domain import access_arrangements as rules_

from .models import Arrangement, ExamSeries
from .permissions import SEN_TEAM

TITLE = "Exam access arrangements"
DEADLINE_WARNING_DAYS = 14
NAMES_SHOWN = 5
# Arrangements that go through Access Arrangements Online (the rest are delegated to centres).
APPLIED_ONLINE = sorted(k.code for k in rules_.KINDS if k.basis != rules_.DELEGATED)
NOT_YET_APPLIED = (Arrangement.Status.PROPOSED, Arrangement.Status.EVIDENCE)


def access_arrangement_reminders(user, today: dt.date) -> list[ReminderRow]:
    schools = policy.roles(user).schools_with(SEN_TEAM)
    if not schools:
        return []
    pupils = policy.pupils(user)
    rows: list[ReminderRow] = []
    # One query for every school's next series (the one running now or next).
    upcoming: dict[int, ExamSeries] = {}
    for found in ExamSeries.objects.filter(school_id__in=schools, last_exam_on__gte=today).order_by(
        "first_exam_on"
    ):
        upcoming.setdefault(found.school_id, found)
    in_use = Arrangement.objects.filter(
        school_id__in=schools, pupil__in=pupils, status=Arrangement.Status.APPROVED, expires_on__isnull=False
    ).select_related("pupil")
    for a in in_use.order_by("expires_on", "pk"):
        series, expires = upcoming.get(a.school_id), a.expires_on
        if expires is None:  # excluded by the query; says so to the type checker
            continue
        if expires < today:
            rows.append(
                ReminderRow(
                    label=f"Approval expired: {a.label}",
                    due=expires,
                    bucket="overdue",
                    pupil_name=a.pupil.full_name,
                    detail=_reference(a) + "Reapply, or record that the arrangement has ended.",
                )
            )
        elif series is not None and expires < series.last_exam_on:
            rows.append(
                ReminderRow(
                    label=f"Approval expires before {series.name} ends: {a.label}",
                    due=expires,
                    bucket="this_week",
                    pupil_name=a.pupil.full_name,
                    detail=_reference(a)
                    + f"Reapply by the application deadline, {_long(series.application_deadline)}.",
                )
            )
    rows += _deadline_rows(schools, pupils, upcoming, today)
    return rows


def _deadline_rows(schools, pupils, upcoming: dict[int, ExamSeries], today: dt.date) -> list[ReminderRow]:
    soon = {
        school_id: s
        for school_id, s in upcoming.items()
        if today <= s.application_deadline <= today + dt.timedelta(days=DEADLINE_WARNING_DAYS)
    }
    if not soon:
        return []
    waiting = (
        Arrangement.objects.filter(
            Q(school_id__in=list(soon)), pupil__in=pupils, kind__in=APPLIED_ONLINE, status__in=NOT_YET_APPLIED
        )
        .select_related("pupil")
        .order_by("pupil__legal_surname", "pupil__legal_forename", "pk")
    )
    names: dict[int, list[str]] = {}
    for a in waiting:
        school_names = names.setdefault(a.school_id, [])
        if a.pupil.full_name not in school_names:
            school_names.append(a.pupil.full_name)
    rows = []
    for school_id, found in names.items():
        series = soon[school_id]
        shown = ", ".join(found[:NAMES_SHOWN]) + (
            f" and {len(found) - NAMES_SHOWN} more" if len(found) > NAMES_SHOWN else ""
        )
        rows.append(
            ReminderRow(
                label=f"{series.name}: application deadline, {len(found)} candidate(s) not yet applied for",
                due=series.application_deadline,
                bucket="this_week",
                pupil_name=shown,
                detail="Complete Form 8 Part 3 and apply through Access Arrangements Online.",
            )
        )
    return rows


def _reference(a: Arrangement) -> str:
    return f"Approval {a.approval_reference}. " if a.approval_reference else ""


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"

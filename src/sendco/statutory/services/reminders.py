"""LA settings, the deadline calendar feed and the daily reminders."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sendco.core.access import policy
from sendco.core.reminders import collect as collect_reminders
from sendco.core.services_base import stamp_change

from .. import forms, selectors
from ..models import (
    CalendarToken,
    LaSetting,
    ReminderDigest,
)
from ._base import _form, _lock

# --- LA settings --------------------------------------------------------------------------------------


@transaction.atomic
def save_la_setting(
    *, actor, school, data, setting: LaSetting | None = None, expected_version: int | None = None
) -> LaSetting:
    if not policy.can(actor, "school.statutory_settings", school):
        raise PermissionDenied
    if setting is not None:
        setting = _lock(LaSetting, setting, expected_version)
    obj = _form(forms.LaSettingForm, data, instance=setting).save(commit=False)
    clash = LaSetting.objects.filter(school=school, la_name__iexact=obj.la_name).exclude(pk=obj.pk)
    if clash.exists():
        raise ValidationError({"la_name": ["This school already has settings for this local authority."]})
    if obj.pk is None:
        obj.school = school
    else:
        obj.version += 1
    stamp_change(obj, actor=actor, reason="LA settings saved").save()
    return obj


# --- calendar feed and reminders ----------------------------------------------------------------------


@transaction.atomic
def issue_calendar_token(*, user) -> str:
    """A new private feed URL token; any earlier one is revoked (one live feed per person)."""
    revoke_calendar_tokens(user=user)
    _, token = CalendarToken.issue(user)
    return token


@transaction.atomic
def revoke_calendar_tokens(*, user) -> int:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def responsible_users():
    """People who get reminders: SENCOs and assistant SENCOs (they keep the statutory records)."""
    from sendco.accounts.models import User
    from sendco.statutory.permissions import KEEPS_PLANS

    return User.objects.filter(
        is_active=True, memberships__active=True, memberships__role__in=KEEPS_PLANS
    ).distinct()


def send_reminders(*, today: dt.date | None = None, out=None) -> int:
    """Email each responsible person a digest of their overdue and due-this-week deadlines.
    A person already sent a digest today is skipped, so running twice sends nothing twice."""
    from django.template.loader import render_to_string

    today = today or timezone.localdate()
    sent = 0
    for user in responsible_users():
        if not user.email or ReminderDigest.objects.filter(user=user, sent_on=today).exists():
            continue
        rows = [r for r in selectors.user_rows(user, today=today) if r.bucket in ("overdue", "this_week")]
        # Other apps' rows (core.reminders registry) go in the same one digest a day.
        others = collect_reminders(user, today)
        if not rows and not others:
            continue
        with transaction.atomic():
            # The unique (user, day) row is the lock: a concurrent run fails here and sends nothing.
            _, created = ReminderDigest.objects.get_or_create(
                user=user, sent_on=today, defaults={"deadlines": len(rows) + len(others)}
            )
            if not created:
                continue
            body = render_to_string(
                "statutory/reminder_email.txt",
                {"user": user, "rows": rows, "others": _by_source(others), "today": today},
            )
            EmailMessage(subject=_subject(rows, others), body=body, to=[user.email]).send()
        sent += 1
        if out is not None:
            extra = f" and {len(others)} other reminders" if others else ""
            out(f"{user.username}: {len(rows)} deadlines{extra}")
    return sent


def _subject(rows, others) -> str:
    overdue = sum(r.bucket == "overdue" for r in rows) + sum(r.bucket == "overdue" for r in others)
    topics = (["EHC deadlines"] if rows else []) + list(dict.fromkeys(r.source.lower() for r in others))
    due = len(rows) + len(others) - overdue
    return f"sendco: {overdue} overdue, {due} due this week ({', '.join(topics)})"


def _by_source(others) -> list[tuple[str, list]]:
    grouped: dict[str, list] = {}
    for row in others:
        grouped.setdefault(row.source, []).append(row)
    return list(grouped.items())


def refresh_all_next_due(*, today: dt.date | None = None) -> int:
    """Rebuild every cached open deadline (daily, with the reminders: the school year and NC
    years move on and pupils leave without an edit to their statutory record)."""
    return selectors.refresh_cache(Q(), today=today)

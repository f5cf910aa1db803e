"""Writes to the SEND register: dated SEN status and ranked needs.

Every function validates with sendco.domain.register_rules (the same rules the import and
the census return use), changes the rows in one transaction, keeps `Pupil.sen_status` equal to
the open status period, and leaves history entries with the acting user and a reason.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sendco.core.access import policy
from sendco.core.models import Pupil
from sendco.domain import register_rules
from sendco.domain.census import NeedPeriod, StatusPeriod

from .models import PupilNeed, SenStatus


def _raise(problems) -> None:
    if problems:
        errors: dict[str, list[str]] = {}
        for p in problems:
            errors.setdefault(p.field.split("[")[0] if p.field else "__all__", []).append(p.message)
        raise ValidationError(errors)


def status_periods(pupil: Pupil) -> list[StatusPeriod]:
    return [StatusPeriod(s.code, s.start_date, s.end_date) for s in SenStatus.objects.filter(pupil=pupil)]


def need_periods(pupil: Pupil) -> list[NeedPeriod]:
    return [
        NeedPeriod(n.need_type, n.rank, n.start_date, n.end_date)
        for n in PupilNeed.objects.filter(pupil=pupil)
    ]


def _stamp(obj, actor, reason: str):
    obj._history_user = actor
    obj._change_reason = reason
    return obj


def _sync_pupil_status(pupil: Pupil, actor, reason: str) -> None:
    open_period = SenStatus.objects.filter(pupil=pupil, end_date__isnull=True).order_by("-start_date").first()
    code = open_period.code if open_period and open_period.code in ("N", "K", "E") else "N"
    if pupil.sen_status != code:
        pupil.sen_status = code
        pupil.version += 1
        _stamp(pupil, actor, reason).save(update_fields=["sen_status", "version", "updated_at"])


@transaction.atomic
def change_status(
    *,
    actor,
    pupil: Pupil,
    code: str,
    start_date: dt.date,
    reason: str,
    needs: list[tuple[str, int]] | None = None,
    allow_historic: bool = False,
) -> SenStatus:
    """Start a new status period on `start_date`, closing the open one the day before.

    `needs` (need type, rank) may be given with a move to K or E so that the pupil is never on
    K or E without a primary need; they start on the same date.
    """
    if not policy.can(actor, "register.change", pupil):
        raise PermissionDenied
    pupil = Pupil.objects.select_for_update().get(pk=pupil.pk)
    existing = status_periods(pupil)
    problems = register_rules.check_status_change(
        new_code=code,
        start=start_date,
        existing=existing,
        date_of_birth=pupil.date_of_birth,
        allow_historic=allow_historic,
        today=timezone.localdate(),
    )
    if not reason.strip():
        problems.append(register_rules.Problem("reason", "reason", "Give a reason for the change."))
    _raise(problems)
    new_needs = [NeedPeriod(t, r, start_date, None) for t, r in (needs or [])]
    if code in ("K", "E"):
        current = [n for n in need_periods(pupil) if n.end is None]
        _raise(
            register_rules.check_needs(
                provision=code, needs=current + new_needs, date_of_birth=pupil.date_of_birth, on=start_date
            )
        )
    SenStatus.objects.filter(pupil=pupil, end_date__isnull=True).update(
        end_date=start_date - dt.timedelta(days=1)
    )
    for closed in SenStatus.objects.filter(pupil=pupil, end_date=start_date - dt.timedelta(days=1)):
        # .update() bypasses history: save a history row for the closed period explicitly.
        _stamp(closed, actor, reason).save()
    status = _stamp(
        SenStatus(
            pupil=pupil,
            school=pupil.school,
            code=code,
            start_date=start_date,
            reason=reason,
            recorded_by=actor,
        ),
        actor,
        reason,
    )
    status.save()
    for need in new_needs:
        _stamp(
            PupilNeed(
                pupil=pupil, school=pupil.school, need_type=need.code, rank=need.rank, start_date=start_date
            ),
            actor,
            reason,
        ).save()
    if code == "N":
        for need in PupilNeed.objects.filter(pupil=pupil, end_date__isnull=True):
            need.end_date = max(start_date - dt.timedelta(days=1), need.start_date)
            _stamp(need, actor, "Removed from the SEN register").save()
    _sync_pupil_status(pupil, actor, reason)
    return status


@transaction.atomic
def set_needs(
    *, actor, pupil: Pupil, needs: list[tuple[str, int]], on: dt.date, reason: str = "Needs updated"
):
    """Make the pupil's current ranked needs exactly `needs` from date `on`.

    Needs that stay with the same rank are untouched; changed or dropped ones end the day
    before `on`; new ones start on `on`.
    """
    if not policy.can(actor, "register.change", pupil):
        raise PermissionDenied
    pupil = Pupil.objects.select_for_update().get(pk=pupil.pk)
    current = {(n.need_type, n.rank): n for n in PupilNeed.objects.filter(pupil=pupil, end_date__isnull=True)}
    wanted = {(t, r) for t, r in needs}
    kept = [NeedPeriod(t, r, n.start_date, None) for (t, r), n in current.items() if (t, r) in wanted]
    added = [NeedPeriod(t, r, on, None) for t, r in wanted - set(current)]
    _raise(
        register_rules.check_needs(
            provision=pupil.sen_status, needs=kept + added, date_of_birth=pupil.date_of_birth, on=on
        )
    )
    for key, need in current.items():
        if key not in wanted:
            if need.start_date >= on:
                _raise(
                    [
                        register_rules.Problem(
                            "needs",
                            "backdate",
                            f"{need.need_type} started on {need.start_date}; choose a date after that.",
                        )
                    ]
                )
            need.end_date = on - dt.timedelta(days=1)
            _stamp(need, actor, reason).save()
    for need in added:
        _stamp(
            PupilNeed(pupil=pupil, school=pupil.school, need_type=need.code, rank=need.rank, start_date=on),
            actor,
            reason,
        ).save()

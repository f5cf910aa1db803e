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
from sendco.core.services_base import stamp_change
from sendco.domain import register_rules
from sendco.domain.census import NeedPeriod, StatusPeriod

from .models import PupilNeed, SenStatus
from .selectors import register_version


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


def _sync_pupil_status(pupil: Pupil, actor, reason: str) -> None:
    open_period = SenStatus.objects.filter(pupil=pupil, end_date__isnull=True).order_by("-start_date").first()
    code = open_period.code if open_period and open_period.code in ("N", "K", "E") else "N"
    if pupil.sen_status != code:
        pupil.sen_status = code
        pupil.version += 1
        stamp_change(pupil, actor=actor, reason=reason).save(
            update_fields=["sen_status", "version", "updated_at"]
        )


class RegisterConflict(Exception):
    """The pupil's status or needs changed since the editor loaded them; nothing was saved."""

    def __init__(self):
        super().__init__(
            "Someone else changed this pupil's SEN status or needs while you were editing. "
            "Check the history below and make your change again."
        )


def _lock(actor, pupil: Pupil, expected_version: str | None) -> Pupil:
    if not policy.can(actor, "register.change", pupil):
        raise PermissionDenied
    locked = Pupil.objects.select_for_update().get(pk=pupil.pk)
    if expected_version is not None and register_version(locked.pk) != expected_version:
        raise RegisterConflict
    return locked


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
    expected_version: str | None = None,
) -> SenStatus:
    """Start a new status period on `start_date`, closing the open one the day before.

    `needs` (need type, rank) may be given with a move to K or E so that the pupil is never on
    K or E without a primary need; they start on the same date. `expected_version` (from
    `selectors.register_version`) refuses the change if someone else changed the record since.
    """
    pupil = _lock(actor, pupil, expected_version)
    return apply_status(
        actor=actor,
        pupil=pupil,
        code=code,
        start_date=start_date,
        reason=reason,
        needs=needs,
        allow_historic=allow_historic,
    )


def apply_status(
    *, actor, pupil: Pupil, code: str, start_date: dt.date, reason: str, needs=None, allow_historic=False
) -> SenStatus:
    """change_status without the permission check, for callers that checked already (imports).
    The caller holds a lock on the pupil row inside a transaction."""
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
    given = list(dict.fromkeys(needs or []))
    open_needs = list(PupilNeed.objects.filter(pupil=pupil, end_date__isnull=True))
    # A need given with the status replaces the open need of the same rank or the same type.
    replaced = [
        n
        for n in open_needs
        if (n.need_type, n.rank) not in given and any(n.rank == r or n.need_type == t for t, r in given)
    ]
    kept = [n for n in open_needs if n not in replaced]
    new_needs = [
        NeedPeriod(t, r, start_date, None)
        for t, r in given
        if (t, r) not in {(n.need_type, n.rank) for n in kept}
    ]
    if code in ("K", "E"):
        current = [NeedPeriod(n.need_type, n.rank, n.start_date, None) for n in kept]
        _raise(
            register_rules.check_needs(
                provision=code, needs=current + new_needs, date_of_birth=pupil.date_of_birth, on=start_date
            )
        )
    for need in replaced:
        if need.start_date >= start_date:
            stamp_change(need, actor=actor, reason=f"{reason} (replaced on the day it started)").delete()
        else:
            need.end_date = start_date - dt.timedelta(days=1)
            stamp_change(need, actor=actor, reason=reason).save()
    SenStatus.objects.filter(pupil=pupil, end_date__isnull=True).update(
        end_date=start_date - dt.timedelta(days=1)
    )
    for closed in SenStatus.objects.filter(pupil=pupil, end_date=start_date - dt.timedelta(days=1)):
        # .update() bypasses history: save a history row for the closed period explicitly.
        stamp_change(closed, actor=actor, reason=reason).save()
    status = stamp_change(
        SenStatus(
            pupil=pupil,
            school=pupil.school,
            code=code,
            start_date=start_date,
            reason=reason,
            recorded_by=actor,
        ),
        actor=actor,
        reason=reason,
    )
    status.save()
    for period in new_needs:
        stamp_change(
            PupilNeed(
                pupil=pupil,
                school=pupil.school,
                need_type=period.code,
                rank=period.rank,
                start_date=start_date,
            ),
            actor=actor,
            reason=reason,
        ).save()
    if code == "N":
        for need in PupilNeed.objects.filter(pupil=pupil, end_date__isnull=True):
            need.end_date = max(start_date - dt.timedelta(days=1), need.start_date)
            stamp_change(need, actor=actor, reason="Removed from the SEN register").save()
    _sync_pupil_status(pupil, actor, reason)
    return status


@transaction.atomic
def set_needs(
    *,
    actor,
    pupil: Pupil,
    needs: list[tuple[str, int]],
    on: dt.date,
    reason: str = "Needs updated",
    expected_version: str | None = None,
):
    """Make the pupil's current ranked needs exactly `needs` from date `on`.

    Needs that stay with the same rank are untouched; changed or dropped ones end the day
    before `on`; new ones start on `on`.
    """
    pupil = _lock(actor, pupil, expected_version)
    apply_needs(actor=actor, pupil=pupil, needs=needs, on=on, reason=reason)


def apply_needs(*, actor, pupil: Pupil, needs: list[tuple[str, int]], on: dt.date, reason: str) -> None:
    """set_needs without the permission check (imports); the caller holds the pupil lock."""
    if on > timezone.localdate():
        _raise([register_rules.Problem("on", "future", "The date is in the future.")])
    if not reason.strip():
        _raise([register_rules.Problem("reason", "reason", "Give a reason for the change.")])
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
            if need.start_date == on:
                # Replaced on the day it was recorded: a correction. The history keeps the row.
                stamp_change(
                    need, actor=actor, reason=f"{reason} (corrected on the day it was recorded)"
                ).delete()
                continue
            if need.start_date > on:
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
            stamp_change(need, actor=actor, reason=reason).save()
    for period in added:
        stamp_change(
            PupilNeed(
                pupil=pupil, school=pupil.school, need_type=period.code, rank=period.rank, start_date=on
            ),
            actor=actor,
            reason=reason,
        ).save()


# --------------------------------------------------------------------------- MIS import


class ImportRefused(Exception):
    """The plan has rejected rows (or the data changed since the preview); nothing was saved."""

    def __init__(self, plan):
        super().__init__(f"{plan.counts['rejected']} row(s) were rejected; nothing was imported.")
        self.plan = plan


@transaction.atomic
def import_pupils(*, actor, school, data: bytes, filename: str, full: bool, via: str = "web"):
    """Read, plan and commit an MIS export in one transaction: everything or nothing.

    `actor` is None only for the command line (run by whoever operates the server); on the
    web the user must be the school's SENCO. Returns (plan, RegisterImport).
    """
    import hashlib

    from sendco.core.forms import PupilForm

    from .importing import plan_import, read_table
    from .models import RegisterImport

    if actor is not None and not policy.can(actor, "register.import", school):
        raise PermissionDenied
    today = timezone.localdate()
    # Lock the school's pupils so that a concurrent edit cannot slip between plan and commit.
    list(Pupil.objects.select_for_update().filter(school=school).values_list("pk", flat=True))
    plan = plan_import(
        school=school, table=read_table(data, filename), filename=filename, full=full, today=today
    )
    if not plan.ok:
        raise ImportRefused(plan)
    reason = f"MIS import {filename}"[:100]
    for row in plan.rows:
        if row.kind == "unchanged":
            continue
        form = PupilForm(row.data, instance=row.pupil, school=school)
        if not form.is_valid():  # checked in the plan; only a race could get here
            raise ValidationError({f"row {row.row}": [str(e) for e in form.errors.values()]})
        pupil = stamp_change(form.save(commit=False), actor=actor, reason=reason)
        if row.pupil is None or form.has_changed():
            pupil.version += 1 if row.pupil is not None else 0
            pupil.save()
        _import_sen(actor, pupil, row, reason)
        _import_contacts(actor, school, pupil, row, reason)
    for leaver in plan.leavers:
        leaver.leaving_date = max(today, leaver.admission_date)
        leaver.version += 1
        stamp_change(leaver, actor=actor, reason=f"{reason}: not in the file (leaver)").save()
    counts = plan.counts
    record = RegisterImport.objects.create(
        school=school,
        user=actor,
        filename=filename[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        via=via,
        full=full,
        **{k: counts[k] for k in ("new", "changed", "unchanged", "leavers")},
    )
    return plan, record


def _import_sen(actor, pupil: Pupil, row, reason: str) -> None:
    if row.sen and row.sen in PROVISIONS_WITH_NEEDS_OR_HISTORIC and row.needs is not None:
        _end_needs_not_wanted(actor, pupil, row.needs, row.sen_start, reason)
        current = set(
            PupilNeed.objects.filter(pupil=pupil, end_date__isnull=True).values_list("need_type", "rank")
        )
        apply_status(
            actor=actor,
            pupil=pupil,
            code=row.sen,
            start_date=row.sen_start,
            reason=reason,
            needs=[n for n in row.needs if n not in current],
            allow_historic=True,
        )
    elif row.sen:
        apply_status(
            actor=actor,
            pupil=pupil,
            code=row.sen,
            start_date=row.sen_start,
            reason=reason,
            allow_historic=True,
        )
    elif row.needs is not None:
        apply_needs(actor=actor, pupil=pupil, needs=row.needs, on=row.sen_start, reason=reason)


PROVISIONS_WITH_NEEDS_OR_HISTORIC = ("K", "E", "S", "A", "P")


def _end_needs_not_wanted(actor, pupil, wanted, on: dt.date, reason: str) -> None:
    for need in PupilNeed.objects.filter(pupil=pupil, end_date__isnull=True):
        if (need.need_type, need.rank) not in wanted:
            if need.start_date >= on:
                stamp_change(need, actor=actor, reason=f"{reason} (replaced on the day it started)").delete()
                continue
            need.end_date = on - dt.timedelta(days=1)
            stamp_change(need, actor=actor, reason=reason).save()


def _import_contacts(actor, school, pupil: Pupil, row, reason: str) -> None:
    from sendco.core.models import Contact, PupilContact

    for c in row.contacts:
        link = (
            PupilContact.objects.filter(pupil=pupil, priority=c.slot).select_related("contact").first()
            if row.pupil is not None
            else None
        )
        contact = link.contact if link else Contact(school=school)
        contact.forename, contact.surname = c.forename, c.surname
        contact.title = c.title or contact.title
        if c.phone is not None:
            contact.phone = c.phone
        if c.email is not None:
            contact.email = c.email
        stamp_change(contact, actor=actor, reason=reason).save()
        link = link or PupilContact(pupil=pupil, school=school, contact=contact, priority=c.slot)
        link.relationship = c.relationship
        if c.pr is not None:
            link.parental_responsibility = c.pr
        stamp_change(link, actor=actor, reason=reason).save()

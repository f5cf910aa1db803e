"""Retention and disposal: which pupils' files are past retention, and destroying them.

A pupil's file is the pupil row and every record the audit registry lists for that pupil (each
app registers its history-tracked pupil models there, so this app imports none of them), with
their history rows and the files they point to. Access-log rows are kept without the pupil
(audit.services.detach_pupils). Everything is deleted in one transaction; the files on disk
only once it commits, so a failure leaves both the rows and the files.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from sendco.accounts.models import User
from sendco.audit.registry import AuditedModel, audited_models
from sendco.audit.services import detach_pupils
from sendco.core.access import policy
from sendco.core.models import Pupil, School
from sendco.core.services_base import stamp_change, validated
from sendco.domain import retention

from .forms import SubjectAccessRequestForm
from .models import DisposalLog, LegalHold, RetentionSetting, SubjectAccessRequest

# The pupil row and the links the policy decides by: a pupil with only these has no SEN record.
CORE_APP = "core"


@dataclass
class RuleBatch:
    school: School
    rule: retention.RetentionRule
    years: int
    pupil_ids: list[int] = field(default_factory=list)
    held: int = 0  # past retention but under a legal hold (or an open subject access request)


def overrides_for(school: School) -> dict[str, int]:
    return dict(RetentionSetting.objects.filter(school=school).values_list("rule", "years"))


def _pupils_with_sen_records(school: School) -> set[int]:
    ids: set[int] = set()
    for audited in audited_models():
        if audited.model._meta.app_label == CORE_APP or audited.pupil_field == "id":
            continue
        ids.update(
            audited.model._base_manager.filter(school=school).values_list(audited.pupil_field, flat=True)
        )
    return ids


def _kept(pupils: models.QuerySet) -> set[int]:
    """Pupils whose file must be kept whatever its age: a legal hold not lifted, or a subject
    access request not yet answered (the data asked for may not be destroyed meanwhile)."""
    held = LegalHold.objects.filter(pupil__in=pupils, lifted_on__isnull=True).values_list(
        "pupil_id", flat=True
    )
    asked = SubjectAccessRequest.objects.filter(pupil__in=pupils, completed_on__isnull=True).values_list(
        "pupil_id", flat=True
    )
    return set(held) | set(asked)


def due_for_disposal(*, school: School, today: dt.date) -> list[RuleBatch]:
    """Each rule's pupils at `school` past retention on `today`, those kept (`_kept`) left out."""
    overrides = overrides_for(school)
    batches = {
        key: RuleBatch(school, rule, retention.years_for(rule, overrides))
        for key, rule in retention.RULES.items()
    }
    sen = _pupils_with_sen_records(school)
    held = _kept(Pupil.objects.filter(school=school))
    for pk, dob in Pupil.objects.filter(school=school).values_list("pk", "date_of_birth"):
        rule = retention.rule_for(has_sen_records=pk in sen)
        if retention.past_retention(dob, rule, today, overrides):
            batch = batches[rule.key]
            if pk in held:
                batch.held += 1
            else:
                batch.pupil_ids.append(pk)
    return list(batches.values())


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.get_fields() if isinstance(f, models.FileField)]


def _files_of(audited: AuditedModel, pupil_ids: list[int]) -> set[tuple[object, str]]:
    """(storage, name) of every file the pupils' records point to, now or in an earlier version."""
    found: set[tuple[object, str]] = set()
    lookup = {f"{audited.pupil_field}__in": pupil_ids}
    history = getattr(audited.model, "history", None)
    for f in _file_fields(audited.model):
        names = set(audited.model._base_manager.filter(**lookup).values_list(f.name, flat=True))
        if history is not None:
            names |= set(history.filter(**lookup).values_list(f.name, flat=True))
        found |= {(f.storage, name) for name in names if name}
    return found


def _delete_files(files: set[tuple[object, str]]) -> None:
    for storage, name in files:
        storage.delete(name)  # type: ignore[attr-defined]


@transaction.atomic
def dispose(*, batch: RuleBatch, by: str, today: dt.date) -> DisposalLog | None:
    """Destroy the batch's pupils' files and log it (counts only). Holds are checked again under
    the transaction, so a hold placed since the listing still stops a pupil's disposal."""
    held = _kept(Pupil.objects.filter(pk__in=batch.pupil_ids))
    pupil_ids = [pk for pk in batch.pupil_ids if pk not in held]
    if not pupil_ids:
        return None
    records: Counter[str] = Counter()
    files: set[tuple[object, str]] = set()
    registered = audited_models()
    history_rows = 0
    for audited in registered:
        lookup = {f"{audited.pupil_field}__in": pupil_ids}
        count = audited.model._base_manager.filter(**lookup).count()
        if count:
            records[audited.label] += count
        history = getattr(audited.model, "history", None)
        history_rows += history.filter(**lookup).count() if history is not None else 0
        files |= _files_of(audited, pupil_ids)
    detach_pupils(pupil_ids)
    # Deleting the pupil cascades to every record about them (each has its `pupil` CASCADE);
    # simple-history then writes a deletion row for each, which goes with the rest below.
    Pupil.objects.filter(pk__in=pupil_ids).delete()
    for audited in registered:
        history = getattr(audited.model, "history", None)
        if history is not None:
            history.filter(**{f"{audited.pupil_field}__in": pupil_ids}).delete()
    transaction.on_commit(lambda: _delete_files(files))
    return DisposalLog.objects.create(
        school=batch.school,
        rule=batch.rule.key,
        record_type=batch.rule.record_type,
        years=batch.years,
        pupils=len(pupil_ids),
        records=dict(records),
        history_rows=history_rows,
        files=len(files),
        run_on=today,
        at=timezone.now(),
        by=by[:300],
    )


@transaction.atomic
def log_subject_access_request(*, actor: User, pupil: Pupil, data) -> SubjectAccessRequest:
    """Record a subject access request received for `pupil` (its due date follows from it)."""
    if not policy.can(actor, "privacy.manage", pupil):
        raise PermissionDenied
    form = validated(SubjectAccessRequestForm(data))
    request = form.save(commit=False)
    request.pupil, request.school_id, request.logged_by = pupil, pupil.school_id, actor
    stamp_change(request, actor=actor, reason="Subject access request received").save()
    return request


@transaction.atomic
def place_legal_hold(*, actor: User, pupil: Pupil, reason: str) -> LegalHold:
    """Stop the retention process destroying `pupil`'s file until the hold is lifted."""
    if not policy.can(actor, "privacy.manage", pupil):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ["Say why the file must be kept (a claim, a complaint)."]})
    hold = LegalHold(pupil=pupil, school_id=pupil.school_id, reason=reason[:300], placed_by=actor)
    stamp_change(hold, actor=actor, reason="Legal hold placed").save()
    return hold


@transaction.atomic
def lift_legal_hold(*, actor: User, hold: LegalHold) -> LegalHold:
    if not policy.can(actor, "privacy.manage", hold.pupil):
        raise PermissionDenied
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.lifted_on is None:
        hold.lifted_on = timezone.localdate()
        stamp_change(hold, actor=actor, reason="Legal hold lifted").save()
    return hold


@transaction.atomic
def complete_subject_access_request(*, actor: User, sar: SubjectAccessRequest) -> SubjectAccessRequest:
    """The answer has been sent: the request is closed (and no longer keeps the file)."""
    if not policy.can(actor, "privacy.manage", sar.pupil):
        raise PermissionDenied
    sar = SubjectAccessRequest.objects.select_for_update().get(pk=sar.pk)
    if sar.completed_on is None:
        sar.completed_on = timezone.localdate()
        stamp_change(sar, actor=actor, reason="Subject access request answered").save()
    return sar

"""Writes for a candidate's access arrangements: add or change an arrangement, record the
SENCO's decision or the approval, ask a teacher for evidence of normal way of working and
record the answer. Each: permission check, validate (errors keyed by field, nothing saved),
change, history stamp, in one transaction. Form 8 lives in services_form8."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sendco.accounts.roles import Role
from sendco.core import uploads
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.models import Pupil
from sendco.core.services_base import stamp_change
from sendco.domain import access_arrangements as rules_

from . import selectors
from .models import AlternativeEvidence, Arrangement, NormalWayRequest

if TYPE_CHECKING:
    from sendco.accounts.models import User

__all__ = ["ConflictError", "save_arrangement", "record_decision", "request_normal_way", "answer_normal_way"]

# Kinds whose percentage the SENCO enters (the awarding body decides how much over 25%).
OVER_25 = frozenset({"extra_time_over_25"})
STAFF_ROLES = (Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD, Role.TEACHER, Role.TA)


def _check_arrangement(data: dict) -> dict[str, str]:
    errors: dict[str, str] = {}
    kind = data.get("kind") or ""
    if kind not in rules_.KIND_BY_CODE:
        errors["kind"] = "Choose the arrangement."
    if kind == "other" and not (data.get("other_label") or "").strip():
        errors["other_label"] = "Enter the name of the arrangement."
    percent = data.get("extra_time_percent")
    if kind in OVER_25:
        if not isinstance(percent, int) or not 25 < percent <= 100:
            errors["extra_time_percent"] = "Enter the extra time as a whole number from 26 to 100."
    elif percent not in (None, ""):
        errors["extra_time_percent"] = "Extra time is entered only for extra time over 25%."
    if (data.get("status") or Arrangement.Status.PROPOSED) not in Arrangement.Status.values:
        errors["status"] = "Choose a status."
    return errors


def _locked(arrangement: Arrangement, expected_version: int | None) -> Arrangement:
    current = Arrangement.objects.select_for_update().select_related("pupil").get(pk=arrangement.pk)
    if expected_version is not None and expected_version != current.version:
        raise ConflictError(current)
    return current


@transaction.atomic
def save_arrangement(
    *,
    actor: User,
    pupil: Pupil,
    data: dict,
    arrangement: Arrangement | None = None,
    expected_version: int | None = None,
) -> Arrangement:
    """Add an arrangement to ``pupil`` (``arrangement`` None) or change it. ``data``: kind,
    other_label, extra_time_percent, status, notes."""
    if not policy.can(actor, "aa.manage", pupil):
        raise PermissionDenied
    if arrangement is not None and arrangement.pupil_id != pupil.pk:
        raise PermissionDenied
    errors = _check_arrangement(data)
    if errors:
        raise ValidationError(errors)
    if arrangement is None:
        current = Arrangement(pupil=pupil, school_id=pupil.school_id)
        # A new assessment-based arrangement rests on the candidate's latest Form 8, if any.
        current.form8 = pupil.form8s.order_by("-created_at", "-pk").first()
        reason = "Arrangement added"
    else:
        current = _locked(arrangement, expected_version)
        current.version += 1
        reason = "Arrangement changed"
    current.kind = data["kind"]
    current.other_label = (data.get("other_label") or "").strip() if data["kind"] == "other" else ""
    current.extra_time_percent = data.get("extra_time_percent") if data["kind"] in OVER_25 else None
    current.status = data.get("status") or Arrangement.Status.PROPOSED
    current.notes = (data.get("notes") or "").strip()
    stamp_change(current, actor=actor, reason=reason).save()
    return current


@transaction.atomic
def record_decision(
    *,
    actor: User,
    arrangement: Arrangement,
    decided_on: dt.date | None,
    approval_reference: str = "",
    expires_on: dt.date | None = None,
    status: str = "",
    expected_version: int | None,
) -> Arrangement:
    """The SENCO's delegated decision or the awarding body's approval. ``expires_on`` defaults
    to the next series' approval length (26 months when no series is set up)."""
    if not policy.can(actor, "aa.decide", arrangement.pupil):
        raise PermissionDenied
    current = _locked(arrangement, expected_version)
    errors: dict[str, str] = {}
    if not isinstance(decided_on, dt.date):
        errors["decided_on"] = "Enter the date of the decision or approval."
    elif decided_on > timezone.localdate():
        errors["decided_on"] = "The date of the decision cannot be in the future."
    elif expires_on is not None and expires_on < decided_on:
        errors["expires_on"] = "The approval cannot expire before the date it was given."
    if status and status not in Arrangement.Status.values:
        errors["status"] = "Choose a status."
    if errors:
        raise ValidationError(errors)
    assert isinstance(decided_on, dt.date)
    if expires_on is None:
        series = selectors.next_series(current.school)
        months = (series.approval_months if series else 0) or rules_.DEFAULT_APPROVAL_MONTHS
        expires_on = rules_.default_expiry(decided_on, months)
    current.decided_on, current.expires_on = decided_on, expires_on
    current.decided_by = actor
    current.approval_reference = (approval_reference or "").strip()[:40]
    current.status = status or Arrangement.Status.APPROVED
    current.version += 1
    stamp_change(current, actor=actor, reason="Decision recorded").save()
    return current


def staff_to_ask(school):
    """Staff at ``school`` the SENCO may ask for evidence of normal way of working."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__school=school, memberships__role__in=STAFF_ROLES)
        .distinct()
        .order_by("last_name", "first_name")
    )


@transaction.atomic
def request_normal_way(
    *, actor: User, arrangement: Arrangement, teacher, subject: str = "", question: str = ""
) -> NormalWayRequest:
    if not policy.can(actor, "aa.manage", arrangement.pupil):
        raise PermissionDenied
    if teacher is None or not staff_to_ask(arrangement.school).filter(pk=teacher.pk).exists():
        raise ValidationError({"requested_from": "Choose a member of staff at the pupil's school."})
    req = NormalWayRequest(
        pupil_id=arrangement.pupil_id,
        school_id=arrangement.school_id,
        arrangement=arrangement,
        requested_from=teacher,
        requested_by=actor,
        subject=(subject or "").strip()[:80],
        question=(question or "").strip(),
    )
    stamp_change(req, actor=actor, reason="Normal way of working evidence requested").save()
    return req


@transaction.atomic
def answer_normal_way(
    *, actor: User, request: NormalWayRequest, source: str, answer: str
) -> NormalWayRequest:
    if not policy.can(actor, "aa.respond", request):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if source not in NormalWayRequest.Source.values:
        errors["source"] = "Choose where the evidence comes from."
    if not (answer or "").strip():
        errors["answer"] = "Describe how the pupil works in your lessons."
    if errors:
        raise ValidationError(errors)
    current = NormalWayRequest.objects.select_for_update().get(pk=request.pk)
    current.source, current.answer = source, answer.strip()
    current.answered_at = timezone.now()
    stamp_change(current, actor=actor, reason="Normal way of working evidence given").save()
    return current


@transaction.atomic
def add_alternative_evidence(
    *, actor: User, arrangement: Arrangement, kind: str, author: str, dated: dt.date | None,
    summary: str = "", upload=None,
) -> AlternativeEvidence:  # fmt: skip
    """An EHC plan or a professional's letter, the route instead of Form 8 scores."""
    if not policy.can(actor, "aa.manage", arrangement.pupil):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if kind not in AlternativeEvidence.Kind.values:
        errors["kind"] = "Choose an EHC plan or a letter from a professional."
    if not (author or "").strip():
        errors["author"] = "Enter who wrote it."
    if not isinstance(dated, dt.date):
        errors["dated"] = "Enter the date of the document."
    elif dated > timezone.localdate():
        errors["dated"] = "The date of the document cannot be in the future."
    checked = None
    if upload is not None:
        try:
            checked = uploads.read_checked(upload, field="file")
        except ValidationError as exc:
            errors |= {k: " ".join(v) for k, v in exc.message_dict.items()}
    if errors:
        raise ValidationError(errors)
    assert isinstance(dated, dt.date)
    item = AlternativeEvidence(
        pupil_id=arrangement.pupil_id, school_id=arrangement.school_id, arrangement=arrangement,
        kind=kind, author=author.strip()[:120], dated=dated, summary=(summary or "").strip(),
        uploaded_by=actor,
    )  # fmt: skip
    if checked is not None:
        data, file_kind = checked
        item.original_name = uploads.display_name(upload.name)[:200]
        item.file.save(
            uploads.random_name(f"access_arrangements/{item.school_id}", file_kind),
            ContentFile(data),
            save=False,
        )
    stamp_change(item, actor=actor, reason="Alternative evidence added").save()
    return item

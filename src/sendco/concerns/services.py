"""Writes for concerns: raise, correct, ask for input, answer, parents' views, decide.

A decision to place the pupil on SEN support calls the register's own service
(`register.services.change_status` with the need types), so the register's rules apply and the
new status period records "from concern #n"; the concern keeps a link to that period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sendco.core import uploads
from sendco.core.access import key_adult_on, policy
from sendco.core.concurrency import ConflictError
from sendco.core.models import Pupil
from sendco.core.services_base import stamp_change
from sendco.domain import identification
from sendco.register import services as register

from . import notifications
from .models import RATING_AREAS, Concern, Evidence, InputRequest

if TYPE_CHECKING:
    from sendco.accounts.models import User

TEXT_FIELDS = ("subjects", "observations", "strategies_tried")
RATING_FIELDS = tuple(f"rating_{code}" for code, _ in RATING_AREAS)


def _check_details(pupil: Pupil, data: dict, categories) -> None:
    errors = {}
    if not data.get("observations", "").strip():
        errors["observations"] = "Describe what you have seen."
    if not data.get("strategies_tried", "").strip():
        errors["strategies_tried"] = "Say what you have already tried in class (quality-first teaching)."
    if categories is not None:
        if not categories:
            errors["categories"] = "Choose at least one area of concern."
        elif any(c.school_id != pupil.school_id or not c.active for c in categories):
            errors["categories"] = "Choose from the school's areas of concern."
    for name in RATING_FIELDS:
        if data.get(name) not in (None, "", 1, 2, 3, 4):
            errors[name] = "Choose a rating from 1 to 4, or leave it blank."
    if errors:
        raise ValidationError(errors)


def _add_evidence(*, actor: User, concern: Concern, files) -> None:
    checked = [(upload, *uploads.read_checked(upload, field="evidence")) for upload in files]
    for upload, data, kind in checked:
        item = Evidence(
            concern=concern,
            pupil_id=concern.pupil_id,
            school_id=concern.school_id,
            original_name=uploads.display_name(upload.name),
            content_type=kind.content_type,
            size=len(data),
            uploaded_by=actor,
        )
        item.file.save(
            uploads.random_name(f"concerns/{concern.school_id}", kind), ContentFile(data), save=False
        )
        stamp_change(item, actor=actor, reason="Evidence added").save()


@transaction.atomic
def raise_concern(
    *, actor: User, pupil: Pupil, data: dict, categories: list, files: Sequence = ()
) -> Concern:
    if not policy.can(actor, "concern.raise", pupil):
        raise PermissionDenied
    _check_details(pupil, data, categories)
    concern = Concern(pupil=pupil, school_id=pupil.school_id, raised_by=actor)
    for name in TEXT_FIELDS + RATING_FIELDS:
        if name in data:
            setattr(concern, name, data[name] if data[name] is not None or name in RATING_FIELDS else "")
    stamp_change(concern, actor=actor, reason="Concern raised").save()
    concern.categories.set(categories, through_defaults={"school_id": concern.school_id})
    _add_evidence(actor=actor, concern=concern, files=files)
    transaction.on_commit(lambda: notifications.concern_raised(concern))
    return concern


def _locked(concern: Concern, expected_version: int | None) -> Concern:
    current = Concern.objects.select_for_update().select_related("pupil").get(pk=concern.pk)
    if expected_version is not None and expected_version != current.version:
        raise ConflictError(current)
    return current


def _bump(concern: Concern, actor, reason: str) -> None:
    concern.version += 1
    stamp_change(concern, actor=actor, reason=reason).save()


@transaction.atomic
def update_concern(
    *,
    actor: User,
    concern: Concern,
    data: dict,
    expected_version: int | None,
    categories: list | None = None,
    files: Sequence = (),
) -> Concern:
    """Correct or add to the details (raiser while new; the triage team at any time)."""
    if not policy.can(actor, "concern.change", concern):
        raise PermissionDenied
    current = _locked(concern, expected_version)
    merged = {name: getattr(current, name) for name in TEXT_FIELDS + RATING_FIELDS} | data
    _check_details(current.pupil, merged, categories)
    for name in TEXT_FIELDS + RATING_FIELDS:
        setattr(current, name, merged[name])
    _bump(current, actor, "Concern details changed")
    if categories is not None:
        current.categories.set(categories, through_defaults={"school_id": current.school_id})
    _add_evidence(actor=actor, concern=current, files=files)
    return current


def _refresh_status(concern: Concern) -> None:
    if concern.decision:
        concern.status = Concern.Status.DECIDED
    elif concern.input_requests.filter(responded_at__isnull=True).exists():
        concern.status = Concern.Status.AWAITING_INPUT
    elif concern.input_requests.exists() or concern.parents_views:
        concern.status = Concern.Status.AWAITING_DECISION
    else:
        concern.status = Concern.Status.NEW


def teachers_of(pupil: Pupil):
    """Adults who teach or support the pupil now (people the SENCO may ask for input): none
    outside the pupil's time at the school, when class staff do not see the pupil."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    today = timezone.localdate()
    users = get_user_model().objects
    if not pupil.at_school_on(today):
        return users.none()
    return (
        users.filter(
            Q(group_links__group__memberships__pupil=pupil)
            | (Q(key_pupils__pupil=pupil) & key_adult_on(today, via="key_pupils__"))
        )
        .filter(is_active=True)
        .distinct()
        .order_by("last_name", "first_name")
    )


@transaction.atomic
def request_input(*, actor: User, concern: Concern, users: list, message: str = "") -> list[InputRequest]:
    if not policy.can(actor, "concern.triage", concern):
        raise PermissionDenied
    current = _locked(concern, None)
    if current.decision:
        raise ValidationError({"users": "This concern has already been decided."})
    allowed = set(teachers_of(current.pupil).values_list("pk", flat=True))
    if not users:
        raise ValidationError({"users": "Choose at least one person to ask."})
    if any(u.pk not in allowed for u in users):
        raise ValidationError({"users": "You can only ask adults who teach or support this pupil."})
    already = set(current.input_requests.values_list("requested_from_id", flat=True))
    created = []
    for user in users:
        if user.pk in already:
            continue
        req = InputRequest(
            concern=current,
            pupil_id=current.pupil_id,
            school_id=current.school_id,
            requested_from=user,
            requested_by=actor,
            message=message.strip()[:500],
        )
        stamp_change(req, actor=actor, reason="Input requested").save()
        created.append(req)
    _refresh_status(current)
    _bump(current, actor, "Input requested")

    def notify() -> None:
        for r in created:
            notifications.input_requested(r)

    transaction.on_commit(notify)
    return created


@transaction.atomic
def respond(*, actor: User, request: InputRequest, response: str) -> InputRequest:
    if not (policy.can(actor, "concern.respond", request) and policy.can_see(actor, request.concern.pupil)):
        raise PermissionDenied
    if not response.strip():
        raise ValidationError({"response": "Write what you see in your lessons."})
    request = InputRequest.objects.select_for_update().get(pk=request.pk)
    request.response = response.strip()
    request.responded_at = timezone.now()
    stamp_change(request, actor=actor, reason="Input given").save()
    concern = _locked(request.concern, None)
    _refresh_status(concern)
    _bump(concern, actor, "Input given")
    return request


@transaction.atomic
def record_parents_views(
    *, actor: User, concern: Concern, views: str, on: dt.date, expected_version: int | None
):
    if not policy.can(actor, "concern.triage", concern):
        raise PermissionDenied
    current = _locked(concern, expected_version)
    errors = {}
    if not views.strip():
        errors["parents_views"] = "Write down what the parents or carers said."
    if on is None or on > timezone.localdate():
        errors["parents_views_on"] = "Enter the date you spoke to them (today or earlier)."
    if errors:
        raise ValidationError(errors)
    current.parents_views, current.parents_views_on = views.strip(), on
    _refresh_status(current)
    _bump(current, actor, "Parents' views recorded")
    return current


@transaction.atomic
def decide(
    *,
    actor: User,
    concern: Concern,
    decision: str,
    notes: str = "",
    review_date: dt.date | None = None,
    need_types: Sequence[str] = (),
    start_date: dt.date | None = None,
    agency: str = "",
    agency_reason: str = "",
    parents_told_on: dt.date | None = None,
    expected_version: int | None,
) -> Concern:
    if not policy.can(actor, "concern.triage", concern):
        raise PermissionDenied
    current = _locked(concern, expected_version)
    today = timezone.localdate()
    need_types = [n for n in need_types if n]
    problems = identification.check_decision(
        decision=decision,
        today=today,
        raised_on=timezone.localtime(current.created_at).date(),
        current_provision=current.pupil.sen_status,
        review_date=review_date,
        need_types=need_types,
        parents_told_on=parents_told_on,
        agency=agency,
        agency_reason=agency_reason,
    )
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            errors.setdefault(problem.field, []).append(problem.message)
        raise ValidationError(errors)
    current.decision = decision
    current.decision_notes = notes.strip()
    current.review_date = review_date if decision == Concern.Decision.MONITOR else None
    current.need_types = list(need_types) if decision == Concern.Decision.SEN_SUPPORT else []
    current.agency = agency.strip() if decision == Concern.Decision.REFER else ""
    current.agency_reason = agency_reason.strip() if decision == Concern.Decision.REFER else ""
    current.decided_by, current.decided_on = actor, today
    current.parents_told_on = parents_told_on if decision == Concern.Decision.SEN_SUPPORT else None
    if decision == Concern.Decision.SEN_SUPPORT:
        current.sen_status = register.change_status(
            actor=actor,
            pupil=current.pupil,
            code="K",
            start_date=start_date or today,
            reason=f"SEN support agreed (from concern #{current.pk})",
            needs=[(code, rank) for rank, code in enumerate(need_types, start=1)],
        )
    _refresh_status(current)
    _bump(current, actor, f"Decision: {current.get_decision_display()}")
    transaction.on_commit(lambda: notifications.decided(current))
    return current

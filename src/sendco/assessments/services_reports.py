"""Writes for professionals' reports: upload one (file, key findings, scores, recommendations),
correct its details, decide a recommendation, and record that another app adopted one.

An upload is all or nothing: the file is checked (PDF or Word only, under the size limit), the
scores by the same rules as any sitting (``services.check_sitting``/``clean_scores``), and every
problem is reported at once before anything is stored. Plans and provision adopt a
recommendation through ``mark_recommendation_adopted``, inside their own transaction, so a
target or place and the recommendation's new status are saved together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypeGuard

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sendco.core import uploads
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.models import Pupil
from sendco.core.services_base import stamp_change

from .models import Assessment, ProfessionalReport, Recommendation
from .services import check_sitting, clean_scores, is_blank_row, save_sitting

if TYPE_CHECKING:
    from sendco.accounts.models import User

REPORT_FILES = ("pdf", "docx")  # old binary .doc files are refused product-wide (macros)
MAX_RECOMMENDATIONS = 30
MAX_RECOMMENDATION_CHARS = 2000
ADOPTED = (Recommendation.Status.TARGET, Recommendation.Status.PROVISION)
DECISIONS = (Recommendation.Status.NOT_ADOPTED, Recommendation.Status.OTHER)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _is_date(value) -> TypeGuard[dt.date]:
    # A datetime is a date too, but comparing it with one raises TypeError: refuse it by name.
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _check_details(pupil: Pupil, details: Mapping) -> dict[str, str]:
    errors: dict[str, str] = {}
    for key, what, limit, needed in (
        ("title", "The title", 150, "Enter the title of the report."),
        ("author_name", "The author's name", 120, "Enter who wrote the report."),
        ("author_role", "The author's profession", 120, ""),
        ("agency_name", "The service", 150, ""),
    ):
        value = _text(details.get(key))
        if needed and not value:
            errors[key] = needed
        elif len(value) > limit:
            errors[key] = f"{what} must be {limit} characters or fewer."
    today = timezone.localdate()
    written, received = details.get("written_on"), details.get("received_on")
    if not _is_date(written):
        errors["written_on"] = "Enter the date of the report."
    elif written > today:
        errors["written_on"] = "The date of the report cannot be in the future."
    elif pupil.date_of_birth and written < pupil.date_of_birth:
        errors["written_on"] = "The date of the report is before the pupil was born."
    if not _is_date(received):
        errors["received_on"] = "Enter the date the school received the report."
    elif received > today:
        errors["received_on"] = "The date received cannot be in the future."
    elif _is_date(written) and received < written:
        errors["received_on"] = "The date received cannot be before the date of the report."
    return errors


def recommendation_lines(text) -> list[str]:
    """One recommendation per non-empty line (bullets and numbering typed by hand are kept)."""
    return [line.strip() for line in _text(text).splitlines() if line.strip()]


def _check_recommendations(lines: Sequence[str]) -> dict[str, str]:
    if len(lines) > MAX_RECOMMENDATIONS:
        return {"recommendations": f"Enter at most {MAX_RECOMMENDATIONS} recommendations."}
    for n, line in enumerate(lines, start=1):
        if len(line) > MAX_RECOMMENDATION_CHARS:
            limit = MAX_RECOMMENDATION_CHARS
            return {"recommendations": f"Recommendation {n} must be {limit} characters or fewer."}
    return {}


@transaction.atomic
def upload_report(
    *,
    actor: User,
    pupil: Pupil,
    upload,
    title: str,
    author_name: str,
    author_role: str = "",
    agency_name: str = "",
    written_on: dt.date,
    received_on: dt.date,
    summary: str = "",
    recommendations: str | Sequence[str] = "",
    scores: Sequence[Mapping] = (),
) -> ProfessionalReport:
    """A report with its file, its scores (an Assessment with the professional-report purpose,
    dated and signed as the report) and its recommendations (text, or a list of lines)."""
    if not policy.can(actor, "report.upload", pupil):
        raise PermissionDenied
    details = {
        "title": title, "author_name": author_name, "author_role": author_role,
        "agency_name": agency_name, "written_on": written_on, "received_on": received_on,
    }  # fmt: skip
    errors = _check_details(pupil, details)
    checked = None
    if upload is None:
        errors["file"] = "Choose the report's file (PDF or Word)."
    else:
        try:
            checked = uploads.read_checked(upload, field="file", accept=REPORT_FILES)
        except ValidationError as exc:
            errors |= {k: " ".join(v) for k, v in exc.message_dict.items()}
    lines = recommendation_lines(recommendations) if isinstance(recommendations, str) else [
        _text(r) for r in recommendations if _text(r)
    ]  # fmt: skip
    errors |= _check_recommendations(lines)
    has_scores = any(not is_blank_row(row) for row in scores)
    cleaned, score_errors = clean_scores(scores)
    errors |= score_errors
    if has_scores and _is_date(written_on) and "written_on" not in errors:
        sitting = check_sitting(
            pupil, taken_on=written_on, assessor_name=author_name, assessor_role=author_role,
            purpose=Assessment.Purpose.PROFESSIONAL_REPORT,
        )  # fmt: skip
        errors |= {k: v for k, v in sitting.items() if k not in ("assessor_name", "assessor_role")}
    if errors:
        raise ValidationError(errors)
    assert checked is not None and _is_date(written_on) and _is_date(received_on)
    assessment = None
    if has_scores:
        assessment = save_sitting(
            actor=actor, pupil=pupil, taken_on=written_on, assessor_name=_text(author_name),
            assessor_role=_text(author_role), purpose=Assessment.Purpose.PROFESSIONAL_REPORT,
            summary=_text(title), scores=cleaned,
        )  # fmt: skip
    data, kind = checked
    report = ProfessionalReport(
        pupil=pupil, school_id=pupil.school_id, assessment=assessment, uploaded_by=actor,
        title=_text(title), author_name=_text(author_name), author_role=_text(author_role),
        agency_name=_text(agency_name), written_on=written_on, received_on=received_on,
        summary=_text(summary), original_name=uploads.display_name(upload.name)[:150],
        content_type=kind.content_type, size=len(data),
    )  # fmt: skip
    report.file.save(uploads.random_name(f"reports/{pupil.school_id}", kind), ContentFile(data), save=False)
    stamp_change(report, actor=actor, reason="Report uploaded").save()
    for line in lines:
        item = Recommendation(report=report, pupil=pupil, school_id=pupil.school_id, text=line)
        stamp_change(item, actor=actor, reason="Recommendation recorded").save()
    return report


@transaction.atomic
def correct_report(
    *,
    actor: User,
    report: ProfessionalReport,
    expected_version: int | None,
    title: str,
    author_name: str,
    author_role: str = "",
    agency_name: str = "",
    written_on: dt.date,
    received_on: dt.date,
    summary: str = "",
) -> ProfessionalReport:
    """Correct the report's details (not its file, scores or recommendations). ConflictError
    when someone saved in between."""
    if not policy.can(actor, "report.decide", report.pupil):
        raise PermissionDenied
    current = (
        ProfessionalReport.objects.select_for_update(of=("self",)).select_related("pupil").get(pk=report.pk)
    )
    if expected_version is not None and expected_version != current.version:
        raise ConflictError(current)
    details = {
        "title": title, "author_name": author_name, "author_role": author_role,
        "agency_name": agency_name, "written_on": written_on, "received_on": received_on,
    }  # fmt: skip
    errors = _check_details(current.pupil, details)
    if errors:
        raise ValidationError(errors)
    for key, value in details.items():
        setattr(current, key, value if key in ("written_on", "received_on") else _text(value))
    current.summary = _text(summary)
    current.version += 1
    stamp_change(current, actor=actor, reason="Report corrected").save()
    return current


def _locked(recommendation: Recommendation) -> Recommendation:
    return (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("pupil", "report")
        .get(pk=recommendation.pk)
    )


@transaction.atomic
def decide_recommendation(
    *,
    actor: User,
    recommendation: Recommendation,
    expected_version: int | None,
    status: str,
    note: str,
) -> Recommendation:
    """Not adopted, or acted on another way, with a note saying why or how."""
    if not policy.can(actor, "report.decide", recommendation.pupil):
        raise PermissionDenied
    current = _locked(recommendation)
    if expected_version is not None and expected_version != current.version:
        raise ConflictError(current)
    errors: dict[str, str] = {}
    if status not in DECISIONS:
        errors["status"] = "Choose whether the recommendation was not adopted or acted on another way."
    note = _text(note)
    if not note:
        errors["note"] = "Say why it was not adopted, or what was done instead."
    elif len(note) > 300:
        errors["note"] = "The note must be 300 characters or fewer."
    if current.status in ADOPTED:
        errors["status"] = f"This recommendation was already adopted ({current.action_label})."
    if errors:
        raise ValidationError(errors)
    current.status, current.decision_note = status, note
    current.decided_by, current.decided_on = actor, timezone.localdate()
    current.action_label = current.action_url = ""
    current.version += 1
    stamp_change(current, actor=actor, reason="Recommendation decided").save()
    return current


@transaction.atomic
def mark_recommendation_adopted(
    *, actor: User, recommendation: Recommendation, status: str, label: str, url: str
) -> Recommendation:
    """Record what the plans or provision app made of the recommendation (a target, a place),
    called inside that app's own transaction so both are saved or neither."""
    if not policy.can(actor, "report.decide", recommendation.pupil):
        raise PermissionDenied
    if status not in ADOPTED:
        raise ValueError(f"Not an adoption: {status!r}")
    current = _locked(recommendation)
    if current.status in ADOPTED:
        raise ValidationError(
            {"__all__": f"This recommendation was already adopted ({current.action_label})."}
        )
    current.status, current.action_label, current.action_url = status, label[:200], url[:300]
    current.decided_by, current.decided_on, current.decision_note = actor, timezone.localdate(), ""
    current.version += 1
    stamp_change(current, actor=actor, reason="Recommendation adopted").save()
    return current

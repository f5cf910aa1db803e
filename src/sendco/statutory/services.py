"""Writes to statutory records. Each function: check permission → validate (form fields, then
the whole record's timeline through the deadline engine) → change → history (user and reason)
→ keep `EhcPlan.next_due` in step. Everything runs in one transaction, so a timeline error
raised after a change rolls it back: nothing is saved."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sendco.core import ical, uploads
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.services_base import stamp_change, validated
from sendco.domain.deadlines import TimelineError

from . import forms, selectors
from .models import (
    AdviceRequest,
    Amendment,
    AnnualReview,
    AssessmentRequest,
    CalendarToken,
    EhcPlan,
    LaSetting,
    PlanDocument,
    PlanOutcome,
    ProgressOnOutcome,
    ProvisionItem,
    ReminderDigest,
    ReviewInvitee,
)
from .request_document import section_keys


def _require(actor, perm: str, pupil) -> None:
    if not policy.can(actor, perm, pupil):
        raise PermissionDenied


def _versioned_save(obj, actor, reason: str) -> None:
    if obj.pk is not None:
        obj.version += 1
    stamp_change(obj, actor=actor, reason=reason).save()


def _form(form_class, data, instance=None, **kwargs):
    return validated(form_class(data, instance=instance, **kwargs))


def _lock(model, obj, expected_version: int | None):
    current = model.objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(current)
    return current


# Engine field names -> the form field to show the message against.
FIELD_NAMES = {
    "la_decision": "la_decision_date",
    "last_review_meeting": "meeting_date",
    "plan_issued": "issued_on",
    "advice_requests": "returned_on",
}


def check_timeline(pupil, *, today: dt.date | None = None) -> None:
    """Raise ValidationError if the pupil's stored events (as changed in this transaction)
    cannot all be true; the caller's transaction then rolls back."""
    today = today or timezone.localdate()
    for loaded in selectors.load(Q(pk=pupil.pk), today=today):
        try:
            loaded.deadlines(today)
        except TimelineError as exc:
            raise ValidationError({FIELD_NAMES.get(exc.field, exc.field): [str(exc)]}) from exc
    refresh_next_due(pupil, today=today)


def refresh_next_due(pupil, *, today: dt.date | None = None) -> None:
    """Rebuild the cached open deadlines of one pupil's requests and plans."""
    selectors.refresh_cache(Q(pk=pupil.pk), today=today)


# --- requests for an EHC needs assessment -----------------------------------------------------------


@transaction.atomic
def save_request(
    *, actor, pupil, data, request: AssessmentRequest | None = None, expected_version: int | None = None
) -> AssessmentRequest:
    _require(actor, "statutory.change", pupil)
    if request is not None:
        request = _lock(AssessmentRequest, request, expected_version)
    form = _form(forms.RequestForm, data, instance=request)
    obj = form.save(commit=False)
    creating = obj.pk is None
    if creating:
        obj.pupil, obj.school, obj.created_by = pupil, pupil.school, actor
    else:
        obj.version += 1
    stamp_change(obj, actor=actor, reason="Request recorded" if creating else "Request updated").save()
    check_timeline(pupil)
    return obj


@transaction.atomic
def save_request_document(*, actor, request: AssessmentRequest, sections: dict, expected_version: int | None):
    _require(actor, "statutory.request_document", request.pupil)
    _require(actor, "statutory.change", request.pupil)
    current = _lock(AssessmentRequest, request, expected_version)
    keys = set(section_keys())
    current.document = {k: str(v)[:20_000] for k, v in sections.items() if k in keys}
    current.version += 1
    stamp_change(current, actor=actor, reason="Request document edited").save()
    return current


@transaction.atomic
def save_advice(
    *,
    actor,
    request: AssessmentRequest,
    data,
    advice: AdviceRequest | None = None,
    expected_version: int | None = None,
) -> AdviceRequest:
    _require(actor, "statutory.change", request.pupil)
    if advice is not None:
        advice = _lock(AdviceRequest, advice, expected_version)
    obj = _form(forms.AdviceForm, data, instance=advice).save(commit=False)
    obj.request, obj.pupil, obj.school = request, request.pupil, request.school
    _versioned_save(obj, actor, "Advice recorded")
    check_timeline(request.pupil)
    return obj


# --- plans -------------------------------------------------------------------------------------------


@transaction.atomic
def save_plan(
    *,
    actor,
    pupil,
    data,
    plan: EhcPlan | None = None,
    expected_version: int | None = None,
    request: AssessmentRequest | None = None,
) -> EhcPlan:
    _require(actor, "statutory.change", pupil)
    if plan is not None:
        plan = _lock(EhcPlan, plan, expected_version)
    obj = _form(forms.PlanForm, data, instance=plan).save(commit=False)
    creating = obj.pk is None
    if creating:
        obj.pupil, obj.school = pupil, pupil.school
        if request is not None and request.pupil_id == pupil.pk:
            obj.request = request
    else:
        obj.version += 1
    source = obj.request
    if source is not None:
        earliest = source.request_received or source.request_made
        if earliest and obj.issued_on < earliest:
            raise ValidationError({"issued_on": ["The final plan cannot be dated before the request."]})
    reason = (
        "Plan recorded"
        if creating
        else ("Plan ceased" if obj.ceased_on and plan and not plan.ceased_on else "Plan updated")
    )
    stamp_change(obj, actor=actor, reason=reason).save()
    check_timeline(pupil)
    return obj


@transaction.atomic
def save_outcome(
    *, actor, plan: EhcPlan, data, outcome: PlanOutcome | None = None, expected_version: int | None = None
) -> PlanOutcome:
    _require(actor, "statutory.change", plan.pupil)
    if outcome is not None:
        outcome = _lock(PlanOutcome, outcome, expected_version)
    obj = _form(forms.OutcomeForm, data, instance=outcome).save(commit=False)
    obj.plan, obj.pupil, obj.school = plan, plan.pupil, plan.school
    _versioned_save(obj, actor, "Section E outcome saved")
    return obj


@transaction.atomic
def save_provision(
    *, actor, plan: EhcPlan, data, item: ProvisionItem | None = None, expected_version: int | None = None
) -> ProvisionItem:
    _require(actor, "statutory.change", plan.pupil)
    if item is not None:
        item = _lock(ProvisionItem, item, expected_version)
    obj = _form(forms.ProvisionForm, data, instance=item, plan=plan).save(commit=False)
    obj.plan, obj.pupil, obj.school = plan, plan.pupil, plan.school
    _versioned_save(obj, actor, "Section F provision saved")
    return obj


@transaction.atomic
def delete_plan_part(*, actor, part) -> None:
    """Remove an outcome or a provision item (history keeps the deleted row)."""
    _require(actor, "statutory.change", part.pupil)
    stamp_change(part, actor=actor, reason="Removed").delete()


@transaction.atomic
def upload_document(*, actor, plan: EhcPlan, data, files) -> PlanDocument:
    _require(actor, "statutory.change", plan.pupil)
    form = validated(forms.DocumentForm(data, files))
    if form.cleaned_data["dated"] < plan.issued_on and form.cleaned_data["kind"] != PlanDocument.Kind.DRAFT:
        raise ValidationError({"dated": ["This document is dated before the plan was made."]})
    upload = form.cleaned_data["file"]
    doc = PlanDocument(
        plan=plan,
        pupil=plan.pupil,
        school=plan.school,
        kind=form.cleaned_data["kind"],
        dated=form.cleaned_data["dated"],
        original_name=uploads.display_name(upload.name),
        size=upload.size,
        uploaded_by=actor,
    )
    doc.file.save("plan.pdf", upload, save=False)
    stamp_change(doc, actor=actor, reason="Document uploaded").save()
    return doc


# --- annual reviews --------------------------------------------------------------------------------------


@transaction.atomic
def save_review(
    *, actor, plan: EhcPlan, data, review: AnnualReview | None = None, expected_version: int | None = None
) -> AnnualReview:
    """Schedule a review or record its paperwork dates and the LA's decision."""
    _require(actor, "statutory.change", plan.pupil)
    if review is not None:
        review = _lock(AnnualReview, review, expected_version)
    obj = _form(forms.ReviewForm, data, instance=review).save(commit=False)
    creating = obj.pk is None
    if creating:
        obj.plan, obj.pupil, obj.school = plan, plan.pupil, plan.school
    else:
        obj.version += 1
    stamp_change(obj, actor=actor, reason="Review scheduled" if creating else "Review updated").save()
    if creating:
        _invite_defaults(obj, actor)
    check_timeline(plan.pupil)
    return obj


def _invite_defaults(review: AnnualReview, actor) -> None:
    """Pre-fill the people Reg 20(2) says must be invited: parents, the pupil, the LA officer."""
    people = [
        (ReviewInvitee.Kind.PARENT, str(link.contact), link.contact.email)
        for link in review.pupil.contact_links.filter(parental_responsibility=True).select_related("contact")
    ]
    people.append((ReviewInvitee.Kind.PUPIL, review.pupil.full_name, ""))
    if review.plan.case_officer_name:
        people.append((ReviewInvitee.Kind.LA, review.plan.case_officer_name, review.plan.case_officer_email))
    for kind, name, email in people:
        stamp_change(
            ReviewInvitee(
                review=review, pupil=review.pupil, school=review.school, kind=kind, name=name, email=email
            ),
            actor=actor,
            reason="Invited by default",
        ).save()


@transaction.atomic
def record_meeting(
    *, actor, review: AnnualReview, data, progress: dict[int, str], expected_version: int | None
) -> AnnualReview:
    _require(actor, "statutory.change", review.pupil)
    current = _lock(AnnualReview, review, expected_version)
    obj = _form(forms.MeetingForm, data, instance=current).save(commit=False)
    if obj.held and obj.meeting_date > timezone.localdate():
        raise ValidationError({"held": ["A meeting dated in the future cannot have been held yet."]})
    obj.version += 1
    stamp_change(obj, actor=actor, reason="Review meeting recorded").save()
    outcomes = {o.pk: o for o in review.plan.outcomes.all()}
    for outcome_id, text in progress.items():
        if outcome_id in outcomes:
            row, _ = ProgressOnOutcome.objects.get_or_create(
                review=obj, outcome=outcomes[outcome_id], defaults={"pupil": obj.pupil, "school": obj.school}
            )
            if row.progress != text:
                row.progress = text
                stamp_change(row, actor=actor, reason="Progress recorded").save()
    check_timeline(review.pupil)
    return obj


@transaction.atomic
def save_invitee(
    *,
    actor,
    review: AnnualReview,
    data,
    invitee: ReviewInvitee | None = None,
    expected_version: int | None = None,
) -> ReviewInvitee:
    _require(actor, "statutory.change", review.pupil)
    if invitee is not None:
        invitee = _lock(ReviewInvitee, invitee, expected_version)
    obj = _form(forms.InviteeForm, data, instance=invitee).save(commit=False)
    if obj.advice_received_on and obj.advice_received_on > timezone.localdate():
        raise ValidationError({"advice_received_on": ["Advice cannot be received in the future."]})
    obj.review, obj.pupil, obj.school = review, review.pupil, review.school
    _versioned_save(obj, actor, "Invitee saved")
    return obj


def invitation_ics(review: AnnualReview) -> bytes:
    cal = ical.calendar(f"Annual review – {review.pupil.full_name}")
    start = (
        dt.datetime.combine(review.meeting_date, review.meeting_time)
        if review.meeting_time
        else review.meeting_date
    )
    end = start + dt.timedelta(hours=1) if review.meeting_time else None
    ical.add_event(
        cal,
        uid=f"review-{review.pk}@sendco",
        summary=f"Annual review of the EHC plan: {review.pupil.full_name}",
        start=start,
        end=end,
        location=review.location,
        description="Annual review meeting (SEND Regulations 2014, reg 20). Please send your advice at least "
        "2 weeks before the meeting.",
    )
    return ical.to_bytes(cal)


@transaction.atomic
def send_invitations(*, actor, review: AnnualReview, on: dt.date | None = None) -> int:
    """Email every invitee with an address (letter text, .ics, request for advice), mark the
    invitations sent. Invitees without an address get a printed letter (review-letters page)."""
    _require(actor, "statutory.change", review.pupil)
    on = on or timezone.localdate()
    if on > review.meeting_date:
        raise ValidationError({"invitations_sent": ["Invitations cannot be sent after the meeting."]})
    ics = invitation_ics(review)
    emailed, messages = 0, []
    for invitee in review.invitees.all():
        if invitee.email:
            message = EmailMessage(
                subject=(
                    f"Invitation: annual review for {review.pupil.forename} on "
                    f"{review.meeting_date:%-d %B %Y}"
                ),
                body=invitation_text(review, invitee),
                to=[invitee.email],
            )
            message.attach("review.ics", ics, "text/calendar")
            messages.append(message)
            emailed += 1
        if invitee.invited_on is None:
            invitee.invited_on = on
            _versioned_save(invitee, actor, "Invited")
    review = AnnualReview.objects.select_for_update().get(pk=review.pk)
    if review.invitations_sent is None:
        review.invitations_sent = on
        review.version += 1
        stamp_change(review, actor=actor, reason="Invitations sent").save()
    check_timeline(review.pupil)
    transaction.on_commit(lambda: [m.send() for m in messages])  # only once the invitations are saved
    return emailed


def invitation_text(review: AnnualReview, invitee: ReviewInvitee) -> str:
    when = f"{review.meeting_date:%A %-d %B %Y}" + (
        f" at {review.meeting_time:%H:%M}" if review.meeting_time else ""
    )
    advice_by = review.meeting_date - dt.timedelta(days=14)
    lines = [
        f"Dear {invitee.name},",
        "",
        f"You are invited to the annual review of {review.pupil.full_name}'s education, health and care plan "
        f"on {when}" + (f" at {review.location}." if review.location else "."),
    ]
    if invitee.advice_requested:
        lines += [
            "",
            f"Please send your advice and information by {advice_by:%-d %B %Y}, so that it can be "
            "shared with "
            "everyone at least 2 weeks before the meeting (SEND Regulations 2014, reg 20(4)).",
        ]
    lines += ["", f"{review.school.name}"]
    return "\n".join(lines)


# --- amendments -------------------------------------------------------------------------------------------


@transaction.atomic
def save_amendment(
    *,
    actor,
    plan: EhcPlan,
    data,
    amendment: Amendment | None = None,
    review=None,
    expected_version: int | None = None,
) -> Amendment:
    _require(actor, "statutory.change", plan.pupil)
    if amendment is not None:
        amendment = _lock(Amendment, amendment, expected_version)
    obj = _form(forms.AmendmentForm, data, instance=amendment).save(commit=False)
    obj.plan, obj.pupil, obj.school = plan, plan.pupil, plan.school
    if review is not None and obj.review_id is None:
        obj.review = review
    _versioned_save(obj, actor, "Amendment saved")
    check_timeline(plan.pupil)
    return obj


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
        if not rows:
            continue
        with transaction.atomic():
            # The unique (user, day) row is the lock: a concurrent run fails here and sends nothing.
            _, created = ReminderDigest.objects.get_or_create(
                user=user, sent_on=today, defaults={"deadlines": len(rows)}
            )
            if not created:
                continue
            body = render_to_string(
                "statutory/reminder_email.txt", {"user": user, "rows": rows, "today": today}
            )
            overdue = sum(r.bucket == "overdue" for r in rows)
            EmailMessage(
                subject=f"sendco: {overdue} overdue, {len(rows) - overdue} due this week (EHC deadlines)",
                body=body,
                to=[user.email],
            ).send()
        sent += 1
        if out is not None:
            out(f"{user.username}: {len(rows)} deadlines")
    return sent


def refresh_all_next_due(*, today: dt.date | None = None) -> int:
    """Rebuild every cached open deadline (daily, with the reminders: the school year and NC
    years move on and pupils leave without an edit to their statutory record)."""
    return selectors.refresh_cache(Q(), today=today)

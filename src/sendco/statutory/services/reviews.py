"""Annual reviews (meeting, invitees, invitations) and amendments to a plan."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from sendco.core import ical
from sendco.core.services_base import stamp_change

from .. import forms
from ..models import (
    Amendment,
    AnnualReview,
    EhcPlan,
    ProgressOnOutcome,
    ReviewInvitee,
)
from ._base import _form, _lock, _require, _versioned_save, check_timeline

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

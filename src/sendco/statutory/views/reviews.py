"""Annual reviews: schedule, dates and decision, the meeting, invitees and invitations, report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendco.audit.models import AccessLog
from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save
from sendco.core.documents import pdf_response
from sendco.core.form_helpers import int_or_none
from sendco.domain import ehc_record as er

from .. import forms, selectors, services
from ..lookups import plan_for, review_for
from ..models import ReviewInvitee
from .common import _base, _form_page

# --- reviews ----------------------------------------------------------------------------------------


@login_required
def review_new(request, pk: int, plan_id: int):
    pupil, plan = plan_for(
        request.user, pk, plan_id, "statutory.change", audit=Read.form(request, "Schedule an annual review")
    )
    form = forms.ReviewForm(request.POST or None)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Schedule an annual review",
        intro="Invitations and advice must go out at least 2 weeks before the meeting (Reg 20(3), 20(4)).",
        save=lambda: services.save_review(actor=request.user, plan=plan, data=request.POST),
        back=lambda review: reverse("statutory-review", args=[pupil.pk, review.pk]),
    )


@login_required
def review_detail(request, pk: int, review_id: int):
    pupil, review = review_for(request.user, pk, review_id, audit=Read.view(request, "Annual review"))
    rows = selectors.review_rows(review)
    return render(
        request,
        "statutory/review.html",
        _base(
            request,
            pupil,
            review=review,
            rows=rows,
            invitees=review.invitees.all(),
            progress={p.outcome_id: p.progress for p in review.outcome_progress.all()},
            outcomes=review.plan.outcomes.all(),
            amendments=review.amendments.all(),
            pfa_due=er.nc_year_on(pupil.nc_year, timezone.localdate(), review.meeting_date) >= 9,
        ),
    )


@login_required
def review_edit(request, pk: int, review_id: int):
    pupil, review = review_for(
        request.user,
        pk,
        review_id,
        "statutory.change",
        audit=Read.form(request, "Review dates and the LA's decision"),
    )
    form = forms.ReviewForm(request.POST or None, instance=review, initial={"version": review.version})
    return _form_page(
        request,
        pupil,
        form=form,
        title="Review dates and the LA's decision",
        intro="The review report is due within 2 weeks of the meeting and the LA's decision within 4 weeks.",
        rows=selectors.review_rows(review),
        save=lambda: services.save_review(
            actor=request.user,
            plan=review.plan,
            data=request.POST,
            review=review,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-review", args=[pupil.pk, review.pk]),
    )


@login_required
def review_meeting(request, pk: int, review_id: int):
    pupil, review = review_for(
        request.user,
        pk,
        review_id,
        "statutory.change",
        audit=Read.form(request, "Annual review meeting record"),
    )
    outcomes = list(review.plan.outcomes.all())
    saved = {p.outcome_id: p.progress for p in review.outcome_progress.all()}
    form = forms.MeetingForm(request.POST or None, instance=review, initial={"version": review.version})
    conflict = None
    if request.method == "POST":
        progress = {o.pk: request.POST.get(f"outcome-{o.pk}", "") for o in outcomes}
        attempt = attempt_save(
            form,
            lambda: services.record_meeting(
                actor=request.user,
                review=review,
                data=request.POST,
                progress=progress,
                expected_version=int_or_none(request.POST.get("version")),
            ),
        )
        conflict = attempt.conflict
        if attempt.ok:
            messages.success(request, "The review meeting was recorded.")
            return redirect("statutory-review", pk=pk, review_id=review_id)
        saved = progress
    return render(
        request,
        "statutory/meeting_form.html",
        _base(
            request,
            pupil,
            review=review,
            form=form,
            conflict=conflict,
            outcomes=[(o, saved.get(o.pk, "")) for o in outcomes],
            pfa_due=er.nc_year_on(pupil.nc_year, timezone.localdate(), review.meeting_date) >= 9,
        ),
    )


@login_required
def invitee_form(request, pk: int, review_id: int, invitee_id: int | None = None):
    pupil, review = review_for(
        request.user, pk, review_id, "statutory.change", audit=Read.form(request, "Review invitee")
    )
    invitee = get_object_or_404(ReviewInvitee, pk=invitee_id, review=review) if invitee_id else None
    form = forms.InviteeForm(request.POST or None, instance=invitee)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Review invitee",
        intro="Invite parents, the pupil, the LA officer, health, social care and other professionals.",
        save=lambda: services.save_invitee(
            actor=request.user,
            review=review,
            data=request.POST,
            invitee=invitee,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-review", args=[pupil.pk, review.pk]),
    )


@login_required
@require_POST
def review_invite(request, pk: int, review_id: int):
    pupil, review = review_for(request.user, pk, review_id, "statutory.change", audit=Read.for_write(request))
    try:
        emailed = services.send_invitations(actor=request.user, review=review)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Invitations recorded as sent today; {emailed} emailed with a calendar invitation."
        )
    return redirect("statutory-review", pk=pk, review_id=review_id)


@login_required
def review_ics(request, pk: int, review_id: int):
    pupil, review = review_for(
        request.user,
        pk,
        review_id,
        audit=Read.as_(request, AccessLog.Action.DOWNLOAD, "Annual review invitation (.ics)"),
    )
    response = HttpResponse(services.invitation_ics(review), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="annual-review-{review.meeting_date}.ics"'
    return response


@login_required
def review_letters(request, pk: int, review_id: int):
    pupil, review = review_for(request.user, pk, review_id, "statutory.change", audit=Read.download(request))
    letters = [(i, services.invitation_text(review, i)) for i in review.invitees.all()]
    return pdf_response(
        request,
        "statutory/letters_pdf.html",
        {"pupil": pupil, "school": pupil.school, "letters": letters},
        filename=f"review-invitations-{pupil.upn}.pdf",
        pupil=pupil,
        what="Annual review invitation letters (PDF)",
    )


@login_required
def review_report(request, pk: int, review_id: int):
    pupil, review = review_for(request.user, pk, review_id, audit=Read.download(request))
    if not policy.can(request.user, "statutory.request_document", pupil):
        raise Http404
    progress = {p.outcome_id: p.progress for p in review.outcome_progress.all()}
    return pdf_response(
        request,
        "statutory/review_report_pdf.html",
        {
            "pupil": pupil,
            "school": pupil.school,
            "review": review,
            "plan": review.plan,
            "outcomes": [(o, progress.get(o.pk, "")) for o in review.plan.outcomes.all()],
            "invitees": review.invitees.all(),
            "provision": review.plan.provision.all(),
            "today": timezone.localdate(),
        },
        filename=f"annual-review-report-{pupil.upn}-{review.meeting_date}.pdf",
        pupil=pupil,
        what="Annual review report (PDF)",
    )

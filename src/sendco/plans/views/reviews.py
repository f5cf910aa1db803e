"""Reviewing a plan cycle: the review, inviting parents, their views and confirmation, undoing a review."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.form_helpers import copy_errors

from .. import documents, selectors, services
from ..forms import InvitationForm, ParentViewsForm, ReviewForm
from .common import form_page

# --- review -----------------------------------------------------------------------------------


def _can_request_assessment(user, pupil) -> bool:
    """Whether the statutory app is installed and the user may record a request for this pupil."""
    return apps.is_installed("sendco.statutory") and policy.can(user, "statutory.change", pupil)


@login_required
def review(request, pk: int, cycle: int):
    found = selectors.get_cycle(
        request.user,
        pk,
        cycle,
        "plans.change",
        audit=Read.form(request, lambda c: f"Review of plan cycle {c.number}"),
    )
    if not found.is_current:
        raise Http404
    contributions = list(found.contributions.select_related("author"))
    initial = {"parent_views": "".join(c.views for c in contributions)}
    errors = None
    if request.method == "POST":
        # The service checks the form against the cycle as it is under its lock; the page
        # builds its own form only to show it (again, with the errors).
        carry = {
            pk: f"carry_{pk}" in request.POST
            for pk in found.targets.values_list("pk", flat=True)
            if f"carry_set_{pk}" in request.POST
        }
        try:
            review, nxt = services.record_review(
                actor=request.user, cycle=found, data=request.POST, carry=carry
            )
        except ValidationError as exc:
            errors = exc
        else:
            if nxt is None:
                messages.success(request, "The review was saved and the plan closed.")
                return redirect("plans-cycle", pk=pk, cycle=found.pk)
            messages.success(request, f"The review was saved. Cycle {nxt.number} has started.")
            if review.decision == "ehc_request" and _can_request_assessment(request.user, found.pupil):
                messages.info(
                    request,
                    "Next, record the request for an EHC needs assessment. Its document is built "
                    "from the plans, reviews and provision already recorded.",
                )
                return redirect("statutory-request-new", pk=found.pupil_id)
            return redirect("plans-plan", pk=pk)
    form = ReviewForm(request.POST or None, cycle=found, initial=initial)
    if errors is not None:
        copy_errors(form, errors)
    rows = [
        {
            "target": t,
            "rating": form[f"rating_{t.pk}"],
            "evidence": form[f"evidence_{t.pk}"],
            "comment": form[f"comment_{t.pk}"],
            "carry_checked": f"carry_{t.pk}" in request.POST,
        }
        for t in form.targets
    ]
    return render(
        request,
        "plans/review_form.html",
        {"pupil": found.pupil, "cycle": found, "form": form, "rows": rows, "contributions": contributions},
    )


@login_required
def invite(request, pk: int, cycle: int):
    found = selectors.get_cycle(
        request.user,
        pk,
        cycle,
        "plans.change",
        audit=Read.form(request, lambda c: f"Invitation to review plan cycle {c.number}"),
    )
    if not found.is_current:
        raise Http404
    if request.method == "POST":
        form = InvitationForm(request.POST)
        try:
            services.send_invitation(actor=request.user, cycle=found, data=request.POST)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "The invitation was sent.")
            return redirect("plans-plan", pk=pk)
    else:
        form = InvitationForm(
            initial={
                "recipients": "\n".join(documents.family_emails(found.pupil)),
                "location": found.school.name,
            }
        )
    return render(
        request,
        "plans/invite_form.html",
        {
            "pupil": found.pupil,
            "cycle": found,
            "form": form,
            "sent": list(found.invitations.all()),
            **form_page(
                "Invite people to the review meeting",
                found.pupil.full_name,
                reverse("plans-plan", args=[pk]),
                "Send the invitations",
            ),
        },
    )


@login_required
def parent_views(request, pk: int, cycle: int):
    found = selectors.get_cycle(
        request.user,
        pk,
        cycle,
        "plans.parent_contribute",
        audit=Read.form(request, lambda c: f"Parents' views on plan cycle {c.number}"),
    )
    if not found.is_current:
        raise Http404
    form = ParentViewsForm(request.POST or None)
    if request.method == "POST":
        try:
            services.add_parent_views(actor=request.user, cycle=found, data=request.POST)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "Thank you. Your views were sent to school.")
            return redirect("plans-plan", pk=pk)
    return render(
        request,
        "plans/parent_views.html",
        {
            "pupil": found.pupil,
            "cycle": found,
            "form": form,
            **form_page(
                f"Your views about {found.pupil.forename}'s plan",
                found.pupil.full_name,
                reverse("plans-plan", args=[pk]),
                "Send your views",
            ),
        },
    )


@login_required
@require_POST
def confirm(request, pk: int, cycle: int):
    found = selectors.get_cycle(
        request.user, pk, cycle, "plans.parent_contribute", audit=Read.for_write(request)
    )
    services.confirm_read(actor=request.user, cycle=found)
    messages.success(request, "Thank you for confirming you have read the plan.")
    return redirect("plans-plan", pk=pk)


@login_required
def review_undo(request, pk: int, cycle: int):
    found = selectors.get_cycle(
        request.user,
        pk,
        cycle,
        "plans.change",
        audit=Read.form(request, lambda c: f"Undo review of plan cycle {c.number}"),
    )
    review = getattr(found, "review", None)
    if review is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            services.undo_review(actor=request.user, cycle=found)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request, f"The review was undone: version {found.number} is the current plan again."
            )
            return redirect("plans-plan", pk=pk)
    next_cycle = found.plan.cycles.filter(number=found.number + 1).first()
    return render(
        request,
        "plans/review_undo.html",
        {"pupil": found.pupil, "cycle": found, "review": review, "next_cycle": next_cycle, "error": error},
    )

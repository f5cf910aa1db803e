"""Pages for passports, plans, reviews, the class view and the school's plan settings. Thin:
fetch through the access policy, call one selector or service, render. Refusals are 404."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.views.decorators.http import require_POST

from sendco.audit.models import AccessLog
from sendco.audit.services import log_access, log_view
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save
from sendco.core.form_helpers import copy_errors, int_or_none
from sendco.core.navigation import pupil_tabs
from sendco.domain.support_plans import DEFAULT_CYCLE_WEEKS, default_review_date

from . import documents, selectors, services
from .forms import (
    CycleForm,
    InvitationForm,
    ParentViewsForm,
    PassportForm,
    ReviewForm,
    StartPlanForm,
    TargetForm,
)
from .models import PlanTemplate, Target
from .view_helpers import form_page


def _can_request_assessment(user, pupil) -> bool:
    """Whether the statutory app is installed and the user may record a request for this pupil."""
    return apps.is_installed("sendco.statutory") and policy.can(user, "statutory.change", pupil)


def _viewed(request, pupil, what: str) -> None:
    log_access(user=request.user, action=AccessLog.Action.VIEW, request=request, pupil=pupil, what=what)


def _pupil_context(request, pupil, tab: str) -> dict:
    return {"pupil": pupil, "tabs": pupil_tabs(request.user, pupil, tab)}


# --- passport ---------------------------------------------------------------------------------


@login_required
def passport(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "plans.view")
    _viewed(request, pupil, "Pupil passport")
    return render(
        request,
        "plans/passport.html",
        _pupil_context(request, pupil, "plans-passport")
        | {
            "passport": selectors.passport_of(pupil),
            "audience": selectors.audience_for(request.user, pupil),
            "can_change": policy.can(request.user, "plans.passport_change", pupil),
        },
    )


@login_required
def passport_edit(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "plans.passport_change")
    log_view(request, pupil=pupil, what="Edit pupil passport")
    current = selectors.passport_of(pupil)
    conflict = None
    if request.method == "POST":
        form = PassportForm(request.POST, request.FILES, instance=current, school=pupil.school)
        attempt = attempt_save(
            form,
            lambda: services.save_passport(
                actor=request.user,
                pupil=pupil,
                data=request.POST,
                files=request.FILES,
                expected_version=int_or_none(request.POST.get("version")),
            ),
        )
        conflict = attempt.conflict
        if attempt.ok:
            messages.success(request, "The passport was saved.")
            return redirect("plans-passport", pk=pupil.pk)
    else:
        form = PassportForm(
            instance=current, school=pupil.school, initial={"version": current.version if current else 0}
        )
    return render(
        request,
        "plans/passport_form.html",
        {
            "pupil": pupil,
            "form": form,
            "conflict": conflict,
            "conflict_rows": _conflict_rows(form, conflict) if conflict else None,
        },
    )


@login_required
def passport_photo(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "plans.view")
    passport = selectors.passport_of(pupil)
    if passport is None or not passport.photo:
        raise Http404
    return FileResponse(passport.photo.open("rb"), content_type="image/jpeg")


# --- plan -------------------------------------------------------------------------------------


@login_required
def plan(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "plans.view")
    current = selectors.current_plan(pupil)
    cycles = selectors.cycles_of(pupil)
    cycle = next((c for c in cycles if current and c.plan_id == current.pk and c.is_current), None)
    return _render_cycle(request, pupil, cycle, cycles, "Support plan")


@login_required
def cycle(request, pk: int, cycle: int):
    found = selectors.get_cycle(request.user, pk, cycle)
    return _render_cycle(
        request, found.pupil, found, selectors.cycles_of(found.pupil), f"Plan cycle {found.number}"
    )


def _render_cycle(request, pupil, cycle, cycles, what: str):
    _viewed(request, pupil, what)
    audience = selectors.audience_for(request.user, pupil)
    context = _pupil_context(request, pupil, "plans-plan") | {
        "cycles": cycles,
        "audience": audience,
        "can_change": policy.can(request.user, "plans.change", pupil),
        "is_parent": policy.can(request.user, "plans.parent_contribute", pupil),
        "template": selectors.template_for(cycle.plan if cycle else None, pupil.school),
        "needs": selectors.current_needs(pupil),
    }
    if cycle is not None:
        context |= selectors.cycle_page(cycle, audience, request.user)
        context["can_edit"] = context["can_change"] and cycle.is_current
        context["can_undo_review"] = (
            context["can_change"] and not cycle.is_current and selectors.review_can_be_undone(cycle)
        )
    name = "plans/plan_parent.html" if audience.parent else "plans/plan.html"
    return render(request, name, context)


@login_required
def plan_start(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "plans.change")
    log_view(request, pupil=pupil, what="Start a support plan")
    if selectors.current_plan(pupil):
        return redirect("plans-plan", pk=pupil.pk)
    show_senco = policy.can(request.user, "plans.senco_content", pupil)
    default = selectors.template_for(None, pupil.school)
    today = timezone.localdate()
    weeks = default.cycle_weeks if default else DEFAULT_CYCLE_WEEKS
    form = StartPlanForm(
        request.POST or None,
        school=pupil.school,
        show_senco=show_senco,
        initial={"start_date": today, "review_date": default_review_date(today, weeks), "template": default},
    )
    if request.method == "POST":
        template = PlanTemplate.objects.filter(
            school=pupil.school, pk=int_or_none(request.POST.get("template"))
        ).first()
        try:
            new = services.start_plan(actor=request.user, pupil=pupil, data=request.POST, template=template)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "The plan was started. Now add its targets.")
            return redirect("plans-target-add", pk=pupil.pk, cycle=new.pk)
    return render(
        request,
        "plans/plan_start.html",
        {
            "pupil": pupil,
            "form": form,
            **form_page(
                "Start a support plan",
                pupil.full_name,
                reverse("plans-plan", args=[pupil.pk]),
                "Start the plan",
            ),
        },
    )


@login_required
def cycle_edit(request, pk: int, cycle: int):
    found = selectors.get_cycle(request.user, pk, cycle, "plans.change")
    log_view(request, pupil=found.pupil, what=f"Edit plan cycle {found.number}")
    if not found.is_current:
        raise Http404
    show_senco = policy.can(request.user, "plans.senco_content", found.pupil)
    conflict = None
    if request.method == "POST":
        form = CycleForm(request.POST, instance=found, show_senco=show_senco, school=found.school)
        attempt = attempt_save(
            form,
            lambda: services.update_cycle(
                actor=request.user,
                cycle=found,
                data=request.POST,
                expected_version=int_or_none(request.POST.get("version")),
            ),
        )
        conflict = attempt.conflict
        if attempt.ok:
            messages.success(request, "The plan was saved.")
            return redirect("plans-plan", pk=pk)
    else:
        form = CycleForm(
            instance=found, show_senco=show_senco, school=found.school, initial={"version": found.version}
        )
    conflict_rows = _conflict_rows(form, conflict) if conflict else None
    return render(
        request,
        "plans/cycle_form.html",
        {
            "pupil": found.pupil,
            "cycle": found,
            "form": form,
            "conflict": conflict,
            "conflict_rows": conflict_rows,
            **form_page(
                "Edit the plan", found.pupil.full_name, reverse("plans-plan", args=[pk]), "Save the plan"
            ),
        },
    )


def _conflict_rows(form, current) -> list[dict]:
    """Both versions side by side: what the other person saved, and what this editor typed."""
    rows = []
    for field in form:
        if field.name in ("version", "photo", "from_bank"):
            continue
        saved = getattr(current, field.name, "")
        mine = form.data.get(field.name, "")
        rows.append(
            {
                "label": field.label,
                "saved": strip_tags(str(saved or "")),
                "mine": strip_tags(str(mine)),
                "differs": strip_tags(str(saved or "")).strip() != strip_tags(str(mine)).strip(),
            }
        )
    return rows


@login_required
def target_edit(request, pk: int, cycle: int, target: int | None = None):
    found = selectors.get_cycle(request.user, pk, cycle, "plans.change")
    log_view(request, pupil=found.pupil, what=f"Target of plan cycle {found.number}")
    if not found.is_current:
        raise Http404
    instance = None
    if target is not None:
        instance = Target.objects.filter(pk=target, cycle=found).first()
        if instance is None:
            raise Http404
    template = found.plan.template
    conflict = None
    if request.method == "POST":
        form = TargetForm(
            request.POST, instance=instance, cycle=found, template=template, school=found.school
        )
        attempt = attempt_save(
            form,
            lambda: services.save_target(
                actor=request.user,
                cycle=found,
                data=request.POST,
                target=instance,
                expected_version=int_or_none(request.POST.get("version")),
            ),
        )
        conflict = attempt.conflict
        if attempt.ok:
            messages.success(request, "The target was saved.")
            if "add_another" in request.POST:
                return redirect("plans-target-add", pk=pk, cycle=cycle)
            return redirect("plans-plan", pk=pk)
    else:
        form = TargetForm(
            instance=instance,
            cycle=found,
            template=template,
            school=found.school,
            initial={
                "version": instance.version if instance else None,
                "due_date": None if instance else found.review_date,
            },
        )
    return render(
        request,
        "plans/target_form.html",
        {
            "pupil": found.pupil,
            "cycle": found,
            "form": form,
            "target": instance,
            "conflict": conflict,
            "conflict_rows": _conflict_rows(form, conflict) if conflict else None,
            **form_page(
                "Change the target" if instance else "Add a target",
                found.pupil.full_name,
                reverse("plans-plan", args=[pk]),
            ),
        },
    )


@login_required
@require_POST
def target_remove(request, pk: int, cycle: int, target: int):
    found = selectors.get_cycle(request.user, pk, cycle, "plans.change")
    instance = Target.objects.filter(pk=target, cycle=found).first()
    if instance is None or not found.is_current:
        raise Http404
    services.remove_target(actor=request.user, cycle=found, target=instance)
    messages.success(request, "The target was removed (it stays in the audit trail).")
    return redirect("plans-plan", pk=pk)


@login_required
def review(request, pk: int, cycle: int):
    found = selectors.get_cycle(request.user, pk, cycle, "plans.change")
    log_view(request, pupil=found.pupil, what=f"Review of plan cycle {found.number}")
    if not found.is_current:
        raise Http404
    contributions = list(found.contributions.select_related("author"))
    initial = {"parent_views": "".join(c.views for c in contributions)}
    form = ReviewForm(request.POST or None, cycle=found, initial=initial)
    if request.method == "POST":
        carry = {
            t.pk: f"carry_{t.pk}" in request.POST for t in form.targets if f"carry_set_{t.pk}" in request.POST
        }
        try:
            review, nxt = services.record_review(
                actor=request.user, cycle=found, data=request.POST, carry=carry
            )
        except ValidationError as exc:
            copy_errors(form, exc)
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
    found = selectors.get_cycle(request.user, pk, cycle, "plans.change")
    log_view(request, pupil=found.pupil, what=f"Invitation to review plan cycle {found.number}")
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
    found = selectors.get_cycle(request.user, pk, cycle, "plans.parent_contribute")
    log_view(request, pupil=found.pupil, what=f"Parents' views on plan cycle {found.number}")
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
    found = selectors.get_cycle(request.user, pk, cycle, "plans.parent_contribute")
    services.confirm_read(actor=request.user, cycle=found)
    messages.success(request, "Thank you for confirming you have read the plan.")
    return redirect("plans-plan", pk=pk)


@login_required
def compare(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "plans.view")
    cycles = selectors.cycles_of(pupil)
    by_pk = {c.pk: c for c in cycles}
    a = by_pk.get(int_or_none(request.GET.get("a"))) or (cycles[1] if len(cycles) > 1 else None)
    b = by_pk.get(int_or_none(request.GET.get("b"))) or (cycles[0] if cycles else None)
    _viewed(request, pupil, "Plan versions compared")
    audience = selectors.audience_for(request.user, pupil)
    rows = selectors.compare(a, b, audience) if a and b else []
    return render(
        request,
        "plans/compare.html",
        _pupil_context(request, pupil, "plans-plan")
        | {"cycles": cycles, "a": a, "b": b, "rows": rows, "changed": sum(r["changed"] for r in rows)},
    )


@login_required
def review_undo(request, pk: int, cycle: int):
    found = selectors.get_cycle(request.user, pk, cycle, "plans.change")
    log_view(request, pupil=found.pupil, what=f"Undo review of plan cycle {found.number}")
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

"""A pupil's support plan: the plan and its cycles, starting and editing one, targets, comparing versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save
from sendco.core.form_helpers import copy_errors, int_or_none
from sendco.domain.support_plans import DEFAULT_CYCLE_WEEKS, default_review_date

from .. import selectors, services
from ..forms import CycleForm, StartPlanForm, TargetForm
from ..models import PlanTemplate, Target
from .common import _conflict_rows, _pupil_context, form_page

# --- plan -------------------------------------------------------------------------------------


@login_required
def plan(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "plans.view", audit=Read.view(request, "Support plan"))
    current = selectors.current_plan(pupil)
    cycles = selectors.cycles_of(pupil)
    cycle = next((c for c in cycles if current and c.plan_id == current.pk and c.is_current), None)
    return _render_cycle(request, pupil, cycle, cycles)


@login_required
def cycle(request, pk: int, cycle: int):
    found = selectors.get_cycle(
        request.user, pk, cycle, audit=Read.view(request, lambda c: f"Plan cycle {c.number}")
    )
    return _render_cycle(request, found.pupil, found, selectors.cycles_of(found.pupil))


def _render_cycle(request, pupil, cycle, cycles):
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
    pupil = policy.get_pupil(
        request.user, pk, "plans.change", audit=Read.form(request, "Start a support plan")
    )
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
    found = selectors.get_cycle(
        request.user,
        pk,
        cycle,
        "plans.change",
        audit=Read.form(request, lambda c: f"Edit plan cycle {c.number}"),
    )
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


@login_required
def target_edit(request, pk: int, cycle: int, target: int | None = None):
    found = selectors.get_cycle(
        request.user,
        pk,
        cycle,
        "plans.change",
        audit=Read.form(request, lambda c: f"Target of plan cycle {c.number}"),
    )
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
    found = selectors.get_cycle(request.user, pk, cycle, "plans.change", audit=Read.for_write(request))
    instance = Target.objects.filter(pk=target, cycle=found).first()
    if instance is None or not found.is_current:
        raise Http404
    services.remove_target(actor=request.user, cycle=found, target=instance)
    messages.success(request, "The target was removed (it stays in the audit trail).")
    return redirect("plans-plan", pk=pk)


@login_required
def compare(request, pk: int):
    pupil = policy.get_pupil(
        request.user, pk, "plans.view", audit=Read.view(request, "Plan versions compared")
    )
    cycles = selectors.cycles_of(pupil)
    by_pk = {c.pk: c for c in cycles}
    a = by_pk.get(int_or_none(request.GET.get("a"))) or (cycles[1] if len(cycles) > 1 else None)
    b = by_pk.get(int_or_none(request.GET.get("b"))) or (cycles[0] if cycles else None)
    audience = selectors.audience_for(request.user, pupil)
    rows = selectors.compare(a, b, audience) if a and b else []
    return render(
        request,
        "plans/compare.html",
        _pupil_context(request, pupil, "plans-plan")
        | {"cycles": cycles, "a": a, "b": b, "rows": rows, "changed": sum(r["changed"] for r in rows)},
    )

"""School-wide pages: reviews due, the class view, and the SENCO's strategy bank and plan
templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from sendco.audit.models import AccessLog
from sendco.audit.services import log_access, log_list, only_school
from sendco.core.access import policy
from sendco.core.form_helpers import copy_errors, int_or_none

from .. import selectors, services
from ..forms import StrategyForm, TemplateForm
from ..models import PlanTemplate, Strategy
from .common import form_page

# --- reviews due ------------------------------------------------------------------------------


@login_required
def reviews_due(request):
    schools = policy.schools(request.user, "school.reviews_due")
    if not schools:
        raise Http404
    weeks = min(max(int_or_none(request.GET.get("weeks")) or 4, 0), 52)
    school_id = int_or_none(request.GET.get("school"))
    rows = selectors.with_states(
        selectors.reviews_due(request.user, weeks=weeks, school_id=school_id), weeks=weeks
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    log_list(
        request,
        what=f"Support plan reviews due within {weeks} weeks",
        count=len(page.object_list),
        school=only_school(schools),
    )
    return render(
        request,
        "plans/reviews_due.html",
        {
            "page": page,
            "weeks": weeks,
            "schools": schools,
            "school_id": school_id,
            "counts": {s: sum(r.state == s for r in rows) for s in ("overdue", "today", "soon")},
            "week_choices": [2, 4, 6, 8, 12],
        },
    )


# --- class view -------------------------------------------------------------------------------


@login_required
def classes(request):
    if not policy.schools(request.user, "school.reviews_due"):
        raise Http404
    groups = (
        selectors.groups_for(request.user)
        .annotate(sen=Count("memberships", filter=~Q(memberships__pupil__sen_status="N")))
        .filter(sen__gt=0)
    )
    page = Paginator(groups.select_related("school"), 50).get_page(request.GET.get("page"))
    return render(request, "plans/classes.html", {"page": page})


@login_required
def class_view(request, group: int):
    found = selectors.get_group(request.user, group)
    pupils = selectors.class_view(request.user, found)
    log_access(
        user=request.user,
        action=AccessLog.Action.LIST,
        request=request,
        school=found.school,
        what=f"Class passports: {found} ({len(pupils)} pupils)",
    )
    return render(request, "plans/class_view.html", {"group": found, "pupils": pupils})


# --- settings: strategy bank and templates ------------------------------------------------------


def _settings_school(request):
    schools = policy.schools(request.user, "school.plans_settings")
    school = schools.filter(pk=int_or_none(request.GET.get("school") or request.POST.get("school"))).first()
    school = school or schools.first()
    if school is None:
        raise Http404
    return school, schools


@login_required
def strategy_bank(request):
    school, schools = _settings_school(request)
    if request.method == "POST":
        added = services.load_starter_bank(actor=request.user, school=school)
        messages.success(request, f"{added} starter strategies were added to the bank.")
        return redirect(reverse("plans-strategies") + f"?school={school.pk}")
    bank = selectors.strategies(school, active_only=False)
    return render(request, "plans/strategies.html", {"school": school, "schools": schools, "bank": bank})


@login_required
def strategy_edit(request, strategy: int | None = None):
    school, _ = _settings_school(request)
    instance = None
    if strategy is not None:
        allowed = policy.schools(request.user, "school.plans_settings")
        instance = Strategy.objects.filter(pk=strategy, school__in=allowed).first()
        if instance is None:
            raise Http404
        school = instance.school
    form = StrategyForm(request.POST or None, instance=instance)
    if request.method == "POST":
        try:
            services.save_strategy(actor=request.user, school=school, data=request.POST, strategy=instance)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "The strategy was saved.")
            return redirect(reverse("plans-strategies") + f"?school={school.pk}")
    return render(
        request,
        "plans/strategy_form.html",
        {
            "school": school,
            "form": form,
            "strategy": instance,
            **form_page(
                "Change a strategy" if instance else "Add a strategy",
                school.name,
                reverse("plans-strategies") + f"?school={school.pk}",
            ),
        },
    )


@login_required
def templates(request):
    school, schools = _settings_school(request)
    found = list(PlanTemplate.objects.filter(school=school))
    return render(request, "plans/templates.html", {"school": school, "schools": schools, "templates": found})


@login_required
def template_edit(request, template: int | None = None):
    school, _ = _settings_school(request)
    instance = None
    if template is not None:
        allowed = policy.schools(request.user, "school.plans_settings")
        instance = PlanTemplate.objects.filter(pk=template, school__in=allowed).first()
        if instance is None:
            raise Http404
        school = instance.school
    form = TemplateForm(request.POST or None, instance=instance)
    if request.method == "POST":
        try:
            services.save_template(actor=request.user, school=school, data=request.POST, template=instance)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "The template was saved.")
            return redirect(reverse("plans-templates") + f"?school={school.pk}")
    return render(
        request,
        "plans/template_form.html",
        {
            "school": school,
            "form": form,
            "template": instance,
            **form_page(
                "Change a plan template" if instance else "Add a plan template",
                school.name,
                reverse("plans-templates") + f"?school={school.pk}",
            ),
        },
    )

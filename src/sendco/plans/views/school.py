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


def _settings_record_page(
    request, *, model, form_class, save, pk, list_url: str, template: str, name: str, noun: str
):
    """Add or change one of the school's plan settings (a strategy, a plan template)."""
    school, _ = _settings_school(request)
    instance = None
    if pk is not None:
        allowed = policy.schools(request.user, "school.plans_settings")
        instance = model.objects.filter(pk=pk, school__in=allowed).first()
        if instance is None:
            raise Http404
        school = instance.school
    back = reverse(list_url) + f"?school={school.pk}"
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST":
        try:
            save(instance, school)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, f"The {noun} was saved.")
            return redirect(back)
    title = f"Change a {noun}" if instance else f"Add a {noun}"
    context = {"school": school, "form": form, name: instance}
    return render(request, template, {**context, **form_page(title, school.name, back)})


@login_required
def strategy_edit(request, strategy: int | None = None):
    return _settings_record_page(
        request,
        model=Strategy,
        form_class=StrategyForm,
        save=lambda instance, school: services.save_strategy(
            actor=request.user, school=school, data=request.POST, strategy=instance
        ),
        pk=strategy,
        list_url="plans-strategies",
        template="plans/strategy_form.html",
        name="strategy",
        noun="strategy",
    )


@login_required
def templates(request):
    school, schools = _settings_school(request)
    found = list(PlanTemplate.objects.filter(school=school))
    return render(request, "plans/templates.html", {"school": school, "schools": schools, "templates": found})


@login_required
def template_edit(request, template: int | None = None):
    return _settings_record_page(
        request,
        model=PlanTemplate,
        form_class=TemplateForm,
        save=lambda instance, school: services.save_template(
            actor=request.user, school=school, data=request.POST, template=instance
        ),
        pk=template,
        list_url="plans-templates",
        template="plans/template_form.html",
        name="template",
        noun="plan template",
    )

"""Library and groups: the overview, the provision library, starting and running groups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from sendco.audit.models import AccessLog
from sendco.audit.services import log_access, log_list
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save
from sendco.core.form_helpers import copy_errors, int_or_none
from sendco.domain import term_dates as td

from .. import forms, selectors, services
from ..lookups import group_for
from ..models import Provision
from .common import can_see_money, school_for

# --- overview and staff view -----------------------------------------------------------------


@login_required
def home(request):
    perm = "provision.library" if policy.schools(request.user, "provision.library") else "provision.budget"
    school = school_for(request, perm)
    context = {
        "school": school,
        "mine": selectors.my_groups_this_week(request.user),
        "today": timezone.localdate(),
        "can_manage": policy.can(request.user, "provision.manage", school),
        "can_library": policy.can(request.user, "provision.library", school),
        "can_money": can_see_money(request, school),
        "can_budget": policy.can(request.user, "provision.budget", school),
        "can_impact": policy.can(request.user, "provision.impact", school),
    }
    if context["can_manage"]:
        today = timezone.localdate()
        start, end = selectors.academic_year_bounds(today)
        groups = list(selectors.running_groups(school, start, end))
        figures = selectors.cost_groups(school, groups, start=start, end=end, today=today)
        context["missed"] = [f for f in figures if f.unrecorded]
        context["running"] = sum(1 for g in groups if g.start_date <= today <= g.end_date)
    return render(request, "provision/home.html", context)


# --- library -------------------------------------------------------------------------------


@login_required
def library(request):
    school = school_for(request, "provision.library")
    if request.method == "POST":
        if not policy.can(request.user, "provision.manage", school):
            raise Http404
        added = services.add_example_provisions(actor=request.user, school=school)
        messages.success(request, f"{added} example interventions were added to the library.")
        return redirect(f"{request.path}?school={school.pk}")
    items = Provision.objects.filter(school=school).order_by("-active", "need_area", "name")
    return render(
        request,
        "provision/library.html",
        {
            "school": school,
            "items": items,
            "can_manage": policy.can(request.user, "provision.manage", school),
        },
    )


@login_required
def library_edit(request, pk: int | None = None):
    school = school_for(request, "provision.manage")
    item = (
        get_object_or_404(Provision, pk=pk, school__in=policy.schools(request.user, "provision.manage"))
        if pk
        else None
    )
    school = item.school if item else school
    form = forms.ProvisionForm(request.POST or None, instance=item)
    conflict = None
    if request.method == "POST":
        attempt = attempt_save(
            form,
            lambda: services.save_provision(
                actor=request.user,
                school=school,
                data=request.POST,
                provision=item,
                expected_version=int_or_none(request.POST.get("version")) if item else None,
            ),
        )
        conflict = attempt.conflict
        if attempt.ok:
            saved = attempt.result
            messages.success(request, f"{saved.name} was saved.")
            return redirect("provision-library")
    return render(
        request,
        "provision/library_form.html",
        {"form": form, "item": item, "school": school, "conflict": conflict},
    )


# --- groups ---------------------------------------------------------------------------------


@login_required
def group_list(request):
    school = school_for(request, "provision.library")
    groups = list(selectors.groups_for(request.user, school))
    today = timezone.localdate()
    return render(
        request,
        "provision/group_list.html",
        {
            "school": school,
            "sections": [
                ("Running and planned", [g for g in groups if g.end_date >= today]),
                ("Ended (most recent 100)", [g for g in groups if g.end_date < today][:100]),
            ],
            "can_manage": policy.can(request.user, "provision.manage", school),
        },
    )


@login_required
def group_new(request, provision_pk: int):
    provision = get_object_or_404(
        Provision, pk=provision_pk, school__in=policy.schools(request.user, "provision.manage")
    )
    return _group_form(request, provision, None)


@login_required
def group_edit(request, pk: int):
    group = group_for(request.user, pk, "provision.manage")
    return _group_form(request, group.provision, group)


def _group_form(request, provision, group):
    school = provision.school
    staff = services.school_staff(school)
    conflict = None
    if request.method == "POST":
        form = forms.GroupForm(request.POST, instance=group, staff_choices=staff)
        attempt = attempt_save(
            form,
            lambda: services.save_group(
                actor=request.user,
                school=school,
                provision=provision,
                data=request.POST,
                group=group,
                expected_version=int_or_none(request.POST.get("version")),
            ),
        )
        conflict = attempt.conflict
        if attempt.ok:
            group = attempt.result
            messages.success(request, f"{group.name} was saved.")
            return redirect("provision-group", pk=group.pk)
    elif group:
        form = forms.GroupForm(instance=group, staff_choices=staff)
    else:
        today = timezone.localdate()
        term = td.default_calendar(td.academic_year_of(today)).term_for(today)
        weekdays = (
            [1, 3] if provision.sessions_per_week == 2 else list(range(min(provision.sessions_per_week, 5)))
        )
        form = forms.GroupForm(
            initial={
                "name": f"{provision.name} ({today:%b %Y})",
                "minutes_per_session": provision.minutes_per_session,
                "resource_cost_per_session": provision.resource_cost_per_session,
                "one_off_resource_cost": provision.one_off_resource_cost,
                "measure_kind": provision.measure_kind,
                "measure_name": provision.measure_name,
                "start_date": today,
                "end_date": term.end if term else today,
                "weekday_set": weekdays,
            },
            staff_choices=staff,
        )
    return render(
        request,
        "provision/group_form.html",
        {"form": form, "provision": provision, "group": group, "conflict": conflict, "school": school},
    )


@login_required
def group_detail(request, pk: int):
    group = group_for(request.user, pk, "provision.view_group")
    today = timezone.localdate()
    start, end = selectors.academic_year_bounds(today)
    figures = selectors.cost_groups(
        group.school,
        [group],
        start=min(start, group.start_date),
        end=max(end, group.end_date),
        with_attendance=True,
        with_scores=True,
    )[0]
    sessions = group.sessions.order_by("-date")[:60]
    log_access(
        user=request.user,
        action=AccessLog.Action.VIEW,
        request=request,
        school=group.school,
        what=f"Provision group {group.name}",
    )
    return render(
        request,
        "provision/group_detail.html",
        {
            "group": group,
            "f": figures,
            "members": [(m, figures.scores_of(m)) for m in figures.members],
            "sessions": sessions,
            "staff": group.staff_links.select_related("user"),
            "can_manage": policy.can(request.user, "provision.manage", group),
            "can_register": policy.can(request.user, "provision.register", group),
            "can_money": can_see_money(request, group.school),
            # Running a group shows its pupils here; a link to a pupil's own page only where the
            # policy lets this user open that page.
            "linkable": set(
                policy.pupils(request.user)
                .filter(pk__in=[m.pupil_id for m in figures.members])
                .values_list("pk", flat=True)
            ),
            "today": today,
        },
    )


@login_required
def member_add(request, pk: int):
    group = group_for(request.user, pk, "provision.manage")
    visible = (
        policy.pupils(request.user).filter(school=group.school_id).order_by("legal_surname", "legal_forename")
    )
    choices = [
        (p.pk, f"{p.full_name} ({p.get_nc_year_display()})")
        for p in visible.only(
            "pk", "legal_forename", "legal_surname", "preferred_forename", "preferred_surname", "nc_year"
        )
    ]
    if request.method == "GET":
        log_list(request, what=f"Pupils to add to {group.name}", count=len(choices), school=group.school)
    form = forms.MemberForm(
        request.POST or None,
        pupil_choices=choices,
        measure=group.measures.first(),
        initial={"joined": max(group.start_date, timezone.localdate())},
    )
    if request.method == "POST":
        try:
            member = services.add_member(actor=request.user, group=group, data=request.POST)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, f"{member.pupil.full_name} was added to {group.name}.")
            return redirect("provision-group", pk=group.pk)
    return render(request, "provision/member_form.html", {"form": form, "group": group})

"""Provision map pages. Thin: find the school or record through the access policy, call one
selector or service, render. Money (rates, named costs) is shown only where the policy's
"provision.money" allows; anything not visible answers 404."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from sendco.audit.models import AccessLog
from sendco.audit.services import log_access
from sendco.core.access import policy
from sendco.core.documents import pdf_response, table_export
from sendco.core.form_helpers import copy_errors, int_or_none
from sendco.core.navigation import pupil_tabs
from sendco.domain import term_dates as td

from . import exports, forms, selectors, services
from .models import Closure, GroupMember, Provision, ProvisionGroup, StaffRate, Term


def _school(request, perm: str):
    """The school the page is about: ?school= among those where the user may ``perm``, else the first."""
    schools = policy.schools(request.user, perm)
    wanted = request.GET.get("school") or request.POST.get("school")
    school = schools.filter(pk=wanted).first() if wanted and str(wanted).isdigit() else schools.first()
    if school is None:
        raise Http404
    return school


def _group(request, pk: int, perm: str) -> ProvisionGroup:
    group = ProvisionGroup.objects.select_related("provision", "school").filter(pk=pk).first()
    if group is None or not policy.can(request.user, perm, group):
        raise Http404
    return group


def _date(value, default: date | None = None) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return default


def _safe_next(request, url) -> str:
    """A local URL to go back to after saving, or ""."""
    ok = url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    return url if ok else ""


def _money(request, school) -> bool:
    return policy.can(request.user, "provision.money", school)


# --- overview and staff view -----------------------------------------------------------------


@login_required
def home(request):
    perm = "provision.library" if policy.schools(request.user, "provision.library") else "provision.budget"
    school = _school(request, perm)
    context = {
        "school": school,
        "mine": selectors.my_groups_this_week(request.user),
        "can_manage": policy.can(request.user, "provision.manage", school),
        "can_library": policy.can(request.user, "provision.library", school),
        "can_money": _money(request, school),
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
    school = _school(request, "provision.library")
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
    school = _school(request, "provision.manage")
    item = (
        get_object_or_404(Provision, pk=pk, school__in=policy.schools(request.user, "provision.manage"))
        if pk
        else None
    )
    school = item.school if item else school
    form = forms.ProvisionForm(request.POST or None, instance=item)
    if request.method == "POST":
        try:
            item = services.save_provision(
                actor=request.user, school=school, data=request.POST, provision=item
            )
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, f"{item.name} was saved.")
            return redirect("provision-library")
    return render(request, "provision/library_form.html", {"form": form, "item": item, "school": school})


# --- groups ---------------------------------------------------------------------------------


@login_required
def group_list(request):
    school = _school(request, "provision.library")
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
    group = _group(request, pk, "provision.manage")
    return _group_form(request, group.provision, group)


def _group_form(request, provision, group):
    school = provision.school
    staff = services.school_staff(school)
    conflict = None
    if request.method == "POST":
        form = forms.GroupForm(request.POST, instance=group, staff_choices=staff)
        try:
            group = services.save_group(
                actor=request.user,
                school=school,
                provision=provision,
                data=request.POST,
                group=group,
                expected_version=int_or_none(request.POST.get("version")),
            )
        except services.ConflictError as exc:
            conflict = exc.current
            form.is_valid()
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
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
    group = _group(request, pk, "provision.view_group")
    today = timezone.localdate()
    start, end = selectors.academic_year_bounds(today)
    figures = selectors.cost_groups(
        group.school,
        [group],
        start=min(start, group.start_date),
        end=max(end, group.end_date),
        with_attendance=True,
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
            "sessions": sessions,
            "staff": group.staff_links.select_related("user"),
            "can_manage": policy.can(request.user, "provision.manage", group),
            "can_money": _money(request, group.school),
            "today": today,
        },
    )


@login_required
def member_add(request, pk: int):
    group = _group(request, pk, "provision.manage")
    visible = (
        policy.pupils(request.user).filter(school=group.school_id).order_by("legal_surname", "legal_forename")
    )
    choices = [
        (p.pk, f"{p.full_name} ({p.get_nc_year_display()})")
        for p in visible.only(
            "pk", "legal_forename", "legal_surname", "preferred_forename", "preferred_surname", "nc_year"
        )
    ]
    form = forms.MemberForm(
        request.POST or None,
        pupil_choices=choices,
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


# --- the register -------------------------------------------------------------------------------


@login_required
def register(request, pk: int):
    group = _group(request, pk, "provision.register")
    day = _date(request.POST.get("date") or request.GET.get("date"), timezone.localdate())
    members = list(
        GroupMember.objects.filter(group=group, joined__lte=day)
        .exclude(left__lt=day)
        .select_related("pupil")
        .order_by("pupil__legal_surname", "pupil__legal_forename")
    )
    errors, values = {}, {}
    if request.method == "POST":
        held = request.POST.get("held") != "no"
        present = [p for p in request.POST.getlist("present") if p.isdigit()]
        notes = {k[5:]: v for k, v in request.POST.items() if k.startswith("note-") and k[5:].isdigit()}
        try:
            services.record_session(
                actor=request.user,
                group=group,
                day=day,
                held=held,
                cancel_reason=request.POST.get("cancel_reason", ""),
                note=request.POST.get("note", ""),
                present=present,
                notes=notes,
            )
        except ValidationError as exc:
            errors = exc.message_dict
            values = {
                **request.POST.dict(),
                "held": held,
                "present": {int(p) for p in present},
                "notes": notes,
            }
        else:
            messages.success(request, f"Register saved for {group.name} on {day:%A %-d %B}.")
            return redirect(
                _safe_next(request, request.POST.get("next")) or reverse("provision-group", args=[group.pk])
            )
    rows = [
        {
            "member": m,
            "present": m.pupil_id in values["present"] if values else True,
            "note": values.get("notes", {}).get(str(m.pupil_id), "") if values else "",
        }
        for m in members
    ]
    return render(
        request,
        "provision/register.html",
        {
            "group": group,
            "day": day,
            "rows": rows,
            "errors": errors,
            "values": values,
            "held": values.get("held", True) if values else True,
            "next": _safe_next(request, request.GET.get("next") or request.POST.get("next")),
        },
    )


# --- measures -------------------------------------------------------------------------------


@login_required
def measures(request, pk: int):
    group = _group(request, pk, "provision.register")
    members = group.members.select_related("pupil").order_by("pupil__legal_surname")
    return render(request, "provision/measures.html", {"group": group, "members": members})


@login_required
def place_measures(request, pk: int):
    member = (
        GroupMember.objects.select_related("group__provision", "group__school", "pupil").filter(pk=pk).first()
    )
    if member is None or not policy.can(request.user, "provision.register", member.group):
        raise Http404
    conflict = None
    if request.method == "POST":
        form = forms.MeasureForm(request.POST, instance=member)
        try:
            services.record_measures(
                actor=request.user,
                member=member,
                data=request.POST,
                expected_version=int_or_none(request.POST.get("version")),
            )
        except services.ConflictError as exc:
            conflict = exc.current
            form.is_valid()
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, f"Scores saved for {member.pupil.full_name}.")
            return redirect("provision-measures", pk=member.group_id)
    else:
        form = forms.MeasureForm(instance=member)
    return render(
        request,
        "provision/place_measures.html",
        {"form": form, "member": member, "group": member.group, "conflict": conflict},
    )


# --- provision maps ------------------------------------------------------------------------------


VIEWS = {"grid": "Costed provision map", "need": "By area of need", "year": "By year group"}


@login_required
def provision_map(request):
    school = _school(request, "provision.manage")
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "grid"
    data = selectors.whole_school_map(school)
    log_access(
        user=request.user, action=AccessLog.Action.VIEW, request=request, school=school, what="Provision map"
    )
    by_year: dict[int, list] = {}
    for f in data["figures"]:
        for year in sorted({m.pupil.nc_year for m in f.members}):
            by_year.setdefault(year, []).append(f.group)
    return render(
        request,
        "provision/map.html",
        {
            "school": school,
            "m": data,
            "view": view,
            "views": VIEWS,
            "by_year": dict(sorted(by_year.items())),
            "can_money": _money(request, school),
        },
    )


@login_required
def provision_map_export(request, fmt: str):
    school = _school(request, "provision.manage")
    data = selectors.whole_school_map(school)
    with_money = _money(request, school)
    if fmt == "pdf":
        return pdf_response(
            request,
            "provision/map_pdf.html",
            {"school": school, "m": data, "can_money": with_money},
            filename=f"provision-map-{data['start'].year}.pdf",
        )
    headers, rows = exports.map_table(data, with_money=with_money)
    return table_export(
        request, headers=headers, rows=rows, fmt="xlsx", filename=f"provision-map-{data['start'].year}",
        school=school, what="Provision map", sheet_title="Provision map",
    )  # fmt: skip


@login_required
def impact_report(request):
    school = _school(request, "provision.impact")
    data = selectors.impact_report(school)
    return render(
        request,
        "provision/impact.html",
        {"school": school, "r": data, "can_money": _money(request, school)},
    )


@login_required
def shortfall(request):
    school = _school(request, "provision.manage")
    rows = selectors.section_f_report(school)
    log_access(
        user=request.user,
        action=AccessLog.Action.VIEW,
        request=request,
        school=school,
        what="Section F hours",
    )
    return render(
        request,
        "provision/shortfall.html",
        {"school": school, "rows": rows, "shortfalls": [r for r in rows if r["shortfall_vs_promised"] > 0]},
    )


# --- rates, terms, budget ------------------------------------------------------------------------


@login_required
def rates(request):
    school = _school(request, "provision.money")
    form, saved = forms.RateForm(request.POST or None), None
    if request.method == "POST":
        try:
            saved = services.set_rate(
                actor=request.user,
                school=school,
                data=request.POST,
                user_id=int_or_none(request.POST.get("user_id")) if request.POST.get("user_id") else None,
                staff_grade=request.POST.get("staff_grade", ""),
            )
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "The rate was saved.")
            return redirect(f"{request.path}?school={school.pk}")
    from sendco.accounts.models import Membership

    grades = sorted(
        set(
            Membership.objects.filter(school=school)
            .exclude(staff_grade="")
            .values_list("staff_grade", flat=True)
        )
    )
    return render(
        request,
        "provision/rates.html",
        {
            "school": school,
            "form": form,
            "saved": saved,
            "rates": StaffRate.objects.filter(school=school)
            .select_related("user")
            .order_by("staff_grade", "user__last_name"),
            "staff": services.school_staff(school),
            "grades": grades,
            "missing": selectors.staff_rates(school)[1],
        },
    )


@login_required
def terms(request):
    school = _school(request, "provision.money")
    year = int_or_none(request.GET.get("year") or request.POST.get("year")) or td.academic_year_of(
        timezone.localdate()
    )
    errors = {}
    if request.method == "POST":
        parsed, closures = [], []
        for i in range(6):
            name = request.POST.get(f"term-{i}-name", "").strip()
            start, end = _date(request.POST.get(f"term-{i}-start")), _date(request.POST.get(f"term-{i}-end"))
            if name or start or end:
                if not (name and start and end):
                    errors.setdefault("terms", []).append(
                        f"Term {i + 1}: enter a name, a start date and an end date"
                    )
                else:
                    parsed.append((name, start, end))
        for line in request.POST.get("closures", "").splitlines():
            if line.strip():
                day = _date(line.strip()[:10])
                if day is None:
                    errors.setdefault("closures", []).append(
                        f"“{line.strip()[:30]}” does not start with a date (YYYY-MM-DD)"
                    )
                else:
                    closures.append((day, line.strip()[10:].strip(" –-") or "INSET day"))
        if not errors:
            try:
                services.set_calendar(
                    actor=request.user, school=school, academic_year=year, terms=parsed, closures=closures
                )
            except ValidationError as exc:
                errors = exc.message_dict
            else:
                messages.success(request, f"Term dates for {year}/{str(year + 1)[2:]} were saved.")
                return redirect(f"{request.path}?school={school.pk}&year={year}")
    entered = list(Term.objects.filter(school=school, academic_year=year))
    closures = list(Closure.objects.filter(school=school, academic_year=year))
    if not entered:
        default = td.default_calendar(year)
        entered = [Term(name=t.name, start=t.start, end=t.end) for t in default.terms]
        closures = [Closure(date=d, reason="INSET day or bank holiday") for d in sorted(default.closures)]
    if request.method == "POST":
        entered = [
            Term(
                name=request.POST.get(f"term-{i}-name", ""),
                start=_date(request.POST.get(f"term-{i}-start")),
                end=_date(request.POST.get(f"term-{i}-end")),
            )
            for i in range(6)
        ]
        closure_text = request.POST.get("closures", "")
    else:
        closure_text = "\n".join(f"{c.date.isoformat()} {c.reason}" for c in closures)
    entered = (entered + [Term(name="", start=None, end=None)] * 6)[:6]
    cal = selectors.calendar_for(school, date(year, 9, 1), date(year + 1, 8, 31))
    days = len(td.school_days(cal.calendar, date(year, 9, 1), date(year + 1, 8, 31)))
    return render(
        request,
        "provision/terms.html",
        {
            "school": school, "year": year, "terms": entered, "closure_text": closure_text,
            "errors": errors, "school_days": days,
            "is_default": not Term.objects.filter(school=school, academic_year=year).exists(),
        },
    )  # fmt: skip


# Governors see spending only where it combines at least this many groups: the cost of one
# or two groups is close enough to a named TA's pay to work the pay out.
MIN_GROUPS_FOR_GOVERNORS = 3


def _for_audience(data: dict, with_money: bool) -> dict:
    """The budget report as a governor may see it: small aggregates withheld."""
    if with_money:
        return {**data, "withheld": False}
    withheld = data["groups_costed"] < MIN_GROUPS_FOR_GOVERNORS
    big_enough = {
        "forecast_by_need_area": data["groups_by_need_area"],
        "forecast_by_year_group": data["groups_by_year_group"],
    }
    trimmed = {
        key: {k: v for k, v in data[key].items() if counts.get(k, 0) >= MIN_GROUPS_FOR_GOVERNORS}
        for key, counts in big_enough.items()
    }
    return {**data, **trimmed, "withheld": withheld, "min_groups": MIN_GROUPS_FOR_GOVERNORS}


@login_required
def budget(request):
    school = _school(request, "provision.budget")
    year = int_or_none(request.GET.get("year")) or td.financial_year_of(timezone.localdate())
    with_names = _money(request, school)
    budget_form = forms.BudgetForm(request.POST if request.POST.get("form") == "budget" else None)
    topup_form = forms.TopUpForm(
        request.POST if request.POST.get("form") == "topup" else None,
        pupil_choices=[
            (p.pk, p.full_name) for p in policy.pupils(request.user).filter(school=school, sen_status="E")
        ]
        if with_names
        else [],
    )
    if request.method == "POST":
        if not with_names:
            raise Http404
        try:
            if request.POST.get("form") == "budget":
                services.set_budget(actor=request.user, school=school, financial_year=year, data=request.POST)
            else:
                services.set_top_up(actor=request.user, school=school, financial_year=year, data=request.POST)
        except ValidationError as exc:
            copy_errors(budget_form if request.POST.get("form") == "budget" else topup_form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect(f"{request.path}?school={school.pk}&year={year}")
    data = _for_audience(selectors.budget_report(school, year), with_names)
    if data["budget"] and not budget_form.is_bound:
        budget_form = forms.BudgetForm(instance=data["budget"])
    return render(
        request,
        "provision/budget.html",
        {
            "school": school,
            "b": data,
            "with_names": with_names,
            "budget_form": budget_form,
            "topup_form": topup_form,
        },
    )


@login_required
def budget_pdf(request):
    school = _school(request, "provision.budget")
    year = int_or_none(request.GET.get("year")) or td.financial_year_of(timezone.localdate())
    data = _for_audience(selectors.budget_report(school, year), _money(request, school))
    return pdf_response(
        request,
        "provision/budget_pdf.html",
        {"school": school, "b": data, "with_names": _money(request, school)},
        filename=f"sen-budget-{year}-{year + 1}.pdf",
    )


# --- one pupil ---------------------------------------------------------------------------------


@login_required
def pupil_provision(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "provision.pupil")
    log_access(
        user=request.user, action=AccessLog.Action.VIEW, request=request, pupil=pupil, what="Provision map"
    )
    return render(
        request,
        "provision/pupil.html",
        {
            "pupil": pupil,
            "tabs": pupil_tabs(request.user, pupil, "provision-pupil"),
            "p": selectors.pupil_map(pupil),
            "can_money": policy.can(request.user, "provision.pupil_money", pupil),
        },
    )


@login_required
def pupil_provision_pdf(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "provision.pupil")
    return pdf_response(
        request,
        "provision/pupil_pdf.html",
        {
            "school": pupil.school,
            "pupil": pupil,
            "p": selectors.pupil_map(pupil),
            "can_money": policy.can(request.user, "provision.pupil_money", pupil),
        },
        filename=f"provision-map-{pupil.upn}.pdf",
        pupil=pupil,
        what="Individual provision map (PDF)",
    )

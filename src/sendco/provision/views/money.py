"""Staff rates, term dates and the SEN budget: SENCO and head only (governors see the budget)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from sendco.core.access import policy
from sendco.core.documents import pdf_response
from sendco.core.form_helpers import copy_errors, int_or_none
from sendco.core.input_bounds import query_year
from sendco.core.models import School
from sendco.domain import provision_costs as pc
from sendco.domain import term_dates as td

from .. import forms, selectors, services
from ..models import Closure, StaffRate, Term
from .common import can_see_money, parse_date, school_for

# --- rates, terms, budget ------------------------------------------------------------------------


@login_required
def rates(request):
    """The rates and one form to set a rate. "Change" on a row fills the form with that rate
    and its version; a new rate carries version 0, so a rate someone else saved meanwhile for
    the same person or grade shows as a conflict instead of being overwritten."""
    school = school_for(request, "provision.money")
    editing = StaffRate.objects.filter(school=school, pk=int_or_none(request.GET.get("edit"))).first()
    form, conflict = forms.RateForm(request.POST or None, instance=editing), None
    chosen = {
        "user_id": int_or_none(request.POST.get("user_id")) or (editing.user_id if editing else None),
        "staff_grade": request.POST.get("staff_grade") or (editing.staff_grade if editing else ""),
    }
    version = editing.version if editing else 0
    if request.method == "POST":
        version = int_or_none(request.POST.get("version"))
        try:
            services.set_rate(
                actor=request.user,
                school=school,
                data=request.POST,
                user_id=chosen["user_id"],
                staff_grade=chosen["staff_grade"],
                expected_version=version,
            )
        except services.ConflictError as exc:
            conflict = exc.current
            version = conflict.version if conflict else 0
            form.is_valid()
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
        | ({chosen["staff_grade"]} - {""})  # a rate's grade nobody holds any more can still change
    )
    return render(
        request,
        "provision/rates.html",
        {
            "school": school,
            "form": form,
            "editing": editing,
            "conflict": conflict,
            "chosen": chosen,
            "version": version,
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
    school = school_for(request, "provision.money")
    params = request.GET if request.GET.get("year") else request.POST
    year = query_year(params) or td.academic_year_of(timezone.localdate())
    errors, changed = {}, False
    if request.method == "POST":
        parsed, closures = [], []
        for i in range(6):
            name = request.POST.get(f"term-{i}-name", "").strip()
            start = parse_date(request.POST.get(f"term-{i}-start"))
            end = parse_date(request.POST.get(f"term-{i}-end"))
            if name or start or end:
                if not (name and start and end):
                    errors.setdefault("terms", []).append(
                        f"Term {i + 1}: enter a name, a start date and an end date"
                    )
                else:
                    parsed.append((name, start, end))
        for line in request.POST.get("closures", "").splitlines():
            if line.strip():
                day = parse_date(line.strip()[:10])
                if day is None:
                    errors.setdefault("closures", []).append(
                        f"“{line.strip()[:30]}” does not start with a date (YYYY-MM-DD)"
                    )
                else:
                    closures.append((day, line.strip()[10:].strip(" –-") or "INSET day"))
        if not errors:
            try:
                services.set_calendar(
                    actor=request.user,
                    school=school,
                    academic_year=year,
                    terms=parsed,
                    closures=closures,
                    expected_fingerprint=request.POST.get("fingerprint"),  # absent: no check, like versions
                )
            except services.ConflictError:
                changed = True
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
                start=parse_date(request.POST.get(f"term-{i}-start")),
                end=parse_date(request.POST.get(f"term-{i}-end")),
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
            # What the page was drawn from; a save from an older drawing is refused (changed).
            "fingerprint": selectors.calendar_fingerprint(school, year), "changed": changed,
            "saved_terms": Term.objects.filter(school=school, academic_year=year) if changed else (),
        },
    )  # fmt: skip


# Governors see spending only where it combines at least this many groups: the cost of one
# or two groups is close enough to a named TA's pay to work the pay out.
MIN_GROUPS_FOR_GOVERNORS = 3


def _for_audience(data: dict, with_money: bool) -> dict:
    """The budget report as a governor may see it: small aggregates withheld, and enough others
    with them that the total cannot give them back (domain.provision_costs.rows_to_withhold)."""
    if with_money:
        return {**data, "withheld": False}
    withheld = data["groups_costed"] < MIN_GROUPS_FOR_GOVERNORS
    trimmed = {}
    for by in ("need_area", "year_group"):
        rows = {*data[f"by_{by}"], *data[f"forecast_by_{by}"]}
        covers = {row: data[f"groups_by_{by}"].get(row, ()) for row in rows}  # none known: withhold
        hide = pc.rows_to_withhold(covers, MIN_GROUPS_FOR_GOVERNORS)
        for key in (f"by_{by}", f"forecast_by_{by}"):
            trimmed[key] = {k: v for k, v in data[key].items() if k not in hide}
    return {**data, **trimmed, "withheld": withheld, "min_groups": MIN_GROUPS_FOR_GOVERNORS}


@login_required
def budget(request):
    school = school_for(request, "provision.budget")
    year = query_year(request.GET) or selectors.financial_year_of(school, timezone.localdate())
    with_names = can_see_money(request, school)
    budget_form = forms.BudgetForm(request.POST if request.POST.get("form") == "budget" else None)
    topup_form = forms.TopUpForm(
        request.POST if request.POST.get("form") == "topup" else None,
        pupil_choices=[
            (p.pk, p.full_name) for p in policy.pupils(request.user).filter(school=school, sen_status="E")
        ]
        if with_names
        else [],
    )
    year_form = forms.FinancialYearForm(
        request.POST if request.POST.get("form") == "year" else None,
        instance=School(financial_year_start=school.financial_year_start),  # shown, not saved here
    )
    conflict = None
    if request.method == "POST":
        if not with_names:
            raise Http404
        try:
            if request.POST.get("form") == "year":
                services.set_financial_year_start(actor=request.user, school=school, data=request.POST)
                year = selectors.financial_year_of(school, timezone.localdate())
            elif request.POST.get("form") == "budget":
                services.set_budget(
                    actor=request.user,
                    school=school,
                    financial_year=year,
                    data=request.POST,
                    expected_version=int_or_none(request.POST.get("version")),
                )
            else:
                services.set_top_up(actor=request.user, school=school, financial_year=year, data=request.POST)
        except services.ConflictError as exc:
            conflict = exc.current
            budget_form.is_valid()
        except ValidationError as exc:
            forms_by_name = {"year": year_form, "budget": budget_form}
            copy_errors(forms_by_name.get(request.POST.get("form"), topup_form), exc)
        else:
            messages.success(request, "Saved.")
            return redirect(f"{request.path}?school={school.pk}&year={year}")
    data = _for_audience(selectors.budget_report(school, year), with_names)
    if data["budget"] and not budget_form.is_bound:
        budget_form = forms.BudgetForm(instance=data["budget"])
    # The version the form is based on: 0 when there is no budget yet for the year.
    saved = conflict or data["budget"]
    return render(
        request,
        "provision/budget.html",
        {
            "school": school,
            "b": data,
            "with_names": with_names,
            "budget_form": budget_form,
            "topup_form": topup_form,
            "year_form": year_form,
            "error_forms": [f for f in (budget_form, topup_form, year_form) if f.is_bound and f.errors],
            "conflict": conflict,
            "budget_version": saved.version if saved else 0,
        },
    )


@login_required
def budget_pdf(request):
    school = school_for(request, "provision.budget")
    year = query_year(request.GET) or selectors.financial_year_of(school, timezone.localdate())
    data = _for_audience(selectors.budget_report(school, year), can_see_money(request, school))
    return pdf_response(
        request,
        "provision/budget_pdf.html",
        {"school": school, "b": data, "with_names": can_see_money(request, school)},
        filename=f"sen-budget-{year}-{year + 1}.pdf",
    )

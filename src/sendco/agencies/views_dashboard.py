"""School-level referral pages: the school's referrals dashboard (with its CSV and XLSX export)
and waiting times per service, for one school or every school of the trust (counts only, with
a per-school summary for a trust officer). Thin: the schools come from the access policy (404
when there are none), the rows from the selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from sendco.audit.services import log_list
from sendco.core.access import policy
from sendco.core.documents import table_export
from sendco.domain import referrals as rules_

from . import selectors_dashboard as dash
from .selectors_referrals import OPEN, agencies_for, school_referrals, wait_by_service, waiting_time_schools

PAGE_SIZE = 50
EXPORT_HEADERS = [
    "Pupil",
    "UPN",
    "Year",
    "Service",
    "Status",
    "Status since",
    "Date sent",
    "Days waiting",
    "Expected response (days)",
    "Response expected by",
    "Flags",
]


def _dashboard_data(request):
    schools = dash.dashboard_schools(request.user)
    school = dash.chosen_school(schools, request.GET.get("school"))
    if school is None:
        raise Http404
    filters = dash.filters_from(request.GET)
    rows = school_referrals(request.user, school, filters)
    return schools, school, filters, rows


@login_required
def referral_dashboard(request):
    schools, school, filters, rows = _dashboard_data(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row.expected_on = dash.expected_on(row.referral)
        row.url = dash.pupil_referrals_url(row.referral.pupil_id)
    log_list(request, what="Referrals dashboard", count=len(page.object_list), school=school)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "agencies/referral_dashboard.html",
        {
            "school": school,
            "schools": schools,
            "filters": filters,
            "page": page,
            "total": len(rows),
            "overdue": sum(1 for r in rows if r.overdue),
            "statuses": [(s, rules_.LABELS[s]) for s in OPEN],
            "services": agencies_for(school),
            "query": query.urlencode(),
        },
    )


@login_required
def referral_dashboard_export(request):
    schools, school, filters, rows = _dashboard_data(request)
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    table = []
    for row in rows:
        r = row.referral
        table.append(
            [
                r.pupil.full_name,
                r.pupil.upn,
                r.pupil.nc_year_label,
                r.agency.name,
                rules_.LABELS[r.status],
                r.status_on,
                r.sent_on or "",
                "" if row.days_waiting is None else row.days_waiting,
                "" if r.expected_response_days is None else r.expected_response_days,
                dash.expected_on(r) or "",
                " ".join(f.reason for f in row.flags),
            ]
        )
    return table_export(
        request,
        headers=EXPORT_HEADERS,
        rows=table,
        fmt=fmt,
        filename=f"referrals-{school.name}-{timezone.localdate():%Y-%m-%d}",
        school=school,
        what="Referrals dashboard",
        sheet_title="Referrals",
    )


@login_required
def waiting_times(request):
    schools = waiting_time_schools(request.user)
    if not schools:
        raise Http404
    wanted = request.GET.get("school", "")
    trust_officer = bool(policy.roles(request.user).organisations)
    if wanted == "all" or (not wanted and trust_officer and len(schools) > 1):
        chosen, scope = None, schools
    else:
        chosen = dash.chosen_school(schools, wanted)
        scope = [chosen]
    figures = wait_by_service([s.pk for s in scope])
    return render(
        request,
        "agencies/waiting_times.html",
        {
            "schools": schools,
            "chosen": chosen,
            "services": figures,
            "summaries": dash.school_summaries(schools) if trust_officer else None,
        },
    )

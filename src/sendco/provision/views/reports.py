"""Provision maps (whole school and one pupil), the impact report and section F hours."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from sendco.audit.models import AccessLog
from sendco.audit.services import Read, log_access
from sendco.core.access import policy
from sendco.core.documents import pdf_response, table_export
from sendco.core.navigation import pupil_tabs

from .. import exports, selectors
from .common import can_see_money, school_for

# --- provision maps ------------------------------------------------------------------------------


VIEWS = {"grid": "Costed provision map", "need": "By area of need", "year": "By year group"}


@login_required
def provision_map(request):
    school = school_for(request, "provision.manage")
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
            "can_money": can_see_money(request, school),
        },
    )


@login_required
def provision_map_export(request, fmt: str):
    school = school_for(request, "provision.manage")
    data = selectors.whole_school_map(school)
    with_money = can_see_money(request, school)
    if fmt == "pdf":
        log_access(
            user=request.user,
            action=AccessLog.Action.EXPORT,
            request=request,
            school=school,
            what="Provision map (PDF)",
        )
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
        more_sheets=exports.map_totals_sheets(data) if with_money else (),
    )  # fmt: skip


@login_required
def impact_report(request):
    school = school_for(request, "provision.impact")
    data = selectors.impact_report(school)
    return render(
        request,
        "provision/impact.html",
        {"school": school, "r": data, "can_money": can_see_money(request, school)},
    )


@login_required
def impact_export(request):
    school = school_for(request, "provision.impact")
    data = selectors.impact_report(school)
    headers, rows = exports.impact_table(data, with_money=can_see_money(request, school))
    return table_export(
        request, headers=headers, rows=rows, fmt="xlsx", filename=f"provision-impact-{data['last_year']}",
        school=school, what="Impact report", sheet_title="Impact",
    )  # fmt: skip


@login_required
def shortfall(request):
    school = school_for(request, "provision.manage")
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


# --- one pupil ---------------------------------------------------------------------------------


@login_required
def pupil_provision(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "provision.pupil", audit=Read.view(request, "Provision map"))
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
    pupil = policy.get_pupil(request.user, pk, "provision.pupil", audit=Read.download(request))
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


@login_required
def pupil_provision_export(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "provision.pupil", audit=Read.download(request))
    data = selectors.pupil_map(pupil)
    with_money = policy.can(request.user, "provision.pupil_money", pupil)
    headers, rows = exports.pupil_table(data, with_money=with_money)
    return table_export(
        request, headers=headers, rows=rows, fmt="xlsx", filename=f"provision-map-{pupil.upn}",
        school=pupil.school, pupil=pupil, what="Individual provision map", sheet_title="Provision",
    )  # fmt: skip

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from sendco.audit.services import Read, log_list

from . import access_changes as changes
from .access import policy
from .audit_trail import pupil_audit_trail
from .input_bounds import query_date
from .navigation import pupil_tabs


@login_required
def pupil_audit(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "pupil.audit", audit=Read.view(request, "Audit trail"))
    kind = request.GET.get("show", "all")
    entries = pupil_audit_trail(pupil, request.user)
    if kind == "changes":
        entries = [e for e in entries if e.kind in ("created", "changed", "deleted")]
    elif kind == "views":
        entries = [e for e in entries if e.kind not in ("created", "changed", "deleted")]
    return render(
        request,
        "audit/pupil_audit.html",
        {
            "pupil": pupil,
            "entries": entries,
            "tabs": pupil_tabs(request.user, pupil, "pupil-audit"),
            "show": kind,
        },
    )


@login_required
def access_changes(request):
    """Who could see which children at the school, and who changed it (SENCO, head)."""
    schools = policy.schools(request.user, "school.audit")
    wanted = request.GET.get("school", "")
    school = (schools.filter(pk=wanted).first() if wanted.isdigit() else None) or schools.first()
    if school is None:
        raise Http404
    since, until = query_date(request.GET, "from"), query_date(request.GET, "to")
    page = Paginator(changes.change_rows(school, since=since, until=until), 50).get_page(
        request.GET.get("page")
    )
    entries = changes.describe(list(page.object_list))
    # The page names pupils (class places, key adults, grants): a read of the school's records.
    log_list(request, what=f"Access changes at {school}", count=len(entries), school=school)
    return render(
        request,
        "audit/access_changes.html",
        {
            "school": school,
            "schools": schools,
            "page": page,
            "entries": entries,
            "since": since,
            "until": until,
        },
    )

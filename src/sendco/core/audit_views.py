from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from sendco.audit.services import Read, log_list

from . import access_changes as changes
from . import access_log
from .access import policy
from .audit_trail import pupil_audit_trail
from .documents import table_export
from .forms import AccessLogExportForm
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
    school, schools = _audited_school(request)
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


def _audited_school(request):
    schools = policy.schools(request.user, "school.audit")
    wanted = request.GET.get("school", "")
    school = (schools.filter(pk=wanted).first() if wanted.isdigit() else None) or schools.first()
    if school is None:
        raise Http404
    return school, schools


@login_required
def access_log_form(request):
    """Where the school's auditors ask for an export of the access log (names no pupil)."""
    school, schools = _audited_school(request)
    form = AccessLogExportForm(for_pupil=bool(request.GET.get("pupil")))
    return render(request, "audit/access_log.html", {"school": school, "schools": schools, "form": form})


@login_required
def access_log_export(request):
    """The access log of one pupil, or of one user at the school, over a period, as CSV. The
    export is itself a read of those rows: table_export logs it (EXPORT)."""
    school, schools = _audited_school(request)
    pupil = None
    if request.GET.get("pupil"):
        # The pupil's school's auditors only (404 for anyone else, whatever else is wrong); the
        # read is recorded once the choices are valid and a file is made (Read.download below).
        pupil = policy.get_pupil_unlogged(request.user, request.GET["pupil"], "pupil.audit")
        school = pupil.school
    form = AccessLogExportForm(request.GET, for_pupil=pupil is not None)
    if not form.is_valid():
        # The form again, with an error summary and no file (the page names no pupil).
        context = {"school": school, "schools": schools, "form": form}
        return render(request, "audit/access_log.html", context, status=422)
    if pupil is not None:
        Read.download(request).record(pupil)
    since, until = form.cleaned_data["from"], form.cleaned_data["to"]
    username = form.cleaned_data.get("user", "")
    rows = access_log.as_table(
        access_log.log_rows(pupil=pupil, school=school, username=username, since=since, until=until)
    )
    subject = pupil.full_name if pupil else f"user {username} at {school}"
    period = f"{since or 'start'} to {until or 'today'}"
    return table_export(
        request,
        headers=access_log.HEADERS,
        rows=rows,
        fmt="csv",
        filename=f"access-log-{pupil.pk if pupil else username}-{period}",
        school=school,
        pupil=pupil,
        what=f"Access log of {subject}, {period}",
    )

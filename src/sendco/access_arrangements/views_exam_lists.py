"""The exams officer's lists: candidates with arrangements for a series, a day and a session,
on screen and as XLSX, CSV or PDF (each export logged by core.documents or here)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from sendco.audit.models import AccessLog
from sendco.audit.services import log_list
from sendco.core.documents import pdf_response, table_export
from sendco.core.form_helpers import int_or_none
from sendco.core.input_bounds import query_date

from . import selectors_centre as centre
from .models import ExamPaper, ExamSeries
from .views_centre import school_or_404

FORMATS = ("xlsx", "csv", "pdf")


def _title(series, day, session) -> str:
    when = f", {day:%-d %B %Y}" if day else ""
    if day and session:
        when += f" {dict(ExamPaper.Session.choices)[session].lower()}"
    return f"Access arrangements: {series.name}{when}" if series else "Access arrangements"


@login_required
def exam_list(request):
    school = school_or_404(request, "aa.exam_lists")
    series = centre.series_for(school, int_or_none(request.GET.get("series")))
    day = query_date(request.GET, "day")
    session = request.GET.get("session", "")
    if session not in ExamPaper.Session.values:
        session = ""
    candidates = centre.exam_list(request.user, series, day=day, session=session) if series else []
    title = _title(series, day, session)
    fmt = request.GET.get("export", "")
    if fmt in ("xlsx", "csv"):
        return table_export(
            request,
            headers=centre.EXPORT_HEADERS,
            rows=centre.export_rows(candidates),
            fmt=fmt,
            filename=title,
            school=school,
            what=title,
            sheet_title="Candidates",
        )
    context = {
        "school": school,
        "series": series,
        "all_series": ExamSeries.objects.filter(school=school),
        "sessions": centre.sessions(series) if series else [],
        "day": day,
        "session": session,
        "candidates": candidates,
        "title": title,
        "today": timezone.localdate(),
    }
    if fmt == "pdf":
        response = pdf_response(
            request,
            "access_arrangements/centre/exam_list_pdf.html",
            context,
            filename=f"exam-arrangements-{timezone.localdate():%Y-%m-%d}.pdf",
        )
        log_list(
            request,
            what=f"{title} (PDF)",
            count=len(candidates),
            school=school,
            action=AccessLog.Action.EXPORT,
        )
        return response
    log_list(request, what=title, count=len(candidates), school=school)
    return render_list(request, context)


def render_list(request, context):
    from django.shortcuts import render

    query = request.GET.copy()
    query.pop("export", None)
    context["query"] = query.urlencode()
    return render(request, "access_arrangements/centre/exam_list.html", context)

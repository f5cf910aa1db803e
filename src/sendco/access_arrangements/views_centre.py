"""Centre pages: the landing page, the centre's evidence check and its inspection file, exam
series and their papers. Thin: find the school through the access policy (404 otherwise),
call one selector or service, render. The assessor register is in views_assessors, the exams
officer's lists in views_exam_lists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from sendco.audit.models import AccessLog
from sendco.audit.services import log_list
from sendco.core.access import policy
from sendco.core.documents import pdf_response
from sendco.core.form_helpers import copy_errors, int_or_none

from . import selectors_centre as centre
from . import services_centre as services
from .forms_centre import PaperForm, SeriesForm
from .models import ExamPaper, ExamSeries


def school_or_404(request, perm: str):
    school = centre.school_for(request.user, perm, int_or_none(request.GET.get("school")))
    if school is None:
        raise Http404
    return school


def _series_or_404(request, series_id: int, perm: str = "aa.series") -> ExamSeries:
    series = ExamSeries.objects.select_related("school").filter(pk=series_id).first()
    if series is None or not policy.can(request.user, perm, series):
        raise Http404
    return series


@login_required
def landing(request):
    """The nav item's target: the evidence check for the SEN team and head, the exam-day lists
    for the exams officer."""
    if centre.school_for(request.user, "aa.centre", None) is not None:
        return redirect("aa-centre")
    if centre.school_for(request.user, "aa.exam_lists", None) is not None:
        return redirect("aa-exam-list")
    raise Http404


def _check_context(request, school):
    series = centre.series_for(school, int_or_none(request.GET.get("series")))
    gaps_only = request.GET.get("gaps") == "1"
    rows, counts = centre.centre_check(request.user, school, series, gaps_only=gaps_only)
    return {
        "school": school,
        "series": series,
        "all_series": ExamSeries.objects.filter(school=school),
        "rows": rows,
        "counts": counts,
        "gaps_only": gaps_only,
        "today": timezone.localdate(),
    }


@login_required
def centre_check(request):
    school = school_or_404(request, "aa.centre")
    context = _check_context(request, school)
    log_list(
        request, what="Access arrangements: centre evidence check", count=len(context["rows"]), school=school
    )
    return render(request, "access_arrangements/centre/check.html", context)


@login_required
def inspection_pdf(request):
    school = school_or_404(request, "aa.centre")
    context = _check_context(request, school)
    context |= {
        "assessors": centre.assessor_rows(school),
        "title": f"Access arrangements inspection file: {school.name}",
    }
    response = pdf_response(
        request,
        "access_arrangements/centre/inspection_pdf.html",
        context,
        filename=f"access-arrangements-inspection-{timezone.localdate():%Y-%m-%d}.pdf",
    )
    log_list(
        request,
        what="Access arrangements inspection file (PDF)",
        count=len(context["rows"]),
        school=school,
        action=AccessLog.Action.EXPORT,
    )
    return response


# --- exam series and papers ---------------------------------------------------------------------


@login_required
def series_list(request):
    school = school_or_404(request, "aa.series")
    return render(
        request,
        "access_arrangements/centre/series_list.html",
        {
            "school": school,
            "series_list": ExamSeries.objects.filter(school=school).prefetch_related("papers"),
        },
    )


def _series_data(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


@login_required
def series_create(request):
    school = school_or_404(request, "aa.series")
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.save_series(actor=request.user, school=school, data=_series_data(form))
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, f"{series.name} was added.")
            return redirect("aa-series-edit", series_id=series.pk)
    return render(request, "access_arrangements/centre/series_form.html", {"form": form, "school": school})


@login_required
def series_edit(request, series_id: int):
    series = _series_or_404(request, series_id)
    conflict = None
    if request.method == "POST":
        form = SeriesForm(request.POST)
        if form.is_valid():
            try:
                services.save_series(
                    actor=request.user,
                    school=series.school,
                    series=series,
                    data=_series_data(form),
                    expected_version=form.cleaned_data["version"],
                )
            except services.ConflictError as exc:
                conflict = exc.current
            except ValidationError as exc:
                copy_errors(form, exc)
            else:
                messages.success(request, f"{form.cleaned_data['name']} was saved.")
                return redirect("aa-series-edit", series_id=series.pk)
    else:
        initial = {f: getattr(series, f) for f in services.SERIES_FIELDS} | {"version": series.version}
        form = SeriesForm(initial=initial)
    return render(
        request,
        "access_arrangements/centre/series_form.html",
        {
            "form": form,
            "school": series.school,
            "series": series,
            "papers": series.papers.all(),
            "conflict": conflict,
        },
    )


@login_required
def paper_edit(request, series_id: int, paper_id: int | None = None):
    series = _series_or_404(request, series_id)
    paper = None
    if paper_id is not None:
        paper = ExamPaper.objects.filter(series=series, pk=paper_id).first()
        if paper is None:
            raise Http404
    initial = {f: getattr(paper, f) for f in services.PAPER_FIELDS} if paper else {}
    form = PaperForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_paper(actor=request.user, series=series, paper=paper, data=form.cleaned_data)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['title']} was saved.")
            return redirect("aa-series-edit", series_id=series.pk)
    return render(
        request,
        "access_arrangements/centre/paper_form.html",
        {"form": form, "series": series, "paper": paper},
    )

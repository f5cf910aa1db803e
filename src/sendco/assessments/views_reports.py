"""Professionals' report pages: the pupil's "Reports" tab, upload a report (the SEN team, or a
professional whose grant allows it), a report with its file, scores and recommendations, and
the decision on a recommendation that is not made a target or provision. Thin: fetch through
the access policy (404 otherwise), call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from sendco.audit.models import AccessLog
from sendco.audit.services import Read
from sendco.core import uploads
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save, keep_typed_on_current
from sendco.core.navigation import pupil_tabs

from . import selectors_reports as selectors
from . import services_reports as services
from .forms import rows_wanted, score_formset, with_another_row
from .forms_reports import DecisionForm, ReportCorrectionForm, ReportForm
from .views import _show_errors

TAB = "report-pupil-list"


def _what(report) -> str:
    return f"Professional report of {report.written_on:%-d %b %Y}"


@login_required
def pupil_reports(request, pk: int):
    pupil = policy.get_pupil(
        request.user, pk, "report.view", audit=Read.view(request, "Professional reports")
    )
    return render(
        request,
        "assessments/reports_list.html",
        {
            "pupil": pupil,
            "tabs": pupil_tabs(request.user, pupil, TAB),
            "reports": selectors.pupil_reports(pupil),
            "can_upload": policy.can(request.user, "report.upload", pupil),
        },
    )


def _upload_page(request, pupil, form, formset, **extra):
    has_errors = bool(form.errors) or any(f.errors for f in formset.forms)
    context = {"pupil": pupil, "form": form, "formset": formset, "has_errors": has_errors}
    return render(request, "assessments/report_form.html", context | extra)


@login_required
def upload(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "report.upload", audit=Read.form(request, "Upload a report"))
    if request.method != "POST":
        rows = rows_wanted(request.GET.get("rows"), at_least=1)
        return _upload_page(request, pupil, ReportForm(), score_formset(rows=rows))
    if "add_row" in request.POST:
        # The browser cannot keep a chosen file across a round trip: the page asks for it again.
        data = with_another_row(request.POST)
        return _upload_page(request, pupil, ReportForm(data), score_formset(data), added=True)
    form, formset = ReportForm(request.POST, request.FILES), score_formset(request.POST)
    try:
        report = services.upload_report(
            actor=request.user,
            pupil=pupil,
            upload=request.FILES.get("file"),
            scores=[f.row() for f in formset.forms],
            **form.details(),
        )
    except ValidationError as exc:
        _show_errors(form, formset, exc)
        return _upload_page(request, pupil, form, formset)
    messages.success(request, "The report was uploaded.")
    if policy.can(request.user, "report.view", pupil):
        return redirect("report-detail", report_id=report.pk)
    return redirect("home")  # a professional whose grant allows uploading but not reading


@login_required
def detail(request, report_id: int):
    report = selectors.get_report(request.user, report_id, audit=Read.view(request, _what))
    assessment = report.assessment
    return render(
        request,
        "assessments/report_detail.html",
        {
            "report": report,
            "pupil": report.pupil,
            "scores": list(assessment.scores.all()) if assessment else [],
            "recommendations": list(report.recommendations.all()),
            "can_decide": policy.can(request.user, "report.decide", report.pupil),
            "can_plan": policy.can(request.user, "plans.change", report.pupil),
            "can_provide": policy.can(request.user, "provision.manage", report.pupil),
        },
    )


@login_required
def edit(request, report_id: int):
    """Correct a report's details (the SEN team); a save based on an older version is refused
    with what changed, keeping what was typed."""
    report = selectors.get_report(
        request.user, report_id, "report.decide", audit=Read.form(request, lambda r: f"Correct {_what(r)}")
    )
    fields = ("title", "author_name", "author_role", "agency_name", "written_on", "received_on", "summary")
    initial = {name: getattr(report, name) for name in fields} | {"version": report.version}
    form = ReportCorrectionForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST":
        attempt = attempt_save(
            form,
            lambda: services.correct_report(
                actor=request.user, report=report, expected_version=form.shown_version(), **form.details()
            ),
        )
        if attempt.ok:
            messages.success(request, "The report's details were corrected.")
            return redirect("report-detail", report_id=report.pk)
        conflict = attempt.conflict
        if conflict is not None:
            keep_typed_on_current(form, conflict)
    return render(
        request,
        "assessments/report_edit.html",
        {"form": form, "report": report, "pupil": report.pupil, "conflict": conflict},
    )


@login_required
def report_file(request, report_id: int):
    report = selectors.get_report(
        request.user,
        report_id,
        audit=Read.as_(
            request, AccessLog.Action.DOWNLOAD, lambda r: f"Professional report file {r.original_name}"
        ),
    )
    return uploads.download(
        report.file,
        content_type=report.content_type,
        original_name=report.original_name,
        fallback=f"report-{report.pk}",
    )


@login_required
def decide(request, recommendation_id: int):
    item = selectors.get_recommendation(
        request.user, recommendation_id, audit=Read.form(request, "Decide a recommendation")
    )
    form = DecisionForm(request.POST or None, initial={"version": item.version, "status": item.status})
    conflict = None
    if request.method == "POST":
        attempt = attempt_save(
            form,
            lambda: services.decide_recommendation(
                actor=request.user,
                recommendation=item,
                expected_version=form.cleaned_data.get("version") if form.is_valid() else 0,
                status=form["status"].value() or "",
                note=form["note"].value() or "",
            ),
        )
        if attempt.ok:
            messages.success(request, "The decision was recorded.")
            return redirect("report-detail", report_id=item.report_id)
        conflict = attempt.conflict
        if conflict is not None:
            keep_typed_on_current(form, conflict)
    return render(
        request,
        "assessments/recommendation_decide.html",
        {"form": form, "item": item, "pupil": item.pupil, "report": item.report, "conflict": conflict},
    )

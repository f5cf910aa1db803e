"""Assessment pages: the pupil's tab, record a sitting with its scores, a sitting, correct it.
Thin: fetch through the access policy (404 otherwise), call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.navigation import pupil_tabs

from . import selectors, services
from .forms import SittingForm, rows_wanted, score_formset, with_another_row
from .services import SCORES_PREFIX

TAB = "assessment-pupil-list"


def _what(assessment) -> str:
    return f"Assessment on {assessment.taken_on:%-d %b %Y}"


@login_required
def pupil_assessments(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "assessment.view", audit=Read.view(request, "Assessments"))
    return render(
        request,
        "assessments/pupil_list.html",
        {
            "pupil": pupil,
            "tabs": pupil_tabs(request.user, pupil, TAB),
            "assessments": selectors.pupil_assessments(pupil),
            "can_record": policy.can(request.user, "assessment.record", pupil),
        },
    )


def _show_errors(form, formset, exc: ValidationError) -> None:
    """The service's errors on the fields they name (``scores-<n>-<field>`` on row n)."""
    for key, errors in exc.message_dict.items():
        target, field = form, key
        if key.startswith(f"{SCORES_PREFIX}-"):
            _, n, field = key.split("-", 2)
            target = formset.forms[int(n)]
        if field not in target.fields:
            field = "__all__"  # a sitting detail this page does not edit (its purpose)
        if field != "__all__" and target.errors.get(field):
            continue  # the form already says what is wrong with it (a date it could not read)
        for error in errors:
            target.add_error(None if field == "__all__" else field, error)


def _sitting(form) -> dict:
    form.is_valid()  # cleaned_data keeps the fields that were read, even when one was not
    data = form.cleaned_data
    keep = ("assessor_name", "assessor_role", "summary")
    sitting = {name: (data.get(name) or form[name].value() or "") for name in keep}
    sitting["taken_on"] = data.get("taken_on")
    return sitting


def _scores(formset) -> list[dict]:
    return [f.row() for f in formset.forms]


def _page(request, template, **context):
    form, formset = context["form"], context["formset"]
    has_errors = bool(form.errors) or any(f.errors for f in formset.forms)
    return render(request, template, context | {"has_errors": has_errors})


@login_required
def record(request, pk: int):
    pupil = policy.get_pupil(
        request.user, pk, "assessment.record", audit=Read.form(request, "Record an assessment")
    )
    if request.method != "POST":
        rows = rows_wanted(request.GET.get("rows"))
        form = SittingForm(initial={"purpose": request.GET.get("purpose", "")})
        return _page(
            request, "assessments/form.html", form=form, formset=score_formset(rows=rows), pupil=pupil
        )
    if "add_row" in request.POST:
        data = with_another_row(request.POST)
        form, formset = SittingForm(data), score_formset(data)
        return _page(request, "assessments/form.html", form=form, formset=formset, pupil=pupil, added=True)
    form, formset = SittingForm(request.POST), score_formset(request.POST)
    try:
        assessment = services.record_assessment(
            actor=request.user,
            pupil=pupil,
            purpose=form["purpose"].value() or "",
            scores=_scores(formset),
            **_sitting(form),
        )
    except ValidationError as exc:
        _show_errors(form, formset, exc)
        return _page(request, "assessments/form.html", form=form, formset=formset, pupil=pupil)
    messages.success(request, "The assessment was recorded.")
    return redirect("assessment-detail", assessment_id=assessment.pk)


@login_required
def detail(request, assessment_id: int):
    assessment = selectors.get_assessment(request.user, assessment_id, audit=Read.view(request, _what))
    return render(
        request,
        "assessments/detail.html",
        {
            "assessment": assessment,
            "pupil": assessment.pupil,
            "scores": list(assessment.scores.all()),
            "can_correct": policy.can(request.user, "assessment.record", assessment.pupil),
        },
    )


def _initial_scores(assessment) -> list[dict]:
    return [
        {
            "test_name": s.test_name,
            "area": s.area,
            "standard_score": s.standard_score,
            "percentile": "" if s.percentile is None else s.percentile.normalize(),
            "age_equivalent": s.age_equivalent,
        }
        for s in assessment.scores.all()
    ]


@login_required
def correct(request, assessment_id: int):
    assessment = selectors.get_assessment(
        request.user,
        assessment_id,
        "assessment.record",
        audit=Read.form(request, lambda a: f"Correct {_what(a).lower()}"),
    )
    context = {"assessment": assessment, "pupil": assessment.pupil, "correcting": True}
    if request.method != "POST":
        form = SittingForm(
            correcting=True,
            initial={
                "taken_on": assessment.taken_on,
                "assessor_name": assessment.assessor_name,
                "assessor_role": assessment.assessor_role,
                "summary": assessment.summary,
                "version": assessment.version,
            },
        )
        initial = _initial_scores(assessment)
        rows = rows_wanted(request.GET.get("rows"), at_least=len(initial) + 1)
        formset = score_formset(rows=rows, initial=initial)
        return _page(request, "assessments/form.html", form=form, formset=formset, **context)
    data = with_another_row(request.POST) if "add_row" in request.POST else request.POST
    form, formset = SittingForm(data, correcting=True), score_formset(data)
    if "add_row" in request.POST:
        return _page(request, "assessments/form.html", form=form, formset=formset, added=True, **context)
    sitting = _sitting(form)
    try:
        services.correct_assessment(
            actor=request.user,
            assessment=assessment,
            # A page always sends the version it showed; without one, treat it as stale.
            expected_version=form.cleaned_data.get("version") or 0,
            scores=_scores(formset),
            **sitting,
        )
    except ConflictError as exc:
        # Keep what the user typed; saving again now replaces the version they were shown.
        data = data.copy()
        data["version"] = str(exc.current.version)
        form = SittingForm(data, correcting=True)
        context["conflict"] = exc.current
        return _page(request, "assessments/form.html", form=form, formset=formset, **context)
    except ValidationError as exc:
        _show_errors(form, formset, exc)
        return _page(request, "assessments/form.html", form=form, formset=formset, **context)
    messages.success(request, "The assessment was corrected.")
    return redirect("assessment-detail", assessment_id=assessment.pk)

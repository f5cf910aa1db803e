"""A candidate's access arrangements: the pupil tab, an arrangement, the decision, Form 8,
teachers' evidence of normal way of working. Thin: fetch through the access policy (404
otherwise), call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError, attempt_save
from sendco.core.form_helpers import copy_errors
from sendco.core.navigation import pupil_tabs

from . import lookups, services, services_form8
from .forms import (
    SCORES_PREFIX,
    AnswerForm,
    ArrangementForm,
    DecisionForm,
    NormalWayRequestForm,
    Part1Form,
    Part2Form,
    Part3Form,
    ScoreFormSet,
)


def _back(pupil):
    return redirect("aa-pupil", pk=pupil.pk)


@login_required
def pupil_tab(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "aa.view", audit=Read.view(request, "Access arrangements"))
    detail = policy.can(request.user, "aa.detail", pupil)
    form8 = lookups.latest_form8(pupil) if detail else None
    return render(
        request,
        "access_arrangements/candidate/pupil.html",
        {
            "pupil": pupil,
            "tabs": pupil_tabs(request.user, pupil, "aa-pupil"),
            "rows": lookups.pupil_rows(request.user, pupil, detail=detail),
            "detail": detail,
            "form8": form8,
            "can_manage": policy.can(request.user, "aa.manage", pupil),
            "can_decide": policy.can(request.user, "aa.decide", pupil),
        },
    )


@login_required
def arrangement_form(request, pk: int, arrangement_id: int | None = None):
    if arrangement_id is None:
        pupil = policy.get_pupil(
            request.user, pk, "aa.manage", audit=Read.form(request, "Add an arrangement")
        )
        arrangement = None
    else:
        arrangement = lookups.get_arrangement(
            request.user, arrangement_id, "aa.manage", audit=Read.form(request, "Change an arrangement")
        )
        pupil = arrangement.pupil
        if pupil.pk != pk:
            raise Http404
    initial = {}
    if arrangement is not None:
        initial = {
            k: getattr(arrangement, k)
            for k in ("version", "kind", "other_label", "extra_time_percent", "status", "notes")
        }
    form = ArrangementForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        attempt = attempt_save(
            form,
            lambda: services.save_arrangement(
                actor=request.user, pupil=pupil, data=data, arrangement=arrangement, expected_version=version
            ),
        )
        if attempt.ok:
            messages.success(request, "Arrangement saved.")
            return _back(pupil)
        conflict = attempt.conflict
    return render(
        request,
        "access_arrangements/candidate/arrangement_form.html",
        {"form": form, "pupil": pupil, "arrangement": arrangement, "conflict": conflict},
    )


@login_required
def decision(request, pk: int, arrangement_id: int):
    arrangement = lookups.get_arrangement(
        request.user, arrangement_id, "aa.decide", audit=Read.form(request, "Record a decision")
    )
    if arrangement.pupil_id != pk:
        raise Http404
    form = DecisionForm(
        request.POST or None,
        initial={
            "version": arrangement.version,
            "decided_on": arrangement.decided_on,
            "approval_reference": arrangement.approval_reference,
            "expires_on": arrangement.expires_on,
            "status": "approved",
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        attempt = attempt_save(
            form,
            lambda: services.record_decision(
                actor=request.user,
                arrangement=arrangement,
                decided_on=d["decided_on"],
                approval_reference=d["approval_reference"],
                expires_on=d["expires_on"],
                status=d["status"],
                expected_version=d["version"],
            ),
        )
        if attempt.ok:
            messages.success(request, "Decision recorded.")
            return _back(arrangement.pupil)
        conflict = attempt.conflict
    return render(
        request,
        "access_arrangements/candidate/decision.html",
        {"form": form, "pupil": arrangement.pupil, "arrangement": arrangement, "conflict": conflict},
    )


def _form8_page(request, pupil, form8, form, template, extra=None, conflict=None):
    context = {"form": form, "pupil": pupil, "form8": form8, "conflict": conflict} | (extra or {})
    return render(request, f"access_arrangements/candidate/{template}", context)


@login_required
def form8_part1(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "aa.manage", audit=Read.form(request, "Form 8 Part 1"))
    form8 = lookups.latest_form8(pupil)
    initial = {}
    if form8:
        initial = {
            "version": form8.version, "history_of_need": form8.history_of_need,
            "normal_way_of_working": form8.normal_way_of_working, "part1_signed_on": form8.part1_signed_on,
        }  # fmt: skip
    form = Part1Form(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        attempt = attempt_save(
            form,
            lambda: services_form8.save_part1(
                actor=request.user,
                pupil=pupil,
                history_of_need=d["history_of_need"],
                normal_way_of_working=d["normal_way_of_working"],
                signed_on=d["part1_signed_on"],
                form8=form8,
                expected_version=d["version"],
            ),
        )
        if attempt.ok:
            messages.success(request, "Form 8 Part 1 saved.")
            return _back(pupil)
        conflict = attempt.conflict
    return _form8_page(request, pupil, form8, form, "form8_part1.html", conflict=conflict)


def _form8_or_404(request, pk: int, what: str):
    pupil = policy.get_pupil(request.user, pk, "aa.manage", audit=Read.form(request, what))
    form8 = lookups.latest_form8(pupil)
    if form8 is None:
        raise Http404("Start Form 8 with Part 1")
    return pupil, form8


@login_required
def form8_part2(request, pk: int):
    pupil, form8 = _form8_or_404(request, pk, "Form 8 Part 2")
    assessors = services_form8.assessors_for(pupil.school)
    initial, rows = {"version": form8.version}, []
    if form8.assessment:
        initial |= {
            "taken_on": form8.assessment.taken_on, "assessor": form8.assessor_id,
            "illegible_handwriting": form8.illegible_handwriting, "summary": form8.assessment.summary,
        }  # fmt: skip
        rows = [
            {"test_name": s.test_name, "area": s.area, "standard_score": s.standard_score}
            for s in form8.assessment.scores.all()
        ]
    form = Part2Form(request.POST or None, initial=initial, assessors=assessors)
    formset = ScoreFormSet(request.POST or None, initial=rows, prefix=SCORES_PREFIX)
    conflict = None
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        d = form.cleaned_data
        scores = [f.cleaned_data for f in formset.forms if f.cleaned_data]
        try:
            services_form8.save_part2(
                actor=request.user, form8=form8, taken_on=d["taken_on"], assessor=d["assessor"],
                scores=scores, illegible_handwriting=d["illegible_handwriting"], summary=d["summary"],
                expected_version=d["version"],
            )  # fmt: skip
        except ConflictError as exc:
            conflict = exc.current
        except ValidationError as exc:
            _copy_part2_errors(form, formset, exc)
        else:
            messages.success(request, "Form 8 Part 2 saved.")
            return _back(pupil)
    warnings = []
    if form8.assessor and form8.assessment:
        warnings = form8.assessor.problems_for(form8.assessment.taken_on)
    extra = {"formset": formset, "warnings": warnings}
    return _form8_page(request, pupil, form8, form, "form8_part2.html", extra, conflict)


def _copy_part2_errors(form, formset, exc: ValidationError) -> None:
    """The service names score errors by formset field (scores-<n>-<field>)."""
    rest = {}
    for name, errors in exc.message_dict.items():
        parts = name.split("-")
        if len(parts) == 3 and parts[0] == SCORES_PREFIX and int(parts[1]) < len(formset.forms):
            for error in errors:
                formset.forms[int(parts[1])].add_error(parts[2], error)
        else:
            rest[name] = errors
    copy_errors(form, ValidationError(rest))


@login_required
def form8_part3(request, pk: int):
    pupil, form8 = _form8_or_404(request, pk, "Form 8 Part 3")
    form = Part3Form(
        request.POST or None,
        initial={"version": form8.version, "part3_completed_on": form8.part3_completed_on},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        attempt = attempt_save(
            form,
            lambda: services_form8.save_part3(
                actor=request.user,
                form8=form8,
                completed_on=form.cleaned_data["part3_completed_on"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if attempt.ok:
            messages.success(request, "Form 8 Part 3 saved.")
            return _back(pupil)
        conflict = attempt.conflict
    return _form8_page(request, pupil, form8, form, "form8_part3.html", conflict=conflict)


@login_required
def normal_way_request(request, pk: int, arrangement_id: int):
    arrangement = lookups.get_arrangement(
        request.user, arrangement_id, "aa.manage", audit=Read.form(request, "Ask for normal way of working")
    )
    if arrangement.pupil_id != pk:
        raise Http404
    form = NormalWayRequestForm(request.POST or None, staff=services.staff_to_ask(arrangement.school))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.request_normal_way(
                actor=request.user, arrangement=arrangement, teacher=d["requested_from"],
                subject=d["subject"], question=d["question"],
            )  # fmt: skip
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "Evidence requested.")
            return _back(arrangement.pupil)
    return render(
        request,
        "access_arrangements/candidate/normal_way_request.html",
        {"form": form, "pupil": arrangement.pupil, "arrangement": arrangement},
    )


@login_required
def my_requests(request):
    if not policy.roles(request.user).schools_with(services.STAFF_ROLES):
        raise Http404
    requests = list(lookups.my_requests(request.user))
    for req in requests:
        Read.view(request, "Normal way of working request").record(req.pupil, of=req)
    return render(request, "access_arrangements/candidate/my_requests.html", {"requests": requests})


@login_required
def normal_way_answer(request, request_id: int):
    req = lookups.get_my_request(
        request.user, request_id, audit=Read.form(request, "Normal way of working request")
    )
    form = AnswerForm(request.POST or None, initial={"source": req.source, "answer": req.answer})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_normal_way(
                actor=request.user, request=req, source=form.cleaned_data["source"],
                answer=form.cleaned_data["answer"],
            )  # fmt: skip
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "Thank you: your evidence was sent to the SENCO.")
            return redirect("aa-my-requests")
    return render(
        request,
        "access_arrangements/candidate/normal_way_answer.html",
        {"form": form, "req": req, "pupil": req.pupil},
    )

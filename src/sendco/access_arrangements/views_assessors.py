"""The register of assessors and the head of centre's check of a qualification."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from sendco.audit.services import log_list
from sendco.core.access import policy
from sendco.core.form_helpers import copy_errors

from . import selectors_centre as centre
from . import services_centre as services
from .forms_centre import AssessorForm, CheckForm
from .models import Assessor
from .views_centre import school_or_404


def _assessor_or_404(request, assessor_id: int, perm: str) -> Assessor:
    assessor = Assessor.objects.select_related("school", "checked_by").filter(pk=assessor_id).first()
    if assessor is None or not policy.can(request.user, perm, assessor):
        raise Http404
    return assessor


@login_required
def assessor_list(request):
    school = school_or_404(request, "aa.assessors")
    rows = centre.assessor_rows(school)
    log_list(request, what="Access arrangements: assessors", count=len(rows), school=school)
    return render(
        request,
        "access_arrangements/centre/assessor_list.html",
        {
            "school": school,
            "rows": rows,
            "can_manage": policy.can(request.user, "aa.assessors.manage", school),
            "can_check": policy.can(request.user, "aa.assessors.check", school),
        },
    )


def _data(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k not in ("version", "evidence")}


@login_required
def assessor_edit(request, assessor_id: int | None = None):
    assessor = None
    if assessor_id is not None:
        assessor = _assessor_or_404(request, assessor_id, "aa.assessors.manage")
        school = assessor.school
    else:
        school = school_or_404(request, "aa.assessors.manage")
    conflict = None
    if request.method == "POST":
        form = AssessorForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                saved = services.save_assessor(
                    actor=request.user,
                    school=school,
                    assessor=assessor,
                    data=_data(form),
                    expected_version=form.cleaned_data["version"],
                    evidence=form.cleaned_data["evidence"],
                )
            except services.ConflictError as exc:
                conflict = exc.current
            except ValidationError as exc:
                copy_errors(form, exc)
            else:
                messages.success(request, f"{saved.name} was saved.")
                return redirect("aa-assessor-list")
    elif assessor is not None:
        initial = {f: getattr(assessor, f) for f in services.ASSESSOR_FIELDS} | {"version": assessor.version}
        form = AssessorForm(initial=initial)
    else:
        form = AssessorForm()
    return render(
        request,
        "access_arrangements/centre/assessor_form.html",
        {"form": form, "assessor": assessor, "conflict": conflict},
    )


@login_required
def assessor_check(request, assessor_id: int):
    assessor = _assessor_or_404(request, assessor_id, "aa.assessors.check")
    conflict = None
    if request.method == "POST":
        form = CheckForm(request.POST)
        if form.is_valid():
            try:
                services.check_assessor(
                    actor=request.user,
                    assessor=assessor,
                    checked_on=form.cleaned_data["checked_on"],
                    expected_version=form.cleaned_data["version"],
                )
            except services.ConflictError as exc:
                conflict = exc.current
            except ValidationError as exc:
                copy_errors(form, exc)
            else:
                messages.success(request, f"Your check of {assessor.name}'s qualification was recorded.")
                return redirect("aa-assessor-list")
    else:
        form = CheckForm(initial={"checked_on": timezone.localdate(), "version": assessor.version})
    return render(
        request,
        "access_arrangements/centre/assessor_check.html",
        {"form": form, "assessor": assessor, "conflict": conflict},
    )

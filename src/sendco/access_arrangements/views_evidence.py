"""The alternative route's evidence for an arrangement: an EHC plan or a professional letter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from sendco.audit.services import Read
from sendco.core.form_helpers import copy_errors

from . import lookups, services
from .forms import AlternativeEvidenceForm


@login_required
def alternative_evidence(request, pk: int, arrangement_id: int):
    arrangement = lookups.get_arrangement(
        request.user, arrangement_id, "aa.manage", audit=Read.form(request, "Add alternative evidence")
    )
    if arrangement.pupil_id != pk:
        raise Http404
    form = AlternativeEvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_alternative_evidence(
                actor=request.user, arrangement=arrangement, kind=d["kind"], author=d["author"],
                dated=d["dated"], summary=d["summary"], upload=d["file"],
            )  # fmt: skip
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "Evidence added.")
            return redirect("aa-pupil", pk=arrangement.pupil_id)
    return render(
        request,
        "access_arrangements/candidate/alternative_evidence.html",
        {"form": form, "pupil": arrangement.pupil, "arrangement": arrangement},
    )

"""The alternative route's evidence for an arrangement: an EHC plan or a professional letter,
added by the SEN team and downloaded by those who read the evidence (logged as a download)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from sendco.audit.models import AccessLog
from sendco.audit.services import Read
from sendco.core import uploads
from sendco.core.form_helpers import copy_errors
from sendco.domain import file_types

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


# Stored names end with the checked kind's extension (uploads.random_name): the kind to serve.
_KIND_BY_EXTENSION = {kind.extension: kind for kind in file_types.KINDS.values()}


@login_required
def alternative_evidence_file(request, pk: int, arrangement_id: int, evidence_id: int):
    arrangement = lookups.get_arrangement(
        request.user, arrangement_id, "aa.detail", audit=Read.download(request)
    )
    item = arrangement.alternative_evidence.filter(pk=evidence_id).exclude(file="").first()
    if arrangement.pupil_id != pk or item is None:
        raise Http404("No such file")
    what = f"Access arrangements evidence {item.original_name}"
    Read.as_(request, AccessLog.Action.DOWNLOAD, what).record(arrangement.pupil, of=item)
    kind = _KIND_BY_EXTENSION.get("." + item.file.name.rsplit(".", 1)[-1].lower())
    return uploads.download(
        item.file,
        content_type=kind.content_type if kind else "application/octet-stream",
        original_name=item.original_name,
        fallback=f"evidence-{item.pk}",
    )

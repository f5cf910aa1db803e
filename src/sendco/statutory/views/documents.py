"""Documents: the request document (edit, PDF, Word) and the plan's uploaded documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from sendco.audit.models import AccessLog
from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.documents import docx_response, pdf_response
from sendco.core.form_helpers import int_or_none

from .. import forms, request_document, services
from ..lookups import plan_for, pupil_for
from ..models import AssessmentRequest, PlanDocument
from .common import _base, _form_page

# --- the request document --------------------------------------------------------------------


@login_required
def request_document_edit(request, pk: int, rid: int):
    pupil = pupil_for(
        request.user,
        pk,
        "statutory.request_document",
        audit=Read.form(request, "EHC needs assessment request document"),
    )
    obj = get_object_or_404(AssessmentRequest, pk=rid, pupil=pupil)
    can_edit = policy.can(request.user, "statutory.change", pupil)
    conflict = None
    if request.method == "POST":
        if not can_edit:
            raise Http404
        sections = request_document.edited_sections(pupil, obj, request.POST)
        try:
            services.save_request_document(
                actor=request.user,
                request=obj,
                sections=sections,
                expected_version=int_or_none(request.POST.get("version")),
            )
        except services.ConflictError as exc:
            conflict = exc.current
        else:
            messages.success(request, "The request document was saved.")
            return redirect("statutory-request-document", pk=pk, rid=rid)
    parts = request_document.document(pupil, obj)
    if conflict is not None:  # keep what this editor typed; show the saved version's version
        for part in parts:
            part["text"] = request.POST.get(part["key"], part["text"])
    return render(
        request,
        "statutory/request_document.html",
        _base(
            request,
            pupil,
            obj=obj,
            parts=parts,
            conflict=conflict,
            can_edit=can_edit,
            version=conflict.version if conflict else obj.version,
        ),
    )


@login_required
def request_document_pdf(request, pk: int, rid: int):
    pupil = pupil_for(request.user, pk, "statutory.request_document", audit=Read.download(request))
    obj = get_object_or_404(AssessmentRequest, pk=rid, pupil=pupil)
    return pdf_response(
        request,
        "statutory/request_document_pdf.html",
        {
            "pupil": pupil,
            "school": pupil.school,
            "obj": obj,
            "parts": request_document.document(pupil, obj),
            "today": timezone.localdate(),
        },
        filename=f"ehc-needs-assessment-request-{pupil.upn}.pdf",
        pupil=pupil,
        what="EHC needs assessment request (PDF)",
    )


@login_required
def request_document_docx(request, pk: int, rid: int):
    pupil = pupil_for(request.user, pk, "statutory.request_document", audit=Read.download(request))
    obj = get_object_or_404(AssessmentRequest, pk=rid, pupil=pupil)
    doc = request_document.docx(pupil, obj, request_document.document(pupil, obj))
    return docx_response(
        request,
        doc,
        filename=f"ehc-needs-assessment-request-{pupil.upn}.docx",
        pupil=pupil,
        what="EHC needs assessment request (Word)",
    )


# --- plan documents ---------------------------------------------------------------------------


@login_required
def document_upload(request, pk: int, plan_id: int):
    pupil, plan = plan_for(
        request.user, pk, plan_id, "statutory.change", audit=Read.form(request, "Add a plan document")
    )
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Add a plan document",
        save=lambda: services.upload_document(
            actor=request.user, plan=plan, data=request.POST, files=request.FILES
        ),
        back=reverse("statutory-plan", args=[pupil.pk, plan.pk]),
    )


@login_required
def document_download(request, pk: int, plan_id: int, doc_id: int):
    pupil, plan = plan_for(request.user, pk, plan_id, audit=Read.download(request))
    doc = get_object_or_404(PlanDocument, pk=doc_id, plan=plan)
    what = f"{doc.get_kind_display()} dated {doc.dated:%d/%m/%Y}"
    Read.as_(request, AccessLog.Action.DOWNLOAD, what).record(pupil)
    return FileResponse(
        doc.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"ehc-plan-{pupil.upn}-{doc.dated:%Y-%m-%d}.pdf",
    )

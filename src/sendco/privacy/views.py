"""The pupil's subject access page (log a request, see its due date) and the export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendco.audit.models import AccessLog
from sendco.audit.services import Read
from sendco.core import documents
from sendco.core.access import policy
from sendco.core.navigation import pupil_tabs

from . import selectors, services
from .forms import SubjectAccessRequestForm
from .models import LegalHold, SubjectAccessRequest


@login_required
def subject_access(request, pk: int):
    pupil = policy.get_pupil(
        request.user, pk, "privacy.manage", audit=Read.form(request, "Subject access requests")
    )
    form = SubjectAccessRequestForm(initial={"received_on": timezone.localdate()})
    hold_error = ""
    if request.method == "POST" and request.POST.get("form") == "hold":
        try:
            services.place_legal_hold(actor=request.user, pupil=pupil, reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            hold_error = " ".join(exc.message_dict["reason"])
        else:
            messages.success(request, "Legal hold placed: the retention process will keep this file.")
            return redirect("privacy-sar", pk=pupil.pk)
    elif request.method == "POST":
        try:
            sar = services.log_subject_access_request(actor=request.user, pupil=pupil, data=request.POST)
        except ValidationError:
            form = SubjectAccessRequestForm(request.POST)
            form.is_valid()
        else:
            messages.success(request, f"Request logged: due by {sar.due_on:%-d %B %Y}.")
            return redirect("privacy-sar", pk=pupil.pk)
    return render(
        request,
        "privacy/subject_access.html",
        {
            "pupil": pupil,
            "tabs": pupil_tabs(request.user, pupil, "privacy-sar"),
            "requests": SubjectAccessRequest.objects.filter(pupil=pupil),
            "form": form,
            "holds": LegalHold.objects.filter(pupil=pupil).order_by("-placed_on", "-id"),
            "hold_error": hold_error,
        },
    )


@login_required
@require_POST
def lift_hold(request, pk: int, hold_id: int):
    pupil = policy.get_pupil(request.user, pk, "privacy.manage", audit=Read.for_write(request))
    hold = LegalHold.objects.filter(pk=hold_id, pupil=pupil).first()
    if hold is None:
        raise Http404
    services.lift_legal_hold(actor=request.user, hold=hold)
    messages.success(request, "Legal hold lifted.")
    return redirect("privacy-sar", pk=pupil.pk)


@login_required
@require_POST
def complete_request(request, pk: int, sar_id: int):
    pupil = policy.get_pupil(request.user, pk, "privacy.manage", audit=Read.for_write(request))
    sar = SubjectAccessRequest.objects.filter(pk=sar_id, pupil=pupil).first()
    if sar is None:
        raise Http404
    services.complete_subject_access_request(actor=request.user, sar=sar)
    messages.success(request, "Request marked as answered.")
    return redirect("privacy-sar", pk=pupil.pk)


@login_required
def subject_access_export(request, pk: int, sar_id: int):
    pupil = policy.get_pupil(request.user, pk, "privacy.manage", audit=Read.download(request))
    sar = SubjectAccessRequest.objects.filter(pk=sar_id, pupil=pupil).first()
    if sar is None:
        raise Http404
    export = selectors.subject_access_export(request.user, pupil)
    about = {
        "pupil": pupil.full_name,
        "upn": pupil.upn,
        "school": pupil.school.name,
        "request_received_on": sar.received_on.isoformat(),
        "request_due_on": sar.due_on.isoformat(),
        "produced_on": timezone.now().isoformat(),
        "produced_by": request.user.get_full_name() or request.user.username,
    }
    summary = documents.render_pdf(
        "privacy/subject_access_pdf.html",
        {
            "pupil": pupil,
            "school": pupil.school,
            "sar": sar,
            "title": f"Subject access export: {pupil.full_name}",
            "contents": [
                (label, len(export.records.get(label, [])), len(export.history.get(label, [])))
                for label in sorted(set(export.records) | set(export.history))
            ],
            "access_log": len(export.access_log),
            "files": [name for name, _, _ in export.files],
        },
        request=request,
    )
    content, missing = selectors.export_zip(export, summary_pdf=summary, about=about)
    Read.as_(
        request, AccessLog.Action.EXPORT, f"Subject access export (request of {sar.received_on})"
    ).record(pupil)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{pupil.upn}.zip"'
    return response

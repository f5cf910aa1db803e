"""Chronology pages: thin views over selectors (reads) and services (writes). Anything the user
may not read answers 404; every view of a pupil's chronology and every download is logged."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendco.audit.models import AccessLog
from sendco.audit.services import Read
from sendco.core import uploads
from sendco.core.access import policy
from sendco.core.documents import pdf_response
from sendco.core.form_helpers import copy_errors
from sendco.core.navigation import pupil_tabs

from . import permissions, selectors, services
from .forms import CorrectionForm, EntryForm
from .models import ChronologyEntry


def _filters(request) -> dict:
    category = request.GET.get("category", "")
    return {
        "category": int(category) if category.isdigit() else None,
        "kind": request.GET.get("kind", "") if request.GET.get("kind") in ChronologyEntry.Kind.values else "",
        "date_from": services.parse_date(request.GET.get("from")),
        "date_to": services.parse_date(request.GET.get("to")),
        "q": request.GET.get("q", "").strip()[:100],
    }


@login_required
def entry_list(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "chronology.view_tab", audit=Read.view(request, "Chronology"))
    filters = _filters(request)
    page = Paginator(selectors.entries(request.user, pupil, **filters), 50).get_page(request.GET.get("page"))
    edited = {e.pk for e in page if e.edited_at}
    return render(
        request,
        "chronology/entry_list.html",
        {
            "pupil": pupil,
            "tabs": pupil_tabs(request.user, pupil, "chronology-list"),
            "page": page,
            "edited": edited,
            "filters": filters,
            "categories": selectors.categories(pupil.school, active_only=False),
            "kinds": ChronologyEntry.Kind.choices,
            "can_add": policy.can(request.user, "chronology.add", pupil),
            "can_manage_categories": policy.can(request.user, "chronology.categories", pupil.school),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def entry_create(request, pk: int):
    pupil = policy.get_pupil(
        request.user, pk, "chronology.add", audit=Read.form(request, "New chronology entry")
    )
    categories = selectors.categories(pupil.school)
    form = EntryForm(request.POST or None, request.FILES or None, pupil=pupil, categories=categories)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("staff_participants", "attachments")}
        try:
            services.create_entry(
                actor=request.user,
                pupil=pupil,
                data=data,
                staff_participants=form.cleaned_data["staff_participants"],
                files=form.cleaned_data["attachments"],
            )
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "The entry was added to the chronology.")
            return redirect("chronology-list", pk=pupil.pk)
    return render(
        request,
        "chronology/entry_form.html",
        {"form": form, "pupil": pupil, "tabs": pupil_tabs(request.user, pupil, "chronology-list")},
    )


@login_required
def entry_detail(request, entry_id: int):
    entry = selectors.get_entry(
        request.user, entry_id, audit=Read.view(request, lambda e: f"Chronology entry {e.pk}")
    )
    # Earlier versions at a level the reader may not read (before it was shared) stay hidden.
    readable = permissions.entry_reader(request.user, entry.pupil)
    versions = entry.history.select_related("history_user").order_by("-history_date")
    history = [h for h in versions if readable(h)]
    return render(
        request,
        "chronology/entry_detail.html",
        {
            "entry": entry,
            "pupil": entry.pupil,
            "tabs": pupil_tabs(request.user, entry.pupil, "chronology-list"),
            "history": history if entry.edited_at else [],
            "can_change": policy.can(request.user, "chronology.change", entry),
            "can_close_follow_up": entry.follow_up
            and not entry.follow_up_done_at
            and policy.can(request.user, "chronology.follow_up_done", entry),
        },
    )


@login_required
def entry_edit(request, entry_id: int):
    entry = selectors.get_entry(
        request.user,
        entry_id,
        "chronology.change",
        audit=Read.form(request, lambda e: f"Correct chronology entry #{e.pk}"),
    )
    pupil = entry.pupil
    categories = selectors.categories(pupil.school, active_only=False)
    conflict = None
    if request.method == "POST":
        form = CorrectionForm(request.POST, request.FILES, instance=entry, pupil=pupil, categories=categories)
        if form.is_valid():
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in ("staff_participants", "attachments", "version", "reason")
            }
            try:
                services.update_entry(
                    actor=request.user,
                    entry=entry,
                    data=data,
                    expected_version=form.cleaned_data["version"],
                    reason=form.cleaned_data["reason"],
                    staff_participants=form.cleaned_data["staff_participants"],
                    files=form.cleaned_data["attachments"],
                )
            except services.ConflictError as exc:
                conflict = exc.current
            except ValidationError as exc:
                copy_errors(form, exc)
            else:
                messages.success(request, "The correction was saved; the original is kept in the history.")
                return redirect("chronology-detail", entry_id=entry.pk)
    else:
        form = CorrectionForm(
            instance=entry, pupil=pupil, categories=categories, initial={"version": entry.version}
        )
    return render(
        request,
        "chronology/entry_form.html",
        {
            "form": form,
            "pupil": pupil,
            "entry": entry,
            "conflict": conflict,
            "tabs": pupil_tabs(request.user, pupil, "chronology-list"),
        },
    )


@login_required
@require_POST
def follow_up_done(request, entry_id: int):
    entry = selectors.get_entry(
        request.user, entry_id, "chronology.follow_up_done", audit=Read.for_write(request)
    )
    services.complete_follow_up(actor=request.user, entry=entry)
    messages.success(request, f"Follow-up for {entry.pupil.full_name} marked as done.")
    if request.POST.get("next") == "home":
        return redirect("home")
    return redirect("chronology-detail", entry_id=entry.pk)


@login_required
def attachment_download(request, entry_id: int, attachment_id: int):
    attachment = selectors.get_attachment(
        request.user,
        entry_id,
        attachment_id,
        audit=Read.as_(
            request, AccessLog.Action.DOWNLOAD, lambda a: f"Chronology attachment {a.original_name}"
        ),
    )
    return uploads.download(
        attachment.file,
        content_type=attachment.content_type,
        original_name=attachment.original_name,
        fallback=f"chronology-{attachment.pk}",
    )


@login_required
def entry_pdf(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "chronology.view_tab", audit=Read.download(request))
    filters = _filters(request)
    rows = list(
        selectors.entries(request.user, pupil, **filters).order_by("occurred_on", "occurred_time", "id")
    )
    span = " to ".join(str(d) for d in (filters["date_from"], filters["date_to"]) if d) or "all dates"
    return pdf_response(
        request,
        "chronology/chronology_pdf.html",
        {
            "pupil": pupil,
            "school": pupil.school,
            "entries": rows,
            "title": f"Chronology: {pupil.full_name}",
            "span": span,
            "confidentiality": "Confidential: contains only entries the reader may see",
        },
        filename=f"chronology-{pupil.upn}.pdf",
        pupil=pupil,
        what=f"Chronology PDF ({span}, {len(rows)} entries)",
    )

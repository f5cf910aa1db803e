"""Concern pages: raise, triage queue, detail, input, parents' views, decision, categories.
Thin: fetch through the access policy (404 otherwise), call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from sendco.audit.models import AccessLog
from sendco.audit.services import Read, log_list
from sendco.core import uploads
from sendco.core.access import policy
from sendco.core.form_helpers import copy_errors, int_or_none
from sendco.core.models import NC_YEAR_CHOICES
from sendco.core.navigation import pupil_tabs

from . import selectors, services
from .forms import (
    ConcernEditForm,
    ConcernForm,
    DecisionForm,
    InputRequestForm,
    ParentViewsForm,
    ResponseForm,
)
from .models import Concern, ConcernCategory
from .permissions import CONCERN_ROLES, TRIAGE_ROLES


def _on_form_fields(exc: ValidationError) -> ValidationError:
    """The service names the need types as one list; the form has primary and secondary fields."""
    errors = exc.message_dict
    if "need_types" in errors:
        errors.setdefault("primary_need", []).extend(errors.pop("need_types"))
    return ValidationError(errors)


@login_required
def concern_list(request):
    roles = policy.roles(request.user)
    if not roles.schools_with(CONCERN_ROLES):
        raise Http404
    triage = bool(roles.schools_with(TRIAGE_ROLES))
    default_status = "open" if triage else ""
    filters = {
        "status": request.GET.get("status", default_status),
        "category": int_or_none(request.GET.get("category")),
        "year": int_or_none(request.GET.get("year")),
        "q": request.GET.get("q", "").strip()[:100],
        "order": "newest" if request.GET.get("order") == "newest" else "oldest",
    }
    page = Paginator(selectors.queue(request.user, **filters), 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for concern in page:
        concern.age = selectors.age_days(concern, today)
    log_list(request, what="Concerns", count=len(page.object_list))
    schools = policy.schools(request.user, "concern.categories")
    return render(
        request,
        "concerns/concern_list.html",
        {
            "page": page,
            "filters": filters,
            "triage": triage,
            "counts": selectors.status_counts(request.user),
            "statuses": Concern.Status.choices,
            "categories": ConcernCategory.objects.filter(school__in=roles.schools_with(CONCERN_ROLES)),
            "years": NC_YEAR_CHOICES,
            "can_manage_categories": schools.exists(),
        },
    )


@login_required
def pupil_concerns(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "concern.tab", audit=Read.view(request, "Concerns"))
    return render(
        request,
        "concerns/pupil_concerns.html",
        {
            "pupil": pupil,
            "tabs": pupil_tabs(request.user, pupil, "concern-pupil-list"),
            "concerns": selectors.pupil_concerns(request.user, pupil),
            "can_raise": policy.can(request.user, "concern.raise", pupil),
        },
    )


@login_required
def concern_create(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "concern.raise", audit=Read.form(request, "Raise a concern"))
    form = ConcernForm(
        request.POST or None, request.FILES or None, categories=selectors.categories(pupil.school)
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("categories", "evidence")}
        try:
            concern = services.raise_concern(
                actor=request.user,
                pupil=pupil,
                data=data,
                categories=list(form.cleaned_data["categories"]),
                files=form.cleaned_data["evidence"],
            )
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, f"Your concern (#{concern.pk}) was sent to the SENCO.")
            return redirect("concern-detail", concern_id=concern.pk)
    return render(request, "concerns/concern_form.html", {"form": form, "pupil": pupil})


@login_required
def concern_detail(request, concern_id: int):
    concern = selectors.get_concern(
        request.user, concern_id, audit=Read.view(request, lambda c: f"Concern #{c.pk}")
    )
    can_triage = policy.can(request.user, "concern.triage", concern)
    my_request = concern.input_requests.filter(requested_from=request.user).first()
    return render(
        request,
        "concerns/concern_detail.html",
        {
            "concern": concern,
            "pupil": concern.pupil,
            "requests": concern.input_requests.select_related("requested_from", "requested_by"),
            "evidence": concern.evidence.all(),
            "can_triage": can_triage,
            "can_change": policy.can(request.user, "concern.change", concern),
            "my_request": my_request,
            "age": selectors.age_days(concern),
        },
    )


@login_required
def concern_edit(request, concern_id: int):
    concern = selectors.get_concern(
        request.user,
        concern_id,
        "concern.change",
        audit=Read.form(request, lambda c: f"Change concern #{c.pk}"),
    )
    categories = selectors.categories(concern.school, active_only=False)
    conflict = None
    if request.method == "POST":
        form = ConcernEditForm(request.POST, request.FILES, instance=concern, categories=categories)
        if form.is_valid():
            data = {
                k: v for k, v in form.cleaned_data.items() if k not in ("categories", "evidence", "version")
            }
            try:
                services.update_concern(
                    actor=request.user,
                    concern=concern,
                    data=data,
                    categories=list(form.cleaned_data["categories"]),
                    expected_version=form.cleaned_data["version"],
                    files=form.cleaned_data["evidence"],
                )
            except services.ConflictError as exc:
                conflict = exc.current
            except ValidationError as exc:
                copy_errors(form, exc)
            else:
                messages.success(request, "The concern was updated.")
                return redirect("concern-detail", concern_id=concern.pk)
    else:
        form = ConcernEditForm(instance=concern, categories=categories, initial={"version": concern.version})
    return render(
        request,
        "concerns/concern_form.html",
        {"form": form, "pupil": concern.pupil, "concern": concern, "conflict": conflict},
    )


def _triage_concern(request, concern_id: int) -> Concern:
    """A triage page's concern: its GET is the read; its POST a write, which history records."""
    return selectors.get_concern(
        request.user,
        concern_id,
        "concern.triage",
        audit=Read.form(request, lambda c: f"Triage concern #{c.pk}"),
    )


def _triage_page(request, concern, form, template, conflict=None):
    return render(
        request,
        template,
        {"form": form, "concern": concern, "pupil": concern.pupil, "conflict": conflict},
    )


@login_required
def request_input(request, concern_id: int):
    concern = _triage_concern(request, concern_id)
    form = InputRequestForm(request.POST or None, teachers=services.teachers_of(concern.pupil))
    if request.method == "POST" and form.is_valid():
        try:
            created = services.request_input(
                actor=request.user,
                concern=concern,
                users=list(form.cleaned_data["users"]),
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(
                request, f"Input requested from {len(created)} adult{'s' if len(created) != 1 else ''}."
            )
            return redirect("concern-detail", concern_id=concern.pk)
    return _triage_page(request, concern, form, "concerns/request_input.html")


@login_required
def respond(request, concern_id: int, request_id: int):
    input_request = selectors.get_input_request(
        request.user, concern_id, request_id, audit=Read.form(request, f"Input on concern #{concern_id}")
    )
    form = ResponseForm(request.POST or None, initial={"response": input_request.response})
    if request.method == "POST" and form.is_valid():
        try:
            services.respond(
                actor=request.user, request=input_request, response=form.cleaned_data["response"]
            )
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "Thank you: your input was sent to the SENCO.")
            return redirect("home")
    return render(
        request,
        "concerns/respond.html",
        {
            "form": form,
            "input_request": input_request,
            "concern": input_request.concern,
            "pupil": input_request.concern.pupil,
        },
    )


@login_required
def parents_views(request, concern_id: int):
    concern = _triage_concern(request, concern_id)
    form = ParentViewsForm(
        request.POST or None,
        initial={
            "version": concern.version,
            "parents_views": concern.parents_views,
            "parents_views_on": concern.parents_views_on or timezone.localdate(),
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.record_parents_views(
                actor=request.user,
                concern=concern,
                views=form.cleaned_data["parents_views"],
                on=form.cleaned_data["parents_views_on"],
                expected_version=form.cleaned_data["version"],
            )
        except services.ConflictError as exc:
            conflict = exc.current
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, "Parents' views recorded.")
            return redirect("concern-detail", concern_id=concern.pk)
    return _triage_page(request, concern, form, "concerns/parents_views.html", conflict)


@login_required
def decide(request, concern_id: int):
    concern = _triage_concern(request, concern_id)
    form = DecisionForm(
        request.POST or None, initial={"version": concern.version, "decision": concern.decision}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.decide(
                actor=request.user,
                concern=concern,
                decision=d["decision"],
                notes=d["notes"],
                review_date=d["review_date"],
                need_types=[n for n in (d["primary_need"], d["secondary_need"]) if n],
                start_date=d["start_date"],
                agency=d["agency"],
                agency_reason=d["agency_reason"],
                parents_told_on=d["parents_told_on"],
                expected_version=d["version"],
            )
        except services.ConflictError as exc:
            conflict = exc.current
        except ValidationError as exc:
            copy_errors(form, _on_form_fields(exc))
        else:
            messages.success(request, "Decision recorded.")
            return redirect("concern-detail", concern_id=concern.pk)
    return _triage_page(request, concern, form, "concerns/decide.html", conflict)


@login_required
def evidence_download(request, concern_id: int, evidence_id: int):
    item = selectors.get_evidence(
        request.user,
        concern_id,
        evidence_id,
        audit=Read.as_(
            request,
            AccessLog.Action.DOWNLOAD,
            lambda e: f"Concern #{e.concern_id} evidence {e.original_name}",
        ),
    )
    return uploads.download(
        item.file,
        content_type=item.content_type,
        original_name=item.original_name,
        fallback=f"evidence-{item.pk}",
    )

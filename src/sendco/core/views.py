"""Pages about schools and pupils. Thin: fetch through the access policy, call a service,
render. Anything the user may not see answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendco.accounts.roles import WHOLE_SCHOOL_ROLES, Role
from sendco.audit.models import AccessLog
from sendco.audit.services import Read, log_list, only_school
from sendco.core.form_helpers import copy_errors, int_or_none

from . import selectors, services
from .access import policy
from .concurrency import attempt_save
from .forms import PupilForm
from .home_panels import panels_for
from .models import NC_YEAR_CHOICES, Pupil
from .navigation import pupil_tabs


@login_required
def home(request):
    roles = policy.roles(request.user)
    context = {"roles": roles}
    aggregate_schools = policy.schools(request.user, "school.aggregates")
    if aggregate_schools:
        rows = selectors.school_counts(aggregate_schools)
        context.update(school_rows=rows, school_totals=selectors.totals(rows))
    if roles.has_any(
        WHOLE_SCHOOL_ROLES | {Role.TEACHER, Role.TA, Role.EXAMS_OFFICER, Role.PARENT, Role.PROFESSIONAL}
    ):
        mine = selectors.pupil_list(request.user, order="status")
        context["my_pupils"] = (
            list(mine.exclude(sen_status="N")[:20]) if roles.has_any(WHOLE_SCHOOL_ROLES) else list(mine[:100])
        )
        context["my_pupil_count"] = mine.count()
        log_list(request, what="Home page pupils", count=len(context["my_pupils"]))
    context["is_parent_only"] = roles.all == {Role.PARENT}
    context["panels"] = panels_for(request.user)
    return render(request, "core/home.html", context)


@login_required
def pupil_list(request):
    schools = policy.schools(request.user, "school.view")
    if not policy.pupils(request.user).exists() and not schools:
        raise Http404
    school_id = int_or_none(request.GET.get("school"))
    nc_year = int_or_none(request.GET.get("year"))
    sen_status = request.GET.get("status") if request.GET.get("status") in ("N", "K", "E") else None
    q = request.GET.get("q", "").strip()[:100]
    order = request.GET.get("order", "name")
    pupils = selectors.pupil_list(
        request.user, school_id=school_id, nc_year=nc_year, sen_status=sen_status, q=q, order=order
    )
    page = Paginator(pupils, 50).get_page(request.GET.get("page"))
    log_list(request, what="Pupil list", count=len(page.object_list), school=only_school(schools))
    return render(
        request,
        "core/pupil_list.html",
        {
            "page": page,
            "schools": schools,
            "years": NC_YEAR_CHOICES,
            "filters": {
                "school": school_id,
                "year": nc_year,
                "status": sen_status or "",
                "q": q,
                "order": order,
            },
            "statuses": Pupil.SenStatus.choices,
            "can_create": policy.schools(request.user, "school.create_pupil").exists(),
        },
    )


@login_required
def pupil_search(request):
    q = request.GET.get("q", "").strip()[:100]
    results = selectors.search_pupils(request.user, q)
    if q:
        log_list(request, what="Pupil search", count=len(results), action=AccessLog.Action.SEARCH)
    template = "core/_search_results.html" if request.htmx else "core/pupil_search.html"
    return render(request, template, {"results": results, "search_query": q})


@login_required
def pupil_detail(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, audit=Read.view(request, "Pupil page"))
    with_contacts = policy.can(request.user, "pupil.contacts", pupil)
    context = selectors.pupil_page(pupil, with_contacts=with_contacts)
    context.update(
        pupil=pupil,
        tabs=pupil_tabs(request.user, pupil, "pupil-detail"),
        with_contacts=with_contacts,
        own_contacts=[]
        if with_contacts
        else list(pupil.contact_links.filter(contact__user=request.user).select_related("contact")),
        can_change=policy.can(request.user, "pupil.change", pupil),
        can_delete=policy.can(request.user, "pupil.delete", pupil),
    )
    return render(request, "core/pupil_detail.html", context)


@login_required
def pupil_create(request):
    schools = policy.schools(request.user, "school.create_pupil")
    if not schools:
        raise Http404
    school = schools.filter(pk=int_or_none(request.POST.get("school") or request.GET.get("school"))).first()
    school = school or (schools.first() if schools.count() == 1 else None)
    form = PupilForm(request.POST or None, school=school)
    if request.method == "POST" and school is not None:
        try:
            pupil = services.create_pupil(actor=request.user, school=school, data=request.POST)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, f"{pupil.full_name} was added.")
            return redirect("pupil-detail", pk=pupil.pk)
    return render(
        request,
        "core/pupil_form.html",
        {"form": form, "schools": schools, "school": school, "creating": True},
    )


@login_required
def pupil_edit(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "pupil.change", audit=Read.form(request, "Edit details"))
    conflict = None
    if request.method == "POST":
        form = PupilForm(request.POST, instance=pupil)
        attempt = attempt_save(
            form,
            lambda: services.update_pupil(
                actor=request.user,
                pupil=pupil,
                data=request.POST,
                expected_version=int_or_none(request.POST.get("version")),
            ),
        )
        conflict = attempt.conflict
        if attempt.ok:
            pupil = attempt.result
            messages.success(request, "The pupil's details were saved.")
            return redirect("pupil-detail", pk=pupil.pk)
    else:
        form = PupilForm(instance=pupil, initial={"version": pupil.version})
    return render(request, "core/pupil_form.html", {"form": form, "pupil": pupil, "conflict": conflict})


@login_required
@require_POST
def pupil_delete(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "pupil.delete", audit=Read.for_write(request))
    try:
        services.soft_delete_pupil(actor=request.user, pupil=pupil, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("pupil-detail", pk=pk)
    messages.success(
        request, f"{pupil.full_name}'s record was removed. A SENCO can restore it from Removed records."
    )
    return redirect("pupil-list")


@login_required
def deleted_pupils(request):
    schools = policy.schools(request.user, "school.deleted_pupils")
    if not schools:
        raise Http404
    pupils = list(
        Pupil.objects.filter(school__in=schools, deleted_at__isnull=False)
        .select_related("school", "deleted_by")
        .order_by("-deleted_at")
    )
    log_list(request, what="Removed pupils", count=len(pupils), school=only_school(schools))
    return render(request, "core/deleted_pupils.html", {"pupils": pupils})


@login_required
@require_POST
def pupil_restore(request, pk: int):
    pupil = policy.get_deleted_pupil(request.user, pk, audit=Read.for_write(request))
    services.restore_pupil(actor=request.user, pupil=pupil)
    messages.success(request, f"{pupil.full_name}'s record was restored.")
    return redirect("pupil-detail", pk=pk)


@login_required
def pupil_photo(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, audit=Read.embedded(request))
    if not pupil.photo:
        raise Http404
    return FileResponse(pupil.photo.open("rb"), content_type="image/jpeg")

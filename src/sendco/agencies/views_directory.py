"""Directory pages: the list (the school's own entries and its trust's shared ones, or a trust
officer's shared entries), one entry with its traded time and visits, add and change an entry
(with its version), take it out of use or back, and the time a school buys from it. Thin:
fetch through the selectors (404 when unseen), call one service, render. Directory entries
hold no pupil data; the visits shown here count pupils, never name them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sendco.core.access import policy
from sendco.core.concurrency import attempt_save, keep_typed_on_current
from sendco.core.form_helpers import int_or_none

from . import selectors_directory as selectors
from . import services_directory as services
from .forms_directory import AgencyForm, PurchaseForm
from .models import Agency

Q_LIMIT = 100


def scope_of(request) -> selectors.Scope:
    """The school (or trust) the page is about, from ?school= or ?trust=; 404 when not the user's."""
    scope = selectors.directory_scope(
        request.user, int_or_none(request.GET.get("school")), int_or_none(request.GET.get("trust"))
    )
    if scope is None:
        raise Http404
    return scope


def version_errors_on_top(form) -> None:
    """The version is a hidden field: its error (a missing version) goes above the form."""
    problems = form.errors.pop("version", None) if form.errors else None
    if problems:
        for problem in problems:
            form.add_error(None, problem)


def may_add(user, scope: selectors.Scope) -> bool:
    if scope.school is not None:
        return policy.can(user, "agencies.school_manage", scope.school)
    return policy.can(user, "agencies.edit_directory", Agency(organisation=scope.organisation))


@login_required
def agency_list(request):
    scope = scope_of(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in Agency.Kind.values else ""
    q = (request.GET.get("q") or "")[:Q_LIMIT]
    can_add = may_add(request.user, scope)
    show_inactive = can_add and request.GET.get("inactive") == "1"
    entries = list(selectors.directory(scope, kind=kind, q=q, include_inactive=show_inactive))
    return render(
        request,
        "agencies/directory_list.html",
        {
            "scope": scope,
            "entries": entries,
            "kinds": Agency.Kind.choices,
            "filters": {"kind": kind, "q": q, "inactive": show_inactive},
            "can_add": can_add,
            "can_calendar": scope.school is not None
            and policy.can(request.user, "agencies.school_referrals", scope.school),
            "schools": policy.schools(request.user, "agencies.school_directory"),
        },
    )


@login_required
def agency_detail(request, agency_id: int):
    agency = selectors.get_agency(request.user, agency_id)
    readers = selectors.schools_reaching(request.user, agency, "agencies.school_referrals")
    managed = selectors.schools_reaching(request.user, agency, "agencies.school_manage")
    visits = (
        agency.visits.filter(school__in=readers)
        .select_related("school")
        .prefetch_related("visit_pupils")
        .order_by("-starts_at", "-pk")[:30]
    )
    return render(
        request,
        "agencies/directory_detail.html",
        {
            "agency": agency,
            "purchases": selectors.purchases(readers, agency),
            "visits": visits,
            "can_edit": policy.can(request.user, "agencies.edit_directory", agency),
            "can_buy": agency.traded and managed.exists(),
            "can_book": managed.exists() and agency.active,
            "managed_ids": set(managed.values_list("pk", flat=True)),
            "current_year": selectors.current_year(),
        },
    )


def _agency_page(request, form, *, agency=None, scope=None, conflict=None):
    return render(
        request,
        "agencies/directory_form.html",
        {"form": form, "agency": agency, "scope": scope, "conflict": conflict},
    )


@login_required
def agency_create(request):
    scope = scope_of(request)
    if not may_add(request.user, scope):
        raise Http404
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in services.AGENCY_FIELDS}
        attempt = attempt_save(
            form,
            lambda: services.save_agency(
                actor=request.user, data=data, school=scope.school, organisation=scope.organisation
            ),
        )
        if attempt.ok:
            messages.success(request, f"{attempt.result.name} was added to the directory.")
            return redirect("agency-detail", agency_id=attempt.result.pk)
    return _agency_page(request, form, scope=scope)


@login_required
def agency_edit(request, agency_id: int):
    agency = selectors.get_agency(request.user, agency_id, "agencies.edit_directory")
    initial = {f: getattr(agency, f) for f in services.AGENCY_FIELDS} | {"version": agency.version}
    form = AgencyForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in services.AGENCY_FIELDS}
        attempt = attempt_save(
            form,
            lambda: services.save_agency(
                actor=request.user,
                agency=agency,
                data=data,
                expected_version=form.cleaned_data.get("version"),
            ),
        )
        if attempt.ok:
            messages.success(request, "The directory entry was saved.")
            return redirect("agency-detail", agency_id=agency.pk)
        conflict = attempt.conflict
        if conflict is not None:
            keep_typed_on_current(form, conflict)
        version_errors_on_top(form)
    return _agency_page(request, form, agency=agency, conflict=conflict)


@require_POST
@login_required
def agency_active(request, agency_id: int):
    """Take the entry out of use (its referrals and visits keep it) or put it back: entries are
    never deleted."""
    agency = selectors.get_agency(request.user, agency_id, "agencies.edit_directory")
    active = request.POST.get("active") == "1"
    try:
        services.set_active(actor=request.user, agency=agency, active=active)
    except PermissionDenied:
        raise Http404 from None
    if active:
        messages.success(request, f"{agency.name} is back in the directory.")
    else:
        messages.success(request, f"{agency.name} is no longer in use. Its referrals and visits are kept.")
    return redirect("agency-detail", agency_id=agency.pk)


def _years() -> list[int]:
    year = selectors.current_year()
    return [year - 1, year, year + 1]


def _purchase_page(request, form, agency, school, purchase=None, conflict=None):
    return render(
        request,
        "agencies/purchase_form.html",
        {"form": form, "agency": agency, "school": school, "purchase": purchase, "conflict": conflict},
    )


@login_required
def purchase_create(request, agency_id: int):
    agency = selectors.get_agency(request.user, agency_id)
    schools = selectors.schools_reaching(request.user, agency, "agencies.school_manage")
    wanted = int_or_none(request.GET.get("school"))
    school = (schools.filter(pk=wanted) if wanted is not None else schools).first()
    if school is None:
        raise Http404
    form = PurchaseForm(
        request.POST or None, years=_years(), initial={"year_start": selectors.current_year()}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in services.PURCHASE_FIELDS}
        attempt = attempt_save(
            form,
            lambda: services.save_purchase(actor=request.user, data=data, school=school, agency=agency),
        )
        if attempt.ok:
            messages.success(request, "The traded time was recorded.")
            return redirect("agency-detail", agency_id=agency.pk)
    return _purchase_page(request, form, agency, school)


@login_required
def purchase_edit(request, purchase_id: int):
    purchase = selectors.get_purchase(request.user, purchase_id)
    years = sorted(set(_years()) | {purchase.year_start})
    initial = {f: getattr(purchase, f) for f in services.PURCHASE_FIELDS} | {"version": purchase.version}
    form = PurchaseForm(request.POST or None, years=years, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in services.PURCHASE_FIELDS}
        attempt = attempt_save(
            form,
            lambda: services.save_purchase(
                actor=request.user,
                purchase=purchase,
                data=data,
                expected_version=form.cleaned_data.get("version"),
            ),
        )
        if attempt.ok:
            messages.success(request, "The traded time was saved.")
            return redirect("agency-detail", agency_id=purchase.agency_id)
        conflict = attempt.conflict
        if conflict is not None:
            keep_typed_on_current(form, conflict)
        version_errors_on_top(form)
    return _purchase_page(request, form, purchase.agency, purchase.school, purchase, conflict)


def list_url(scope: selectors.Scope) -> str:
    return f"{reverse('agency-list')}?{scope.query}"

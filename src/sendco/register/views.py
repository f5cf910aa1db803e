"""The register pages: the register, a pupil's SEN history, the census return and the MIS
import. Thin: parse input, call a selector or a service, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendco.audit.models import AccessLog
from sendco.audit.services import Read, log_access
from sendco.core import antivirus
from sendco.core.access import policy
from sendco.core.documents import table_export
from sendco.core.form_helpers import int_or_none
from sendco.core.input_bounds import query_date, query_year
from sendco.core.models import NC_YEAR_CHOICES
from sendco.core.navigation import pupil_tabs
from sendco.domain import census as census_rules
from sendco.domain import sen_codes

from . import pending, selectors, services
from .forms import ImportForm, NeedsForm, RegisterFilterForm, StatusForm, census_choices
from .importing import MAX_BYTES, FileRejected, ImportPlan, plan_import, read_table
from .models import RegisterImport

PAGE_SIZE = 50


def _pupil_url_pattern() -> str:
    return reverse("register-pupil", args=[0]).replace("/0/", "/{pk}/")


def _date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


EXPORT_HEADERS = [
    "UPN",
    "Surname",
    "Forename",
    "Year",
    "Reg group",
    "SEN provision",
    "Primary need",
    "Secondary need",
    "Broad area",
    "Date added",
    "Pupil premium",
    "Looked after",
    "EAL",
    "FSM",
    "Sex",
]


def _export_rows(view):
    for pupil in view.rows:
        r = selectors.register_row(pupil, view.columns)
        yield [
            pupil.upn,
            pupil.legal_surname,
            pupil.forename,
            pupil.nc_year_label,
            pupil.reg_group,
            pupil.sen_status,
            pupil.primary_need or "",
            pupil.secondary_need or "",
            r["area"],
            pupil.added_on.isoformat() if pupil.added_on else "",
            *("Y" if v else "N" for v in (pupil.pupil_premium, pupil.looked_after, pupil.eal, pupil.fsm)),
            pupil.sex,
            *r["extra"],
        ]


@login_required
def register(request):
    schools = selectors.register_schools(request.user)
    if not schools:
        raise Http404
    f = RegisterFilterForm(request.GET).filters()
    view = selectors.register_view(request.user, f)
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        return table_export(
            request,
            headers=EXPORT_HEADERS + [c.label for c in view.columns],
            rows=_export_rows(view),
            fmt=fmt,
            filename=f"sen-register-{timezone.localdate():%Y-%m-%d}",
            school=schools.first() if len(schools) == 1 else None,
            what="SEN register",
            sheet_title="SEN register",
        )
    log_access(user=request.user, action=AccessLog.Action.LIST, request=request, what="SEN register")
    page = Paginator(view.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    url = _pupil_url_pattern()
    context = {
        "view": view,
        "page": page,
        "rows": [selectors.register_row(p, view.columns, url) for p in page.object_list],
        "filters": f.as_query(),
        "f": f,
        "schools": schools,
        "years": NC_YEAR_CHOICES,
        "needs": list(sen_codes.NEED_TYPES.values()),
        "areas": [a for a in sen_codes.BROAD_AREAS.values()],
        "query": request.GET.urlencode(),
        "can_import": policy.schools(request.user, "register.import").exists(),
    }
    template = "register/_results.html" if request.htmx else "register/register.html"
    return render(request, template, context)


# --------------------------------------------------------------------------- a pupil's SEN record


def _sen_page(request, pupil, *, status_form=None, needs_form=None, conflict=False, status=200):
    history = selectors.pupil_sen_history(pupil)
    can_change = policy.can(request.user, "register.change", pupil)
    version = selectors.register_version(pupil.pk)
    if can_change:
        status_form = status_form or StatusForm(initial={"version": version})
        needs_form = needs_form or NeedsForm(
            initial={"version": version, **NeedsForm.initial_for(history["current_needs"])}
        )
    return render(
        request,
        "register/pupil_sen.html",
        {
            "pupil": pupil,
            "tabs": pupil_tabs(request.user, pupil, "register-pupil"),
            "can_change": can_change,
            "status_form": status_form,
            "needs_form": needs_form,
            "conflict": conflict,
            **history,
        },
        status=status,
    )


@login_required
def pupil_sen(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "register.history", audit=Read.view(request, "SEN history"))
    return _sen_page(request, pupil)


def _copy_errors(form, exc: ValidationError) -> None:
    aliases = {"start": "start_date", "needs": None, "code": "code", "reason": "reason", "on": "on"}
    for field, errors in exc.message_dict.items():
        target = aliases.get(field, field)
        for error in errors:
            form.add_error(target if target in form.fields else None, error)


@login_required
@require_POST
def pupil_sen_status(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "register.change", audit=Read.for_write(request))
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(
                actor=request.user,
                pupil=pupil,
                code=form.cleaned_data["code"],
                start_date=form.cleaned_data["start_date"],
                reason=form.cleaned_data["reason"],
                needs=form.needs(),
                expected_version=form.cleaned_data["version"] or None,
            )
        except services.RegisterConflict:
            return _sen_page(request, pupil, status_form=form, conflict=True, status=409)
        except ValidationError as exc:
            _copy_errors(form, exc)
        else:
            messages.success(
                request,
                f"{pupil.full_name} is now on {sen_codes.provision_label(form.cleaned_data['code'])}.",
            )
            return redirect("register-pupil", pk=pk)
    return _sen_page(request, pupil, status_form=form, status=422)


@login_required
@require_POST
def pupil_sen_needs(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "register.change", audit=Read.for_write(request))
    form = NeedsForm(request.POST)
    if form.is_valid():
        try:
            services.set_needs(
                actor=request.user,
                pupil=pupil,
                needs=form.needs(),
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"] or None,
            )
        except services.RegisterConflict:
            return _sen_page(request, pupil, needs_form=form, conflict=True, status=409)
        except ValidationError as exc:
            _copy_errors(form, exc)
        else:
            messages.success(request, "The needs were saved.")
            return redirect("register-pupil", pk=pk)
    return _sen_page(request, pupil, needs_form=form, status=422)


# --------------------------------------------------------------------------- census


@login_required
def census(request):
    schools = policy.schools(request.user, "register.census")
    if not schools:
        raise Http404
    school = schools.filter(pk=int_or_none(request.GET.get("school"))).first() or schools.first()
    today = timezone.localdate()
    choices = census_choices(today)
    day = query_date(request.GET, "date")
    year, term = query_year(request.GET), request.GET.get("term")
    if year and term in census_rules.TERMS and 1990 <= year <= today.year + 1:
        day = census_rules.census_day(term, year)
    if day is None:
        day = census_rules.previous_census(today + dt.timedelta(days=1)).day
    result = selectors.census_return(school, day)
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx"):
        return table_export(
            request,
            headers=[
                "UPN",
                "Surname",
                "Forename",
                "Year",
                "SEN provision",
                "Primary need",
                "Secondary need",
                "Further needs (CTF)",
                "Problems",
            ],
            rows=(
                [
                    p.pupil.upn,
                    p.pupil.legal_surname,
                    p.pupil.legal_forename,
                    p.pupil.nc_year_label,
                    p.record.provision,
                    p.record.primary_need or "",
                    p.record.secondary_need or "",
                    " ".join(p.record.further_needs),
                    " ".join(x.message for x in p.problems),
                ]
                for p in result.pupils
                if p.record.provision != "N" or p.problems
            ),
            fmt=fmt,
            filename=f"census-sen-{day:%Y-%m-%d}",
            school=school,
            what=f"Census SEN return {day}",
            sheet_title="Census SEN",
        )
    log_access(
        user=request.user,
        action=AccessLog.Action.LIST,
        request=request,
        school=school,
        what=f"Census SEN return {day}",
    )
    return render(
        request,
        "register/census.html",
        {
            "result": result,
            "school": school,
            "schools": schools,
            "choices": choices,
            "day": day,
            "terms": census_rules.TERMS,
            "is_census_day": bool(census_rules.censuses_between(day, day)),
        },
    )


# --------------------------------------------------------------------------- import


def _import_school(request):
    schools = policy.schools(request.user, "register.import")
    if not schools:
        raise Http404
    return schools, schools.filter(
        pk=int_or_none(request.POST.get("school") or request.GET.get("school"))
    ).first() or schools.first()


@login_required
def import_upload(request):
    schools, school = _import_school(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    plan: ImportPlan | None = None
    file_problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # Refuse a big file from its declared size, before reading or parsing any of it.
        if upload.size > MAX_BYTES:
            file_problems = [
                f"The file is {upload.size / 1024 / 1024:.0f} MB; "
                f"the limit is {MAX_BYTES // (1024 * 1024)} MB."
            ]
        else:
            data = upload.read()
            try:
                antivirus.scan(data)
                plan = plan_import(
                    school=school,
                    table=read_table(data, upload.name),
                    filename=upload.name,
                    full=form.cleaned_data["full"],
                    today=timezone.localdate(),
                )
            except FileRejected as exc:
                file_problems = exc.problems
            except antivirus.ScanRefused as exc:
                file_problems = [str(exc)]
            else:
                if plan.ok:
                    pending.keep(
                        request,
                        data=data,
                        filename=upload.name,
                        school_id=school.pk,
                        full=form.cleaned_data["full"],
                    )
        if file_problems:
            form.add_error("file", " ".join(file_problems))
    return render(
        request,
        "register/import.html",
        {
            "form": form,
            "schools": schools,
            "school": school,
            "plan": plan,
            "file_problems": file_problems,
            "recent": RegisterImport.objects.filter(school__in=schools).select_related("user")[:10],
        },
        status=422 if (file_problems or (plan and not plan.ok)) else 200,
    )


@login_required
@require_POST
def import_commit(request):
    schools, _ = _import_school(request)
    kept = pending.load(request)
    school = schools.filter(pk=kept[0]["school"]).first() if kept else None
    if kept is None or school is None:
        messages.error(request, "The uploaded file has expired or was already imported. Upload it again.")
        return redirect("register-import")
    meta, data = kept
    try:
        plan, record = services.import_pupils(
            actor=request.user, school=school, data=data, filename=meta["filename"], full=meta["full"]
        )
    except (services.ImportRefused, FileRejected, ValidationError):
        messages.error(
            request,
            "The records changed since the preview and the file no longer imports cleanly. "
            "Nothing was imported; upload it again.",
        )
        pending.discard(request)
        return redirect("register-import")
    pending.discard(request)
    messages.success(
        request,
        f"Imported {record.filename}: {record.new} new, {record.changed} changed, "
        f"{record.unchanged} unchanged, {record.leavers} leaver(s).",
    )
    return redirect("register-import")

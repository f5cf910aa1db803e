"""The session register and entry/exit scores: the pages staff who run a group use."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sendco.core.access import policy
from sendco.core.form_helpers import copy_errors, int_or_none

from .. import forms, services
from ..models import GroupMember
from .common import group_for, parse_date, safe_next

# --- the register -------------------------------------------------------------------------------


@login_required
def register(request, pk: int):
    group = group_for(request, pk, "provision.register")
    day = parse_date(request.POST.get("date") or request.GET.get("date"), timezone.localdate())
    members = list(
        GroupMember.objects.filter(group=group, joined__lte=day)
        .exclude(left__lt=day)
        .select_related("pupil")
        .order_by("pupil__legal_surname", "pupil__legal_forename")
    )
    errors, values = {}, {}
    if request.method == "POST":
        held = request.POST.get("held") != "no"
        present = [p for p in request.POST.getlist("present") if p.isdigit()]
        notes = {k[5:]: v for k, v in request.POST.items() if k.startswith("note-") and k[5:].isdigit()}
        try:
            services.record_session(
                actor=request.user,
                group=group,
                day=day,
                held=held,
                cancel_reason=request.POST.get("cancel_reason", ""),
                note=request.POST.get("note", ""),
                present=present,
                notes=notes,
            )
        except ValidationError as exc:
            errors = exc.message_dict
            values = {
                **request.POST.dict(),
                "held": held,
                "present": {int(p) for p in present},
                "notes": notes,
            }
        else:
            messages.success(request, f"Register saved for {group.name} on {day:%A %-d %B}.")
            return redirect(
                safe_next(request, request.POST.get("next")) or reverse("provision-group", args=[group.pk])
            )
    rows = [
        {
            "member": m,
            "present": m.pupil_id in values["present"] if values else True,
            "note": values.get("notes", {}).get(str(m.pupil_id), "") if values else "",
        }
        for m in members
    ]
    return render(
        request,
        "provision/register.html",
        {
            "group": group,
            "day": day,
            "rows": rows,
            "errors": errors,
            "values": values,
            "held": values.get("held", True) if values else True,
            "next": safe_next(request, request.GET.get("next") or request.POST.get("next")),
        },
    )


# --- measures -------------------------------------------------------------------------------


@login_required
def measures(request, pk: int):
    group = group_for(request, pk, "provision.register")
    members = group.members.select_related("pupil").order_by("pupil__legal_surname")
    return render(request, "provision/measures.html", {"group": group, "members": members})


@login_required
def place_measures(request, pk: int):
    member = (
        GroupMember.objects.select_related("group__provision", "group__school", "pupil").filter(pk=pk).first()
    )
    if member is None or not policy.can(request.user, "provision.register", member.group):
        raise Http404
    conflict = None
    if request.method == "POST":
        form = forms.MeasureForm(request.POST, instance=member)
        try:
            services.record_measures(
                actor=request.user,
                member=member,
                data=request.POST,
                expected_version=int_or_none(request.POST.get("version")),
            )
        except services.ConflictError as exc:
            conflict = exc.current
            form.is_valid()
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, f"Scores saved for {member.pupil.full_name}.")
            return redirect("provision-measures", pk=member.group_id)
    else:
        form = forms.MeasureForm(instance=member)
    return render(
        request,
        "provision/place_measures.html",
        {"form": form, "member": member, "group": member.group, "conflict": conflict},
    )

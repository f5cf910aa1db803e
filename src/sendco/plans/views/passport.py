"""A pupil's passport: the page, editing it, its photo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save
from sendco.core.form_helpers import int_or_none

from .. import selectors, services
from ..forms import PassportForm
from .common import _conflict_rows, _pupil_context

# --- passport ---------------------------------------------------------------------------------


@login_required
def passport(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "plans.view", audit=Read.view(request, "Pupil passport"))
    return render(
        request,
        "plans/passport.html",
        _pupil_context(request, pupil, "plans-passport")
        | {
            "passport": selectors.passport_of(pupil),
            "audience": selectors.audience_for(request.user, pupil),
            "can_change": policy.can(request.user, "plans.passport_change", pupil),
        },
    )


@login_required
def passport_edit(request, pk: int):
    pupil = policy.get_pupil(
        request.user, pk, "plans.passport_change", audit=Read.form(request, "Edit pupil passport")
    )
    current = selectors.passport_of(pupil)
    conflict = None
    if request.method == "POST":
        form = PassportForm(request.POST, request.FILES, instance=current, school=pupil.school)
        attempt = attempt_save(
            form,
            lambda: services.save_passport(
                actor=request.user,
                pupil=pupil,
                data=request.POST,
                files=request.FILES,
                expected_version=int_or_none(request.POST.get("version")),
            ),
        )
        conflict = attempt.conflict
        if attempt.ok:
            messages.success(request, "The passport was saved.")
            return redirect("plans-passport", pk=pupil.pk)
    else:
        form = PassportForm(
            instance=current, school=pupil.school, initial={"version": current.version if current else 0}
        )
    return render(
        request,
        "plans/passport_form.html",
        {
            "pupil": pupil,
            "form": form,
            "conflict": conflict,
            "conflict_rows": _conflict_rows(form, conflict) if conflict else None,
        },
    )


@login_required
def passport_photo(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "plans.view", audit=Read.embedded(request))
    passport = selectors.passport_of(pupil)
    if passport is None or not passport.photo:
        raise Http404
    return FileResponse(passport.photo.open("rb"), content_type="image/jpeg")

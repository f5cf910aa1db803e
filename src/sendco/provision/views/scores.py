"""Entry/exit scores and the measures a group tracks: the scores page (a row per pupil, a pair
of columns per measure), one pupil's scores on every measure, and adding, changing or removing
a group's measures (the SENCO team)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from sendco.audit.services import Read, log_list
from sendco.core.concurrency import attempt_save
from sendco.core.form_helpers import int_or_none

from .. import forms, selectors, services
from ..lookups import group_for, measure_for, place_for
from ..models import Measure, Score

# --- scores ---------------------------------------------------------------------------------------


@login_required
def measures(request, pk: int):
    group = group_for(request.user, pk, "provision.register")
    scores = selectors.group_scores(group)
    log_list(
        request,
        what=f"Scores of provision group {group.name}",
        count=len(scores["rows"]),
        school=group.school,
    )
    return render(request, "provision/measures.html", {"group": group, **scores})


def _scores_of(member) -> dict[int, Score]:
    return {s.measure_id: s for s in Score.objects.filter(place=member)}


def _show_errors(exc: ValidationError, forms_on_page: list) -> None:
    """The service validated with the same forms, so validating these shows the same errors;
    anything else goes at the top of the page."""
    known = set()
    for form in forms_on_page:
        form.is_valid()
        known |= {form.add_prefix(k) for k in form.errors}
    for key, errors in exc.message_dict.items():
        if key not in known:
            for error in errors:
                forms_on_page[0].add_error(None, error)


@login_required
def place_measures(request, pk: int):
    member = place_for(
        request.user, pk, audit=Read.form(request, lambda m: f"Scores in provision group {m.group.name}")
    )
    measures = list(Measure.objects.filter(group_id=member.group_id))
    saved = _scores_of(member)
    data = request.POST if request.method == "POST" else None
    place_form = forms.PlaceForm(data, instance=member)
    parts = services.score_forms(member, measures, dict(saved), data)
    conflict = None
    if data is not None:
        try:
            services.record_scores(
                actor=request.user,
                member=member,
                data=data,
                expected_version=int_or_none(data.get("version")),
            )
        except services.ConflictError as exc:
            conflict, saved = exc.current, _scores_of(member)  # the versions to save over are the new ones
            for form in (place_form, *parts):
                form.is_valid()
        except ValidationError as exc:
            _show_errors(exc, [place_form, *parts])
        else:
            messages.success(request, f"Scores saved for {member.pupil.full_name}.")
            return redirect("provision-measures", pk=member.group_id)
    rows = [
        {
            "measure": m,
            "form": form,
            "saved": saved.get(m.pk),
            "version": getattr(saved.get(m.pk), "version", 0),
        }
        for m, form in zip(measures, parts, strict=True)
    ]
    return render(
        request,
        "provision/place_measures.html",
        {
            "member": member,
            "group": member.group,
            "place_form": place_form,
            "rows": rows,
            "has_errors": any(f.errors for f in (place_form, *parts)),
            "conflict": conflict,
            "version": (conflict or member).version,
        },
    )


# --- a group's measures -----------------------------------------------------------------------------


def _measure_form(request, group, measure, save):
    form = forms.MeasureForm(request.POST or None, instance=measure)
    conflict = None
    if request.method == "POST":
        attempt = attempt_save(form, save)
        conflict = attempt.conflict
        if attempt.ok:
            messages.success(request, f"The measure “{attempt.result.label}” was saved.")
            return redirect("provision-group", pk=group.pk)
    version = (conflict or measure).version if measure else None
    return render(
        request,
        "provision/measure_form.html",
        {"form": form, "group": group, "measure": measure, "conflict": conflict, "version": version},
    )


@login_required
def measure_add(request, pk: int):
    group = group_for(request.user, pk, "provision.manage")
    return _measure_form(
        request, group, None, lambda: services.add_measure(actor=request.user, group=group, data=request.POST)
    )


@login_required
def measure_edit(request, pk: int):
    measure = measure_for(request.user, pk)
    return _measure_form(
        request,
        measure.group,
        measure,
        lambda: services.change_measure(
            actor=request.user,
            measure=measure,
            data=request.POST,
            expected_version=int_or_none(request.POST.get("version")),
        ),
    )


@login_required
def measure_delete(request, pk: int):
    """A confirmation step; a measure with scores needs the box ticked as well."""
    measure = measure_for(request.user, pk)
    errors = []
    if request.method == "POST":
        try:
            services.remove_measure(
                actor=request.user, measure=measure, confirmed=request.POST.get("confirm") == "yes"
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, f"The measure “{measure.label}” was removed.")
            return redirect("provision-group", pk=measure.group_id)
    return render(
        request,
        "provision/measure_delete.html",
        {
            "measure": measure,
            "group": measure.group,
            "scored": services.scored_places(measure),
            "only_one": not Measure.objects.filter(group_id=measure.group_id).exclude(pk=measure.pk).exists(),
            "errors": errors,
        },
    )

"""Helpers shared by the statutory pages: the pupil page context, the form page. Records (pupils,
plans, reviews) are fetched, checked and their reads logged by ..lookups (`audit=Read...`)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from sendco.core.access import policy
from sendco.core.concurrency import attempt_save
from sendco.core.navigation import pupil_tabs


def _base(request, pupil, **extra) -> dict:
    return {
        "pupil": pupil,
        "tabs": pupil_tabs(request.user, pupil, "statutory-pupil"),
        "can_change": policy.can(request.user, "statutory.change", pupil),
        **extra,
    }


def _form_page(
    request, pupil, *, form, title: str, save, back, conflict=None, intro: str = "", rows=(), deletable=False
):
    """GET shows the form; POST calls `save()` (a service) and redirects to `back`, or shows
    the field errors (nothing saved) or the conflict screen."""
    if request.method == "POST":
        attempt = attempt_save(form, save)
        conflict = attempt.conflict or conflict
        if attempt.ok:
            messages.success(request, f"{title}: saved.")
            return redirect(back if isinstance(back, str) else back(attempt.result))
    back_url = back if isinstance(back, str) else reverse("statutory-pupil", args=[pupil.pk])
    return render(
        request,
        "statutory/form.html",
        _base(
            request,
            pupil,
            form=form,
            title=title,
            back=back_url,
            conflict=conflict,
            intro=intro,
            rows=rows,
            deletable=deletable,
        ),
    )

"""A pupil's professionals' access: the "Access" tab (every grant, live first), and one page
each to grant, extend and revoke. Thin: fetch through the access policy (404 otherwise), call
one service (services_access: the rules, the consent, the maximum), render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save, keep_typed_on_current
from sendco.core.navigation import pupil_tabs

from . import selectors_access as selectors
from . import services_access as services
from .consents import current_consents
from .forms_access import ExtendForm, GrantForm, RevokeForm
from .models import Consent

TAB = "access-pupil-list"


def consent_url(pupil) -> str:
    # The referrals part's consent page, with professional access already chosen.
    return reverse("consent-create", kwargs={"pk": pupil.pk}) + "?purpose=professional_access"


def needed(form, *names):
    """Show these fields as needed (no "(optional)" in the label). The fields stay optional
    to the form so the service says what is missing, in the same words as the API; this runs
    after validation, just before rendering."""
    for name in names:
        form.fields[name].required = True
    return form


@login_required
def pupil_access(request, pk: int):
    pupil = policy.get_pupil(
        request.user, pk, "agencies.view_grants", audit=Read.view(request, "Professionals' access")
    )
    return render(
        request,
        "agencies/access_pupil.html",
        {
            "pupil": pupil,
            "tabs": pupil_tabs(request.user, pupil, TAB),
            "rows": selectors.pupil_grants(pupil),
            "can_grant": policy.can(request.user, "agencies.grant", pupil),
            "has_consent": current_consents(pupil, Consent.Purpose.PROFESSIONAL_ACCESS).exists(),
            "consent_url": consent_url(pupil),
        },
    )


def _grant_form(pupil, data=None):
    return GrantForm(
        data,
        professionals=selectors.professionals_for(pupil),
        consents=current_consents(pupil, Consent.Purpose.PROFESSIONAL_ACCESS).select_related("agency"),
    )


@login_required
def grant(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "agencies.grant", audit=Read.form(request, "Grant access"))
    form = _grant_form(pupil, request.POST or None)
    if request.method == "POST":
        # The fields' own checks first (a date that is not a date); the service decides the rest.
        data = form.cleaned_data if form.is_valid() else None
        attempt = data is not None and attempt_save(
            form,
            lambda: services.grant_access(
                actor=request.user,
                pupil=pupil,
                professional=data.get("professional"),
                starts_on=data.get("starts_on"),
                expires_on=data.get("expires_on"),
                reason=data.get("reason", ""),
                can_read_plans=data.get("can_read_plans", False),
                can_read_assessments=data.get("can_read_assessments", False),
                can_upload_reports=data.get("can_upload_reports", False),
                consent=data.get("consent"),
            ),
        )
        if attempt and attempt.ok:
            g = attempt.result
            messages.success(request, f"{g.user} can see {pupil.full_name} until {g.expires_on:%-d %B %Y}.")
            return redirect(TAB, pk=pupil.pk)
    context = {
        "pupil": pupil,
        "form": needed(form, "professional", "consent", "reason", "expires_on"),
        "has_consent": form.fields["consent"].queryset.exists(),
        "consent_url": consent_url(pupil),
        "max_days": settings.SENDCO_GRANT_MAX_DAYS,
    }
    return render(request, "agencies/access_grant.html", context)


def _grant_for(request, pk: int, grant_id: int, what: str):
    pupil = policy.get_pupil(request.user, pk, "agencies.grant", audit=Read.form(request, what))
    return pupil, selectors.get_grant(request.user, pupil, grant_id)


def _change_page(request, pupil, grant, form, template: str, save, done: str, *, needs: str):
    conflict = None
    if request.method == "POST":
        attempt = attempt_save(form, save)
        if attempt.ok:
            messages.success(request, done)
            return redirect(TAB, pk=pupil.pk)
        conflict = attempt.conflict
        if conflict is not None:
            keep_typed_on_current(form, conflict)
            grant = conflict
    context = {"pupil": pupil, "grant": grant, "form": needed(form, needs), "conflict": conflict}
    return render(request, template, context)


def _version(form):
    return form.cleaned_data.get("version") if form.is_valid() else None


@login_required
def extend(request, pk: int, grant_id: int):
    pupil, grant = _grant_for(request, pk, grant_id, "Extend access")
    form = ExtendForm(request.POST or None, initial={"version": grant.version})
    return _change_page(
        request,
        pupil,
        grant,
        form,
        "agencies/access_extend.html",
        lambda: services.extend_access(
            actor=request.user,
            grant=grant,
            expires_on=form.cleaned_data.get("expires_on") if form.is_valid() else None,
            version=_version(form),
        ),
        f"{grant.user}'s access was extended.",
        needs="expires_on",
    )


@login_required
def revoke(request, pk: int, grant_id: int):
    pupil, grant = _grant_for(request, pk, grant_id, "Revoke access")
    form = RevokeForm(request.POST or None, initial={"version": grant.version})
    return _change_page(
        request,
        pupil,
        grant,
        form,
        "agencies/access_revoke.html",
        lambda: services.revoke_access(
            actor=request.user, grant=grant, reason=form["reason"].value() or "", version=_version(form)
        ),
        f"{grant.user}'s access was revoked: they can no longer see {pupil.full_name}.",
        needs="reason",
    )

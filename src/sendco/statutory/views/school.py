"""School-wide pages: the deadlines dashboards, the rules, LA settings and the calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from sendco.audit.models import AccessLog
from sendco.audit.services import log_access
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save
from sendco.core.documents import table_export
from sendco.core.form_helpers import int_or_none
from sendco.domain import ehc_record as er
from sendco.domain.deadlines import RULES

from .. import forms, selectors, services
from ..models import CalendarToken, LaSetting

# --- dashboards ---------------------------------------------------------------------------------------


@login_required
def dashboard(request):
    if not policy.schools(request.user, "school.statutory_dashboard").exists():
        if policy.schools(request.user, "school.aggregates").exists():
            return redirect("statutory-trust")
        raise Http404
    data = selectors.school_dashboard(
        request.user,
        school_ids=[int_or_none(request.GET.get("school"))] if request.GET.get("school") else None,
    )
    log_access(
        user=request.user, action=AccessLog.Action.LIST, request=request, what="EHC deadlines dashboard"
    )
    return render(request, "statutory/dashboard.html", {**data, "bucket_labels": selectors.BUCKETS})


@login_required
def dashboard_export(request):
    if not policy.schools(request.user, "school.statutory_dashboard").exists():
        raise Http404
    data = selectors.school_dashboard(request.user)
    school_names = dict(data["schools"].values_list("pk", "name"))
    rows = [
        [
            school_names[r.school_id],
            r.pupil_name,
            r.kind_label,
            r.title,
            r.tracked.la,
            r.deadline.due,
            r.due_text,
            r.status_label,
            r.deadline.days_remaining(data["today"]),
            r.rule.citation,
            r.reason,
        ]
        for r in data["rows"]
    ]
    return table_export(
        request,
        headers=[
            "School",
            "Pupil",
            "Kind",
            "Deadline",
            "LA",
            "Due",
            "Due (in words)",
            "Status",
            "Days remaining",
            "Rule",
            "Reason",
        ],
        rows=rows,
        fmt="xlsx",
        filename="ehc-deadlines",
        what="EHC deadlines",
        sheet_title="EHC deadlines",
    )


@login_required
def trust_dashboard(request):
    if not policy.schools(request.user, "school.aggregates").exists():
        raise Http404
    data = selectors.trust_dashboard(request.user)
    return render(request, "statutory/trust.html", {**data, "bucket_labels": selectors.BUCKETS})


@login_required
def rules_page(request):
    return render(
        request, "statutory/rules.html", {"rules": RULES.values(), "interpretations": er.INTERPRETATIONS}
    )


# --- LA settings ------------------------------------------------------------------------------------------


@login_required
def la_settings(request):
    schools = policy.schools(request.user, "school.statutory_settings")
    if not schools:
        raise Http404
    settings = LaSetting.objects.filter(school__in=schools).select_related("school")
    return render(request, "statutory/la_settings.html", {"settings": settings, "schools": schools})


@login_required
def la_setting_form(request, setting_id: int | None = None):
    schools = policy.schools(request.user, "school.statutory_settings")
    if not schools:
        raise Http404
    setting = get_object_or_404(LaSetting, pk=setting_id, school__in=schools) if setting_id else None
    school = (
        setting.school
        if setting
        else schools.filter(pk=int_or_none(request.POST.get("school") or request.GET.get("school"))).first()
        or schools.first()
    )
    form = forms.LaSettingForm(
        request.POST or None, instance=setting, initial={"version": setting.version if setting else None}
    )
    conflict = None
    if request.method == "POST":
        attempt = attempt_save(
            form,
            lambda: services.save_la_setting(
                actor=request.user,
                school=school,
                data=request.POST,
                setting=setting,
                expected_version=int_or_none(request.POST.get("version")),
            ),
        )
        conflict = attempt.conflict
        if attempt.ok:
            messages.success(request, "The LA settings were saved.")
            return redirect("statutory-la-settings")
    return render(
        request,
        "statutory/la_setting_form.html",
        {"form": form, "school": school, "conflict": conflict, "setting": setting},
    )


# --- calendar feed -----------------------------------------------------------------------------------------


@login_required
def calendar_settings(request):
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_calendar_tokens(user=request.user)
            messages.success(request, "Your calendar feed address no longer works.")
            return redirect("statutory-calendar")
        token = services.issue_calendar_token(user=request.user)
    active = CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).first()
    feed_url = request.build_absolute_uri(reverse("statutory-feed", args=[token])) if token else None
    return render(request, "statutory/calendar.html", {"active": active, "feed_url": feed_url})


def calendar_feed(request, token: str):
    """No session: the token in the URL is the only secret. The feed holds what the token's
    user may see now (the access policy runs as that user)."""
    from sendco.core import ical

    record = (
        CalendarToken.objects.select_related("user")
        .filter(token_hash=CalendarToken.hash(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        raise Http404
    CalendarToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    user = record.user
    cal = ical.calendar("sendco EHC deadlines")
    for row in selectors.user_rows(user):
        d = row.deadline
        ical.add_event(
            cal,
            uid=f"{row.rule.code}-{row.tracked.kind}-{row.tracked.subject_id}-{d.label or ''}-{row.pupil_id}"
            "@sendco",
            summary=f"{row.pupil_name}: {row.title}",
            start=d.due,
            description=f"{row.due_text}. {row.rule.explanation} Source: {row.rule.citation}."
            + (f" {row.interpretation}" if row.interpretation else ""),
        )
    log_access(user=user, action=AccessLog.Action.EXPORT, request=request, what="EHC deadlines calendar feed")
    response = HttpResponse(ical.to_bytes(cal), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response

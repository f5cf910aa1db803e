"""Pages for statutory EHC work. Thin: fetch through the access policy, call one selector or
service, render. Anything the user may not see or do answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendco.audit.models import AccessLog
from sendco.audit.services import log_access
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save
from sendco.core.documents import docx_response, pdf_response, table_export
from sendco.core.form_helpers import int_or_none
from sendco.core.navigation import pupil_tabs
from sendco.domain import ehc_record as er
from sendco.domain.deadlines import RULES

from . import forms, request_document, selectors, services
from .models import (
    AdviceRequest,
    Amendment,
    AnnualReview,
    AssessmentRequest,
    CalendarToken,
    EhcPlan,
    LaSetting,
    PlanDocument,
    PlanOutcome,
    ProvisionItem,
    ReviewInvitee,
)


def _pupil(request, pk: int, perm: str = "statutory.view"):
    pupil = policy.get_pupil(request.user, pk)
    if not policy.can(request.user, perm, pupil):
        raise Http404
    return pupil


def _log(request, pupil, what: str) -> None:
    log_access(user=request.user, action=AccessLog.Action.VIEW, request=request, pupil=pupil, what=what)


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
    else:
        _log(request, pupil, title)
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


# --- the EHC tab --------------------------------------------------------------------------------


@login_required
def pupil_ehc(request, pk: int):
    pupil = _pupil(request, pk)
    _log(request, pupil, "EHC plan and statutory deadlines")
    context = _base(request, pupil, **selectors.pupil_record(request.user, pupil))
    context["can_document"] = policy.can(request.user, "statutory.request_document", pupil)
    return render(request, "statutory/pupil.html", context)


# --- requests -----------------------------------------------------------------------------------


@login_required
def request_new(request, pk: int):
    pupil = _pupil(request, pk, "statutory.change")
    las = list(LaSetting.objects.filter(school=pupil.school).values_list("la_name", flat=True)[:2])
    form = forms.RequestForm(
        request.POST or None,
        # The school's own LA when it has set up just one: most requests go to it.
        initial={"request_made": timezone.localdate(), "la_name": las[0] if len(las) == 1 else ""},
    )
    return _form_page(
        request,
        pupil,
        form=form,
        title="Request for an EHC needs assessment",
        intro="The 6-, 16- and 20-week limits start when the LA receives the request.",
        save=lambda: services.save_request(actor=request.user, pupil=pupil, data=request.POST),
        back=reverse("statutory-pupil", args=[pupil.pk]),
    )


@login_required
def request_edit(request, pk: int, rid: int):
    pupil = _pupil(request, pk, "statutory.change")
    obj = get_object_or_404(AssessmentRequest, pk=rid, pupil=pupil)
    form = forms.RequestForm(request.POST or None, instance=obj, initial={"version": obj.version})
    rows = [r for r in selectors.pupil_record(request.user, pupil)["requests"] if r.pk == obj.pk][
        0
    ].deadline_rows
    return _form_page(
        request,
        pupil,
        form=form,
        title="Request for an EHC needs assessment",
        rows=rows,
        save=lambda: services.save_request(
            actor=request.user,
            pupil=pupil,
            data=request.POST,
            request=obj,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-pupil", args=[pupil.pk]),
    )


@login_required
def advice_new(request, pk: int, rid: int, aid: int | None = None):
    pupil = _pupil(request, pk, "statutory.change")
    obj = get_object_or_404(AssessmentRequest, pk=rid, pupil=pupil)
    advice = get_object_or_404(AdviceRequest, pk=aid, request=obj) if aid else None
    form = forms.AdviceForm(request.POST or None, instance=advice)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Advice for the assessment",
        intro="Advice is due within 6 weeks of the LA's request for it (Reg 8).",
        save=lambda: services.save_advice(
            actor=request.user,
            request=obj,
            data=request.POST,
            advice=advice,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-pupil", args=[pupil.pk]),
    )


@login_required
def request_document_edit(request, pk: int, rid: int):
    pupil = _pupil(request, pk, "statutory.request_document")
    obj = get_object_or_404(AssessmentRequest, pk=rid, pupil=pupil)
    can_edit = policy.can(request.user, "statutory.change", pupil)
    conflict = None
    if request.method == "POST":
        if not can_edit:
            raise Http404
        sections = request_document.edited_sections(pupil, obj, request.POST)
        try:
            services.save_request_document(
                actor=request.user,
                request=obj,
                sections=sections,
                expected_version=int_or_none(request.POST.get("version")),
            )
        except services.ConflictError as exc:
            conflict = exc.current
        else:
            messages.success(request, "The request document was saved.")
            return redirect("statutory-request-document", pk=pk, rid=rid)
    else:
        _log(request, pupil, "EHC needs assessment request document")
    parts = request_document.document(pupil, obj)
    if conflict is not None:  # keep what this editor typed; show the saved version's version
        for part in parts:
            part["text"] = request.POST.get(part["key"], part["text"])
    return render(
        request,
        "statutory/request_document.html",
        _base(
            request,
            pupil,
            obj=obj,
            parts=parts,
            conflict=conflict,
            can_edit=can_edit,
            version=conflict.version if conflict else obj.version,
        ),
    )


@login_required
def request_document_pdf(request, pk: int, rid: int):
    pupil = _pupil(request, pk, "statutory.request_document")
    obj = get_object_or_404(AssessmentRequest, pk=rid, pupil=pupil)
    return pdf_response(
        request,
        "statutory/request_document_pdf.html",
        {
            "pupil": pupil,
            "school": pupil.school,
            "obj": obj,
            "parts": request_document.document(pupil, obj),
            "today": timezone.localdate(),
        },
        filename=f"ehc-needs-assessment-request-{pupil.upn}.pdf",
        pupil=pupil,
        what="EHC needs assessment request (PDF)",
    )


@login_required
def request_document_docx(request, pk: int, rid: int):
    pupil = _pupil(request, pk, "statutory.request_document")
    obj = get_object_or_404(AssessmentRequest, pk=rid, pupil=pupil)
    doc = request_document.docx(pupil, obj, request_document.document(pupil, obj))
    return docx_response(
        request,
        doc,
        filename=f"ehc-needs-assessment-request-{pupil.upn}.docx",
        pupil=pupil,
        what="EHC needs assessment request (Word)",
    )


# --- plans ------------------------------------------------------------------------------------------


@login_required
def plan_new(request, pk: int):
    pupil = _pupil(request, pk, "statutory.change")
    source = AssessmentRequest.objects.filter(pk=int_or_none(request.GET.get("request")), pupil=pupil).first()
    initial = {}
    if source is not None:
        initial = {
            "la_name": source.la_name,
            "issued_on": source.final_issued,
            "section_i": pupil.school.name,
            "named_setting": pupil.school.name,
        }
    form = forms.PlanForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Record an EHC plan",
        intro="Record the final plan as issued by the LA, section by section (Reg 12).",
        save=lambda: services.save_plan(actor=request.user, pupil=pupil, data=request.POST, request=source),
        back=lambda plan: reverse("statutory-plan", args=[pupil.pk, plan.pk]),
    )


def _plan(request, pk: int, plan_id: int, perm: str = "statutory.view"):
    pupil = _pupil(request, pk, perm)
    return pupil, get_object_or_404(EhcPlan, pk=plan_id, pupil=pupil)


@login_required
def plan_detail(request, pk: int, plan_id: int):
    pupil, plan = _plan(request, pk, plan_id)
    _log(request, pupil, "EHC plan")
    record = selectors.pupil_record(request.user, pupil)
    plan = next(p for p in record["plans"] if p.pk == plan.pk)
    return render(request, "statutory/plan.html", _base(request, pupil, plan=plan))


@login_required
def plan_edit(request, pk: int, plan_id: int):
    pupil, plan = _plan(request, pk, plan_id, "statutory.change")
    form = forms.PlanForm(request.POST or None, instance=plan, initial={"version": plan.version})
    return _form_page(
        request,
        pupil,
        form=form,
        title="Edit the EHC plan",
        save=lambda: services.save_plan(
            actor=request.user,
            pupil=pupil,
            data=request.POST,
            plan=plan,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-plan", args=[pupil.pk, plan.pk]),
    )


@login_required
def outcome_form(request, pk: int, plan_id: int, oid: int | None = None):
    pupil, plan = _plan(request, pk, plan_id, "statutory.change")
    outcome = get_object_or_404(PlanOutcome, pk=oid, plan=plan) if oid else None
    back = reverse("statutory-plan", args=[pupil.pk, plan.pk])
    if outcome and request.method == "POST" and request.POST.get("delete"):
        services.delete_plan_part(actor=request.user, part=outcome)
        messages.success(request, "The outcome was removed.")
        return redirect(back)
    form = forms.OutcomeForm(request.POST or None, instance=outcome)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Section E outcome",
        intro=(
            "Outcomes are the difference the provision should make; add the shorter-term steps towards each."
        ),
        save=lambda: services.save_outcome(
            actor=request.user,
            plan=plan,
            data=request.POST,
            outcome=outcome,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=back,
        deletable=outcome is not None,
    )


@login_required
def provision_form(request, pk: int, plan_id: int, item_id: int | None = None):
    pupil, plan = _plan(request, pk, plan_id, "statutory.change")
    item = get_object_or_404(ProvisionItem, pk=item_id, plan=plan) if item_id else None
    back = reverse("statutory-plan", args=[pupil.pk, plan.pk])
    if item and request.method == "POST" and request.POST.get("delete"):
        services.delete_plan_part(actor=request.user, part=item)
        messages.success(request, "The provision item was removed.")
        return redirect(back)
    form = forms.ProvisionForm(request.POST or None, instance=item, plan=plan)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Section F provision",
        intro="Section F must be specific and quantified: what, how often, how long, in what group, by whom.",
        save=lambda: services.save_provision(
            actor=request.user,
            plan=plan,
            data=request.POST,
            item=item,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=back,
        deletable=item is not None,
    )


@login_required
def document_upload(request, pk: int, plan_id: int):
    pupil, plan = _plan(request, pk, plan_id, "statutory.change")
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Add a plan document",
        save=lambda: services.upload_document(
            actor=request.user, plan=plan, data=request.POST, files=request.FILES
        ),
        back=reverse("statutory-plan", args=[pupil.pk, plan.pk]),
    )


@login_required
def document_download(request, pk: int, plan_id: int, doc_id: int):
    pupil, plan = _plan(request, pk, plan_id)
    doc = get_object_or_404(PlanDocument, pk=doc_id, plan=plan)
    log_access(
        user=request.user,
        action=AccessLog.Action.DOWNLOAD,
        request=request,
        pupil=pupil,
        what=f"{doc.get_kind_display()} dated {doc.dated:%d/%m/%Y}",
    )
    return FileResponse(
        doc.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"ehc-plan-{pupil.upn}-{doc.dated:%Y-%m-%d}.pdf",
    )


# --- reviews ----------------------------------------------------------------------------------------


@login_required
def review_new(request, pk: int, plan_id: int):
    pupil, plan = _plan(request, pk, plan_id, "statutory.change")
    form = forms.ReviewForm(request.POST or None)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Schedule an annual review",
        intro="Invitations and advice must go out at least 2 weeks before the meeting (Reg 20(3), 20(4)).",
        save=lambda: services.save_review(actor=request.user, plan=plan, data=request.POST),
        back=lambda review: reverse("statutory-review", args=[pupil.pk, review.pk]),
    )


def _review(request, pk: int, review_id: int, perm: str = "statutory.view"):
    pupil = _pupil(request, pk, perm)
    return pupil, get_object_or_404(
        AnnualReview.objects.select_related("plan", "school"), pk=review_id, pupil=pupil
    )


@login_required
def review_detail(request, pk: int, review_id: int):
    pupil, review = _review(request, pk, review_id)
    _log(request, pupil, "Annual review")
    rows = selectors.review_rows(review)
    return render(
        request,
        "statutory/review.html",
        _base(
            request,
            pupil,
            review=review,
            rows=rows,
            invitees=review.invitees.all(),
            progress={p.outcome_id: p.progress for p in review.outcome_progress.all()},
            outcomes=review.plan.outcomes.all(),
            amendments=review.amendments.all(),
            pfa_due=er.nc_year_on(pupil.nc_year, timezone.localdate(), review.meeting_date) >= 9,
        ),
    )


@login_required
def review_edit(request, pk: int, review_id: int):
    pupil, review = _review(request, pk, review_id, "statutory.change")
    form = forms.ReviewForm(request.POST or None, instance=review, initial={"version": review.version})
    return _form_page(
        request,
        pupil,
        form=form,
        title="Review dates and the LA's decision",
        intro="The review report is due within 2 weeks of the meeting and the LA's decision within 4 weeks.",
        rows=selectors.review_rows(review),
        save=lambda: services.save_review(
            actor=request.user,
            plan=review.plan,
            data=request.POST,
            review=review,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-review", args=[pupil.pk, review.pk]),
    )


@login_required
def review_meeting(request, pk: int, review_id: int):
    pupil, review = _review(request, pk, review_id, "statutory.change")
    outcomes = list(review.plan.outcomes.all())
    saved = {p.outcome_id: p.progress for p in review.outcome_progress.all()}
    form = forms.MeetingForm(request.POST or None, instance=review, initial={"version": review.version})
    conflict = None
    if request.method == "POST":
        progress = {o.pk: request.POST.get(f"outcome-{o.pk}", "") for o in outcomes}
        attempt = attempt_save(
            form,
            lambda: services.record_meeting(
                actor=request.user,
                review=review,
                data=request.POST,
                progress=progress,
                expected_version=int_or_none(request.POST.get("version")),
            ),
        )
        conflict = attempt.conflict
        if attempt.ok:
            messages.success(request, "The review meeting was recorded.")
            return redirect("statutory-review", pk=pk, review_id=review_id)
        saved = progress
    else:
        _log(request, pupil, "Annual review meeting record")
    return render(
        request,
        "statutory/meeting_form.html",
        _base(
            request,
            pupil,
            review=review,
            form=form,
            conflict=conflict,
            outcomes=[(o, saved.get(o.pk, "")) for o in outcomes],
            pfa_due=er.nc_year_on(pupil.nc_year, timezone.localdate(), review.meeting_date) >= 9,
        ),
    )


@login_required
def invitee_form(request, pk: int, review_id: int, invitee_id: int | None = None):
    pupil, review = _review(request, pk, review_id, "statutory.change")
    invitee = get_object_or_404(ReviewInvitee, pk=invitee_id, review=review) if invitee_id else None
    form = forms.InviteeForm(request.POST or None, instance=invitee)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Review invitee",
        intro="Invite parents, the pupil, the LA officer, health, social care and other professionals.",
        save=lambda: services.save_invitee(
            actor=request.user,
            review=review,
            data=request.POST,
            invitee=invitee,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-review", args=[pupil.pk, review.pk]),
    )


@login_required
@require_POST
def review_invite(request, pk: int, review_id: int):
    pupil, review = _review(request, pk, review_id, "statutory.change")
    try:
        emailed = services.send_invitations(actor=request.user, review=review)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Invitations recorded as sent today; {emailed} emailed with a calendar invitation."
        )
    return redirect("statutory-review", pk=pk, review_id=review_id)


@login_required
def review_ics(request, pk: int, review_id: int):
    pupil, review = _review(request, pk, review_id)
    log_access(
        user=request.user,
        action=AccessLog.Action.DOWNLOAD,
        request=request,
        pupil=pupil,
        what="Annual review invitation (.ics)",
    )
    response = HttpResponse(services.invitation_ics(review), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="annual-review-{review.meeting_date}.ics"'
    return response


@login_required
def review_letters(request, pk: int, review_id: int):
    pupil, review = _review(request, pk, review_id, "statutory.change")
    letters = [(i, services.invitation_text(review, i)) for i in review.invitees.all()]
    return pdf_response(
        request,
        "statutory/letters_pdf.html",
        {"pupil": pupil, "school": pupil.school, "letters": letters},
        filename=f"review-invitations-{pupil.upn}.pdf",
        pupil=pupil,
        what="Annual review invitation letters (PDF)",
    )


@login_required
def review_report(request, pk: int, review_id: int):
    pupil, review = _review(request, pk, review_id)
    if not policy.can(request.user, "statutory.request_document", pupil):
        raise Http404
    progress = {p.outcome_id: p.progress for p in review.outcome_progress.all()}
    return pdf_response(
        request,
        "statutory/review_report_pdf.html",
        {
            "pupil": pupil,
            "school": pupil.school,
            "review": review,
            "plan": review.plan,
            "outcomes": [(o, progress.get(o.pk, "")) for o in review.plan.outcomes.all()],
            "invitees": review.invitees.all(),
            "provision": review.plan.provision.all(),
            "today": timezone.localdate(),
        },
        filename=f"annual-review-report-{pupil.upn}-{review.meeting_date}.pdf",
        pupil=pupil,
        what="Annual review report (PDF)",
    )


# --- amendments -----------------------------------------------------------------------------------------


@login_required
def amendment_form(request, pk: int, plan_id: int, amendment_id: int | None = None):
    pupil, plan = _plan(request, pk, plan_id, "statutory.change")
    amendment = get_object_or_404(Amendment, pk=amendment_id, plan=plan) if amendment_id else None
    review = plan.reviews.filter(pk=int_or_none(request.GET.get("review"))).first()
    form = forms.AmendmentForm(request.POST or None, instance=amendment)
    return _form_page(
        request,
        pupil,
        form=form,
        title="Amendment to the EHC plan",
        intro="The family has at least 15 days to comment; the final amended plan is due within 8 weeks "
        "of the "
        "notice (Reg 22).",
        save=lambda: services.save_amendment(
            actor=request.user,
            plan=plan,
            data=request.POST,
            amendment=amendment,
            review=review,
            expected_version=int_or_none(request.POST.get("version")),
        ),
        back=reverse("statutory-plan", args=[pupil.pk, plan.pk]),
    )


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

"""Downloads: passport, plan and review record as PDF or Word, the plan history pack, and a
class's passports as one PDF. Every download of a named pupil's document is logged."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404

from sendco.audit.models import AccessLog
from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.documents import docx_response, pdf_response

from .. import documents, selectors


@login_required
def passport_document(request, pk: int, fmt: str):
    pupil = policy.get_pupil(request.user, pk, "plans.view", audit=Read.download(request))
    passport = selectors.passport_of(pupil)
    if passport is None or fmt not in ("pdf", "docx"):
        raise Http404
    audience = selectors.audience_for(request.user, pupil)
    context = {
        "school": pupil.school,
        "pupil": pupil,
        "passport": passport,
        "audience": audience,
        "title": "Pupil passport",
    }
    name = f"passport-{pupil.upn}"
    if fmt == "pdf":
        return pdf_response(
            request,
            "plans/documents/passport.html",
            context,
            filename=f"{name}.pdf",
            pupil=pupil,
            what="Passport (PDF)",
        )
    return docx_response(
        request,
        documents.passport_docx(context),
        filename=f"{name}.docx",
        pupil=pupil,
        what="Passport (Word)",
    )


# --- documents --------------------------------------------------------------------------------


def _cycle_context(request, found) -> dict:
    audience = selectors.audience_for(request.user, found.pupil)
    return selectors.cycle_page(found, audience) | {
        "school": found.school,
        "pupil": found.pupil,
        "passport": selectors.passport_of(found.pupil),
    }


@login_required
def cycle_document(request, pk: int, cycle: int, fmt: str):
    found = selectors.get_cycle(request.user, pk, cycle, audit=Read.download(request))
    if fmt not in ("pdf", "docx"):
        raise Http404
    context = _cycle_context(request, found)
    context["title"] = context["template"].document_title if context["template"] else "SEN support plan"
    name = f"plan-{found.pupil.upn}-cycle-{found.number}"
    what = f"Support plan cycle {found.number}"
    if fmt == "pdf":
        return pdf_response(
            request,
            "plans/documents/plan.html",
            context,
            filename=f"{name}.pdf",
            pupil=found.pupil,
            what=f"{what} (PDF)",
        )
    return docx_response(
        request,
        documents.plan_docx(context),
        filename=f"{name}.docx",
        pupil=found.pupil,
        what=f"{what} (Word)",
    )


@login_required
def review_document(request, pk: int, cycle: int, fmt: str):
    found = selectors.get_cycle(request.user, pk, cycle, audit=Read.download(request))
    if found.is_current or fmt not in ("pdf", "docx"):
        raise Http404
    context = _cycle_context(request, found) | {"title": "Plan review record"}
    name = f"review-{found.pupil.upn}-cycle-{found.number}"
    what = f"Review record cycle {found.number}"
    if fmt == "pdf":
        return pdf_response(
            request,
            "plans/documents/review.html",
            context,
            filename=f"{name}.pdf",
            pupil=found.pupil,
            what=f"{what} (PDF)",
        )
    return docx_response(
        request,
        documents.review_docx(context),
        filename=f"{name}.docx",
        pupil=found.pupil,
        what=f"{what} (Word)",
    )


@login_required
def history_pack(request, pk: int):
    pupil = policy.get_pupil(request.user, pk, "plans.view", audit=Read.download(request))
    audience = selectors.audience_for(request.user, pupil)
    cycles = [c for c in reversed(selectors.cycles_of(pupil)) if not c.is_current]
    if not cycles:
        raise Http404
    pages = [selectors.cycle_page(c, audience) for c in cycles]
    context = {
        "school": pupil.school,
        "pupil": pupil,
        "pages": pages,
        "audience": audience,
        "title": "Plan history",
        "passport": selectors.passport_of(pupil),
    }
    return pdf_response(
        request,
        "plans/documents/history.html",
        context,
        filename=f"plan-history-{pupil.upn}.pdf",
        pupil=pupil,
        what=f"Plan history pack ({len(cycles)} reviewed cycles)",
    )


@login_required
def class_pdf(request, group: int):
    found = selectors.get_group(request.user, group)
    pupils = selectors.class_view(request.user, found)
    Read.as_(
        request, AccessLog.Action.DOWNLOAD, f"Class passports PDF: {found} ({len(pupils)} pupils)"
    ).record(school=found.school)
    return pdf_response(
        request,
        "plans/documents/class.html",
        {"school": found.school, "group": found, "pupils": pupils, "title": f"Class passports: {found}"},
        filename=f"class-passports-{found.pk}.pdf",
    )

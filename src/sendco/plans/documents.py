"""Word (.docx) versions of the passport, plan and review record, for schools that must send an
LA their own format; the same context (and so the same audience filtering) as the PDFs."""

from __future__ import annotations

from django.utils.html import strip_tags
from docx import Document
from docx.shared import Pt

from sendco.core.models import PupilContact

from .models import Passport


def family_emails(pupil) -> list[str]:
    links = PupilContact.objects.filter(pupil=pupil, parental_responsibility=True).select_related("contact")
    return [link.contact.email for link in links if link.contact.email]


def _text(value: str) -> str:
    """Rich text as plain paragraphs (list items keep a bullet)."""
    value = (value or "").replace("<li>", "\n• ").replace("</p>", "\n").replace("<br>", "\n")
    return "\n".join(line.strip() for line in strip_tags(value).splitlines() if line.strip())


def _new(context, title: str) -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    pupil, school = context["pupil"], context["school"]
    doc.add_paragraph(school.name)
    doc.add_heading(title, level=0)
    born = f"{pupil.date_of_birth:%-d %B %Y}"
    doc.add_paragraph(f"{pupil.full_name} · born {born} · {pupil.get_nc_year_display()} · UPN {pupil.upn}")
    section = doc.sections[0]
    section.footer.paragraphs[0].text = f"{pupil.full_name} · Confidential"
    return doc


def _field(doc, label: str, value: str) -> None:
    if value:
        doc.add_heading(label, level=2)
        for line in _text(value).splitlines():
            doc.add_paragraph(line)


def _passport_fields(doc, passport, audience) -> None:
    for name in Passport.SHARED_FIELDS:
        _field(doc, str(Passport._meta.get_field(name).verbose_name), getattr(passport, name))
    if audience.staff:
        _field(doc, "Notes for staff only", passport.staff_notes)


def passport_docx(context) -> Document:
    doc = _new(context, "Pupil passport")
    _passport_fields(doc, context["passport"], context["audience"])
    return doc


def _targets_table(doc, targets, *, with_ratings: bool) -> None:
    headers = ["#", "Target", "How measured", "Baseline", "By when", "Who", "Provision"]
    if with_ratings:
        headers += ["Rating", "Evidence"]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    for t in targets:
        rating = getattr(t, "rating", None) if with_ratings else None
        values = [
            str(t.position),
            t.description,
            t.measure,
            t.baseline,
            f"{t.due_date:%-d %b %Y}",
            t.responsible,
            t.provision,
        ]
        if with_ratings:
            values += [rating.get_rating_display() if rating else "", rating.evidence if rating else ""]
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text or ""


def _plan_body(doc, context) -> None:
    cycle, audience, template = context["cycle"], context["audience"], context["template"]
    doc.add_paragraph(
        f"Version {cycle.number} · starts {cycle.start_date:%-d %B %Y} · review {cycle.review_date:%-d %B %Y}"
    )
    _field(doc, "Needs and what we know", cycle.needs_summary)
    _field(doc, template.outcomes_heading if template else "Outcomes", cycle.outcomes)
    doc.add_heading(template.targets_heading if template else "Targets", level=2)
    _targets_table(doc, context["targets"], with_ratings=False)
    for t in context["targets"]:
        _field(doc, f"Target {t.position}: strategies", t.strategies)
    _field(doc, template.strategies_heading if template else "Strategies", cycle.strategies)
    if audience.staff:
        _field(doc, "Notes for staff only", cycle.staff_notes)
    if audience.senco:
        _field(doc, "Notes for the SENCO team only", cycle.senco_notes)


def plan_docx(context) -> Document:
    doc = _new(context, context["title"])
    _plan_body(doc, context)
    return doc


def review_docx(context) -> Document:
    doc = _new(context, "Plan review record")
    review, audience = context["review"], context["audience"]
    doc.add_paragraph(f"Review of version {context['cycle'].number} held on {review.held_on:%-d %B %Y}")
    _field(doc, "Who attended", review.attendees)
    _field(doc, "The pupil's views", review.pupil_views)
    _field(doc, "The parents' views", review.parent_views)
    doc.add_heading("Progress towards targets", level=2)
    _targets_table(doc, context["targets"], with_ratings=True)
    _field(doc, "Summary of progress", review.summary)
    _field(doc, "Decision", review.get_decision_display())
    if audience.staff:
        _field(doc, "Notes for staff only", review.staff_notes)
    return doc

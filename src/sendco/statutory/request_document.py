"""The school's request for an EHC needs assessment, built from what sendco holds.

The document is a list of sections contributed through a small registry, so that other apps
can add their part without this app knowing them: the plans app registers "support_history"
(its SEN support plans and reviews), the provision map "provision_costs" (the pupil's provision,
without money: see sendco.provision.integrations), the register "needs" (its history and
needs). This app fills "assessments" itself from the shared assessment records
(request_assessments.py). Registering a key that exists replaces it (the placeholders below
are replaced that way).

    from sendco.statutory.request_document import RequestSection, add_request_section
    add_request_section(RequestSection("support_history", "Support so far", 40, build_fn))

`build(pupil, request)` returns the default text; the SENCO edits it, and the edited text is
kept in `AssessmentRequest.document[key]`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from .request_assessments import assessments_section


@dataclass(frozen=True)
class RequestSection:
    key: str
    title: str
    order: int
    build: Callable  # (pupil, request) -> str


_SECTIONS: dict[str, RequestSection] = {}


def add_request_section(section: RequestSection) -> None:
    _SECTIONS[section.key] = section


def sections() -> list[RequestSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def section_keys() -> list[str]:
    return [s.key for s in sections()]


def document(pupil, request) -> list[dict]:
    """Each section's title, the text to show (edited, or built) and whether it was edited."""
    saved = request.document or {}
    parts = []
    for s in sections():
        edited = s.key in saved
        parts.append(
            {
                "key": s.key,
                "title": s.title,
                "text": saved[s.key] if edited else s.build(pupil, request),
                "edited": edited,
            }
        )
    return parts


def edited_sections(pupil, request, submitted: dict) -> dict:
    """The submitted sections that differ from what sendco would build: only those are kept,
    so untouched sections stay up to date with the records."""
    kept = {}
    for s in sections():
        text = submitted.get(s.key)
        if text is None:
            continue
        text = text.replace("\r\n", "\n")
        if text.strip() != s.build(pupil, request).strip():
            kept[s.key] = text
    return kept


# --- the sections this app can fill itself ---------------------------------------------------------


def _pupil_details(pupil, request) -> str:
    lines = [
        f"Name: {pupil.legal_forename} {pupil.legal_surname}"
        + (
            f" (known as {pupil.full_name})"
            if pupil.full_name != f"{pupil.legal_forename} {pupil.legal_surname}"
            else ""
        ),
        f"Date of birth: {pupil.date_of_birth:%-d %B %Y}",
        f"UPN: {pupil.upn}",
        f"School: {pupil.school.name} ({pupil.school.dfe_number}), {pupil.get_nc_year_display()}",
        f"Admitted: {pupil.admission_date:%-d %B %Y}",
    ]
    flags = [
        label
        for flag, label in (
            (pupil.looked_after, "looked after"),
            (pupil.previously_looked_after, "previously looked after"),
            (pupil.fsm, "free school meals"),
            (
                pupil.eal,
                f"English as an additional language ({pupil.first_language or 'language not recorded'})",
            ),
            (pupil.medical_needs, "medical needs"),
        )
        if flag
    ]
    if flags:
        lines.append("Also: " + "; ".join(flags))
    return "\n".join(lines)


def _contacts(pupil, request) -> str:
    lines = []
    for link in pupil.contact_links.select_related("contact").order_by("priority"):
        c = link.contact
        pr = "parental responsibility" if link.parental_responsibility else "no parental responsibility"
        extra = f"; prefers {c.preferred_language}, needs an interpreter" if c.needs_interpreter else ""
        lines.append(f"- {c} ({link.get_relationship_display()}, {pr}){extra}")
    return "\n".join(lines) or "No contacts recorded."


def _placeholder(text: str) -> Callable:
    return lambda pupil, request: text


for _section in (
    RequestSection("pupil", "About the child or young person", 10, _pupil_details),
    RequestSection(
        "views",
        "The views of the child or young person and their parents",
        20,
        _placeholder(
            "[Record the child's views, interests and aspirations, and the parents' views, in their words.]"
        ),
    ),
    RequestSection(
        "needs",
        "Special educational needs",
        30,
        _placeholder("[List the SEN register history and the ranked needs, with dates.]"),
    ),
    RequestSection(
        "support_history",
        "Support so far (assess, plan, do, review)",
        40,
        _placeholder(
            "[Summarise each SEN support plan: dates, targets, provision and what difference it made.]"
        ),
    ),
    RequestSection(
        "provision_costs",
        "Provision so far",
        50,
        _placeholder("[List the provision in place: what, how often, group size, by whom, since when.]"),
    ),
    RequestSection("assessments", "Assessments and advice from professionals", 60, assessments_section),
    RequestSection(
        "chronology",
        "Chronology",
        70,
        _placeholder("[Key dates: concerns raised, referrals, meetings, changes of school or support.]"),
    ),
    RequestSection("contacts", "Family and contacts", 80, _contacts),
    RequestSection(
        "reasons",
        "Why the school is requesting an assessment",
        90,
        _placeholder(
            "[Explain why the child may have SEN and why special educational provision may need to be made "
            "through an EHC plan (Children and Families Act 2014 s36(8)).]"
        ),
    ),
):
    add_request_section(_section)


def docx(pupil, request, parts: list[dict]):
    from docx import Document

    doc = Document()
    doc.add_heading("Request for an education, health and care needs assessment", level=0)
    doc.add_paragraph(f"{pupil.school.name} to {request.la_name}. Prepared {timezone.localdate():%-d %B %Y}.")
    for part in parts:
        doc.add_heading(part["title"], level=1)
        for line in part["text"].splitlines() or [""]:
            doc.add_paragraph(line)
    return doc

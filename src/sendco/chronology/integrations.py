"""The chronology's part of a request for an EHC needs assessment: key dated events.

The request is written by the SENCO team for the LA, so it draws on entries shared with all
staff or with parents; SENCO-only and SEN-team entries stay out unless the SENCO adds them by
hand (they are often about safeguarding or family matters the LA does not need)."""

from __future__ import annotations

from .models import ChronologyEntry

SHAREABLE = (ChronologyEntry.Confidentiality.STAFF, ChronologyEntry.Confidentiality.PARENTS)


def chronology_summary(pupil, request) -> str:
    entries = ChronologyEntry.objects.filter(pupil=pupil, confidentiality__in=SHAREABLE).order_by(
        "occurred_on", "occurred_time", "id"
    )
    lines = [f"{e.occurred_on:%d/%m/%Y} — {e.get_kind_display()}: {e.title}" for e in entries]
    return "\n".join(lines) or "No chronology entries shared with staff are recorded for this pupil."


def register() -> None:
    from django.apps import apps

    if apps.is_installed("sendco.statutory"):
        from sendco.statutory.request_document import RequestSection, add_request_section

        add_request_section(RequestSection("chronology", "Chronology", 70, chronology_summary))

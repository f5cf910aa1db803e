"""What the register adds to other apps' pages, through registries those apps own: the SEN
statuses and needs on core's pupil page and pupil list (core.pupil_parts), and the "Special
educational needs" section of a request for an EHC needs assessment (statutory.request_document)."""

from __future__ import annotations

from django.db.models import Prefetch

from .models import PupilNeed, SenStatus


def current_needs_prefetch() -> Prefetch:
    """`pupil.current_needs` on every pupil of a list: the open needs, primary first."""
    return Prefetch(
        "needs",
        queryset=PupilNeed.objects.filter(end_date__isnull=True).order_by("rank"),
        to_attr="current_needs",
    )


def _statuses(pupil) -> list:
    return list(SenStatus.objects.filter(pupil=pupil).order_by("-start_date"))


def _needs(pupil) -> list:
    return list(PupilNeed.objects.filter(pupil=pupil).order_by("end_date", "rank", "-start_date"))


def needs_section(pupil, request) -> str:
    lines = ["SEN register history:"]
    for s in SenStatus.objects.filter(pupil=pupil).order_by("start_date"):
        end = f" to {s.end_date:%-d %B %Y}" if s.end_date else " (current)"
        lines.append(f"- {s.get_code_display()} from {s.start_date:%-d %B %Y}{end}")
    lines.append("Needs (1 = primary):")
    for n in PupilNeed.objects.filter(pupil=pupil).order_by("end_date", "rank"):
        end = f", ended {n.end_date:%-d %B %Y}" if n.end_date else ""
        lines.append(
            f"- {n.rank}. {n.need.name} (from {n.start_date:%-d %B %Y}{end})"
            + (f": {n.notes}" if n.notes else "")
        )
    return "\n".join(lines)


def register() -> None:
    from django.apps import apps

    from sendco.core.pupil_parts import add_pupil_list_prefetch, add_pupil_page_part

    add_pupil_list_prefetch(current_needs_prefetch)
    add_pupil_page_part("statuses", _statuses)
    add_pupil_page_part("needs", _needs)
    if apps.is_installed("sendco.statutory"):
        from sendco.statutory.request_document import RequestSection, add_request_section

        add_request_section(RequestSection("needs", "Special educational needs", 30, needs_section))

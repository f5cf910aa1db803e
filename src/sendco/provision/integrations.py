"""What the provision map adds to other apps: the "Provision so far" section of a request for
an EHC needs assessment (a registry owned by the statutory app).

The section lists what the pupil receives, how often, in what group and with what result, but
no money: its text is stored in the request, which the whole SEN team reads and edits, while
costs are for SENCO and head only. The costed evidence for the local authority is the
individual provision map PDF, which the section points to."""

from __future__ import annotations

from django.utils import timezone

from . import selectors


def _num(value) -> str:
    """82.0 → "82", 1.50 → "1.5": figures as a person writes them."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _measures(scores) -> str:
    """ "; Reading age: 82 on entry, 90 at exit; Spelling age: …" for each measure with a score."""
    parts = []
    for measure, score in scores:
        if score is None or (score.entry_value is None and score.exit_value is None):
            continue
        entry = "–" if score.entry_value is None else _num(score.entry_value)
        exit_ = "not yet measured" if score.exit_value is None else _num(score.exit_value)
        parts.append(f"; {measure.label}: {entry} on entry, {exit_} at exit")
    return "".join(parts)


def provision_so_far(pupil, request) -> str:
    """Each group the pupil has been in this school year: what, how often, group size, staff,
    dates, attendance and entry/exit measures."""
    data = selectors.pupil_map(pupil, today=timezone.localdate())
    lines = []
    for row in data["rows"]:
        g, first, last = row["group"], row["places"][0], row["places"][-1]
        size = len(row["figures"].current_members)
        who = "1:1" if size == 1 else f"group of {size}" if size else "group (now ended)"
        until = f" to {last.left:%d/%m/%Y}" if last.left else " onwards"
        attendance = "" if row["attendance"] is None else f"; attended {row['attendance']:.0%} of sessions"
        section_f = (
            f" (EHC plan section F: {_num(g.promised_hours_per_week)} hours a week promised)"
            if g.is_section_f and g.promised_hours_per_week is not None
            else ""
        )
        lines.append(
            f"- {g.provision.name}{section_f}: {g.weekday_names}, {g.minutes_per_session} minutes, {who}, "
            f"led by a {g.provision.get_staff_type_display().lower()}; from {first.joined:%d/%m/%Y}{until}"
            f"{attendance}{_measures(row['scores'])}."
        )
    if not lines:
        return "No additional provision is recorded in the provision map for this pupil this school year."
    hours = _num(data["hours_per_week"])
    hours = f"{hours} hour{'' if hours == '1' else 's'} a week now"
    lines.insert(0, f"Additional provision from {data['start']:%d/%m/%Y} ({hours}):")
    lines.append(
        "The costed individual provision map (against the £6,000 element 2 threshold) is attached "
        "as a PDF from the pupil's Provision tab."
    )
    return "\n".join(lines)


def register() -> None:
    from django.apps import apps

    if apps.is_installed("sendco.statutory"):
        from sendco.statutory.request_document import RequestSection, add_request_section

        add_request_section(RequestSection("provision_costs", "Provision so far", 50, provision_so_far))

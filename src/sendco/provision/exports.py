"""Rows for the spreadsheet exports. Money columns appear only for the people who may see them."""

from __future__ import annotations

from sendco.domain.provision_costs import to_pence


def map_table(data: dict, *, with_money: bool) -> tuple[list[str], list[list]]:
    headers = [
        "Area of need", "Provision", "Group", "Wave", "Days", "Minutes", "Hours a week", "Staff",
        "Pupils now", "Year groups", "Starts", "Ends", "Sessions expected to date", "Held", "Cancelled",
        "Not recorded", "Section F",
    ]  # fmt: skip
    if with_money:
        headers += ["Cost per session (£)", "Cost to date (£)", "Forecast to 31 August (£)"]
    rows = []
    for area, map_rows in data["areas"].items():
        for row in map_rows:
            f, g = row.figures, row.figures.group
            line = [
                area, g.provision.name, g.name, g.provision.wave, g.weekday_names, g.minutes_per_session,
                float(f.hours_per_week), len(f.staff_ids), len(f.current_members),
                ", ".join(str(y) for y in row.year_groups), g.start_date, g.end_date, f.expected_to_date,
                f.held, f.cancelled, len(f.unrecorded), "Yes" if g.is_section_f else "",
            ]  # fmt: skip
            if with_money:
                line += [
                    float(to_pence(f.cost_per_session)),
                    float(to_pence(f.cost_to_date)),
                    float(to_pence(f.forecast)),
                ]
            rows.append(line)
    return headers, rows

"""Rows for the spreadsheet exports. Money columns appear only for the people who may see them."""

from __future__ import annotations

from decimal import Decimal

from sendco.domain.provision_costs import to_pence

ZERO = Decimal(0)


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
                round(float(f.hours_per_week), 2), len(f.staff_ids), len(f.current_members),
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


def map_totals_sheets(data: dict) -> list[tuple[str, list[str], list[list]]]:
    """Cost by area of need and by year group (SENCO and head only), to date and forecast."""
    sheets = []
    for title, label, totals, forecast in (
        ("By area of need", "Area of need", data["by_need_area"], data["forecast_by_need_area"]),
        ("By year group", "Year group", data["by_year_group"], data["forecast_by_year_group"]),
    ):
        keys = list(dict.fromkeys([*totals, *forecast]))
        rows = [
            [key, float(to_pence(totals.get(key, ZERO))), float(to_pence(forecast.get(key, ZERO)))]
            for key in keys
        ]
        sheets.append((title, [label, "Cost to date (£)", "Forecast to 31 August (£)"], rows))
    return sheets


def _pct(value: float | None):
    return None if value is None else round(value * 100, 1)


def _num(value, places: int = 1):
    return None if value is None else round(float(value), places)


def impact_table(data: dict, *, with_money: bool) -> tuple[list[str], list[list]]:
    """The impact report's table, one row per provision, measure and academic year."""
    headers = [
        "Provision", "Year", "Measure", "Pupils with both scores", "Pupils missing a score",
        "Mean progress", "95% interval from", "95% interval to", "Expected progress (%)",
        "Effect size (d)", "Effect size (SD 15)", "Attendance (%)", "Pupils attending 80%+",
        "Mean progress of those attending 80%+",
    ]  # fmt: skip
    if with_money:
        headers += ["Cost per point of progress (£)"]
    headers += ["Flags"]
    rows = []
    for row in data["rows"]:
        s = row["summary"]
        line = [
            row["provision"], f"{row['year']}/{str(row['year'] + 1)[2:]}", row["measure"] or row["kind"],
            s.n, s.n_excluded, _num(s.mean_progress), _num(s.ci_low), _num(s.ci_high),
            _pct(s.proportion_expected), _num(s.effect_size_d, 2), _num(s.effect_size_sd15, 2),
            _pct(s.mean_attendance), s.n_attending, _num(s.mean_progress_attending),
        ]  # fmt: skip
        if with_money:
            line.append(_num(s.cost_per_unit_progress, 2))
        line.append(", ".join(FLAG_NAMES.get(f, f) for f in s.flags))
        rows.append(line)
    return headers, rows


FLAG_NAMES = {"low_impact": "Low impact", "low_attendance": "Low attendance", "small_sample": "Small sample"}


def _value(value) -> str:
    return "–" if value is None else f"{float(value):g}"


def scores_text(scores) -> str:
    """ "Reading age: 81 → 89; Spelling age: 78 → –" from (measure, score or None) pairs."""
    return "; ".join(
        f"{m.label}: {_value(s and s.entry_value)} → {_value(s and s.exit_value)}" for m, s in scores
    )


def pupil_table(data: dict, *, with_money: bool) -> tuple[list[str], list[list]]:
    """One pupil's provision map: a row per group this academic year (a pupil who left and
    rejoined has one row, dated from the first joining; scores are the latest place's, every
    measure in one cell as "name: entry → exit")."""
    headers = [
        "Provision", "Area of need", "Section F", "Promised hours a week", "Days", "Minutes",
        "Joined", "Left", "Hours a week", "Attendance (%)", "Scores (entry → exit)",
    ]  # fmt: skip
    if with_money:
        headers += ["Cost to date (£)", "Forecast to 31 August (£)"]
    rows = []
    for r in data["rows"]:
        g, first, last = r["group"], r["places"][0], r["places"][-1]
        line = [
            g.provision.name, g.provision.get_need_area_display(), "Yes" if g.is_section_f else "",
            _num(g.promised_hours_per_week, 2), g.weekday_names, g.minutes_per_session, first.joined,
            last.left, _num(r["hours_per_week"], 2), _pct(r["attendance"]), scores_text(r["scores"]),
        ]  # fmt: skip
        if with_money:
            line += [float(to_pence(r["cost"])), float(to_pence(r["forecast"]))]
        rows.append(line)
    return headers, rows

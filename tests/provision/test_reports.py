"""The selectors behind the maps and reports, with worked figures (the arithmetic itself is
tested in tests/domain; these check the rows are loaded and passed on correctly)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.provision import selectors, services
from sendco.provision.models import Budget, GroupMember, Measure, StaffRate, Term, TopUp

from .fixtures import add_scores, make_group, provision_for, provision_setup

TODAY = date(2026, 11, 20)


def _sessions(cast, group, days, cancelled=()):
    for d in days:
        services.record_session(
            actor=cast.user(Role.SENCO),
            group=group,
            day=d,
            held=d not in cancelled,
            cancel_reason="Trip" if d in cancelled else "",
            present=[m.pupil_id for m in group.members.all()],
        )


def test_whole_school_map_costs_held_sessions_only(cast):
    made = provision_setup(cast)
    _sessions(
        cast, made["linked"], [date(2026, 11, 3), date(2026, 11, 5), date(2026, 11, 10)], [date(2026, 11, 5)]
    )
    m = selectors.whole_school_map(cast.school, today=TODAY)
    linked = next(f for f in m["figures"] if f.group == made["linked"])
    # TA Level 3: £23.47 + 25 % = £29.3375 an hour; 30 minutes = £14.66875 a session; 2 held.
    assert linked.cost_per_session == D("14.66875")
    assert linked.cost_to_date == D("29.3375")
    assert linked.pupil_cost == {cast.pupil.pk: D("29.3375")}
    assert (linked.held, linked.cancelled) == (2, 1)
    unlinked = next(f for f in m["figures"] if f.group == made["unlinked"])
    assert unlinked.missing_rate and unlinked.cost_to_date == 0
    assert m["by_need_area"] == {"Cognition and learning": D("29.3375")}
    assert m["by_year_group"] == {10: D("29.3375"), 7: D("0")}
    assert linked.forecast > linked.cost_to_date  # the timetable runs on to July
    # Tuesdays and Thursdays from 7 Sep to 20 Nov in the default calendar, less what was recorded.
    assert linked.unrecorded and date(2026, 11, 3) not in linked.unrecorded


def test_a_personal_rate_beats_the_grade_rate(cast):
    made = provision_setup(cast)
    StaffRate.objects.create(school=cast.school, user=cast.user(Role.TA), hourly=D("12"), on_cost_pct=D("0"))
    _sessions(cast, made["linked"], [date(2026, 11, 3)])
    m = selectors.whole_school_map(cast.school, today=TODAY)
    assert next(f for f in m["figures"] if f.group == made["linked"]).cost_to_date == D("6")


def test_pupil_map_against_element_2(cast):
    made = provision_setup(cast)
    _sessions(cast, made["linked"], [date(2026, 11, 3)])
    p = selectors.pupil_map(cast.pupil, today=TODAY)
    assert [r["group"] for r in p["rows"]] == [made["linked"]]
    assert p["total"] == D("14.66875")
    assert p["element2"]["total"] == D("14.67") and not p["element2"]["exceeded"]
    assert p["hours_per_week"] == 1  # two 30-minute sessions a week
    assert p["rows"][0]["attendance"] == 1.0


def test_section_f_shortfall_with_an_inset_day(cast):
    senco = cast.user(Role.SENCO)
    services.set_calendar(
        actor=senco,
        school=cast.school,
        academic_year=2026,
        terms=[("Autumn 1", date(2026, 9, 7), date(2026, 9, 18))],
        closures=[(date(2026, 9, 14), "INSET day")],
    )
    group = make_group(
        cast.school,
        [cast.unlinked],
        [cast.user(Role.TA)],
        name="1:1 TA support",
        weekdays="0,2",
        minutes=60,
        start=date(2026, 9, 7),
        end=date(2026, 9, 18),
        is_section_f=True,
        promised_hours_per_week=D("3"),
    )
    _sessions(cast, group, [date(2026, 9, 7), date(2026, 9, 9), date(2026, 9, 16)], [date(2026, 9, 16)])
    [row] = selectors.section_f_report(cast.school, today=date(2026, 9, 18))
    # 2 school weeks × 3 h = 6 h promised; Mon 7, Wed 9, Wed 16 timetabled (Mon 14 is INSET) = 3 h;
    # 2 h delivered (16th cancelled).
    assert (row["promised"], row["scheduled"], row["delivered"]) == (D("6.00"), D("3.00"), D("2.00"))
    assert (row["shortfall_vs_promised"], row["schedule_gap"], row["shortfall_vs_scheduled"]) == (
        D("4.00"),
        D("3.00"),
        D("1.00"),
    )
    # On Wednesday 16th itself the report runs to Tuesday 15th: that day's register may not be taken yet.
    [row] = selectors.section_f_report(cast.school, today=date(2026, 9, 16))
    assert (row["to"], row["scheduled"]) == (date(2026, 9, 15), D("2.00"))


def test_impact_report_summarises_scores_by_provision(cast):
    group = make_group(cast.school, [], [cast.user(Role.TA)], start=date(2026, 9, 7))
    for pupil, (entry, exit_) in zip(
        [cast.pupil, cast.unlinked, cast.sister_pupil], [(80, 88), (85, 90), (90, 89)], strict=True
    ):
        place = GroupMember.objects.create(
            school=cast.school, group=group, pupil=pupil, joined=group.start_date
        )
        add_scores(place, entry, exit_, entry_on=date(2026, 9, 8), exit_on=date(2026, 11, 17))
    r = selectors.impact_report(cast.school, today=TODAY)
    [row] = r["rows"]
    s = row["summary"]
    assert (row["provision"], row["year"], s.n, s.mean_progress) == ("Toe by Toe", 2026, 3, 4.0)
    assert (s.n_expected, s.n_judged) == (2, 3)
    assert "small_sample" in s.flags


def test_impact_report_has_a_row_per_measure_of_a_provision(cast):
    """Toe by Toe tracking a reading age and a standardised spelling score: two rows, each with
    its own mean and its own idea of expected progress."""
    group = make_group(
        cast.school, [], [], start=date(2026, 9, 7), measure_kind="age_months", measure_name="Reading age"
    )
    spelling = Measure.objects.create(
        school=cast.school, group=group, kind="standardised", name="Spelling", position=2
    )
    dates = {"entry_on": date(2026, 9, 8), "exit_on": date(2026, 11, 17)}  # 2.3 months apart
    for pupil, reading, spelt in [
        (cast.pupil, (90, 96), (80, 86)),
        (cast.unlinked, (100, 101), (85, 84)),
        (cast.sister_pupil, (84, None), (None, None)),
    ]:
        place = GroupMember.objects.create(
            school=cast.school, group=group, pupil=pupil, joined=group.start_date
        )
        add_scores(place, *reading, **dates)
        if spelt != (None, None):
            add_scores(place, *spelt, measure=spelling, **dates)
    rows = selectors.impact_report(cast.school, today=TODAY)["rows"]
    got = {
        (r["provision"], r["kind"], r["measure"]): (
            r["summary"].n,
            r["summary"].n_excluded,
            r["summary"].mean_progress,
        )
        for r in rows
    }
    assert got == {
        ("Toe by Toe", "age_months", "Reading age"): (2, 1, 3.5),
        ("Toe by Toe", "standardised", "Spelling"): (2, 1, 2.5),
    }
    reading_row = next(r for r in rows if r["measure"] == "Reading age")
    assert (reading_row["summary"].n_expected, reading_row["summary"].n_judged) == (1, 2)  # 6 ≥ 2.3; 1 < 2.3
    charts = selectors.impact_report(cast.school, today=TODAY)["charts"]
    assert [c["label"] for c in charts] == ["Standardised score", "Reading or spelling age (months)"]


def test_budget_report_position(cast):
    made = provision_setup(cast)
    Budget.objects.create(school=cast.school, financial_year=2026, notional_sen_budget=D("1000"))
    TopUp.objects.create(school=cast.school, pupil=cast.pupil, financial_year=2026, amount=D("500"))
    _sessions(cast, made["linked"], [date(2026, 11, 3)])
    b = selectors.budget_report(cast.school, 2026, today=TODAY)
    assert b["position"]["income"] == D("1500.00")
    assert b["position"]["spent"] == D("14.67")
    assert b["position"]["variance"] == D("1500.00") - b["position"]["forecast"]


def test_an_academy_budget_runs_september_to_august(client, cast):
    made = provision_setup(cast)
    _sessions(cast, made["linked"], [date(2026, 11, 3)])
    client.force_login(cast.user(Role.SENCO))
    response = client.post(
        reverse("provision-budget"), {"form": "year", "school": cast.school.pk, "financial_year_start": "9"}
    )
    assert response.status_code == 302
    cast.school.refresh_from_db()
    assert cast.school.financial_year_start == 9
    assert cast.school.history.first().history_user == cast.user(Role.SENCO)
    b = selectors.budget_report(cast.school, 2026, today=TODAY)
    assert (b["start"], b["end"]) == (date(2026, 9, 1), date(2027, 8, 31))
    assert b["position"]["spent"] == D("14.67")  # the 3 November session is in the academy's 2026/27
    # The page opens on the academy year containing today, and says so.
    page = client.get(reverse("provision-budget")).content.decode()
    assert "1 Sep" in page and "31 Aug" in page
    # A bad choice changes nothing; a TA cannot change it at all.
    client.post(reverse("provision-budget"), {"form": "year", "financial_year_start": "1"})
    cast.school.refresh_from_db()
    assert cast.school.financial_year_start == 9
    client.force_login(cast.user(Role.TA))
    response = client.post(reverse("provision-budget"), {"form": "year", "financial_year_start": "4"})
    assert response.status_code == 404


def test_governor_sees_budget_totals_only_when_three_groups_combine(client, cast):
    made = provision_setup(cast)
    client.force_login(cast.user(Role.GOVERNOR))
    _sessions(cast, made["linked"], [date(2026, 11, 3)])
    assert "Withheld" in client.get(reverse("provision-budget")).content.decode()
    for name in ("Second", "Third"):
        group = make_group(cast.school, [cast.unlinked], [cast.user(Role.TA)], name=name)
        _sessions(cast, group, [date(2026, 11, 3)])
    page = client.get(reverse("provision-budget")).content.decode()
    assert "Withheld" not in page and "Spent on provision to date" in page
    assert cast.pupil.legal_surname not in page


def test_terms_are_checked_and_replaced(cast):
    senco = cast.user(Role.SENCO)
    with pytest.raises(ValidationError) as overlap:
        services.set_calendar(
            actor=senco,
            school=cast.school,
            academic_year=2026,
            terms=[("A", date(2026, 9, 1), date(2026, 10, 1)), ("B", date(2026, 9, 20), date(2026, 12, 1))],
            closures=[],
        )
    assert "overlap" in str(overlap.value)
    with pytest.raises(ValidationError) as outside:
        services.set_calendar(
            actor=senco,
            school=cast.school,
            academic_year=2026,
            terms=[("A", date(2026, 9, 1), date(2026, 10, 1))],
            closures=[(date(2026, 10, 20), "INSET")],
        )
    assert "not in any term" in str(outside.value)
    assert not Term.objects.exists()


def test_terms_page_saves_a_year(client, cast):
    client.force_login(cast.user(Role.HEAD))
    response = client.post(
        reverse("provision-terms") + "?year=2026",
        {
            "year": "2026",
            "term-0-name": "Autumn",
            "term-0-start": "2026-09-03",
            "term-0-end": "2026-12-18",
            "closures": "2026-09-03 INSET day\n2026-11-02",
        },
    )
    assert response.status_code == 302
    assert list(Term.objects.values_list("name", flat=True)) == ["Autumn"]
    bad = client.post(reverse("provision-terms"), {"year": "2026", "term-0-name": "X", "closures": "soon"})
    assert "enter a name, a start date and an end date" in bad.content.decode()
    assert "does not start with a date" in bad.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hourly": "-3", "on_cost_pct": "20"}, "greater than or equal to 0"),
        ({"hourly": "12", "on_cost_pct": "0.28"}, "enter 28"),
    ],
)
def test_bad_rates_are_refused(client, cast, data, message):
    client.force_login(cast.user(Role.SENCO))
    response = client.post(reverse("provision-rates"), {"staff_grade": "HLTA", **data})
    assert message in response.content.decode()
    assert not StaffRate.objects.exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "name", ["provision-map", "provision-group-list", "provision-impact", "provision-budget"]
)
def test_report_queries_do_not_grow_with_groups(client, cast, name):
    client.force_login(cast.user(Role.SENCO))
    for i in range(5):
        make_group(cast.school, [cast.pupil], [cast.user(Role.TA)], name=f"G{i}")
    few = _queries(client, reverse(name))
    for i in range(5, 50):
        make_group(cast.school, [cast.pupil, cast.unlinked], [cast.user(Role.TA)], name=f"G{i}")
    assert _queries(client, reverse(name)) == few


def _sheet(response) -> list[list]:
    import io

    from openpyxl import load_workbook

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def test_impact_export_has_the_report_rows(client, cast):
    group = make_group(cast.school, [], [cast.user(Role.TA)], start=date(2026, 9, 7))
    for pupil, (entry, exit_) in zip([cast.pupil, cast.unlinked], [(80, 88), (85, 91)], strict=True):
        place = GroupMember.objects.create(
            school=cast.school, group=group, pupil=pupil, joined=group.start_date
        )
        add_scores(place, entry, exit_, entry_on=date(2026, 9, 8), exit_on=date(2026, 11, 17))
    client.force_login(cast.user(Role.SENCO))
    rows = _sheet(client.get(reverse("provision-impact-xlsx")))
    header, [row] = rows[0], rows[1:]
    line = dict(zip(header, row, strict=True))
    figures = (line["Provision"], line["Pupils with both scores"], line["Mean progress"])
    assert figures == ("Toe by Toe", 2, 7.0)
    assert "Cost per point of progress (£)" in header
    assert "Small sample" in line["Flags"]
    client.force_login(cast.user(Role.GOVERNOR))
    assert "Cost per point of progress (£)" not in _sheet(client.get(reverse("provision-impact-xlsx")))[0]


def test_pupil_provision_export_has_one_row_per_group_with_costs_for_the_senco(client, cast):
    made = provision_setup(cast)
    _sessions(cast, made["linked"], [date(2026, 11, 3)])
    url = reverse("provision-pupil-xlsx", args=[cast.pupil.pk])
    client.force_login(cast.user(Role.SENCO))
    header, *rows = _sheet(client.get(url))
    assert [r[0] for r in rows] == [made["linked"].provision.name]
    line = dict(zip(header, rows[0], strict=True))
    assert line["Cost to date (£)"] > 0 and line["Attendance (%)"] == 100.0
    client.force_login(cast.user(Role.TA))
    header, *rows = _sheet(client.get(url))
    assert len(rows) == 1 and "Cost to date (£)" not in header


def test_map_spreadsheet_has_cost_sheets_for_senco_only(client, cast):
    import io

    from openpyxl import load_workbook

    made = provision_setup(cast)
    _sessions(cast, made["linked"], [date(2026, 11, 3)])
    client.force_login(cast.user(Role.SENCO))
    book = load_workbook(io.BytesIO(client.get(reverse("provision-map-xlsx")).content))
    assert book.sheetnames == ["Provision map", "By area of need", "By year group"]
    by_need = [[c.value for c in row] for row in book["By area of need"].iter_rows()]
    assert by_need[1][:2] == ["Cognition and learning", 14.67]
    client.force_login(cast.user(Role.ASSISTANT_SENCO))
    book = load_workbook(io.BytesIO(client.get(reverse("provision-map-xlsx")).content))
    assert book.sheetnames == ["Provision map"]


def test_budget_shows_cost_to_date_and_forecast_apart_including_groups_not_started(cast):
    made = provision_setup(cast)
    _sessions(cast, made["linked"], [date(2026, 11, 3)])
    later = make_group(
        cast.school,
        [],
        [cast.user(Role.TA)],
        name="Spring group",
        start=date(2027, 1, 5),
        end=date(2027, 3, 26),
    )
    later.provision = provision_for(cast.school, "Lego therapy")
    later.provision.need_area = "ci"
    later.provision.save()
    later.save()
    GroupMember.objects.create(school=cast.school, group=later, pupil=cast.unlinked, joined=later.start_date)
    b = selectors.budget_report(cast.school, 2026, today=TODAY)
    assert b["by_need_area"]["Cognition and learning"] == D("14.66875")
    assert b["forecast_by_need_area"]["Cognition and learning"] > D("14.66875")
    assert b["by_need_area"]["Communication and interaction"] == 0
    assert b["forecast_by_need_area"]["Communication and interaction"] > 0
    assert list(b["by_year_group"]) == list(b["forecast_by_year_group"])


def test_impact_charts_never_put_different_units_on_one_scale(cast):
    reading = make_group(
        cast.school, [], [], name="Reading", start=date(2026, 9, 7), measure_kind="age_months"
    )
    maths = make_group(cast.school, [], [], name="Maths", start=date(2026, 9, 7))
    maths.provision = provision_for(cast.school, "Numicon")
    maths.save()
    for group, pupil, (entry, exit_) in ((reading, cast.pupil, (96, 110)), (maths, cast.unlinked, (84, 88))):
        place = GroupMember.objects.create(
            school=cast.school, group=group, pupil=pupil, joined=group.start_date
        )
        add_scores(place, entry, exit_, entry_on=date(2026, 9, 8), exit_on=date(2026, 11, 17))
    charts = selectors.impact_report(cast.school, today=TODAY)["charts"]
    assert [(c["label"], [r["provision"] for r in c["rows"]], c["max"]) for c in charts] == [
        ("Standardised score", ["Numicon"], 4.0),
        ("Reading or spelling age (months)", ["Toe by Toe"], 14.0),
    ]


def test_governor_cannot_work_a_withheld_row_out_from_the_total(client, cast):
    made = provision_setup(cast)
    _sessions(cast, made["linked"], [date(2026, 11, 3)])
    for name in ("Second", "Third"):
        _sessions(
            cast,
            make_group(cast.school, [cast.unlinked], [cast.user(Role.TA)], name=name),
            [date(2026, 11, 3)],
        )
    lego = make_group(cast.school, [cast.unlinked], [cast.user(Role.TA)], name="Lego")
    lego.provision = provision_for(cast.school, "Lego therapy")
    lego.provision.need_area = "ci"
    lego.provision.save()
    lego.save()
    _sessions(cast, lego, [date(2026, 11, 3)])
    client.force_login(cast.user(Role.GOVERNOR))
    page = client.get(reverse("provision-budget")).content.decode()
    assert "Spent on provision to date" in page  # four groups: the total is shown
    # One group in "communication and interaction": hidden, and "cognition and learning" with it,
    # or the total minus that row would give the one group's cost (a named TA's pay).
    assert "Communication and interaction" not in page and "Cognition and learning" not in page
    client.force_login(cast.user(Role.SENCO))
    page = client.get(reverse("provision-budget")).content.decode()
    assert "Communication and interaction" in page and "Cognition and learning" in page


def test_a_one_to_one_shared_on_a_rota_is_costed_at_the_average_rate(cast):
    made = provision_setup(cast)  # the TA is on TA Level 3: £23.47 + 25 %
    StaffRate.objects.create(
        school=cast.school, user=cast.user(Role.TEACHER), hourly=D("40"), on_cost_pct=D("0")
    )
    group = make_group(
        cast.school, [cast.unlinked], [cast.user(Role.TA), cast.user(Role.TEACHER)], name="1:1"
    )
    together = selectors.whole_school_map(cast.school, today=TODAY)
    both = next(f for f in together["figures"] if f.group == group)
    assert both.cost_per_session == D("14.66875") + D("20")  # 30 minutes each, both in the room
    group.staff_take_turns = True
    group.save()
    rota = next(
        f for f in selectors.whole_school_map(cast.school, today=TODAY)["figures"] if f.group == group
    )
    assert rota.cost_per_session == (D("14.66875") + D("20")) / 2
    assert made["linked"].staff_take_turns is False


def test_spreadsheet_money_columns_are_formatted_as_pounds(client, cast):
    import io

    from openpyxl import load_workbook

    made = provision_setup(cast)
    _sessions(cast, made["linked"], [date(2026, 11, 3)])
    client.force_login(cast.user(Role.SENCO))
    sheet = load_workbook(io.BytesIO(client.get(reverse("provision-map-xlsx")).content))["Provision map"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == "Linked reading group")
    assert row[header.index("Cost to date (£)")].number_format == "£#,##0.00"
    assert row[header.index("Hours a week")].value == 1.0


def test_budget_errors_are_summarised_at_the_top_and_nothing_is_saved(client, cast):
    client.force_login(cast.user(Role.SENCO))
    response = client.post(
        reverse("provision-budget"), {"form": "budget", "notional_sen_budget": "-5", "version": "0"}
    )
    page = response.content.decode()
    assert page.index("govuk-error-summary") < page.index("Set the notional SEN budget")
    assert "<title>Error: SEN budget" in page
    assert not Budget.objects.exists()

"""Tests for the deadline engine (pure Python; no Django)."""

import dataclasses
from datetime import date

import pytest

from sendco.domain import deadlines as dl
from sendco.domain.deadlines import (
    CHECK,
    RULES,
    Deadline,
    TimelineError,
    add_days,
    add_months,
    add_weeks,
    add_working_days,
    amendment_deadlines,
    annual_review_due,
    appeal_deadline,
    assessment_deadlines,
    fifth_birthday,
    last_day_of_months_starting,
    phase_transfer_deadline,
    post16_move_deadline,
    review_meeting_deadlines,
    transfer_year,
    validate_assessment_dates,
)

D = date


def by_code(deadlines: list[Deadline]) -> dict[str, Deadline]:
    return {
        d.rule.code if d.label is None or d.rule.code != "advice_return" else d.label: d for d in deadlines
    }


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def test_rules_registry_is_keyed_by_code_and_complete():
    assert set(RULES) == {
        "assessment_decision",
        "advice_return",
        "no_plan_notice",
        "draft_comments",
        "final_plan",
        "annual_review",
        "annual_review_under5",
        "review_invitations",
        "review_advice",
        "review_report",
        "review_la_decision",
        "preparing_for_adulthood",
        "amendment_comments",
        "amendment_final",
        "phase_transfer",
        "phase_transfer_post16",
        "post16_move",
        "tribunal_appeal",
    }
    assert all(code == rule.code for code, rule in RULES.items())


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_every_rule_is_explained_and_cited(rule):
    assert rule.title and rule.citation
    assert rule.explanation.endswith(".") and len(rule.explanation) > 40


def test_check_marker_only_on_secondary_source_rules():
    checked = {code for code, rule in RULES.items() if CHECK in rule.citation}
    assert CHECK == "(CHECK: secondary source)"
    assert checked == {"advice_return", "review_report", "review_la_decision", "tribunal_appeal"}


def test_only_6_16_20_week_limits_can_be_excepted():
    excepted = {code for code, rule in RULES.items() if rule.can_be_excepted}
    assert excepted == {"assessment_decision", "advice_return", "no_plan_notice", "final_plan"}


def test_rule_and_deadline_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        dl.FINAL_PLAN.code = "x"  # type: ignore[misc]
    deadline = Deadline(rule=dl.FINAL_PLAN, due=D(2026, 1, 19), start=D(2025, 9, 1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.due = D(2026, 1, 20)  # type: ignore[misc]


def test_every_rule_is_produced_by_some_builder():
    produced = [
        *assessment_deadlines(
            request_received=D(2025, 9, 1),
            decision_made=D(2025, 10, 1),
            decided_to_assess=True,
            advice_requests=[("EP", D(2025, 10, 2), None)],
        ),
        *assessment_deadlines(
            request_received=D(2025, 9, 1),
            decision_made=D(2025, 10, 1),
            decided_to_assess=True,
            draft_sent=D(2026, 1, 1),
        ),
        annual_review_due(plan_issued=D(2025, 1, 1), date_of_birth=D(2015, 1, 1)),
        annual_review_due(plan_issued=D(2025, 1, 1), date_of_birth=D(2022, 1, 1)),
        *review_meeting_deadlines(meeting_date=D(2026, 3, 20), nc_year=9),
        *amendment_deadlines(notice_sent=D(2026, 4, 20)),
        phase_transfer_deadline(transfer_kind="primary_to_secondary", school_year_start=2025),
        phase_transfer_deadline(transfer_kind="secondary_to_post16", school_year_start=2025),
        post16_move_deadline(move_date=D(2026, 1, 5)),
        appeal_deadline(decision_date=D(2026, 1, 31)),
    ]
    assert {d.rule.code for d in produced} == set(RULES)


# ---------------------------------------------------------------------------
# Date arithmetic
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # non-leap: clamp to 28 Feb
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap: clamp to 29 Feb
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),  # leap day + 12 months
        (D(2028, 2, 29), 48, D(2032, 2, 29)),  # to the next leap year keeps 29 Feb
        (D(2025, 3, 31), 1, D(2025, 4, 30)),
        (D(2025, 12, 31), 2, D(2026, 2, 28)),  # across the year end
        (D(2025, 11, 15), 3, D(2026, 2, 15)),
        (D(2025, 5, 31), -3, D(2025, 2, 28)),  # backwards
        (D(2024, 12, 31), -12, D(2023, 12, 31)),
        (D(2025, 1, 15), 0, D(2025, 1, 15)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 1, 15), 12, D(2026, 1, 14)),  # the period includes its first day
        (D(2025, 9, 1), 12, D(2026, 8, 31)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),  # no 29 Feb 2029: ends on the month's last day
        (D(2027, 3, 1), 12, D(2028, 2, 29)),  # ends on a leap day
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 3, 31), 6, D(2025, 9, 30)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
    ],
)
def test_last_day_of_months_starting(start, months, expected):
    assert last_day_of_months_starting(start, months) == expected


def test_add_days_and_weeks():
    assert add_days(D(2025, 12, 30), 3) == D(2026, 1, 2)
    assert add_days(D(2026, 3, 20), -14) == D(2026, 3, 6)
    assert add_weeks(D(2025, 9, 1), 6) == D(2025, 10, 13)
    assert add_weeks(D(2028, 2, 1), 4) == D(2028, 2, 29)


CHRISTMAS_2025 = frozenset({D(2025, 12, 25), D(2025, 12, 26), D(2026, 1, 1)})
EASTER_2026 = frozenset({D(2026, 4, 3), D(2026, 4, 6)})


@pytest.mark.parametrize(
    ("start", "n", "holidays", "weekend", "expected"),
    [
        (D(2025, 9, 5), 1, frozenset(), (5, 6), D(2025, 9, 8)),  # Fri + 1 = Mon
        (D(2025, 9, 5), 5, frozenset(), (5, 6), D(2025, 9, 12)),
        (D(2025, 9, 1), 0, frozenset(), (5, 6), D(2025, 9, 1)),
        (D(2025, 9, 6), 1, frozenset(), (5, 6), D(2025, 9, 8)),  # from a Saturday
        (D(2025, 9, 1), 10, frozenset(), (5, 6), D(2025, 9, 15)),
        (D(2025, 12, 24), 1, CHRISTMAS_2025, (5, 6), D(2025, 12, 29)),
        (D(2025, 12, 18), 5, CHRISTMAS_2025, (5, 6), D(2025, 12, 29)),
        (D(2025, 12, 30), 2, CHRISTMAS_2025, (5, 6), D(2026, 1, 2)),
        (D(2026, 4, 2), 1, EASTER_2026, (5, 6), D(2026, 4, 7)),
        (D(2025, 9, 8), -1, frozenset(), (5, 6), D(2025, 9, 5)),  # backwards over a weekend
        (D(2026, 4, 7), -1, EASTER_2026, (5, 6), D(2026, 4, 2)),
        (D(2025, 9, 4), 1, frozenset(), (4, 5), D(2025, 9, 7)),  # Fri/Sat weekend: Thu + 1 = Sun
    ],
)
def test_add_working_days(start, n, holidays, weekend, expected):
    assert add_working_days(start, n, holidays, weekend) == expected


def test_add_working_days_rejects_a_week_of_weekends():
    with pytest.raises(ValueError):
        add_working_days(D(2025, 9, 1), 1, weekend=(0, 1, 2, 3, 4, 5, 6))


@pytest.mark.parametrize(
    ("dob", "expected"),
    [
        (D(2020, 2, 29), D(2025, 3, 1)),
        (D(2024, 2, 29), D(2029, 3, 1)),
        (D(2019, 2, 28), D(2024, 2, 28)),
        (D(2021, 9, 1), D(2026, 9, 1)),
    ],
)
def test_fifth_birthday(dob, expected):
    assert fifth_birthday(dob) == expected


# ---------------------------------------------------------------------------
# Deadline status
# ---------------------------------------------------------------------------

FINAL_DUE = D(2026, 1, 19)


def _final(**kwargs) -> Deadline:
    return Deadline(rule=dl.FINAL_PLAN, due=FINAL_DUE, start=D(2025, 9, 1), **kwargs)


@pytest.mark.parametrize(
    ("today", "expected", "remaining"),
    [
        (D(2025, 9, 1), "upcoming", 140),
        (D(2026, 1, 11), "upcoming", 8),
        (D(2026, 1, 12), "due", 7),  # 7 days ahead is inside the window
        (D(2026, 1, 13), "due", 6),
        (D(2026, 1, 19), "due", 0),  # due today
        (D(2026, 1, 20), "overdue", -1),
        (D(2026, 1, 29), "overdue", -10),
    ],
)
def test_status_by_date(today, expected, remaining):
    deadline = _final()
    assert deadline.status(today) == expected
    assert deadline.days_remaining(today) == remaining


def test_due_window_is_a_parameter():
    assert _final().status(D(2026, 1, 5)) == "upcoming"
    assert _final().status(D(2026, 1, 5), due_window_days=14) == "due"
    assert _final().status(D(2026, 1, 19), due_window_days=0) == "due"
    assert _final().status(D(2026, 1, 18), due_window_days=0) == "upcoming"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"met_on": D(2026, 1, 19)}, "met"),  # on the last day is on time
        ({"met_on": D(2025, 12, 1)}, "met"),
        ({"met_on": D(2026, 1, 20)}, "met_late"),
        ({"excepted_reason": "School closed"}, "excepted"),
        ({"excepted_reason": "School closed", "met_on": D(2026, 2, 20)}, "met"),  # the limit did not apply
        ({"stopped_reason": "pupil left on 2025-11-01"}, "stopped"),
        ({"stopped_reason": "plan ceased", "excepted_reason": "School closed"}, "stopped"),
        ({"stopped_reason": "pupil left", "met_on": D(2026, 1, 2)}, "met"),  # history is kept
    ],
)
def test_status_met_excepted_stopped(kwargs, expected):
    # Asked long after the due date: only the recorded facts decide the status.
    assert _final(**kwargs).status(D(2026, 6, 1)) == expected


def test_excepted_deadline_keeps_its_normal_due_date():
    (decision, final) = assessment_deadlines(request_received=D(2025, 9, 1), exception="away_from_area")
    assert decision.due == D(2025, 10, 13) and final.due == D(2026, 1, 19)
    assert final.days_remaining(D(2026, 1, 29)) == -10
    assert final.status(D(2026, 1, 29)) == "excepted"


# ---------------------------------------------------------------------------
# EHC needs assessment
# ---------------------------------------------------------------------------


def test_worked_example_from_the_reference():
    deadlines = assessment_deadlines(request_received=D(2025, 9, 1))
    assert [(d.rule.code, d.due, d.start) for d in deadlines] == [
        ("assessment_decision", D(2025, 10, 13), D(2025, 9, 1)),
        ("final_plan", D(2026, 1, 19), D(2025, 9, 1)),
    ]


def test_full_assessment_timeline():
    deadlines = assessment_deadlines(
        request_made=D(2025, 8, 28),
        request_received=D(2025, 9, 1),
        decision_made=D(2025, 10, 10),
        decided_to_assess=True,
        advice_requests=[
            ("Educational psychologist", D(2025, 10, 20), D(2025, 12, 2)),
            ("School", D(2025, 10, 20), D(2025, 11, 14)),
        ],
        draft_sent=D(2025, 12, 15),
        draft_comments_received=D(2025, 12, 29),
        final_issued=D(2026, 1, 16),
    )
    got = [(d.rule.code, d.label, d.due, d.met_on, d.status(D(2026, 2, 1))) for d in deadlines]
    assert got == [
        ("assessment_decision", None, D(2025, 10, 13), D(2025, 10, 10), "met"),
        ("advice_return", "Educational psychologist", D(2025, 12, 1), D(2025, 12, 2), "met_late"),
        ("advice_return", "School", D(2025, 12, 1), D(2025, 11, 14), "met"),
        ("draft_comments", None, D(2025, 12, 29), D(2025, 12, 29), "met"),  # 15 days counting 15 Dec
        ("final_plan", None, D(2026, 1, 19), D(2026, 1, 16), "met"),
    ]


def test_sixteen_week_notice_runs_while_assessing_without_a_draft():
    deadlines = by_code(
        assessment_deadlines(
            request_received=D(2025, 9, 1), decision_made=D(2025, 10, 1), decided_to_assess=True
        )
    )
    assert list(deadlines) == ["assessment_decision", "no_plan_notice", "final_plan"]
    assert deadlines["no_plan_notice"].due == D(2025, 12, 22)
    assert deadlines["no_plan_notice"].status(D(2025, 12, 23)) == "overdue"


def test_decision_not_to_issue_meets_16_weeks_and_stops_final_plan():
    deadlines = by_code(
        assessment_deadlines(
            request_received=D(2025, 9, 1),
            decision_made=D(2025, 10, 1),
            decided_to_assess=True,
            decided_not_to_issue=D(2025, 12, 20),
        )
    )
    assert deadlines["no_plan_notice"].met_on == D(2025, 12, 20)
    assert deadlines["no_plan_notice"].status(D(2026, 3, 1)) == "met"
    assert deadlines["final_plan"].stopped_reason == "LA decided not to issue a plan on 2025-12-20"
    assert deadlines["final_plan"].status(D(2026, 3, 1)) == "stopped"


def test_decision_not_to_assess_stops_the_later_deadlines():
    deadlines = assessment_deadlines(
        request_received=D(2025, 9, 1), decision_made=D(2025, 10, 8), decided_to_assess=False
    )
    assert [(d.rule.code, d.due, d.status(D(2026, 3, 1)), d.stopped_reason) for d in deadlines] == [
        ("assessment_decision", D(2025, 10, 13), "met", None),
        ("no_plan_notice", D(2025, 12, 22), "stopped", "LA decided not to assess on 2025-10-08"),
        ("final_plan", D(2026, 1, 19), "stopped", "LA decided not to assess on 2025-10-08"),
    ]


def test_late_decision_and_late_final_plan():
    deadlines = by_code(
        assessment_deadlines(
            request_received=D(2025, 9, 1),
            decision_made=D(2025, 10, 14),
            decided_to_assess=True,
            draft_sent=D(2026, 1, 10),
            final_issued=D(2026, 2, 2),
        )
    )
    assert deadlines["assessment_decision"].status(D(2026, 3, 1)) == "met_late"
    assert deadlines["final_plan"].status(D(2026, 3, 1)) == "met_late"
    assert "no_plan_notice" not in deadlines  # a plan was drafted, so the 16 weeks never applied


def test_exception_marks_only_excepted_capable_deadlines():
    deadlines = by_code(
        assessment_deadlines(
            request_received=D(2025, 9, 1),
            decision_made=D(2025, 10, 1),
            decided_to_assess=True,
            advice_requests=[("Health", D(2025, 10, 2), None)],
            exception="school_closed",
        )
    )
    label = dl.EXCEPTION_GROUNDS["school_closed"]
    assert deadlines["no_plan_notice"].excepted_reason == label
    assert deadlines["final_plan"].excepted_reason == label
    assert deadlines["final_plan"].status(D(2026, 2, 1)) == "excepted"
    assert deadlines["Health"].excepted_reason is None  # Reg 8(2) grounds are recorded per advice
    assert deadlines["Health"].status(D(2026, 2, 1)) == "overdue"


def test_free_text_exception_and_advice_exception():
    deadlines = by_code(
        assessment_deadlines(
            request_received=D(2025, 9, 1),
            decision_made=D(2025, 10, 1),
            decided_to_assess=True,
            advice_requests=[("Paediatrician", D(2025, 10, 2), None, "Missed clinic appointment")],
            exception="Parent in hospital Oct-Nov",
        )
    )
    assert deadlines["final_plan"].excepted_reason == "Parent in hospital Oct-Nov"
    assert deadlines["Paediatrician"].excepted_reason == "Missed clinic appointment"
    assert deadlines["Paediatrician"].due == D(2025, 11, 13)
    assert deadlines["Paediatrician"].status(D(2025, 12, 1)) == "excepted"


def test_stopped_reason_stops_unmet_deadlines_and_keeps_met_ones():
    reason = "pupil left on 2025-11-01"
    deadlines = by_code(
        assessment_deadlines(
            request_received=D(2025, 9, 1),
            decision_made=D(2025, 10, 1),
            decided_to_assess=True,
            stopped_reason=reason,
        )
    )
    assert deadlines["assessment_decision"].stopped_reason is None
    assert deadlines["assessment_decision"].status(D(2026, 1, 1)) == "met"
    assert deadlines["final_plan"].stopped_reason == reason
    assert deadlines["no_plan_notice"].status(D(2026, 1, 1)) == "stopped"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2025, 9, 1), "upcoming"),
        (D(2025, 10, 6), "due"),
        (D(2025, 10, 13), "due"),
        (D(2025, 10, 14), "overdue"),
    ],
)
def test_undecided_request_status_over_time(today, expected):
    (decision, _final_plan) = assessment_deadlines(request_received=D(2025, 9, 1))
    assert decision.status(today) == expected


ASSESSMENT_BASE = {"request_received": D(2025, 9, 1)}
DECIDED = {"decision_made": D(2025, 10, 1), "decided_to_assess": True}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"request_made": D(2025, 9, 2)}, "request_received"),
        ({"decision_made": D(2025, 8, 31), "decided_to_assess": True}, "decision_made"),
        ({"decided_to_assess": True}, "decision_made"),
        ({"decision_made": D(2025, 10, 1)}, "decided_to_assess"),
        ({**DECIDED, "advice_requests": [("EP", D(2025, 8, 30), None)]}, "advice_requests"),
        ({**DECIDED, "advice_requests": [("EP", D(2025, 10, 2), D(2025, 10, 1))]}, "advice_requests"),
        ({"draft_sent": D(2025, 8, 1)}, "draft_sent"),
        ({**DECIDED, "draft_sent": D(2025, 9, 30)}, "draft_sent"),
        ({**DECIDED, "draft_comments_received": D(2025, 12, 1)}, "draft_comments_received"),
        (
            {**DECIDED, "draft_sent": D(2025, 12, 1), "draft_comments_received": D(2025, 11, 30)},
            "draft_comments_received",
        ),
        ({"final_issued": D(2025, 8, 1)}, "final_issued"),
        ({**DECIDED, "draft_sent": D(2025, 12, 1), "final_issued": D(2025, 11, 30)}, "final_issued"),
        ({**DECIDED, "final_issued": D(2025, 9, 30)}, "final_issued"),
        ({**DECIDED, "decided_not_to_issue": D(2025, 9, 30)}, "decided_not_to_issue"),
        ({"decided_not_to_issue": D(2025, 8, 30)}, "decided_not_to_issue"),
        (
            {**DECIDED, "decided_not_to_issue": D(2025, 12, 1), "final_issued": D(2026, 1, 1)},
            "decided_not_to_issue",
        ),
        (
            {"decision_made": D(2025, 10, 1), "decided_to_assess": False, "draft_sent": D(2025, 12, 1)},
            "decided_to_assess",
        ),
        (
            {
                "decision_made": D(2025, 10, 1),
                "decided_to_assess": False,
                "advice_requests": [("EP", D(2025, 10, 2), None)],
            },
            "decided_to_assess",
        ),
    ],
)
def test_impossible_assessment_dates_raise_timeline_error(kwargs, field):
    with pytest.raises(TimelineError) as excinfo:
        validate_assessment_dates(**ASSESSMENT_BASE, **kwargs)
    assert excinfo.value.field == field
    assert isinstance(excinfo.value, ValueError)
    # The engine runs the same validation.
    with pytest.raises(TimelineError):
        assessment_deadlines(**ASSESSMENT_BASE, **kwargs)


def test_same_day_events_are_valid():
    validate_assessment_dates(
        request_made=D(2025, 9, 1),
        request_received=D(2025, 9, 1),
        decision_made=D(2025, 9, 1),
        decided_to_assess=True,
        advice_requests=[("EP", D(2025, 9, 1), D(2025, 9, 1))],
        draft_sent=D(2025, 9, 1),
        draft_comments_received=D(2025, 9, 1),
        final_issued=D(2025, 9, 1),
    )


# ---------------------------------------------------------------------------
# Annual review
# ---------------------------------------------------------------------------

OLDER_CHILD = D(2015, 5, 1)


@pytest.mark.parametrize(
    ("plan_issued", "last_review", "expected_start", "expected_due"),
    [
        (D(2025, 1, 15), None, D(2025, 1, 15), D(2026, 1, 14)),  # first review: 12 months of the plan
        (D(2028, 2, 29), None, D(2028, 2, 29), D(2029, 2, 28)),  # leap-day plan
        (D(2027, 3, 1), None, D(2027, 3, 1), D(2028, 2, 29)),  # period ends on a leap day
        (D(2025, 1, 15), D(2025, 10, 1), D(2025, 10, 1), D(2026, 9, 30)),  # early review restarts the clock
        (D(2024, 1, 15), D(2025, 3, 10), D(2025, 3, 10), D(2026, 3, 9)),  # late review restarts it too
        (D(2023, 5, 31), D(2025, 8, 31), D(2025, 8, 31), D(2026, 8, 30)),
    ],
)
def test_annual_review_due(plan_issued, last_review, expected_start, expected_due):
    deadline = annual_review_due(
        plan_issued=plan_issued, last_review_meeting=last_review, date_of_birth=OLDER_CHILD
    )
    assert deadline.rule.code == "annual_review"
    assert (deadline.start, deadline.due) == (expected_start, expected_due)


@pytest.mark.parametrize(
    ("dob", "interval", "rule_code", "due"),
    [
        (D(2022, 3, 1), 6, "annual_review_under5", D(2025, 7, 9)),
        (D(2022, 3, 1), 3, "annual_review_under5", D(2025, 4, 9)),
        (D(2022, 3, 1), 1, "annual_review_under5", D(2025, 4, 9)),  # clamped up to 3 months
        (D(2022, 3, 1), 12, "annual_review_under5", D(2025, 7, 9)),  # clamped down to 6 months
        (D(2020, 7, 10), 6, "annual_review_under5", D(2025, 7, 9)),  # still 4 on the due date
        (D(2020, 7, 9), 6, "annual_review", D(2026, 1, 9)),  # turns 5 on that day
        (D(2020, 5, 1), 6, "annual_review", D(2026, 1, 9)),  # 5 before the shorter review is due
        (D(2020, 2, 29), 3, "annual_review", D(2026, 1, 9)),  # leap-day child is 5 from 1 Mar 2025
    ],
)
def test_under5_reviews(dob, interval, rule_code, due):
    deadline = annual_review_due(
        plan_issued=D(2025, 1, 10),
        last_review_meeting=None,
        date_of_birth=dob,
        under5_interval_months=interval,
    )
    assert (deadline.rule.code, deadline.due) == (rule_code, due)


def test_under5_review_restarts_from_last_meeting():
    deadline = annual_review_due(
        plan_issued=D(2024, 11, 4), last_review_meeting=D(2025, 5, 20), date_of_birth=D(2022, 1, 10)
    )
    assert (deadline.rule.code, deadline.start, deadline.due) == (
        "annual_review_under5",
        D(2025, 5, 20),
        D(2025, 11, 19),
    )


def test_annual_review_status_and_stop():
    deadline = annual_review_due(plan_issued=D(2025, 1, 15), date_of_birth=OLDER_CHILD, today=D(2026, 1, 10))
    assert deadline.status(D(2026, 1, 10)) == "due"
    assert deadline.status(D(2026, 1, 15)) == "overdue"
    ceased = annual_review_due(
        plan_issued=D(2025, 1, 15), date_of_birth=OLDER_CHILD, stopped_reason="plan ceased on 2025-11-01"
    )
    assert ceased.status(D(2026, 1, 15)) == "stopped"
    assert ceased.stopped_reason == "plan ceased on 2025-11-01"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"plan_issued": D(2025, 1, 15), "last_review_meeting": D(2025, 1, 14)}, "last_review_meeting"),
        ({"plan_issued": D(2014, 1, 15)}, "plan_issued"),  # before the child was born
        ({"plan_issued": D(2025, 1, 15), "today": D(2025, 1, 1)}, "plan_issued"),
        (
            {"plan_issued": D(2025, 1, 15), "last_review_meeting": D(2025, 12, 1), "today": D(2025, 11, 1)},
            "last_review_meeting",
        ),
    ],
)
def test_impossible_review_dates_raise(kwargs, field):
    with pytest.raises(TimelineError) as excinfo:
        annual_review_due(date_of_birth=OLDER_CHILD, **kwargs)
    assert excinfo.value.field == field


# ---------------------------------------------------------------------------
# Phase transfer
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nc_year", "phase", "extra", "expected"),
    [
        (-1, "nursery", {}, "early_years_to_school"),  # N2
        (-2, "nursery", {}, None),  # N1
        (-1, "primary", {}, None),  # nursery class stays in the same school
        (6, "primary", {}, "primary_to_secondary"),
        (5, "primary", {}, None),
        (2, "infant", {}, "infant_to_junior"),
        (1, "infant", {}, None),
        (6, "junior", {}, "primary_to_secondary"),
        (8, "middle", {}, "middle_to_upper"),
        (7, "middle", {}, None),
        (7, "middle", {"middle_school_last_year": 7}, "middle_to_upper"),
        (11, "secondary", {}, "secondary_to_post16"),  # no sixth form by default
        (11, "secondary", {"has_sixth_form": True}, None),
        (10, "secondary", {}, None),
        (13, "secondary", {"has_sixth_form": True}, None),
        (11, "all-through", {}, "secondary_to_post16"),
        (11, "all-through", {"has_sixth_form": True}, None),
        (6, "all-through", {}, None),
        (11, "special", {}, None),
        (11, "special", {"override": True}, "secondary_to_post16"),
        (6, "special", {"override": True}, "primary_to_secondary"),
        (-1, "special", {"override": True}, "early_years_to_school"),
        (6, "ap", {}, None),
        (6, "ap", {"override": True}, "primary_to_secondary"),
        (6, "primary", {"override": False}, None),
        (11, "secondary", {"has_sixth_form": True, "override": True}, "secondary_to_post16"),
        (12, "post-16", {}, None),
    ],
)
def test_transfer_year(nc_year, phase, extra, expected):
    assert transfer_year(nc_year=nc_year, school_phase=phase, **extra) == expected


@pytest.mark.parametrize(("nc_year", "phase"), [(6, "grammar"), (15, "secondary"), (-3, "nursery")])
def test_transfer_year_rejects_unknown_input(nc_year, phase):
    with pytest.raises(ValueError):
        transfer_year(nc_year=nc_year, school_phase=phase)


@pytest.mark.parametrize(
    ("kind", "school_year_start", "rule_code", "due"),
    [
        ("primary_to_secondary", 2025, "phase_transfer", D(2026, 2, 14)),  # before 15 Feb 2026
        ("infant_to_junior", 2024, "phase_transfer", D(2025, 2, 14)),
        ("early_years_to_school", 2027, "phase_transfer", D(2028, 2, 14)),
        ("middle_to_upper", 2025, "phase_transfer", D(2026, 2, 14)),
        ("secondary_to_post16", 2025, "phase_transfer_post16", D(2026, 3, 30)),  # before 31 Mar 2026
        ("secondary_to_post16", 2027, "phase_transfer_post16", D(2028, 3, 30)),
    ],
)
def test_phase_transfer_deadline(kind, school_year_start, rule_code, due):
    deadline = phase_transfer_deadline(transfer_kind=kind, school_year_start=school_year_start)
    assert (deadline.rule.code, deadline.due, deadline.start) == (rule_code, due, D(school_year_start, 9, 1))
    assert deadline.label == kind


@pytest.mark.parametrize(
    ("kind", "met_on", "expected"),
    [
        ("primary_to_secondary", D(2026, 2, 14), "met"),
        ("primary_to_secondary", D(2026, 2, 15), "met_late"),  # Reg 18 says "before 15 February"
        ("secondary_to_post16", D(2026, 3, 30), "met"),
        ("secondary_to_post16", D(2026, 3, 31), "met_late"),
    ],
)
def test_phase_transfer_boundary(kind, met_on, expected):
    deadline = phase_transfer_deadline(transfer_kind=kind, school_year_start=2025, met_on=met_on)
    assert deadline.status(D(2026, 6, 1)) == expected


def test_year6_pupil_through_the_school_year():
    kind = transfer_year(nc_year=6, school_phase="primary")
    deadline = phase_transfer_deadline(transfer_kind=kind, school_year_start=2025)
    assert deadline.status(D(2025, 9, 1)) == "upcoming"
    assert deadline.status(D(2026, 2, 7)) == "due"
    assert deadline.status(D(2026, 2, 15)) == "overdue"
    left = phase_transfer_deadline(
        transfer_kind=kind, school_year_start=2025, stopped_reason="pupil left on 2025-12-19"
    )
    assert left.status(D(2026, 2, 15)) == "stopped"


def test_phase_transfer_rejects_unknown_kind():
    with pytest.raises(ValueError):
        phase_transfer_deadline(transfer_kind="secondary_to_university", school_year_start=2025)


@pytest.mark.parametrize(
    ("move", "due"),
    [
        (D(2026, 1, 5), D(2025, 8, 5)),
        (D(2026, 7, 31), D(2026, 2, 28)),  # clamped back: still at least 5 months
        (D(2028, 7, 31), D(2028, 2, 29)),
        (D(2026, 4, 30), D(2025, 11, 30)),
    ],
)
def test_post16_move_deadline(move, due):
    deadline = post16_move_deadline(move_date=move)
    assert (deadline.rule.code, deadline.due, deadline.start) == ("post16_move", due, move)
    assert add_months(deadline.due, 5) <= move


# ---------------------------------------------------------------------------
# Review meeting workflow
# ---------------------------------------------------------------------------

MEETING = D(2026, 3, 20)


def test_review_meeting_deadlines_year5():
    deadlines = review_meeting_deadlines(meeting_date=MEETING, nc_year=5)
    assert [(d.rule.code, d.due) for d in deadlines] == [
        ("review_invitations", D(2026, 3, 6)),
        ("review_advice", D(2026, 3, 6)),
        ("review_report", D(2026, 4, 3)),
        ("review_la_decision", D(2026, 4, 17)),
    ]


@pytest.mark.parametrize(("nc_year", "has_pfa"), [(8, False), (9, True), (11, True), (13, True)])
def test_preparing_for_adulthood_from_year_9(nc_year, has_pfa):
    codes = [d.rule.code for d in review_meeting_deadlines(meeting_date=MEETING, nc_year=nc_year)]
    assert ("preparing_for_adulthood" in codes) is has_pfa


def test_preparing_for_adulthood_met_when_discussed():
    pfa = review_meeting_deadlines(meeting_date=MEETING, nc_year=9, pfa_discussed=True)[-1]
    assert (pfa.due, pfa.met_on, pfa.status(D(2026, 4, 1))) == (MEETING, MEETING, "met")
    missed = review_meeting_deadlines(meeting_date=MEETING, nc_year=9)[-1]
    assert missed.status(MEETING) == "due"
    assert missed.status(D(2026, 3, 21)) == "overdue"


def test_review_meeting_events_met_or_late():
    deadlines = by_code(
        review_meeting_deadlines(
            meeting_date=MEETING,
            invitations_sent=D(2026, 3, 6),  # exactly two weeks before
            advice_circulated=D(2026, 3, 9),  # 11 days before: too late
            report_sent=D(2026, 4, 3),
            la_decision=D(2026, 4, 20),
            nc_year=5,
        )
    )
    today = D(2026, 5, 1)
    assert deadlines["review_invitations"].status(today) == "met"
    assert deadlines["review_advice"].status(today) == "met_late"
    assert deadlines["review_report"].status(today) == "met"
    assert deadlines["review_la_decision"].status(today) == "met_late"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"invitations_sent": D(2026, 3, 21)}, "invitations_sent"),
        ({"advice_circulated": D(2026, 3, 21)}, "advice_circulated"),
        ({"report_sent": D(2026, 3, 19)}, "report_sent"),
        ({"la_decision": D(2026, 3, 19)}, "la_decision"),
    ],
)
def test_impossible_review_meeting_dates_raise(kwargs, field):
    with pytest.raises(TimelineError) as excinfo:
        review_meeting_deadlines(meeting_date=MEETING, nc_year=5, **kwargs)
    assert excinfo.value.field == field


# ---------------------------------------------------------------------------
# Amendment
# ---------------------------------------------------------------------------


def test_amendment_deadlines():
    comments, final = amendment_deadlines(notice_sent=D(2026, 4, 20))
    assert (comments.rule.code, comments.due) == ("amendment_comments", D(2026, 5, 4))
    assert (final.rule.code, final.due) == ("amendment_final", D(2026, 6, 15))


def test_amendment_met_and_late():
    comments, final = amendment_deadlines(
        notice_sent=D(2026, 4, 20), comments_received=D(2026, 5, 5), final_issued=D(2026, 6, 15)
    )
    assert comments.status(D(2026, 7, 1)) == "met_late"
    assert final.status(D(2026, 7, 1)) == "met"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"comments_received": D(2026, 4, 19)}, "comments_received"),
        ({"final_issued": D(2026, 4, 1)}, "final_issued"),
    ],
)
def test_impossible_amendment_dates_raise(kwargs, field):
    with pytest.raises(TimelineError) as excinfo:
        amendment_deadlines(notice_sent=D(2026, 4, 20), **kwargs)
    assert excinfo.value.field == field


# ---------------------------------------------------------------------------
# Tribunal appeal
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "certificate", "due", "start"),
    [
        (D(2026, 1, 31), None, D(2026, 3, 31), D(2026, 1, 31)),
        (D(2025, 12, 31), None, D(2026, 2, 28), D(2025, 12, 31)),
        (D(2027, 12, 31), None, D(2028, 2, 29), D(2027, 12, 31)),
        (D(2026, 3, 10), D(2026, 4, 20), D(2026, 5, 20), D(2026, 4, 20)),  # certificate month is later
        (D(2026, 3, 10), D(2026, 3, 15), D(2026, 5, 10), D(2026, 3, 10)),  # two months is later
        (D(2026, 3, 10), D(2026, 4, 10), D(2026, 5, 10), D(2026, 3, 10)),  # equal: either
    ],
)
def test_appeal_deadline(decision, certificate, due, start):
    deadline = appeal_deadline(decision_date=decision, mediation_certificate_date=certificate)
    assert (deadline.rule.code, deadline.due, deadline.start) == ("tribunal_appeal", due, start)


def test_appeal_lodged():
    deadline = appeal_deadline(decision_date=D(2026, 1, 31), lodged_on=D(2026, 4, 1))
    assert deadline.status(D(2026, 5, 1)) == "met_late"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"mediation_certificate_date": D(2026, 1, 30)}, "mediation_certificate_date"),
        ({"lodged_on": D(2026, 1, 30)}, "lodged_on"),
    ],
)
def test_impossible_appeal_dates_raise(kwargs, field):
    with pytest.raises(TimelineError) as excinfo:
        appeal_deadline(decision_date=D(2026, 1, 31), **kwargs)
    assert excinfo.value.field == field

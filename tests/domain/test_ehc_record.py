"""Tests for the whole-record deadline computation (sendco.domain.ehc_record); pure Python."""

from datetime import date

import pytest

from sendco.domain import deadlines as dl
from sendco.domain.ehc_record import (
    INTERPRETATIONS,
    AdviceEvents,
    AmendmentEvents,
    LaPaperwork,
    PlanEvents,
    PupilFacts,
    RequestEvents,
    ReviewEvents,
    bucket,
    describe_due,
    half_term_end,
    la_paperwork_deadline,
    nc_year_on,
    plan_deadlines,
    record_deadlines,
    request_deadlines,
)

D = date
TODAY = D(2026, 11, 23)
Y10 = PupilFacts(date_of_birth=D(2011, 5, 4), nc_year=10, school_phase="secondary")
Y6 = PupilFacts(date_of_birth=D(2015, 5, 4), nc_year=6, school_phase="primary")
Y11 = PupilFacts(date_of_birth=D(2010, 5, 4), nc_year=11, school_phase="secondary")


def codes(tracked):
    return [t.rule.code for t in tracked]


def only(tracked, code):
    found = [t for t in tracked if t.rule.code == code]
    assert len(found) == 1, codes(tracked)
    return found[0]


# --- requests -------------------------------------------------------------------------------


def test_request_not_yet_received_has_no_deadlines():
    assert request_deadlines(RequestEvents(1, "Leeds", request_made=D(2026, 9, 1)), Y10) == []


def test_received_request_starts_the_6_and_20_week_clocks():
    found = request_deadlines(RequestEvents(1, "Leeds", request_received=D(2025, 9, 1)), Y10)
    assert only(found, "assessment_decision").deadline.due == D(2025, 10, 13)  # reference example
    assert only(found, "final_plan").deadline.due == D(2026, 1, 19)
    assert all(t.kind == "request" and t.la == "Leeds" and t.root_id == 1 for t in found)


def test_request_advice_deadlines_carry_labels():
    request = RequestEvents(
        1,
        "Leeds",
        request_received=D(2026, 9, 1),
        decision_made=D(2026, 10, 1),
        decided_to_assess=True,
        advice=(AdviceEvents(5, "Educational psychologist", D(2026, 10, 2)),),
    )
    advice = only(request_deadlines(request, Y10), "advice_return")
    assert advice.deadline.label == "Educational psychologist"
    assert advice.deadline.due == D(2026, 11, 13)


def test_request_exception_marks_excepted():
    request = RequestEvents(1, "Leeds", request_received=D(2026, 9, 1), exception="away_from_area")
    decision = only(request_deadlines(request, Y10), "assessment_decision")
    assert decision.status(TODAY) == "excepted"
    assert "away from" in decision.deadline.excepted_reason


def test_withdrawn_request_stops_open_deadlines_with_reason():
    request = RequestEvents(1, "Leeds", request_received=D(2026, 9, 1), withdrawn_on=D(2026, 9, 20))
    found = request_deadlines(request, Y10)
    assert {t.status(TODAY) for t in found} == {"stopped"}
    assert "withdrawn on 20 September 2026" in found[0].deadline.stopped_reason


def test_pupil_leaving_stops_request_deadlines():
    left = PupilFacts(D(2011, 5, 4), 10, "secondary", left_on=D(2026, 10, 1))
    found = request_deadlines(RequestEvents(1, "Leeds", request_received=D(2026, 9, 1)), left)
    assert all("left the school on 1 October 2026" in t.deadline.stopped_reason for t in found)


def test_request_met_steps_stay_met_after_pupil_left():
    left = PupilFacts(D(2011, 5, 4), 10, "secondary", left_on=D(2026, 10, 20))
    request = RequestEvents(
        1, "Leeds", request_received=D(2026, 9, 1), decision_made=D(2026, 10, 1), decided_to_assess=True
    )
    found = request_deadlines(request, left)
    assert only(found, "assessment_decision").status(TODAY) == "met"
    assert only(found, "final_plan").status(TODAY) == "stopped"


def test_request_with_impossible_dates_is_refused():
    with pytest.raises(dl.TimelineError) as err:
        request_deadlines(
            RequestEvents(1, "Leeds", request_made=D(2026, 9, 10), request_received=D(2026, 9, 1)), Y10
        )
    assert err.value.field == "request_received"


def test_final_plan_before_request_is_refused():
    with pytest.raises(dl.TimelineError) as err:
        request_deadlines(
            RequestEvents(1, "L", request_received=D(2026, 9, 1), final_issued=D(2026, 8, 1)), Y10
        )
    assert err.value.field == "final_issued"


# --- annual reviews ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued", "held", "expected_due"),
    [
        (D(2026, 3, 10), [], D(2027, 3, 9)),  # day before the anniversary (s44(1))
        (D(2025, 12, 1), [D(2026, 11, 1)], D(2027, 10, 31)),  # early review resets the clock
        (D(2024, 6, 15), [D(2025, 7, 1)], D(2026, 6, 30)),  # late review still resets it
        (D(2024, 2, 29), [], D(2025, 2, 28)),  # leap day
        (D(2025, 3, 1), [], D(2026, 2, 28)),
        (D(2027, 3, 1), [], D(2028, 2, 29)),  # period ends on a leap day
        (D(2024, 1, 31), [D(2025, 1, 15), D(2026, 1, 14)], D(2027, 1, 13)),  # two held reviews
        (D(2025, 8, 31), [], D(2026, 8, 30)),
    ],
)
def test_next_annual_review_due(issued, held, expected_due):
    reviews = tuple(ReviewEvents(i, d, held=True) for i, d in enumerate(held, 1))
    found = plan_deadlines(PlanEvents(1, "Leeds", issued, reviews=reviews), Y10, today=TODAY)
    open_reviews = [t for t in found if t.rule.code == "annual_review" and t.deadline.met_on is None]
    assert len(open_reviews) == 1
    assert open_reviews[0].deadline.due == expected_due


def test_past_reviews_are_met_or_late():
    reviews = (ReviewEvents(1, D(2025, 2, 20), held=True), ReviewEvents(2, D(2026, 4, 1), held=True))
    found = plan_deadlines(PlanEvents(1, "L", D(2024, 3, 1), reviews=reviews), Y10, today=TODAY)
    past = [t.status(TODAY) for t in found if t.rule.code == "annual_review" and t.deadline.met_on]
    assert past == ["met", "met_late"]  # 2026-04-01 is after the 2026-02-19 due date


def test_review_overdue_when_not_held():
    found = plan_deadlines(PlanEvents(1, "L", D(2025, 6, 1)), Y10, today=TODAY)
    assert only(found, "annual_review").status(TODAY) == "overdue"


def test_scheduled_review_does_not_count_until_held():
    reviews = (ReviewEvents(1, D(2026, 12, 1)),)
    found = plan_deadlines(PlanEvents(1, "L", D(2026, 1, 10), reviews=reviews), Y10, today=TODAY)
    assert only(found, "annual_review").deadline.met_on is None


def test_cancelled_review_is_ignored():
    reviews = (ReviewEvents(1, D(2026, 2, 1), held=True, cancelled=True),)
    found = plan_deadlines(PlanEvents(1, "L", D(2025, 6, 1), reviews=reviews), Y10, today=TODAY)
    assert codes(found) == ["annual_review"]


def test_under_five_gets_the_shorter_review():
    child = PupilFacts(D(2023, 1, 10), -1, "nursery")
    found = plan_deadlines(PlanEvents(1, "L", D(2026, 9, 1)), child, today=TODAY)
    assert only(found, "annual_review_under5").deadline.due == D(2027, 2, 28)


def test_review_meeting_before_plan_is_refused():
    reviews = (ReviewEvents(1, D(2025, 1, 1), held=True),)
    with pytest.raises(dl.TimelineError) as err:
        plan_deadlines(PlanEvents(1, "L", D(2025, 6, 1), reviews=reviews), Y10, today=TODAY)
    assert err.value.field == "meeting_date"


@pytest.mark.parametrize(
    ("plan", "field"),
    [
        (PlanEvents(1, "L", D(2025, 6, 1), reviews=(ReviewEvents(1, D(2025, 5, 1)),)), "meeting_date"),
        (PlanEvents(1, "L", D(2025, 6, 1), ceased_on=D(2025, 5, 1)), "ceased_on"),
        (PlanEvents(1, "L", D(2010, 6, 1)), "issued_on"),
        (PlanEvents(1, "L", D(2025, 6, 1), amendments=(AmendmentEvents(1, D(2025, 5, 1)),)), "notice_sent"),
    ],
)
def test_impossible_plan_dates_are_refused(plan, field):
    with pytest.raises(dl.TimelineError) as err:
        plan_deadlines(plan, Y10, today=TODAY)
    assert err.value.field == field


def test_cancelled_review_before_issue_is_not_an_error():
    plan = PlanEvents(1, "L", D(2025, 6, 1), reviews=(ReviewEvents(1, D(2025, 5, 1), cancelled=True),))
    assert codes(plan_deadlines(plan, Y10, today=TODAY)) == ["annual_review"]


# --- review meetings --------------------------------------------------------------------------


def test_review_meeting_deadlines_around_the_meeting():
    review = ReviewEvents(7, D(2026, 12, 10))
    found = [
        t for t in plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5), reviews=(review,)), Y10, today=TODAY)
    ]
    assert only(found, "review_invitations").deadline.due == D(2026, 11, 26)
    assert only(found, "review_advice").deadline.due == D(2026, 11, 26)
    assert only(found, "review_report").deadline.due == D(2026, 12, 24)
    assert only(found, "review_la_decision").deadline.due == D(2027, 1, 7)
    assert (
        only(found, "review_invitations").kind == "review"
        and only(found, "review_invitations").subject_id == 7
    )


def test_year_9_review_must_cover_preparing_for_adulthood():
    review = ReviewEvents(7, D(2026, 12, 10))
    found = plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5), reviews=(review,)), Y10, today=TODAY)
    assert "preparing_for_adulthood" in codes(found)


def test_year_8_review_has_no_pfa_deadline():
    y8 = PupilFacts(D(2013, 5, 4), 8, "secondary")
    found = plan_deadlines(
        PlanEvents(1, "L", D(2026, 1, 5), reviews=(ReviewEvents(7, D(2026, 12, 10)),)), y8, today=TODAY
    )
    assert "preparing_for_adulthood" not in codes(found)


def test_pfa_uses_the_year_at_the_meeting_not_today():
    # Now Year 10, but the review two school years ago was in Year 8.
    review = ReviewEvents(7, D(2025, 3, 10), held=True)
    found = plan_deadlines(PlanEvents(1, "L", D(2024, 4, 5), reviews=(review,)), Y10, today=TODAY)
    assert "preparing_for_adulthood" not in codes(found)


def test_pfa_not_discussed_at_held_meeting_is_stopped_with_reason():
    review = ReviewEvents(7, D(2026, 10, 10), held=True)
    found = plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5), reviews=(review,)), Y10, today=TODAY)
    pfa = only(found, "preparing_for_adulthood")
    assert pfa.status(TODAY) == "stopped" and "without discussing" in pfa.deadline.stopped_reason


def test_pfa_discussed_is_met():
    review = ReviewEvents(7, D(2026, 10, 10), held=True, pfa_discussed=True)
    found = plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5), reviews=(review,)), Y10, today=TODAY)
    assert only(found, "preparing_for_adulthood").status(TODAY) == "met"


def test_report_sent_late_is_met_late():
    review = ReviewEvents(7, D(2026, 10, 1), held=True, report_sent=D(2026, 10, 16))
    found = plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5), reviews=(review,)), Y10, today=TODAY)
    assert only(found, "review_report").status(TODAY) == "met_late"


def test_invitations_after_meeting_are_refused():
    review = ReviewEvents(7, D(2026, 10, 1), invitations_sent=D(2026, 10, 2))
    with pytest.raises(dl.TimelineError):
        plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5), reviews=(review,)), Y10, today=TODAY)


# --- LA internal deadlines ----------------------------------------------------------------------


def test_la_paperwork_adds_to_the_statutory_report_deadline():
    review = ReviewEvents(7, D(2026, 11, 2), held=True)  # a Monday
    extra = LaPaperwork("Leeds", 10)
    found = plan_deadlines(
        PlanEvents(1, "Leeds", D(2026, 1, 5), reviews=(review,)), Y10, today=TODAY, la_paperwork=extra
    )
    internal = only(found, "la_review_paperwork")
    assert internal.deadline.due == D(2026, 11, 16)
    assert internal.internal and internal.kind == "internal"
    assert only(found, "review_report").deadline.due == D(2026, 11, 16)  # statutory one still there
    assert "not statutory" in internal.rule.citation


def test_la_paperwork_skips_la_holidays():
    holidays = frozenset({D(2026, 11, 3)})
    d = la_paperwork_deadline(
        LaPaperwork("X", 1, holidays=holidays), meeting_date=D(2026, 11, 2), sent_on=None
    )
    assert d.due == D(2026, 11, 4)


def test_la_paperwork_with_other_working_week():
    # An LA whose offices work Sunday to Thursday: Friday and Saturday do not count.
    d = la_paperwork_deadline(LaPaperwork("X", 2, weekend=(4, 5)), meeting_date=D(2026, 11, 5), sent_on=None)
    assert d.due == D(2026, 11, 9)  # Thu 5 -> Sun 8 (1), Mon 9 (2)


def test_la_paperwork_only_for_the_plans_la():
    review = ReviewEvents(7, D(2026, 11, 2), held=True)
    found = record_deadlines(
        pupil=Y10,
        plans=[PlanEvents(1, "Kirklees", D(2026, 1, 5), reviews=(review,))],
        today=TODAY,
        la_paperwork={"Leeds": LaPaperwork("Leeds", 10)},
    )
    assert "la_review_paperwork" not in codes(found)


def test_zero_working_days_adds_nothing():
    review = ReviewEvents(7, D(2026, 11, 2), held=True)
    plan = PlanEvents(1, "Leeds", D(2026, 1, 5), reviews=(review,))
    found = plan_deadlines(plan, Y10, today=TODAY, la_paperwork=LaPaperwork("Leeds", 0))
    assert "la_review_paperwork" not in codes(found)


# --- amendments --------------------------------------------------------------------------------


def test_amendment_comment_and_final_deadlines():
    plan = PlanEvents(1, "L", D(2026, 1, 5), amendments=(AmendmentEvents(3, D(2026, 11, 1)),))
    found = plan_deadlines(plan, Y10, today=TODAY)
    assert only(found, "amendment_comments").deadline.due == D(2026, 11, 15)
    assert only(found, "amendment_final").deadline.due == D(2026, 12, 27)


def test_amendment_final_before_notice_is_refused():
    plan = PlanEvents(
        1, "L", D(2026, 1, 5), amendments=(AmendmentEvents(3, D(2026, 11, 1), final_issued=D(2026, 10, 1)),)
    )
    with pytest.raises(dl.TimelineError):
        plan_deadlines(plan, Y10, today=TODAY)


# --- ceased plans and leavers ----------------------------------------------------------------------


def test_ceased_plan_keeps_its_deadlines_and_says_why_they_stopped():
    plan = PlanEvents(1, "L", D(2025, 1, 5), ceased_on=D(2026, 1, 1), ceased_reason="Outcomes achieved")
    review = only(plan_deadlines(plan, Y10, today=TODAY), "annual_review")
    assert review.status(TODAY) == "stopped"
    assert review.deadline.stopped_reason == "The plan ceased on 1 January 2026: Outcomes achieved"


def test_pupil_who_left_shows_why_review_stopped():
    left = PupilFacts(D(2011, 5, 4), 10, "secondary", left_on=D(2026, 7, 20))
    review = only(plan_deadlines(PlanEvents(1, "L", D(2025, 9, 5)), left, today=TODAY), "annual_review")
    assert "left the school on 20 July 2026" in review.deadline.stopped_reason


def test_ceased_plan_keeps_met_history():
    plan = PlanEvents(
        1, "L", D(2024, 1, 5), ceased_on=D(2026, 1, 1), reviews=(ReviewEvents(1, D(2024, 12, 1), held=True),)
    )
    statuses = [
        t.status(TODAY) for t in plan_deadlines(plan, Y10, today=TODAY) if t.rule.code == "annual_review"
    ]
    assert statuses == ["met", "stopped"]


# --- phase transfer -----------------------------------------------------------------------------------


def test_year_6_in_primary_gets_the_15_february_deadline():
    found = plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5)), Y6, today=TODAY)
    transfer = only(found, "phase_transfer")
    assert transfer.deadline.due == D(2027, 2, 14)
    assert transfer.kind == "transfer"


def test_year_11_without_sixth_form_gets_the_31_march_deadline():
    transfer = only(
        plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5)), Y11, today=TODAY), "phase_transfer_post16"
    )
    assert transfer.deadline.due == D(2027, 3, 30)


def test_year_11_with_sixth_form_has_no_transfer():
    stays = PupilFacts(D(2010, 5, 4), 11, "secondary", has_sixth_form=True)
    assert "phase_transfer_post16" not in codes(
        plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5)), stays, today=TODAY)
    )


def test_senco_can_force_a_transfer_year():
    special = PupilFacts(D(2015, 5, 4), 6, "special")
    found = plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5), transfer_override=True), special, today=TODAY)
    assert only(found, "phase_transfer").deadline.label == "primary_to_secondary"


def test_senco_can_suppress_a_transfer_year():
    found = plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5), transfer_override=False), Y6, today=TODAY)
    assert "phase_transfer" not in codes(found)


def test_special_school_has_no_transfer_unless_overridden():
    special = PupilFacts(D(2015, 5, 4), 6, "special")
    assert "phase_transfer" not in codes(
        plan_deadlines(PlanEvents(1, "L", D(2026, 1, 5)), special, today=TODAY)
    )


@pytest.mark.parametrize(
    ("final_issued", "status"),
    [(D(2027, 2, 14), "met"), (D(2027, 2, 15), "met_late"), (D(2026, 12, 1), "met")],
)
def test_transfer_met_by_this_years_amended_plan(final_issued, status):
    plan = PlanEvents(
        1, "L", D(2026, 1, 5), amendments=(AmendmentEvents(3, D(2026, 11, 1), final_issued=final_issued),)
    )
    assert only(plan_deadlines(plan, Y6, today=TODAY), "phase_transfer").status(TODAY) == status


def test_last_years_amendment_does_not_meet_this_years_transfer():
    plan = PlanEvents(
        1, "L", D(2025, 1, 5), amendments=(AmendmentEvents(3, D(2025, 5, 1), final_issued=D(2025, 6, 1)),)
    )
    assert only(plan_deadlines(plan, Y6, today=TODAY), "phase_transfer").deadline.met_on is None


def test_transfer_stopped_when_plan_ceased():
    plan = PlanEvents(1, "L", D(2026, 1, 5), ceased_on=D(2026, 10, 1))
    assert only(plan_deadlines(plan, Y6, today=TODAY), "phase_transfer").status(TODAY) == "stopped"


# --- describing dates ------------------------------------------------------------------------------------


def test_transfer_date_reads_before_15_february_so_by_14():
    deadline = dl.phase_transfer_deadline(transfer_kind="primary_to_secondary", school_year_start=2026)
    assert describe_due(deadline) == "before 15 February 2027 (so by 14 February 2027)"


def test_post16_date_reads_before_31_march_so_by_30():
    deadline = dl.phase_transfer_deadline(transfer_kind="secondary_to_post16", school_year_start=2026)
    assert describe_due(deadline) == "before 31 March 2027 (so by 30 March 2027)"


def test_annual_review_date_says_the_period():
    deadline = dl.annual_review_due(plan_issued=D(2026, 3, 10), date_of_birth=D(2015, 1, 1))
    assert describe_due(deadline) == "within the period starting 10 March 2026, so by 9 March 2027"


def test_other_dates_read_by():
    deadline = dl.amendment_deadlines(notice_sent=D(2026, 11, 1))[1]
    assert describe_due(deadline) == "by 27 December 2026"


def test_interpretations_cover_the_two_readings():
    assert "14 February" in INTERPRETATIONS["phase_transfer"]
    assert "day before the anniversary" in INTERPRETATIONS["annual_review"]


# --- whole record, buckets, half terms ---------------------------------------------------


def test_record_deadlines_sorted_by_due_date():
    found = record_deadlines(
        pupil=Y10,
        requests=[RequestEvents(9, "Leeds", request_received=D(2026, 10, 1))],
        plans=[PlanEvents(1, "Kirklees", D(2026, 1, 5))],
        today=TODAY,
    )
    dues = [t.deadline.due for t in found]
    assert dues == sorted(dues)
    assert {t.la for t in found} == {"Leeds", "Kirklees"}


@pytest.mark.parametrize(
    ("today", "nc_now", "on", "expected"),
    [
        (D(2026, 11, 23), 10, D(2026, 9, 1), 10),
        (D(2026, 11, 23), 10, D(2026, 8, 31), 9),
        (D(2026, 11, 23), 10, D(2024, 10, 1), 8),
        (D(2027, 7, 1), 10, D(2026, 9, 30), 10),
    ],
)
def test_nc_year_on(today, nc_now, on, expected):
    assert nc_year_on(nc_now, today, on) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 9, 10), D(2026, 10, 23)),  # Autumn 1
        (D(2026, 10, 28), D(2026, 12, 18)),  # in the half-term holiday: the next half term
        (D(2026, 12, 18), D(2026, 12, 18)),  # last day counts
        (D(2027, 7, 30), D(2027, 10, 22)),  # summer holiday: next year's Autumn 1
    ],
)
def test_half_term_end(today, expected):
    assert half_term_end(today) == expected


def _tracked(due, **kw):
    deadline = dl.Deadline(rule=dl.FINAL_PLAN, due=due, start=D(2026, 1, 1), **kw)
    from sendco.domain.ehc_record import Tracked

    return Tracked(deadline, "request", 1, 1, "L")


@pytest.mark.parametrize(
    ("due", "kw", "expected"),
    [
        (D(2026, 11, 20), {}, "overdue"),
        (D(2026, 11, 23), {}, "this_week"),
        (D(2026, 11, 30), {}, "this_week"),
        (D(2026, 12, 1), {}, "this_half_term"),
        (D(2026, 12, 18), {}, "this_half_term"),
        (D(2026, 12, 19), {}, "later"),
        (D(2026, 11, 1), {"met_on": D(2026, 10, 1)}, None),
        (D(2026, 11, 1), {"stopped_reason": "left"}, None),
        (D(2026, 11, 1), {"excepted_reason": "away"}, "excepted"),
        (D(2027, 1, 1), {"excepted_reason": "away"}, "excepted"),
    ],
)
def test_bucket(due, kw, expected):
    assert bucket(_tracked(due, **kw), TODAY) == expected

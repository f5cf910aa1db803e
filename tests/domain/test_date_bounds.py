"""Inside sendco's date range (domain.date_bounds) no date arithmetic in sendco.domain raises:
the bounds exist so that 9999-12-31 is refused at the door, and these properties check that
everything the door lets through is safe (deadlines, plans, terms, census days)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendco.domain import census, date_bounds, deadlines, support_plans, term_dates
from sendco.domain.deadlines import TimelineError

DATES = st.dates(min_value=date_bounds.EARLIEST, max_value=date_bounds.LATEST)
YEARS = st.integers(min_value=date_bounds.MIN_YEAR, max_value=date_bounds.MAX_YEAR)
FAST = settings(max_examples=60, deadline=None)


def test_the_bounds():
    assert date_bounds.date_problem(date(1900, 1, 1)) is None
    assert date_bounds.date_problem(date(2200, 12, 31)) is None
    assert date_bounds.date_problem(date(1899, 12, 31))
    assert date_bounds.date_problem(date(9999, 12, 31))
    assert date_bounds.year_problem(-1) and date_bounds.year_problem(9999)
    assert date_bounds.year_problem(2026) is None


@FAST
@given(DATES, DATES, st.integers(-1000, 1000))
def test_support_plan_rules(start, review, weeks):
    support_plans.default_review_date(start, weeks)
    support_plans.review_state(review, start)
    support_plans.check_plan_dates(start, review)
    support_plans.check_target(
        description="x", measure="y", due=review, cycle_start=start, cycle_review=review
    )


@FAST
@given(DATES, st.integers(-300, 300), st.integers(-60, 60))
def test_deadline_arithmetic(day, months, working_days):
    deadlines.add_weeks(day, 52)
    deadlines.add_months(day, months)
    deadlines.last_day_of_months_starting(day, 12)
    deadlines.fifth_birthday(day)
    deadlines.add_working_days(day, working_days)
    deadlines.post16_move_deadline(move_date=day)
    deadlines.appeal_deadline(decision_date=day, mediation_certificate_date=day)
    deadlines.amendment_deadlines(notice_sent=day)
    deadlines.review_meeting_deadlines(meeting_date=day, nc_year=9)


@FAST
@given(DATES, DATES, DATES)
def test_statutory_timelines(born, first, second):
    earlier, later = sorted((first, second))
    try:
        deadlines.assessment_deadlines(request_received=earlier, decision_made=later, decided_to_assess=True)
        deadlines.annual_review_due(plan_issued=earlier, last_review_meeting=later, date_of_birth=born)
    except TimelineError:
        pass  # dates that cannot all be true are a field error, which is fine


@FAST
@given(YEARS, DATES)
def test_terms_and_census(year, day):
    term_dates.default_calendar(year)
    term_dates.england_bank_holidays(year)
    term_dates.financial_year_bounds(year, 9)
    term_dates.academic_year_of(day)
    term_dates.financial_year_of(day, 9)
    census.census_days(year)
    census.next_census(day)
    census.previous_census(day)
    census.censuses_between(day, day)


@pytest.mark.parametrize("day", [date_bounds.EARLIEST, date_bounds.LATEST])
def test_the_edges_of_the_range(day):
    test_support_plan_rules.hypothesis.inner_test(day, day, 52)
    test_deadline_arithmetic.hypothesis.inner_test(day, 300, 60)
    test_terms_and_census.hypothesis.inner_test(day.year, day)

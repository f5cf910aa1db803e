from datetime import date

import pytest

from sendco.domain import support_plans as sp


@pytest.mark.parametrize(
    "start,weeks,expected",
    [
        (date(2026, 9, 7), 12, date(2026, 11, 30)),  # Monday + 12 weeks
        (date(2026, 9, 12), 12, date(2026, 12, 4)),  # Saturday start: moved back to Friday
        (date(2026, 9, 7), 0, date(2026, 9, 21)),  # clamped to the minimum of 2 weeks
        (date(2026, 9, 7), 200, date(2027, 9, 6)),  # clamped to 52 weeks
    ],
)
def test_default_review_date(start, weeks, expected):
    assert sp.default_review_date(start, weeks) == expected


@pytest.mark.parametrize(
    "review,expected",
    [
        (date(2026, 1, 9), "overdue"),
        (date(2026, 1, 10), "today"),
        (date(2026, 2, 7), "soon"),
        (date(2026, 2, 8), "later"),
    ],
)
def test_review_state(review, expected):
    assert sp.review_state(review, date(2026, 1, 10), soon_weeks=4) == expected


def test_plan_dates():
    assert sp.check_plan_dates(date(2026, 1, 1), date(2026, 3, 1)) == []
    assert [p.field for p in sp.check_plan_dates(None, None)] == ["start_date", "review_date"]
    assert sp.check_plan_dates(date(2026, 3, 1), date(2026, 3, 1))[0].message.startswith(
        "The review date must"
    )
    assert sp.check_plan_dates(date(2026, 1, 1), date(2027, 6, 1))[0].field == "review_date"


def test_target_rules():
    ok = dict(
        description="Read",
        measure="Check",
        due=date(2026, 3, 1),
        cycle_start=date(2026, 1, 1),
        cycle_review=date(2026, 4, 1),
    )
    assert sp.check_target(**ok) == []
    assert [p.field for p in sp.check_target(**ok | {"measure": " "})] == ["measure"]
    assert [p.field for p in sp.check_target(**ok | {"description": ""})] == ["description"]
    assert [p.field for p in sp.check_target(**ok | {"due": None})] == ["due_date"]
    assert sp.check_target(**ok | {"due": date(2025, 12, 1)})[0].message.startswith("The target date cannot")
    assert sp.check_target(**ok | {"due": date(2028, 1, 1)})[0].field == "due_date"


def test_ratings():
    assert sp.check_ratings([1, 2], {1: "achieved", 2: "not_yet"}) == []
    assert [p.field for p in sp.check_ratings([1, 2], {1: "achieved"})] == ["rating_2"]
    assert [p.field for p in sp.check_ratings([1], {1: "achieved", 9: "partly"})] == ["ratings"]
    assert [p.field for p in sp.check_ratings([1], {1: "brilliant"})] == ["rating_1"]


def test_targets_to_carry():
    ratings = {1: "achieved", 2: "partly", 3: "not_yet", 4: "exceeded"}
    assert sp.targets_to_carry(ratings, "continue") == [2, 3]
    assert sp.targets_to_carry(ratings, "new_targets", {3: False}) == [2]
    assert sp.targets_to_carry(ratings, "continue", {1: True}) == [2, 3]  # achieved ones never carry
    assert sp.targets_to_carry(ratings, "step_down") == []
    assert sp.targets_to_carry(ratings, "ehc_request") == [2, 3]


def test_field_diff():
    changes = sp.field_diff({"a": "1", "b": "2", "gone": "x"}, {"a": "1", "b": "3", "new": "y"})
    assert [(c.key, c.kind) for c in changes] == [("b", "changed"), ("new", "added"), ("gone", "removed")]
    assert sp.field_diff({"a": "1"}, {"a": "1"}) == []

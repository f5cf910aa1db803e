"""Tests for standardised scores: range, bands and areas (pure Python; no Django)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendco.domain import standardised_scores as ss
from sendco.domain.standardised_scores import (
    AREA_CHOICES,
    AREA_LABELS,
    AREAS,
    SCORE_MAX,
    SCORE_MIN,
    SPEED_AREAS,
    band,
    check_score,
    percentile_problem,
    score_problem,
)

# ---------------------------------------------------------------------------
# Constants and areas
# ---------------------------------------------------------------------------


def test_thresholds_are_jcq_values():
    assert (SCORE_MIN, SCORE_MAX) == (40, 160)
    assert (ss.VERY_LOW_MAX, ss.BELOW_AVERAGE_MAX, ss.LOW_AVERAGE_MAX) == (69, 84, 89)
    assert (ss.PERCENTILE_MIN, ss.PERCENTILE_MAX) == (0, 100)


def test_speed_areas_are_the_four_jcq_areas_of_speed_of_working():
    assert SPEED_AREAS == {
        "reading_speed",
        "reading_comprehension_speed",
        "writing_speed",
        "cognitive_processing",
    }


def test_area_codes_are_unique_and_labelled():
    codes = [code for code, _, _ in AREAS]
    assert len(codes) == len(set(codes))
    assert [c for c, _ in AREA_CHOICES] == codes
    assert set(AREA_LABELS) == set(codes)
    assert all(label and label[0].isupper() for label in AREA_LABELS.values())
    assert {"spelling_accuracy", "other"} <= set(codes)


# ---------------------------------------------------------------------------
# Range
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("score", [40, 41, 69, 70, 84, 85, 100, 159, 160])
def test_score_in_range_has_no_problem(score):
    assert score_problem(score) == ""
    check_score(score)  # does not raise


@pytest.mark.parametrize("score", [39, 161, 0, -100, 1000])
def test_score_out_of_range_names_the_range(score):
    assert score_problem(score) == "A standard score is from 40 to 160; check the test's record form."
    with pytest.raises(ValueError, match="from 40 to 160"):
        check_score(score)


@pytest.mark.parametrize("score", [True, False, 100.0, 84.5, "100", None, [100]])
def test_score_must_be_a_whole_number(score):
    assert score_problem(score) == "Enter the standard score as a whole number."
    with pytest.raises(ValueError, match="whole number"):
        check_score(score)


@given(st.integers())
def test_score_problem_matches_the_range(score):
    assert (score_problem(score) == "") == (40 <= score <= 160)


@pytest.mark.parametrize("percentile", [None, 0, 0.1, 50, 99.9, 100])
def test_percentile_in_range_or_missing_has_no_problem(percentile):
    assert percentile_problem(percentile) == ""


@pytest.mark.parametrize("percentile", [-1, -0.1, 100.1, 101, float("nan")])
def test_percentile_out_of_range(percentile):
    assert percentile_problem(percentile) == "A percentile is from 0 to 100."


@pytest.mark.parametrize("percentile", [True, False, "50", [50]])
def test_percentile_must_be_a_number(percentile):
    assert percentile_problem(percentile) == "Enter the percentile as a number."


# ---------------------------------------------------------------------------
# Bands
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (40, "Very low"),
        (69, "Very low"),
        (70, "Below average"),
        (84, "Below average"),
        (85, "Low average"),
        (89, "Low average"),
        (90, "Average"),
        (100, "Average"),
        (110, "Average"),
        (111, "High average"),
        (115, "High average"),
        (116, "Above average"),
        (129, "Above average"),
        (130, "Very high"),
        (160, "Very high"),
    ],
)
def test_band_boundaries(score, expected):
    assert band(score) == expected


@pytest.mark.parametrize("score", [39, 161, True, 100.0, "100"])
def test_band_rejects_invalid_scores(score):
    with pytest.raises(ValueError):
        band(score)


ORDER = ["Very low", "Below average", "Low average", "Average", "High average", "Above average", "Very high"]


@given(st.integers(40, 160), st.integers(40, 160))
def test_band_is_monotone(a, b):
    lo, hi = sorted((a, b))
    assert ORDER.index(band(lo)) <= ORDER.index(band(hi))

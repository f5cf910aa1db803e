"""Worked examples for sendco.domain.impact, with the statistics done by hand in comments."""

import math
from decimal import Decimal as D

import pytest

from sendco.domain.impact import (
    ImpactRow,
    made_expected_progress,
    progress,
    ratio_gain,
    summary,
    t_critical,
)

# --- t critical values (two-sided) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("df", "expected"),
    [
        (1, 12.706),
        (2, 4.303),
        (3, 3.182),
        (4, 2.776),
        (5, 2.571),
        (10, 2.228),
        (20, 2.086),
        (30, 2.042),
        (60, 2.000),
        (120, 1.980),
        (1000, 1.962),
        (math.inf, 1.960),
    ],
)
def test_t_critical_95_matches_published_tables_to_3dp(df, expected):
    assert round(t_critical(df), 3) == expected


def test_t_critical_other_confidence_levels_and_closed_forms():
    assert round(t_critical(10, 0.99), 3) == 3.169
    assert round(t_critical(1, 0.99), 3) == 63.657
    assert round(t_critical(math.inf, 0.90), 3) == 1.645
    # Closed forms at p = 0.975: df 1 is tan(π(p − ½)); df 2 is (2p − 1) / √(2p(1 − p)).
    assert t_critical(1) == pytest.approx(math.tan(0.475 * math.pi), rel=1e-12)
    assert t_critical(2) == pytest.approx(0.95 / math.sqrt(2 * 0.975 * 0.025), rel=1e-12)
    # Large df switches method; the value must still fall smoothly towards 1.960.
    assert t_critical(200) > t_critical(201) > t_critical(5000) > t_critical(math.inf)


def test_t_critical_rejects_bad_arguments():
    for df in (0, 2.5, -1):
        with pytest.raises(ValueError):
            t_critical(df)
    with pytest.raises(ValueError):
        t_critical(10, 1.0)


# --- progress for each kind -------------------------------------------------------------------


def test_progress_standardised_and_missing_measure():
    assert progress("standardised", 82, 88) == 6
    assert progress("standardised", 82, None) is None


def test_age_months_progress_and_ratio_gain():
    # Reading age 7y0m (84 months) → 7y6m (90) in 4 months: 6 months gained, ratio 6 / 4 = 1.5.
    assert progress("age_months", 84, 90, months_elapsed=4) == 6
    assert ratio_gain(84, 90, 4) == 1.5
    assert made_expected_progress("age_months", 84, 90, months_elapsed=4)
    # 100 → 102 in 4 months: ratio 0.5, below the expected 1.0.
    assert not made_expected_progress("age_months", 100, 102, months_elapsed=4)
    # Exactly a month per month is expected progress: 96 → 102 in 6 months, ratio 1.0.
    assert made_expected_progress("age_months", 96, 102, months_elapsed=6)
    # An absolute expectation instead: 2 months gained ≥ 2.
    assert made_expected_progress("age_months", 100, 102, months_elapsed=4, expected_gain=2)
    assert ratio_gain(84, 90, 0) is None
    with pytest.raises(ValueError):
        made_expected_progress("age_months", 84, 90, months_elapsed=None)


def test_standardised_expected_means_keeping_pace():
    assert made_expected_progress("standardised", 85, 85, months_elapsed=None)  # gain 0: kept pace
    assert not made_expected_progress("standardised", 85, 84, months_elapsed=None)
    assert not made_expected_progress("standardised", 85, 88, months_elapsed=None, expected_gain=5)


def test_target_rating_and_scale_expect_a_gain():
    assert made_expected_progress("target_rating", 1, 2, months_elapsed=None)  # partly → achieved
    assert not made_expected_progress("target_rating", 2, 2, months_elapsed=None)
    assert made_expected_progress("target_rating", 1, 3, months_elapsed=None, expected_gain=2)
    assert not made_expected_progress("target_rating", 1, 2, months_elapsed=None, expected_gain=2)
    assert made_expected_progress("scale", 3.5, 3.75, months_elapsed=6)
    with pytest.raises(ValueError, match="0–4"):
        progress("target_rating", 1, 5)


def test_custom_lower_is_better():
    # Incidents per week 12 → 4: an improvement of 8.
    assert progress("custom", 12, 4, higher_is_better=False) == 8
    assert made_expected_progress(
        "custom", 12, 4, months_elapsed=None, expected_gain=5, higher_is_better=False
    )
    assert not made_expected_progress(
        "custom", 12, 10, months_elapsed=None, expected_gain=5, higher_is_better=False
    )
    with pytest.raises(ValueError, match="custom"):
        progress("standardised", 90, 85, higher_is_better=False)


def test_bad_kind_and_values_are_refused():
    with pytest.raises(ValueError, match="unknown measure kind"):
        progress("percentile", 10, 20)
    with pytest.raises(ValueError, match="fraction"):
        ImpactRow("p", "standardised", 80, 85, attendance_rate=85)
    with pytest.raises(ValueError):
        progress("age_months", 84, 90, months_elapsed=-1)


# --- summary: a worked example -----------------------------------------------------------------


def standardised_group():
    # Gains 2, 4, 6, 8, 10; attendance 95, 90, 85, 70, 60 %; each pupil's share of cost £240.
    pairs = [(78, 80), (82, 86), (85, 91), (80, 88), (84, 94)]
    attendance = [0.95, 0.9, 0.85, 0.7, 0.6]
    return [
        ImpactRow(f"p{i}", "standardised", e, x, 6, a, D(240))
        for i, ((e, x), a) in enumerate(zip(pairs, attendance, strict=True))
    ]


def test_summary_standardised_worked_example():
    s = summary(standardised_group())
    # n = 5; mean gain = 30 / 5 = 6
    assert (s.kind, s.n, s.n_excluded) == ("standardised", 5, 0)
    assert s.mean_progress == 6
    # deviations −4, −2, 0, 2, 4 → squares 16 + 4 + 0 + 4 + 16 = 40; variance 40 / 4 = 10; SD = √10 = 3.1623
    assert s.sd_progress == pytest.approx(3.162278, abs=1e-6)
    # SE = √10 / √5 = √2 = 1.414214; t(4, 95 %) = 2.776445; margin = 2.776445 × 1.414214 = 3.926486
    # CI = 6 ± 3.926486 = (2.073514, 9.926486)
    assert s.ci_low == pytest.approx(2.073514, abs=1e-6)
    assert s.ci_high == pytest.approx(9.926486, abs=1e-6)
    # Paired d = 6 / √10 = 1.8974; against the population SD: 6 / 15 = 0.4
    assert s.effect_size_d == pytest.approx(1.897367, abs=1e-6)
    assert s.effect_size_sd15 == pytest.approx(0.4)
    # Everyone gained ≥ 0, so all 5 made expected progress.
    assert (s.n_judged, s.n_expected, s.proportion_expected) == (5, 5, 1.0)
    # Mean attendance (0.95 + 0.9 + 0.85 + 0.7 + 0.6) / 5 = 0.80 exactly: not below 0.8, so not flagged.
    assert s.mean_attendance == pytest.approx(0.8)
    # Attending ≥ 80 %: gains 2, 4, 6 → mean 4.
    assert (s.n_attending, s.mean_progress_attending) == (3, 4)
    # Cost: 5 × £240 = £1,200 for 30 points of progress → £40.00 per point.
    assert (s.total_cost, s.cost_per_unit_progress) == (D(1200), D("40.00"))
    assert s.mean_ratio_gain is None  # only for age_months
    assert s.flags == ()


def test_summary_attendance_threshold_is_a_parameter():
    s = summary(standardised_group(), attendance_threshold=0.9, low_attendance_below=0.85)
    # ≥ 90 %: gains 2 and 4 → mean 3. Mean attendance 0.80 < 0.85 → flagged.
    assert (s.n_attending, s.mean_progress_attending) == (2, 3)
    assert s.flags == ("low_attendance",)


def test_summary_low_impact_when_ci_is_below_zero():
    # Gains −4, −3, −5, −4, −4: mean −4; deviations 0, 1, −1, 0, 0 → variance 2 / 4 = 0.5; SD 0.7071
    # SE 0.707107 / √5 = 0.316228; margin 2.776445 × 0.316228 = 0.877989;
    # CI (−4.877989, −3.122011): the upper bound is ≤ 0.
    rows = [
        ImpactRow(i, "standardised", 90, 90 + g, None, 0.95, D(100))
        for i, g in enumerate([-4, -3, -5, -4, -4])
    ]
    s = summary(rows)
    assert s.ci_low == pytest.approx(-4.877989, abs=1e-6)
    assert s.ci_high == pytest.approx(-3.122011, abs=1e-6)
    assert s.proportion_expected == 0
    assert s.effect_size_sd15 == pytest.approx(-4 / 15)
    assert s.cost_per_unit_progress is None  # no positive progress to buy
    assert s.flags == ("low_impact",)


def test_summary_reading_ages_low_impact_by_proportion():
    # Six pupils, 6 months between entry and exit; months gained 9, 3, 4, 2, 12, 5.
    # Ratio gains 1.5, 0.5, 0.667, 0.333, 2.0, 0.833: two of six ≥ 1.0 → 0.333 < 0.5 → low impact,
    # even though the CI is well above 0:
    # mean 35 / 6 = 5.8333; Σ squared deviations 74.8333; variance 14.9667; SD 3.8687;
    # SE 3.868678 / √6 = 1.579381; t(5) = 2.570582; margin 4.059928; CI (1.773405, 9.893262).
    gains = [9, 3, 4, 2, 12, 5]
    rows = [ImpactRow(i, "age_months", 90, 90 + g, 6, 0.9, D(150)) for i, g in enumerate(gains)]
    rows.append(ImpactRow("late", "age_months", 95, None, None, 0.9, D(150)))  # exit not yet measured
    s = summary(rows)
    assert (s.n, s.n_excluded) == (6, 1)
    assert s.mean_progress == pytest.approx(5.833333, abs=1e-6)
    assert s.sd_progress == pytest.approx(3.868678, abs=1e-6)
    assert s.ci_low == pytest.approx(1.773405, abs=1e-6)
    assert s.ci_high == pytest.approx(9.893262, abs=1e-6)
    assert (s.n_expected, s.n_judged) == (2, 6)
    assert s.proportion_expected == pytest.approx(1 / 3)
    assert s.mean_ratio_gain == pytest.approx(35 / 36)  # mean of gains / 6 = 0.9722
    # Cost of the analysed pupils only: 6 × £150 = £900 / 35 months = £25.714… → £25.71 per month gained.
    assert s.cost_per_unit_progress == D("25.71")
    assert s.effect_size_sd15 is None  # not standardised scores
    assert s.flags == ("low_impact",)


def test_cost_per_unit_uses_net_progress():
    # Gains +2 and −1, £100 each: £200 for 1 point net → £200.00.
    rows = [
        ImpactRow("a", "scale", 3, 5, None, None, D(100)),
        ImpactRow("b", "scale", 4, 3, None, None, D(100)),
    ]
    s = summary(rows)
    assert s.cost_per_unit_progress == D("200.00")
    assert s.mean_attendance is None
    assert s.proportion_expected == 0.5  # +2 is a gain, −1 is not; 0.5 is not below 0.5
    assert s.flags == ("small_sample",)


# --- summary: edge cases --------------------------------------------------------------------------


def test_summary_of_nothing():
    s = summary([])
    assert (s.kind, s.n, s.mean_progress, s.sd_progress, s.ci_low, s.ci_high) == (
        None,
        0,
        None,
        None,
        None,
        None,
    )
    assert (s.proportion_expected, s.effect_size_d, s.total_cost, s.cost_per_unit_progress) == (
        None,
        None,
        None,
        None,
    )
    assert s.flags == ("small_sample",)


def test_summary_of_one_pupil():
    s = summary([ImpactRow("p", "standardised", 90, 95, 6, 0.9, D(300))])
    assert (s.n, s.mean_progress, s.sd_progress, s.ci_low, s.ci_high, s.effect_size_d) == (
        1,
        5,
        None,
        None,
        None,
        None,
    )
    assert s.effect_size_sd15 == pytest.approx(1 / 3)
    assert s.proportion_expected == 1.0
    assert s.cost_per_unit_progress == D("60.00")  # £300 / 5 points
    assert s.flags == ("small_sample",)


def test_summary_with_identical_gains_has_zero_sd():
    # Five pupils each gaining 3: SD 0, the CI collapses to (3, 3), paired d is undefined (÷ 0).
    s = summary([ImpactRow(i, "standardised", 85, 88, 6, 0.9, None) for i in range(5)])
    assert (s.mean_progress, s.sd_progress, s.ci_low, s.ci_high) == (3, 0, 3, 3)
    assert s.effect_size_d is None
    assert s.effect_size_sd15 == pytest.approx(0.2)
    assert (s.total_cost, s.cost_per_unit_progress) == (None, None)
    assert s.flags == ()


def test_summary_with_no_change_at_all_is_low_impact():
    # Everyone stayed the same on a school scale: mean 0, SD 0, CI (0, 0): upper bound ≤ 0.
    s = summary([ImpactRow(i, "scale", 4, 4, 6, 0.9, D(50)) for i in range(5)])
    assert (s.ci_low, s.ci_high, s.proportion_expected) == (0, 0, 0)
    assert s.cost_per_unit_progress is None
    assert s.flags == ("low_impact",)


def test_summary_refuses_mixed_kinds():
    with pytest.raises(ValueError, match="one kind"):
        summary([ImpactRow(1, "standardised", 80, 85), ImpactRow(2, "age_months", 80, 85, 3)])

"""Impact of interventions: progress from entry to exit measures, and a group summary.

Pure Python (no Django, no numpy): :mod:`statistics` and :mod:`math` only.

Measure kinds
-------------
``standardised``
    Standardised scores, population mean 100 and SD 15. Progress is exit − entry in score
    points; a gain of 0 means the pupil kept pace with their age group, so expected progress
    is a gain ≥ 0.
``age_months``
    Reading or spelling age in months. Progress is months gained (exit − entry); the *ratio
    gain* is months gained ÷ months elapsed, and expected progress is a ratio gain ≥ 1.0
    (at least a month's progress per month).
``scale``
    A school's own scale where higher is better. Expected progress: a gain above 0, or at
    least ``expected_gain`` when one is given.
``target_rating``
    Rating against a target, 0–4 (not yet … exceeded). Expected as for ``scale``.
``custom``
    Anything else, with a declared direction (``higher_is_better``; e.g. incidents per week
    are better lower) and an optional expected gain. Progress is always reported so that a
    positive number is an improvement.

Float comparisons against thresholds allow a tolerance of 1e-9, so an attendance of
exactly 80 % entered as 0.95, 0.9, … is not flagged by binary rounding.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

__all__ = [
    "KINDS",
    "STANDARDISED_SD",
    "TARGET_RATING_MAX",
    "ImpactRow",
    "ImpactSummary",
    "progress",
    "ratio_gain",
    "made_expected_progress",
    "t_critical",
    "summary",
]

KINDS = ("standardised", "age_months", "scale", "target_rating", "custom")
STANDARDISED_SD = 15.0
TARGET_RATING_MAX = 4
_EPS = 1e-9


def _ge(a: float, b: float) -> bool:
    return a >= b - _EPS


def _lt(a: float, b: float) -> bool:
    return a < b - _EPS


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown measure kind {kind!r}; expected one of {', '.join(KINDS)}")


def _number(value: Any, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"{name} must be a number, got {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return result


def _check_measure(kind: str, value: float | None, name: str) -> None:
    if value is None:
        return
    if kind == "target_rating" and not 0 <= value <= TARGET_RATING_MAX:
        raise ValueError(f"{name}: a target rating is 0–{TARGET_RATING_MAX}, got {value}")
    if kind in ("age_months", "standardised") and value < 0:
        raise ValueError(f"{name}: a {kind} measure cannot be negative, got {value}")


def progress(
    kind: str,
    entry: float | None,
    exit: float | None,
    *,
    months_elapsed: float | None = None,
    higher_is_better: bool = True,
) -> float | None:
    """Improvement from entry to exit in the measure's own units; None if either is missing.

    exit − entry, or entry − exit for a ``custom`` measure where lower is better. For
    ``age_months`` this is months gained; see :func:`ratio_gain` for the rate.
    ``months_elapsed`` is only validated here (it is used by :func:`ratio_gain` and
    :func:`made_expected_progress`), so callers can pass the same arguments to each.
    """
    _check_kind(kind)
    if not higher_is_better and kind != "custom":
        raise ValueError(f"only a custom measure can be lower-is-better; {kind} is higher-is-better")
    a, b = _number(entry, "entry"), _number(exit, "exit")
    elapsed = _number(months_elapsed, "months_elapsed")
    if elapsed is not None and elapsed < 0:
        raise ValueError(f"months_elapsed cannot be negative, got {months_elapsed}")
    _check_measure(kind, a, "entry")
    _check_measure(kind, b, "exit")
    if a is None or b is None:
        return None
    return b - a if higher_is_better else a - b


def ratio_gain(entry: float | None, exit: float | None, months_elapsed: float | None) -> float | None:
    """Months of (reading/spelling) age gained per month elapsed; None if it cannot be worked out."""
    gained = progress("age_months", entry, exit, months_elapsed=months_elapsed)
    elapsed = _number(months_elapsed, "months_elapsed")
    if gained is None or elapsed is None or elapsed <= 0:
        return None
    return gained / elapsed


def _expected(
    kind: str,
    entry: float | None,
    exit: float | None,
    *,
    months_elapsed: float | None,
    expected_gain: float | None,
    higher_is_better: bool,
    expected_ratio: float,
) -> bool | None:
    """Whether expected progress was made; None when it cannot be judged from the data."""
    gain = progress(kind, entry, exit, months_elapsed=months_elapsed, higher_is_better=higher_is_better)
    if gain is None:
        return None
    target = _number(expected_gain, "expected_gain")
    if kind == "standardised":
        return _ge(gain, 0.0 if target is None else target)
    if kind == "age_months" and target is None:
        ratio = ratio_gain(entry, exit, months_elapsed)
        return None if ratio is None else _ge(ratio, expected_ratio)
    if target is None:
        return gain > _EPS
    return _ge(gain, target)


def made_expected_progress(
    kind: str,
    entry: float,
    exit: float,
    *,
    months_elapsed: float | None,
    expected_gain: float | None = None,
    higher_is_better: bool = True,
    expected_ratio: float = 1.0,
) -> bool:
    """Did the pupil make expected progress?

    * ``standardised``: gain ≥ 0 (kept pace with their age group), or ≥ ``expected_gain``.
    * ``age_months``: ratio gain ≥ ``expected_ratio`` (1.0); needs ``months_elapsed`` > 0.
      With ``expected_gain`` it is instead months gained ≥ ``expected_gain``.
    * ``scale``, ``target_rating``, ``custom``: gain > 0, or ≥ ``expected_gain`` when given.

    Raises ValueError when the answer cannot be known (a missing measure, or a reading age
    with no elapsed time).
    """
    result = _expected(
        kind,
        entry,
        exit,
        months_elapsed=months_elapsed,
        expected_gain=expected_gain,
        higher_is_better=higher_is_better,
        expected_ratio=expected_ratio,
    )
    if result is None:
        raise ValueError("cannot judge progress: need entry and exit (and months_elapsed > 0 for age_months)")
    return result


# --- Student's t -----------------------------------------------------------------------


def _t_central_prob(theta: float, df: int) -> float:
    """P(|T| ≤ √df·tan θ) for Student's t with integer ``df``.

    The finite series of Abramowitz & Stegun 26.7.3–4, exact for integer degrees of freedom.
    """
    s, c = math.sin(theta), math.cos(theta)
    c2 = c * c
    if df % 2:  # odd
        total, term = 0.0, c
        for j in range(1, (df - 1) // 2 + 1):
            total += term
            term *= c2 * (2 * j) / (2 * j + 1)
        return 2 / math.pi * (theta + s * total)
    total, term = 0.0, 1.0
    for j in range(1, df // 2 + 1):
        total += term
        term *= c2 * (2 * j - 1) / (2 * j)
    return s * total


@lru_cache(maxsize=512)
def _t_quantile(df: int, confidence: float) -> float:
    if df > 200:
        # Cornish–Fisher expansion about the normal quantile (A&S 26.7.5): off by < 1e-10 for
        # df > 200 and confidence ≤ 0.99, and saves summing a long series.
        z = statistics.NormalDist().inv_cdf((1 + confidence) / 2)
        g1 = (z**3 + z) / 4
        g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
        g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
        g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
        return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4
    lo, hi = 0.0, math.pi / 2
    for _ in range(100):  # bisection on θ ∈ [0, π/2): the probability rises monotonically
        mid = (lo + hi) / 2
        if _t_central_prob(mid, df) < confidence:
            lo = mid
        else:
            hi = mid
    return math.sqrt(df) * math.tan((lo + hi) / 2)


def t_critical(df: float, confidence: float = 0.95) -> float:
    """Two-sided critical value of Student's t: P(|T| ≤ t) = ``confidence``.

    ``df`` is a whole number ≥ 1, or ``math.inf`` for the normal distribution. For 95 %:
    12.706 (df 1), 4.303 (2), 2.571 (5), 2.228 (10), 2.042 (30), 1.960 (∞).
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    if df == math.inf:
        return statistics.NormalDist().inv_cdf((1 + confidence) / 2)
    if isinstance(df, bool) or int(df) != df or df < 1:
        raise ValueError(f"degrees of freedom must be a whole number ≥ 1 or math.inf, got {df!r}")
    return _t_quantile(int(df), float(confidence))


# --- Rows and summary ------------------------------------------------------------------


@dataclass(frozen=True)
class ImpactRow:
    """One pupil's entry and exit on one measure in one intervention.

    ``attendance_rate`` is a fraction (0.85), not a percentage. ``cost`` is the pupil's
    share of the intervention's cost (Decimal). ``entry`` or ``exit`` may be None while a
    measure is outstanding: such rows are counted as excluded.
    """

    pupil_id: Hashable
    kind: str
    entry: float | None
    exit: float | None
    months_elapsed: float | None = None
    attendance_rate: float | None = None
    cost: Decimal | None = None
    expected_gain: float | None = None
    higher_is_better: bool = True

    def __post_init__(self) -> None:
        _check_kind(self.kind)
        rate = _number(self.attendance_rate, "attendance_rate")
        if rate is not None and not 0 <= rate <= 1:
            raise ValueError(f"attendance_rate is a fraction 0–1, got {self.attendance_rate}")
        if self.cost is not None and (
            isinstance(self.cost, bool | float) or not isinstance(self.cost, int | Decimal)
        ):
            raise TypeError(f"cost must be a Decimal, got {self.cost!r}")

    @property
    def progress(self) -> float | None:
        return progress(
            self.kind,
            self.entry,
            self.exit,
            months_elapsed=self.months_elapsed,
            higher_is_better=self.higher_is_better,
        )


@dataclass(frozen=True)
class ImpactSummary:
    """Summary of one intervention's impact on one kind of measure. None = cannot be computed."""

    kind: str | None
    n: int  # rows with both entry and exit
    n_excluded: int  # rows missing entry or exit
    mean_progress: float | None
    sd_progress: float | None  # sample SD (n − 1); None for n < 2
    confidence: float
    ci_low: float | None  # t-based interval for the mean progress; None for n < 2
    ci_high: float | None
    n_judged: int  # rows where expected progress could be judged
    n_expected: int
    proportion_expected: float | None
    effect_size_d: float | None  # paired Cohen's d (d_z): mean diff / SD of diffs; None if SD is 0
    effect_size_sd15: float | None  # standardised scores only: mean gain / 15
    mean_ratio_gain: float | None  # age_months only
    mean_attendance: float | None
    attendance_threshold: float
    n_attending: int  # pupils with attendance ≥ threshold
    mean_progress_attending: float | None
    total_cost: Decimal | None
    cost_per_unit_progress: Decimal | None  # to pence
    flags: tuple[str, ...]


def summary(
    rows: Iterable[ImpactRow],
    *,
    confidence: float = 0.95,
    attendance_threshold: float = 0.8,
    low_attendance_below: float = 0.8,
    expected_proportion_below: float = 0.5,
    small_sample_below: int = 5,
    expected_ratio: float = 1.0,
) -> ImpactSummary:
    """Summarise progress for one intervention on one kind of measure.

    Only rows with both entry and exit are analysed (``n``); every statistic, the mean
    attendance and the cost figures are over those rows.

    * Confidence interval: mean ± t(n − 1) × SD / √n.
    * Effect sizes: paired d_z = mean gain / SD of gains; for standardised scores also
      mean gain / 15 (the population SD), which is steadier for small groups.
    * ``mean_progress_attending``: mean progress of pupils with attendance ≥
      ``attendance_threshold`` — did pupils who actually came do better?
    * ``cost_per_unit_progress``: total cost ÷ net total progress (gains minus losses),
      None unless that total is positive.
    * Flags: ``low_impact`` (CI upper bound ≤ 0, or proportion making expected progress
      < ``expected_proportion_below``), ``low_attendance`` (mean attendance <
      ``low_attendance_below``), ``small_sample`` (n < ``small_sample_below``).

    All kinds in ``rows`` must be the same: the mean of reading-age months and
    standardised points means nothing.
    """
    rows = list(rows)
    kinds = {r.kind for r in rows}
    if len(kinds) > 1:
        raise ValueError(f"summarise one kind of measure at a time, got {sorted(kinds)}")
    kind = next(iter(kinds), None)

    analysed = [(r, g) for r in rows if (g := r.progress) is not None]
    gains = [g for _, g in analysed]
    n = len(gains)

    mean = statistics.fmean(gains) if n else None
    sd = statistics.stdev(gains) if n >= 2 else None
    ci_low = ci_high = None
    if mean is not None and sd is not None:
        margin = t_critical(n - 1, confidence) * sd / math.sqrt(n)
        ci_low, ci_high = mean - margin, mean + margin

    judged = [
        e
        for r, _ in analysed
        if (
            e := _expected(
                r.kind,
                r.entry,
                r.exit,
                months_elapsed=r.months_elapsed,
                expected_gain=r.expected_gain,
                higher_is_better=r.higher_is_better,
                expected_ratio=expected_ratio,
            )
        )
        is not None
    ]
    n_expected = sum(judged)
    proportion = n_expected / len(judged) if judged else None

    effect_d = mean / sd if mean is not None and sd else None
    effect_sd15 = mean / STANDARDISED_SD if kind == "standardised" and mean is not None else None

    mean_ratio = None
    if kind == "age_months":
        ratios = [x for r, _ in analysed if (x := ratio_gain(r.entry, r.exit, r.months_elapsed)) is not None]
        mean_ratio = statistics.fmean(ratios) if ratios else None

    with_attendance = [(float(r.attendance_rate), g) for r, g in analysed if r.attendance_rate is not None]
    mean_attendance = statistics.fmean(a for a, _ in with_attendance) if with_attendance else None
    attending = [g for a, g in with_attendance if _ge(a, attendance_threshold)]
    mean_attending = statistics.fmean(attending) if attending else None

    costs = [Decimal(r.cost) for r, _ in analysed if r.cost is not None]
    total_cost = sum(costs, Decimal(0)) if costs else None
    net_progress = math.fsum(gains)
    cost_per_unit = None
    if total_cost is not None and net_progress > _EPS:
        cost_per_unit = (total_cost / Decimal(repr(net_progress))).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    flags = []
    if (ci_high is not None and ci_high <= _EPS) or (
        proportion is not None and _lt(proportion, expected_proportion_below)
    ):
        flags.append("low_impact")
    if mean_attendance is not None and _lt(mean_attendance, low_attendance_below):
        flags.append("low_attendance")
    if n < small_sample_below:
        flags.append("small_sample")

    return ImpactSummary(
        kind=kind,
        n=n,
        n_excluded=len(rows) - n,
        mean_progress=mean,
        sd_progress=sd,
        confidence=confidence,
        ci_low=ci_low,
        ci_high=ci_high,
        n_judged=len(judged),
        n_expected=n_expected,
        proportion_expected=proportion,
        effect_size_d=effect_d,
        effect_size_sd15=effect_sd15,
        mean_ratio_gain=mean_ratio,
        mean_attendance=mean_attendance,
        attendance_threshold=attendance_threshold,
        n_attending=len(attending),
        mean_progress_attending=mean_attending,
        total_cost=total_cost,
        cost_per_unit_progress=cost_per_unit,
        flags=tuple(flags),
    )

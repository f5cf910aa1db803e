"""Random draws for the demo data (weighted choices, plausible school days) and school-year dates.

Every draw takes the ``random.Random`` it should use, so that the plan stays deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import accumulate


def academic_year_of(d: date) -> int:
    """Start year of the school year (1 September - 31 August) containing ``d``."""
    return d.year if d.month >= 9 else d.year - 1


def weighted_choice(rng: random.Random, weights: dict[str, float], exclude: Sequence[str] = ()) -> str:
    items = [(k, w) for k, w in weights.items() if k not in exclude and w > 0]
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


def school_day(rng: random.Random, lo: date, hi: date) -> date:
    """A random day in [lo, hi], moved off weekends and (if it can be) out of August."""
    if hi <= lo:
        return lo
    span = (hi - lo).days
    for _ in range(3):
        d = lo + timedelta(days=rng.randint(0, span))
        if d.month != 8:
            break
    if d.weekday() >= 5:
        back = d - timedelta(days=d.weekday() - 4)
        ahead = d + timedelta(days=7 - d.weekday())
        d = back if back >= lo else ahead if ahead <= hi else d
    return d


def autumn_start(year: int) -> date:
    """First weekday on or after 2 September: the first day of the school year (roughly)."""
    d = date(year, 9, 2)
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


class Picker:
    """Fast weighted choice from a fixed list (cumulative weights computed once)."""

    def __init__(self, weights: dict[str, float] | Sequence[tuple[str, float]]):
        items = list(weights.items()) if isinstance(weights, dict) else list(weights)
        self.keys = [k for k, _ in items]
        self.cum = list(accumulate(w for _, w in items))

    def __call__(self, rng: random.Random) -> str:
        return rng.choices(self.keys, cum_weights=self.cum)[0]


def any_day(rng: random.Random, lo: date, hi: date) -> date:
    """A random day in [lo, hi], weekends and August included (for dates of birth)."""
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))

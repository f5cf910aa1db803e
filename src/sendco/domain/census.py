"""Census days and the state of a pupil's SEN record on a given day.

No Django imports. Dates are inclusive: a period with ``end=date(2025, 7, 22)`` covers
22 July 2025; ``end=None`` means the period is still open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

__all__ = [
    "TERMS",
    "Census",
    "CensusRecord",
    "NeedPeriod",
    "StatusPeriod",
    "census_day",
    "census_days",
    "census_record",
    "censuses_between",
    "needs_on",
    "next_census",
    "previous_census",
    "school_year_of",
    "status_on",
]

TERMS: tuple[str, ...] = ("autumn", "spring", "summer")

_THURSDAY = 3  # date.weekday()


def _nth_thursday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (_THURSDAY - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def census_days(school_year_start: int) -> dict[str, date]:
    """The three census days of the school year starting in September ``school_year_start``.

    Autumn: 1st Thursday of October; spring: 3rd Thursday of January; summer: 3rd Thursday
    of May (LA census guidance, Devon; matches the DfE's published census dates).
    """
    return {
        "autumn": _nth_thursday(school_year_start, 10, 1),
        "spring": _nth_thursday(school_year_start + 1, 1, 3),
        "summer": _nth_thursday(school_year_start + 1, 5, 3),
    }


def census_day(term: str, school_year_start: int) -> date:
    """Census day of ``term`` ("autumn", "spring" or "summer") in the given school year."""
    if term not in TERMS:
        raise ValueError(f"Unknown census term {term!r}; expected one of {', '.join(TERMS)}.")
    return census_days(school_year_start)[term]


def school_year_of(d: date) -> int:
    """Start year of the school year (1 September - 31 August) containing ``d``."""
    return d.year if d.month >= 9 else d.year - 1


class Census(NamedTuple):
    """A census: unpacks as ``(term, school_year_start, day)``."""

    term: str
    school_year_start: int
    day: date


def censuses_between(start: date, end: date) -> list[Census]:
    """All censuses with ``start <= day <= end``, in date order."""
    if end < start:
        return []
    result = []
    for year in range(school_year_of(start) - 1, school_year_of(end) + 1):
        for term, day in census_days(year).items():
            if start <= day <= end:
                result.append(Census(term, year, day))
    return result


def next_census(today: date) -> Census:
    """The first census on or after ``today`` (today itself if it is census day)."""
    year = school_year_of(today)
    candidates = censuses_between(today, census_day("autumn", year + 1))
    return candidates[0]


def previous_census(today: date) -> Census:
    """The last census strictly before ``today``."""
    year = school_year_of(today)
    candidates = censuses_between(census_day("summer", year - 1), today - timedelta(days=1))
    return candidates[-1]


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class StatusPeriod:
    """The pupil's SEN provision code from ``start`` to ``end`` (inclusive; None = open)."""

    code: str
    start: date
    end: date | None = None

    def covers(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


@dataclass(frozen=True)
class NeedPeriod:
    """A ranked need type (rank 1 = primary) from ``start`` to ``end`` (inclusive; None = open)."""

    code: str
    rank: int
    start: date
    end: date | None = None

    def covers(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


def status_on(periods: Iterable[StatusPeriod], d: date) -> str:
    """Provision code on ``d``; "N" when no period covers ``d``.

    If (wrongly) several periods cover ``d`` the one that started last wins;
    ``register_rules.check_history`` reports the overlap.
    """
    covering = [p for p in periods if p.covers(d)]
    if not covering:
        return "N"
    return max(covering, key=lambda p: p.start).code


def needs_on(needs: Iterable[NeedPeriod], d: date) -> list[NeedPeriod]:
    """Needs active on ``d``, sorted by rank (then start date, then code)."""
    return sorted((n for n in needs if n.covers(d)), key=lambda n: (n.rank, n.start, n.code))


@dataclass(frozen=True)
class CensusRecord:
    """What the school census reports for one pupil.

    Only rank 1 (primary) and rank 2 (secondary) go in the census; ``further_needs``
    holds the codes of rank 3 and beyond, which the CTF carries but the census does not.
    Pupils who are not on K or E (or a historic code) have no needs reported.
    """

    provision: str
    primary_need: str | None = None
    secondary_need: str | None = None
    further_needs: tuple[str, ...] = ()


def census_record(
    status_periods: Iterable[StatusPeriod], need_periods: Iterable[NeedPeriod], on: date
) -> CensusRecord:
    """The pupil's census record on ``on``.

    Needs are reported for every provision except N. If the data is invalid (e.g. two
    rank-1 needs) the first by rank/start/code is used; ``register_rules.census_problems``
    reports what is wrong.
    """
    provision = status_on(status_periods, on)
    if provision == "N":
        return CensusRecord("N")
    active = needs_on(need_periods, on)
    primary = next((n.code for n in active if n.rank == 1), None)
    secondary = next((n.code for n in active if n.rank == 2), None)
    further = tuple(n.code for n in active if n.rank >= 3)
    return CensusRecord(provision, primary, secondary, further)

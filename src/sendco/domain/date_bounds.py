"""The range of dates (and years) sendco accepts from anyone: forms, query parameters, the API.

Why 1900..2200: the oldest date a school records is a date of birth (pupils, and the parents
and carers in contacts), and historic SEN records go back decades, never before 1900. The
furthest ahead a real date goes is a plan, review or statutory deadline a few years out
(an EHC plan runs to the 25th birthday, so at most ~25 years). 2200 leaves room for both and
stays ~7,800 years short of Python's ``date.max`` (9999-12-31), so every piece of deadline,
term and census arithmetic in this package (weeks, months, years, academic and financial
years, the next census) stays inside what ``datetime`` can represent: a date inside the
bounds never raises OverflowError or ValueError anywhere in ``sendco.domain``.

No Django imports: forms, views and API schemas each turn ``problem`` into their own error.
"""

from __future__ import annotations

from datetime import date

__all__ = ["EARLIEST", "LATEST", "MAX_YEAR", "MIN_YEAR", "date_problem", "in_bounds", "year_problem"]

MIN_YEAR, MAX_YEAR = 1900, 2200
EARLIEST, LATEST = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)

DATE_MESSAGE = f"Enter a date between 1 January {MIN_YEAR} and 31 December {MAX_YEAR}."
YEAR_MESSAGE = f"Enter a year between {MIN_YEAR} and {MAX_YEAR}."


def in_bounds(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def date_problem(day: date | None) -> str | None:
    """What is wrong with `day` (a message for the person who typed it), or None."""
    if day is None or in_bounds(day):
        return None
    return DATE_MESSAGE


def year_problem(year: int | None) -> str | None:
    """The same for a year (an academic, financial or census year as a number)."""
    if year is None or MIN_YEAR <= year <= MAX_YEAR:
        return None
    return YEAR_MESSAGE

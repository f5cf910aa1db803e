"""School calendars: terms, closures (INSET days, bank holidays in term) and session dates.

Pure standard library, no Django. A school records its terms and closure days once a
year; everything else (which days an intervention should have met, how many school
days or weeks lie between two dates) is computed from that record.

Conventions
-----------
* Every date range in this module is inclusive at both ends.
* Weekdays are numbered as :meth:`datetime.date.weekday` numbers them: 0 = Monday … 6 = Sunday.
* A *school day* is a Monday–Friday that falls inside a term and is not a closure.
* Half terms and holidays are the gaps between terms: the autumn term with a half term is
  recorded as two terms ("Autumn 1", "Autumn 2").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = [
    "Term",
    "SchoolCalendar",
    "is_school_day",
    "school_days",
    "school_weeks",
    "expected_session_dates",
    "academic_year_of",
    "financial_year_of",
    "financial_year_bounds",
    "FINANCIAL_YEAR_STARTS",
    "easter_sunday",
    "england_bank_holidays",
    "default_calendar",
]

_ONE_DAY = timedelta(days=1)
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@dataclass(frozen=True)
class Term:
    """One block of teaching days, e.g. "Autumn 1" from 3 Sep to 24 Oct (both inclusive)."""

    name: str
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(
                f"term {self.name!r} ends ({self.end:%-d %B %Y}) before it starts ({self.start:%-d %B %Y})"
            )

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end


@dataclass(frozen=True)
class SchoolCalendar:
    """A school's terms (any order on input, kept sorted) and its closure days.

    ``closures`` are days inside a term on which the school is shut to pupils: INSET
    (training) days, bank holidays that fall in term time, one-off closures. Closures
    outside every term are harmless and ignored.
    """

    terms: tuple[Term, ...]
    closures: frozenset[date] = field(default_factory=frozenset)
    # Sorted term starts, for a binary search in term_for(); derived, not compared.
    _starts: tuple[date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        terms = tuple(sorted(self.terms, key=lambda t: (t.start, t.end)))
        for earlier, later in zip(terms, terms[1:], strict=False):
            if later.start <= earlier.end:
                raise ValueError(f"terms {earlier.name!r} and {later.name!r} overlap")
        object.__setattr__(self, "terms", terms)
        object.__setattr__(self, "closures", frozenset(self.closures))
        object.__setattr__(self, "_starts", tuple(t.start for t in terms))

    def term_for(self, d: date) -> Term | None:
        """The term containing ``d``, or None in a holiday or half term."""
        i = bisect.bisect_right(self._starts, d) - 1
        if i >= 0 and d <= self.terms[i].end:
            return self.terms[i]
        return None

    @property
    def start(self) -> date | None:
        return self.terms[0].start if self.terms else None

    @property
    def end(self) -> date | None:
        return self.terms[-1].end if self.terms else None


def _days(start: date, end: date) -> Iterator[date]:
    d = start
    while d <= end:
        yield d
        d += _ONE_DAY


def _term_days(cal: SchoolCalendar, start: date, end: date) -> Iterator[date]:
    """Every date in [start, end] that is inside a term (weekends and closures included)."""
    for term in cal.terms:
        if term.end < start:
            continue
        if term.start > end:
            break
        yield from _days(max(start, term.start), min(end, term.end))


def is_school_day(cal: SchoolCalendar, d: date) -> bool:
    """True for a Monday–Friday inside a term that is not a closure."""
    return d.weekday() < SAT and d not in cal.closures and cal.term_for(d) is not None


def school_days(cal: SchoolCalendar, start: date, end: date) -> list[date]:
    """The school days from ``start`` to ``end`` inclusive, in order."""
    closures = cal.closures
    return [d for d in _term_days(cal, start, end) if d.weekday() < SAT and d not in closures]


def school_weeks(cal: SchoolCalendar, start: date, end: date) -> int:
    """Number of Monday-to-Sunday weeks from ``start`` to ``end`` holding at least one school day.

    This is how "hours per week" in a plan is usually read (a week with an INSET day still
    counts as a week). For a pro-rata figure use ``len(school_days(...)) / 5`` instead.
    """
    return len({d - timedelta(days=d.weekday()) for d in school_days(cal, start, end)})


def _check_weekdays(weekdays: Iterable[int]) -> frozenset[int]:
    wanted = frozenset(weekdays)
    bad = [w for w in wanted if not isinstance(w, int) or isinstance(w, bool) or not 0 <= w <= 6]
    if bad:
        raise ValueError(f"weekdays must be integers 0 (Monday) to 6 (Sunday), got {sorted(map(repr, bad))}")
    return wanted


def expected_session_dates(
    cal: SchoolCalendar, *, weekdays: Iterable[int], start: date, end: date
) -> list[date]:
    """The dates a schedule meeting on ``weekdays`` should meet between ``start`` and ``end``.

    A date qualifies when its weekday is one of ``weekdays``, it lies inside a term and it
    is not a closure. Weekend days qualify only if the schedule names them (a Saturday
    club inside term time); holidays and half terms never do.
    """
    wanted = _check_weekdays(weekdays)
    if not wanted or start > end:
        return []
    closures = cal.closures
    out: list[date] = []
    for term in cal.terms:
        if term.end < start:
            continue
        if term.start > end:
            break
        lo, hi = max(start, term.start), min(end, term.end)
        # Step a week at a time from the first occurrence of each wanted weekday.
        for w in wanted:
            d = lo + timedelta(days=(w - lo.weekday()) % 7)
            while d <= hi:
                if d not in closures:
                    out.append(d)
                d += timedelta(days=7)
    out.sort()
    return out


def academic_year_of(d: date) -> int:
    """Start year of the English academic year (1 September – 31 August) containing ``d``."""
    return d.year if d.month >= 9 else d.year - 1


#: The months a school's financial year can start in: April for maintained schools and local
#: authorities (the government's April–March year), September for academies (the academy
#: trust's September–August year, set by the Academy Trust Handbook).
FINANCIAL_YEAR_STARTS = (4, 9)


def _check_start_month(start_month: int) -> int:
    if start_month not in FINANCIAL_YEAR_STARTS:
        raise ValueError(f"a financial year starts in April (4) or September (9), not {start_month!r}")
    return start_month


def financial_year_of(d: date, start_month: int = 4) -> int:
    """Start year of the financial year containing ``d``: April–March by default (maintained
    schools and local authorities); ``start_month=9`` for an academy's September–August year."""
    _check_start_month(start_month)
    return d.year if d.month >= start_month else d.year - 1


def financial_year_bounds(year: int, start_month: int = 4) -> tuple[date, date]:
    """First and last day (inclusive) of the financial year starting in ``year``."""
    _check_start_month(start_month)
    return date(year, start_month, 1), date(year + 1, start_month, 1) - timedelta(days=1)


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the "anonymous Gregorian" algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_weekday_on_or_after(d: date, weekday: int) -> date:
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def _last_weekday_on_or_before(d: date, weekday: int) -> date:
    return d - timedelta(days=(d.weekday() - weekday) % 7)


def _last_monday(year: int, month: int) -> date:
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return _last_weekday_on_or_before(next_month - _ONE_DAY, MON)


def england_bank_holidays(year: int) -> frozenset[date]:
    """The regular bank holidays in England and Wales for a calendar year.

    One-off holidays (royal events, the 2020 VE Day move) are not predictable: a school
    records those as closures.
    """
    easter = easter_sunday(year)
    days = {
        easter - timedelta(days=2),  # Good Friday
        easter + timedelta(days=1),  # Easter Monday
        _first_weekday_on_or_after(date(year, 5, 1), MON),  # early May
        _last_monday(year, 5),  # spring
        _last_monday(year, 8),  # summer
    }
    new_year = date(year, 1, 1)
    days.add(new_year if new_year.weekday() < SAT else _first_weekday_on_or_after(new_year, MON))
    # Christmas Day and Boxing Day: a day that falls at a weekend moves to the next free weekday.
    for d in (date(year, 12, 25), date(year, 12, 26)):
        while d.weekday() >= SAT or d in days:
            d += _ONE_DAY
        days.add(d)
    return frozenset(days)


def default_calendar(year_start: int, *, inset_days: bool = True) -> SchoolCalendar:
    """Plausible English term dates for the academic year starting in September ``year_start``.

    For demo data and as a starting point a school edits; real dates come from the school
    or its local authority. Six terms, with half terms and holidays as gaps:

    * Autumn 1: first weekday from 1 Sep (a Friday start moves to Monday) to the Friday
      before the half term, which is the week of the last Monday in October.
    * Autumn 2: to the last weekday on or before 20 December.
    * Spring 1: first weekday from 3 January that is not a bank holiday (Friday → Monday),
      to the Friday before the half term in the week of the third Monday in February.
    * Spring 2: to the Friday nearest 1 April; the Easter holiday is the next two weeks.
    * Summer 1: to the Friday before the half term in the week of the spring bank holiday.
    * Summer 2: to the last weekday on or before 21 July.

    Closures are the bank holidays that fall in term (Good Friday or Easter Monday when
    Easter is late; always the early May bank holiday) and, with ``inset_days``, five INSET
    days: the first two days of Autumn 1, the first day of Autumn 2 and of Spring 1, and
    the last day of Summer 2. That leaves about 190 pupil days.
    """
    y0, y1 = year_start, year_start + 1
    holidays = england_bank_holidays(y0) | england_bank_holidays(y1)

    def open_day(d: date, *, backwards: bool = False) -> date:
        step = -_ONE_DAY if backwards else _ONE_DAY
        while d.weekday() >= SAT or d in holidays:
            d += step
        return d

    def first_day(d: date) -> date:
        d = open_day(d)
        if d.weekday() == FRI:  # nobody starts a term on a Friday
            d = open_day(d + timedelta(days=3))
        return d

    def week_of(monday: date) -> tuple[date, date]:
        """(Friday before, Monday after) a one-week break starting ``monday``."""
        return monday - timedelta(days=3), monday + timedelta(days=7)

    a1_start = first_day(date(y0, 9, 1))
    a1_end, a2_start = week_of(_last_monday(y0, 10))
    a2_end = open_day(date(y0, 12, 20), backwards=True)

    s1_start = first_day(date(y1, 1, 3))
    s1_end, s2_start = week_of(_first_weekday_on_or_after(date(y1, 2, 1), MON) + timedelta(days=14))
    april_1 = date(y1, 4, 1)
    fri_before = _last_weekday_on_or_before(april_1, FRI)
    fri_after = _first_weekday_on_or_after(april_1, FRI)
    s2_last_friday = fri_before if (april_1 - fri_before) <= (fri_after - april_1) else fri_after
    s2_end = open_day(s2_last_friday, backwards=True)
    su1_start = open_day(s2_last_friday + timedelta(days=17))

    su1_end, su2_start = week_of(_last_monday(y1, 5))
    su2_end = open_day(date(y1, 7, 21), backwards=True)

    terms = (
        Term("Autumn 1", a1_start, a1_end),
        Term("Autumn 2", a2_start, a2_end),
        Term("Spring 1", s1_start, s1_end),
        Term("Spring 2", s2_start, s2_end),
        Term("Summer 1", su1_start, su1_end),
        Term("Summer 2", su2_start, su2_end),
    )
    closures = {d for d in holidays if any(d in t for t in terms)}
    if inset_days:
        closures |= {
            a1_start,
            open_day(a1_start + _ONE_DAY),
            open_day(a2_start),
            s1_start,
            su2_end,
        }
    return SchoolCalendar(terms=terms, closures=frozenset(closures))

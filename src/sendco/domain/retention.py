"""How long a pupil's records are kept, and when they fall due for disposal (no Django).

The reference (shared/domain/README.md section 9) gives: a pupil's SEN file is commonly kept
until the pupil's date of birth + 31 years (25 years for the possible life of an EHC plan, plus
6 for claims; the IRMS Academies Toolkit as cited by schools and LA retention schedules), and
the general educational record until date of birth + 25 years. The reference marks these
periods "CHECK" (older toolkits used DOB + 25 for SEN files too), so each school may override
the years per rule (privacy.RetentionSetting); these are only the defaults.

A record is past retention on the anniversary itself: "kept until the 31st birthday" means it
may be destroyed from that day. A pupil born on 29 February reaches an anniversary in a
non-leap year on 1 March (the later of the two readings, so nothing is destroyed early).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from .term_dates import england_bank_holidays


@dataclass(frozen=True)
class RetentionRule:
    key: str
    record_type: str
    years: int  # the default, from the reference
    basis: str  # why, in words shown on the disposal report


# CHECK (reference section 9): both periods are marked to be checked against the school's or
# LA's own schedule; they are defaults a school can override, never hard limits.
SEN_FILE = RetentionRule(
    "sen_file",
    "Pupil's SEN file",
    31,
    "Date of birth + 31 years (25 for the possible life of an EHC plan + 6; IRMS toolkit)",
)
PUPIL_RECORD = RetentionRule(
    "pupil_record",
    "Pupil record (no SEN records)",
    25,
    "Date of birth + 25 years (general educational record; IRMS toolkit)",
)
RULES: dict[str, RetentionRule] = {rule.key: rule for rule in (SEN_FILE, PUPIL_RECORD)}
MIN_YEARS = 1
MAX_YEARS = 100


def anniversary(day: dt.date, years: int) -> dt.date:
    """`day` plus whole years; 29 February becomes 1 March in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year
        return dt.date(day.year + years, 3, 1)


def years_for(rule: RetentionRule, overrides: Mapping[str, int] | None = None) -> int:
    """The years kept under `rule`: the school's override if it has one, else the default."""
    years = (overrides or {}).get(rule.key, rule.years)
    if not MIN_YEARS <= years <= MAX_YEARS:
        raise ValueError(f"Retention of {years} years for {rule.key} is outside {MIN_YEARS}-{MAX_YEARS}.")
    return years


def rule_for(*, has_sen_records: bool) -> RetentionRule:
    """A pupil with any SEN record (register, plans, concerns, EHC, provision, chronology) is
    kept as an SEN file; one with only the pupil row and its links as a pupil record. When in
    doubt the longer rule applies."""
    return SEN_FILE if has_sen_records else PUPIL_RECORD


def disposal_date(
    date_of_birth: dt.date, rule: RetentionRule, overrides: Mapping[str, int] | None = None
) -> dt.date:
    """The first day the pupil's records may be destroyed under `rule`."""
    return anniversary(date_of_birth, years_for(rule, overrides))


def past_retention(
    date_of_birth: dt.date,
    rule: RetentionRule,
    today: dt.date,
    overrides: Mapping[str, int] | None = None,
) -> bool:
    return today >= disposal_date(date_of_birth, rule, overrides)


# Subject access (UK GDPR Art. 15(3), 12(3)): answered within one calendar month of receipt,
# extendable by two further months when the request is complex.
SAR_MONTHS = 1
SAR_EXTENSION_MONTHS = 2


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later; if that month is shorter, its last day
    (ICO: a request received on 31 January is due on 28 (29) February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def next_working_day(day: dt.date) -> dt.date:
    """``day``, or the first weekday after it that is not an England and Wales bank holiday."""
    while day.weekday() >= 5 or day in england_bank_holidays(day.year):
        day += dt.timedelta(days=1)
    return day


def sar_due_on(received_on: dt.date, *, extended: bool = False) -> dt.date:
    """When a subject access request received on `received_on` must be answered: the
    corresponding day one (or three) months on, or the next working day when that day is a
    weekend or bank holiday (ICO, "Time limits for responding")."""
    months = SAR_MONTHS + (SAR_EXTENSION_MONTHS if extended else 0)
    return next_working_day(add_months(received_on, months))

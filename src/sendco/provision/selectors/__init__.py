"""Reads for the provision map. Each loads rows in a fixed number of queries and hands them to
the pure functions in sendco.domain (costs, impact, term dates): no arithmetic here beyond
adding up what those functions return.

Split to match services/: _base.py (calendar, rates, periods, cost_groups), groups.py (the
provision maps, the groups a user may open), scores.py (scores, impact), sessions.py (section F
delivery, the staff member's week), money.py (budget, term-dates fingerprint).
"""

from ._base import (
    ZERO,
    CalendarInfo,
    GroupFigures,
    academic_year_bounds,
    calendar_for,
    cost_groups,
    financial_year_of,
    is_timetabled,
    running_groups,
    staff_rates,
)
from .groups import MapRow, groups_for, pupil_map, whole_school_map
from .money import budget_report, calendar_fingerprint
from .scores import group_scores, impact_report
from .sessions import home_panel, my_groups_this_week, section_f_report, week_of

__all__ = [
    "ZERO",
    "CalendarInfo",
    "GroupFigures",
    "MapRow",
    "academic_year_bounds",
    "budget_report",
    "calendar_fingerprint",
    "calendar_for",
    "cost_groups",
    "financial_year_of",
    "group_scores",
    "groups_for",
    "home_panel",
    "impact_report",
    "is_timetabled",
    "my_groups_this_week",
    "pupil_map",
    "running_groups",
    "section_f_report",
    "staff_rates",
    "week_of",
    "whole_school_map",
]

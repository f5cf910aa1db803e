"""Writes for the provision map: keyword-only, atomic, permission first, validated with the
same forms as the pages (nothing saved on an error), history with the actor and a reason.
Library entries, groups, places, sessions, rates and budgets carry a version (a year's term
dates a fingerprint): a save based on an old one raises ConflictError and changes nothing.

Split by subject: groups.py (library, groups, places), scores.py (measures, scores),
sessions.py (registers), recommendations.py (a report's recommendation made a place),
money.py (rates, term dates, budgets); _base.py the shared helpers.
"""

from sendco.core.concurrency import ConflictError

from ._base import school_staff
from .groups import add_example_provisions, add_member, save_group, save_provision
from .money import set_budget, set_calendar, set_financial_year_start, set_rate, set_top_up
from .recommendations import place_from_recommendation
from .scores import (
    add_measure,
    change_measure,
    record_score,
    record_scores,
    remove_measure,
    score_forms,
    scored_places,
    update_place,
)
from .sessions import correct_session, delete_session, record_session

__all__ = [
    "ConflictError",
    "add_example_provisions",
    "add_measure",
    "add_member",
    "place_from_recommendation",
    "change_measure",
    "correct_session",
    "delete_session",
    "record_score",
    "record_scores",
    "record_session",
    "remove_measure",
    "save_group",
    "save_provision",
    "school_staff",
    "score_forms",
    "scored_places",
    "set_budget",
    "set_calendar",
    "set_financial_year_start",
    "set_rate",
    "set_top_up",
    "update_place",
]

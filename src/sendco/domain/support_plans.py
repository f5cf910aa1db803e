"""The graduated approach (assess, plan, do, review) for SEN support plans, as plain rules.

Sources: SEND Code of Practice 0-25 (January 2015) 6.44-6.56 (the four-part cycle), 6.65
(good practice: review SEN support at least termly, meeting parents three times a year), 6.28-6.35
(the four broad areas of need). The cycle length is a school setting (termly by default):
nothing here is statute, so nothing here is a hard-coded legal deadline.

No Django imports: services, forms, the API and the demo data share these rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "DEFAULT_CYCLE_WEEKS",
    "DECISIONS",
    "OPEN_RATINGS",
    "RATINGS",
    "Change",
    "Problem",
    "check_plan_dates",
    "check_ratings",
    "check_target",
    "default_review_date",
    "field_diff",
    "review_state",
    "targets_to_carry",
]

# CoP 6.65: "at least three times each year" -> a term of about 12-13 weeks.
DEFAULT_CYCLE_WEEKS = 12
MIN_CYCLE_WEEKS, MAX_CYCLE_WEEKS = 2, 52

RATINGS: dict[str, str] = {
    "not_yet": "Not yet",
    "partly": "Partly achieved",
    "achieved": "Achieved",
    "exceeded": "Exceeded",
}
# A target rated one of these stays open and is carried into the next cycle by default.
OPEN_RATINGS = frozenset({"not_yet", "partly"})

DECISIONS: dict[str, str] = {
    "continue": "Continue with the plan (open targets carried over)",
    "new_targets": "Set new targets",
    "ehc_request": "Step up: request an EHC needs assessment",
    "step_down": "Step down from SEN support (monitor)",
}


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def default_review_date(start: date, cycle_weeks: int = DEFAULT_CYCLE_WEEKS) -> date:
    """The review date of a cycle starting on `start`, moved back off a weekend."""
    weeks = min(max(cycle_weeks, MIN_CYCLE_WEEKS), MAX_CYCLE_WEEKS)
    day = start + timedelta(weeks=weeks)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def review_state(review_date: date, today: date, soon_weeks: int = 4) -> str:
    """ "overdue", "today", "soon" (within `soon_weeks`) or "later"."""
    if review_date < today:
        return "overdue"
    if review_date == today:
        return "today"
    if review_date <= today + timedelta(weeks=soon_weeks):
        return "soon"
    return "later"


def check_plan_dates(start: date | None, review: date | None) -> list[Problem]:
    problems = []
    if start is None:
        problems.append(Problem("start_date", "Enter the date the plan starts."))
    if review is None:
        problems.append(Problem("review_date", "Enter the date the plan will be reviewed."))
    if start and review and review <= start:
        problems.append(Problem("review_date", "The review date must be after the start date."))
    if start and review and review > start + timedelta(weeks=MAX_CYCLE_WEEKS):
        problems.append(Problem("review_date", "Review the plan within a year of its start."))
    return problems


def check_target(
    *, description: str, measure: str, due: date | None, cycle_start: date | None, cycle_review: date | None
) -> list[Problem]:
    """A SMART target: specific (what), measurable (how measured), time-bound (by when)."""
    problems = []
    if not description.strip():
        problems.append(Problem("description", "Say what the pupil will be able to do."))
    if not measure.strip():
        problems.append(Problem("measure", "Say how progress towards the target will be measured."))
    if due is None:
        problems.append(Problem("due_date", "Enter the date the target should be met by."))
    elif cycle_start and due < cycle_start:
        problems.append(Problem("due_date", "The target date cannot be before the plan starts."))
    elif cycle_review and due > cycle_review + timedelta(weeks=MAX_CYCLE_WEEKS):
        problems.append(Problem("due_date", "Choose a target date within a year of the review."))
    return problems


def check_ratings(target_ids: Iterable[int], ratings: Mapping[int, str]) -> list[Problem]:
    """Every target of the cycle rated once with a known rating; nothing else rated."""
    wanted = set(target_ids)
    problems = []
    for target_id, rating in ratings.items():
        if target_id not in wanted:
            problems.append(Problem("ratings", f"Target {target_id} is not part of this plan."))
        elif rating not in RATINGS:
            problems.append(Problem(f"rating_{target_id}", "Choose how far the target was achieved."))
    for target_id in sorted(wanted - set(ratings)):
        problems.append(Problem(f"rating_{target_id}", "Rate every target of the plan."))
    return problems


def targets_to_carry(
    ratings: Mapping[int, str], decision: str, overrides: Mapping[int, bool] | None = None
) -> list[int]:
    """Targets carried into the next cycle: the open ones, except those the review chose to drop
    (`overrides[t] is False`); none when the pupil steps down and the plan ends."""
    overrides = overrides or {}
    if decision == "step_down":
        return []
    return sorted(t for t, r in ratings.items() if r in OPEN_RATINGS and overrides.get(t, True))


@dataclass(frozen=True)
class Change:
    key: str  # "field" for plan fields, "target N: field" for targets
    old: str
    new: str

    @property
    def kind(self) -> str:
        if not self.old:
            return "added"
        if not self.new:
            return "removed"
        return "changed"


def field_diff(old: Mapping[str, str], new: Mapping[str, str]) -> list[Change]:
    """Field-level differences between two flattened versions, in the order of `new` then `old`."""
    keys = list(new) + [k for k in old if k not in new]
    return [Change(k, old.get(k, ""), new.get(k, "")) for k in keys if old.get(k, "") != new.get(k, "")]

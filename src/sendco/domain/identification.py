"""Rules for the decision that ends the identification of a concern (SEND Code of Practice
2015, chapter 6, "Identifying SEN in schools" and "SEN support in schools").

* Placing a pupil on SEN support means making special educational provision; the school must
  tell the parents (Children and Families Act 2014 s.68; Code of Practice 6.43), so the date
  the parents were told is required with that decision.
* SEN support is recorded as census provision code K with ranked need types (primary first);
  a pupil already on K or E is managed on the register, not by a new concern.
* Monitoring needs a review date in the future; a referral names the agency and the reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import sen_codes

DECISIONS = ("no_action", "monitor", "sen_support", "refer")


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def check_decision(
    *,
    decision: str,
    today: dt.date,
    raised_on: dt.date,
    current_provision: str,
    review_date: dt.date | None = None,
    need_types: list[str] | tuple = (),
    parents_told_on: dt.date | None = None,
    agency: str = "",
    agency_reason: str = "",
) -> list[Problem]:
    problems: list[Problem] = []
    if decision not in DECISIONS:
        return [Problem("decision", "Choose a decision.")]
    if decision == "monitor" and (review_date is None or review_date <= today):
        problems.append(Problem("review_date", "Enter a review date in the future."))
    if decision == "sen_support":
        if current_provision in ("K", "E"):
            problems.append(
                Problem(
                    "decision",
                    "The pupil is already on the SEN register; change their needs on the register.",
                )
            )
        if not need_types:
            problems.append(
                Problem("need_types", "Choose the primary need (and any secondary needs, in order).")
            )
        elif len(set(need_types)) != len(need_types):
            problems.append(Problem("need_types", "Each need type can be chosen once."))
        elif any(n not in sen_codes.NEED_TYPES for n in need_types):
            problems.append(Problem("need_types", "Choose need types from the list."))
        if parents_told_on is None:
            problems.append(
                Problem(
                    "parents_told_on", "Enter the date the parents were told (the school must tell them)."
                )
            )
        elif not raised_on <= parents_told_on <= today:
            problems.append(
                Problem(
                    "parents_told_on", "The date the parents were told must be between the concern and today."
                )
            )
    if decision == "refer":
        if not agency.strip():
            problems.append(Problem("agency", "Say which agency or service you are referring to."))
        if not agency_reason.strip():
            problems.append(Problem("agency_reason", "Say why you are referring."))
    return problems

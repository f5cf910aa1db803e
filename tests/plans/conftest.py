import datetime as dt

import pytest

from sendco.accounts.roles import Role
from sendco.plans import services

START = dt.date(2026, 9, 7)


def plan_data(**changes) -> dict:
    return {
        "start_date": START.isoformat(),
        "review_date": (START + dt.timedelta(weeks=12)).isoformat(),
        "needs_summary": "Reads below age-related expectations.",
        "outcomes": "To read fluently.",
        "strategies": "<ul><li>Chunk instructions</li></ul>",
        "staff_notes": "STAFF-ONLY-NOTE",
        "senco_notes": "SENCO-ONLY-NOTE",
    } | changes


def target_data(**changes) -> dict:
    return {
        "area": "CL",
        "description": "Read 30 high-frequency words",
        "measure": "Weekly word-reading check",
        "baseline": "12 words",
        "success_criteria": "30 words read correctly",
        "due_date": (START + dt.timedelta(weeks=10)).isoformat(),
        "responsible": "Mrs Rahman (TA)",
        "strategies": "<p><strong>Precision teaching</strong> daily</p>",
        "provision": "Precision teaching 3 x 10 minutes a week",
    } | changes


def make_plan(pupil, actor, *, targets=2, staff_only_target=False):
    cycle = services.start_plan(actor=actor, pupil=pupil, data=plan_data())
    for i in range(targets):
        services.save_target(actor=actor, cycle=cycle, data=target_data(description=f"Target number {i + 1}"))
    if staff_only_target:
        services.save_target(
            actor=actor, cycle=cycle, data=target_data(description="SECRET-TARGET", staff_only="on")
        )
    cycle.refresh_from_db()
    return cycle


@pytest.fixture
def senco(cast):
    return cast.user(Role.SENCO)


@pytest.fixture
def plan_cycle(cast, senco):
    return make_plan(cast.pupil, senco, staff_only_target=True)

import datetime as dt

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.plans.integrations import support_history
from sendco.plans.models import Plan, PlanCycle, Target
from sendco.statutory.request_document import document


def _plan(pupil, review_date):
    plan = Plan.objects.create(pupil=pupil, school=pupil.school)
    cycle = PlanCycle.objects.create(
        plan=plan,
        pupil=pupil,
        school=pupil.school,
        number=1,
        start_date=dt.date(2025, 9, 8),
        review_date=review_date,
    )
    Target.objects.create(
        cycle=cycle,
        pupil=pupil,
        school=pupil.school,
        area="CL",
        description="Read 50 common exception words",
        measure="Word list check",
        due_date=review_date,
    )
    return cycle


def test_register_shows_next_plan_review(cast, client):
    _plan(cast.pupil, dt.date(2020, 1, 10))
    client.force_login(cast.user(Role.SENCO))
    page = client.get(reverse("register")).content.decode()
    assert "Review 10/01/2020 (overdue)" in page


def test_request_document_lists_support_so_far(cast):
    _plan(cast.pupil, dt.date(2026, 1, 10))
    text = support_history(cast.pupil, None)
    assert "Plan cycle 1: 08/09/2025 to 10/01/2026" in text and "Read 50 common exception words" in text
    parts = {p["key"]: p["text"] for p in document(cast.pupil, type("R", (), {"document": {}})())}
    assert "Read 50 common exception words" in parts["support_history"]

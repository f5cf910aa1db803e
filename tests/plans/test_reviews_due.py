import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.plans import services
from sendco.plans.models import PlanCycle
from tests import factories as f

from .conftest import plan_data


def _plan_due(pupil, actor, days: int):
    today = dt.date.today()
    return services.start_plan(
        actor=actor,
        pupil=pupil,
        data=plan_data(
            start_date=today - dt.timedelta(days=100), review_date=today + dt.timedelta(days=days)
        ),
    )


def test_senco_sees_whole_school_teacher_only_their_pupils(cast, client, senco):
    _plan_due(cast.pupil, senco, -3)
    unlinked = f.put_on_register(cast.unlinked)
    _plan_due(unlinked, senco, 0)
    late = f.put_on_register(f.PupilFactory(school=cast.school, legal_surname="Laterthan"))
    _plan_due(late, senco, 60)
    client.force_login(senco)
    body = client.get(reverse("plans-reviews-due")).content.decode()
    assert "Overdue" in body and "Due today" in body
    assert cast.pupil.legal_surname in body and "Unlinked" in body and "Laterthan" not in body
    assert "Laterthan" in client.get(reverse("plans-reviews-due"), {"weeks": 12}).content.decode()
    client.force_login(cast.user(Role.TEACHER))
    body = client.get(reverse("plans-reviews-due")).content.decode()
    assert "Linked" in body and "Unlinked" not in body
    home = client.get(reverse("home")).content.decode()
    assert "Plan reviews due for your pupils" in home


def test_home_panel_counts_for_senco(cast, client, senco):
    _plan_due(cast.pupil, senco, -3)
    client.force_login(senco)
    body = client.get(reverse("home")).content.decode()
    assert "Plan reviews due" in body and reverse("plans-plan", args=[cast.pupil.pk]) in body


def test_reviews_due_constant_queries(cast, client, senco):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("plans-reviews-due")).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(senco)
    for _ in range(5):
        _plan_due(f.put_on_register(f.PupilFactory(school=cast.school)), senco, 5)
    few = count()
    for _ in range(45):
        _plan_due(f.put_on_register(f.PupilFactory(school=cast.school)), senco, 5)
    assert count() == few and PlanCycle.objects.count() == 50


def test_api_reviews_due(cast, client, senco):
    cycle = _plan_due(cast.pupil, senco, 3)
    _, key = ApiToken.issue(cast.user(Role.TEACHER))
    rows = client.get("/api/v1/plans/reviews-due", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert rows == [
        {
            "id": cycle.pk,
            "pupil_id": cast.pupil.pk,
            "pupil_name": cast.pupil.full_name,
            "review_date": cycle.review_date.isoformat(),
            "state": "soon",
        }
    ]

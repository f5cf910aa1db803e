"""Taking back a review recorded by mistake."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.plans import services
from sendco.plans.models import Plan, PlanCycle, Review, Target, TargetRating


def _review(senco, cycle, decision="continue"):
    data = {"held_on": "2026-11-20", "attendees": "SENCO, parents", "decision": decision}
    for t in cycle.targets.all():
        data[f"rating_{t.pk}"] = "partly"
    return services.record_review(actor=senco, cycle=cycle, data=data)


def test_undo_restores_the_reviewed_version_and_removes_the_one_it_opened(cast, client, senco, plan_cycle):
    targets = set(plan_cycle.targets.values_list("pk", flat=True))
    _, nxt = _review(senco, plan_cycle)
    client.force_login(senco)
    page = client.get(reverse("plans-cycle", args=[cast.pupil.pk, plan_cycle.pk])).content.decode()
    assert "Undo this review" in page
    url = reverse("plans-review-undo", args=[cast.pupil.pk, plan_cycle.pk])
    assert f"Version {nxt.number}, which the review opened" in client.get(url).content.decode()
    assert client.post(url)["Location"] == reverse("plans-plan", args=[cast.pupil.pk])
    plan_cycle.refresh_from_db()
    assert plan_cycle.is_current and plan_cycle.version > 1
    assert not PlanCycle.objects.filter(pk=nxt.pk).exists()
    assert not Review.objects.exists() and not TargetRating.objects.exists()
    assert set(Target.objects.values_list("pk", flat=True)) == targets  # carried copies went too
    deleted = Review.history.filter(history_type="-").get()
    assert deleted.history_user == senco and "mistake" in deleted.history_change_reason


def test_undo_reopens_a_plan_closed_by_stepping_down(cast, senco, plan_cycle):
    _review(senco, plan_cycle, decision="step_down")
    assert Plan.objects.get().closed_on is not None
    services.undo_review(actor=senco, cycle=plan_cycle)
    assert Plan.objects.get().closed_on is None
    plan_cycle.refresh_from_db()
    assert plan_cycle.is_current


def test_no_undo_once_the_next_version_was_worked_on(cast, client, senco, plan_cycle):
    _, nxt = _review(senco, plan_cycle)
    changes = {"strategies": "Visual timetable"}
    services.update_cycle(actor=senco, cycle=nxt, data=changes, expected_version=None, partial=True)
    client.force_login(senco)
    page = client.get(reverse("plans-cycle", args=[cast.pupil.pk, plan_cycle.pk])).content.decode()
    assert "Undo this review" not in page
    with pytest.raises(ValidationError, match="worked on since"):
        services.undo_review(actor=senco, cycle=plan_cycle)
    body = client.post(reverse("plans-review-undo", args=[cast.pupil.pk, plan_cycle.pk])).content.decode()
    assert "cannot be undone" in body
    assert Review.objects.count() == 1 and PlanCycle.objects.filter(pk=nxt.pk).exists()


def test_only_the_sen_team_can_undo(cast, client, senco, plan_cycle):
    _review(senco, plan_cycle)
    client.force_login(cast.user(Role.TEACHER))
    assert client.post(reverse("plans-review-undo", args=[cast.pupil.pk, plan_cycle.pk])).status_code == 404
    assert Review.objects.count() == 1


def test_api_undo(cast, client, senco, plan_cycle):
    from sendco.accounts.models import ApiToken

    _, key = ApiToken.issue(senco)
    _review(senco, plan_cycle)
    path = f"/api/v1/plans/cycles/{plan_cycle.pk}/review"
    assert client.delete(path, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 204
    assert not Review.objects.exists()
    again = client.delete(path, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert again.status_code == 422 and "not been reviewed" in again.content.decode()

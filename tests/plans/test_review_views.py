from django.urls import reverse

from sendco.plans.models import PlanCycle, Review, TargetRating


def test_review_with_ratings_opens_next_cycle(cast, client, senco, plan_cycle):
    t1, t2, t3 = plan_cycle.targets.all()
    client.force_login(senco)
    url = reverse("plans-review", args=[cast.pupil.pk, plan_cycle.pk])
    assert "Review version 1 of the plan" in client.get(url).content.decode()
    data = {
        "held_on": "2026-11-30",
        "attendees": "SENCO, mum, pupil",
        "pupil_views": "I like reading now",
        "decision": "continue",
        f"rating_{t1.pk}": "achieved",
        f"rating_{t2.pk}": "not_yet",
        f"rating_{t3.pk}": "partly",
        f"carry_set_{t1.pk}": "1",
        f"carry_set_{t2.pk}": "1",
        f"carry_set_{t3.pk}": "1",
        f"carry_{t2.pk}": "1",
    }
    response = client.post(url, data)
    assert response["Location"] == reverse("plans-plan", args=[cast.pupil.pk])
    nxt = PlanCycle.objects.get(number=2)
    assert [t.carried_from_id for t in nxt.targets.all()] == [t2.pk]  # t3 was unticked
    assert TargetRating.objects.count() == 3
    page = client.get(reverse("plans-plan", args=[cast.pupil.pk])).content.decode()
    assert "version 2" in page and "Carried over" in page


def test_rating_for_a_target_not_in_the_plan_is_ignored_and_missing_rating_is_an_error(
    cast, client, senco, plan_cycle
):
    t1, t2, t3 = plan_cycle.targets.all()
    client.force_login(senco)
    data = {
        "held_on": "2026-11-30",
        "attendees": "SENCO",
        "decision": "continue",
        f"rating_{t1.pk}": "achieved",
        "rating_999999": "achieved",
    }
    body = client.post(reverse("plans-review", args=[cast.pupil.pk, plan_cycle.pk]), data).content.decode()
    assert "Rate every target of the plan." in body
    assert not Review.objects.exists()


def test_api_rating_for_unknown_target_is_refused(cast, client, senco, plan_cycle):
    from sendco.accounts.models import ApiToken

    _, key = ApiToken.issue(senco)
    body = {
        "held_on": "2026-11-30",
        "attendees": "x",
        "decision": "continue",
        "ratings": [{"target_id": 999999, "rating": "achieved"}],
    }
    response = client.post(
        f"/api/v1/plans/cycles/{plan_cycle.pk}/review",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "ratings"]
    assert not Review.objects.exists()


def test_a_step_up_decision_leads_to_the_ehc_needs_assessment_request(cast, client, senco, plan_cycle):
    from sendco.statutory.models import LaSetting

    LaSetting.objects.create(school=cast.school, la_name="Northshire Council")
    client.force_login(senco)
    data = {"held_on": "2026-11-20", "attendees": "SENCO, parents", "decision": "ehc_request"}
    for t in plan_cycle.targets.all():
        data[f"rating_{t.pk}"] = "not_yet"
    response = client.post(reverse("plans-review", args=[cast.pupil.pk, plan_cycle.pk]), data)
    assert response["Location"] == reverse("statutory-request-new", args=[cast.pupil.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Next, record the request for an EHC needs assessment" in page
    assert 'value="Northshire Council"' in page
    assert PlanCycle.objects.filter(number=2).exists()  # support carries on while the LA decides


def test_only_people_who_record_statutory_work_are_sent_to_the_request(cast):
    from sendco.accounts.roles import Role
    from sendco.plans.views.reviews import _can_request_assessment

    assert _can_request_assessment(cast.user(Role.SENCO), cast.pupil)
    assert not _can_request_assessment(cast.user(Role.TEACHER), cast.pupil)


def test_a_saved_review_builds_its_form_once_against_the_locked_cycle(
    cast, client, senco, plan_cycle, monkeypatch
):
    """The page no longer builds a form of its own before the service checks the review."""
    from sendco.plans import forms, services

    built = []

    class CountingReviewForm(forms.ReviewForm):
        def __init__(self, *args, **kwargs):
            built.append(kwargs.get("cycle"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(services, "ReviewForm", CountingReviewForm)
    monkeypatch.setattr("sendco.plans.views.reviews.ReviewForm", CountingReviewForm)
    t1, t2, t3 = plan_cycle.targets.all()
    client.force_login(senco)
    data = {"held_on": "2026-11-30", "attendees": "SENCO", "decision": "continue"}
    data |= {f"rating_{t.pk}": "achieved" for t in (t1, t2, t3)}
    response = client.post(reverse("plans-review", args=[cast.pupil.pk, plan_cycle.pk]), data)
    assert response.status_code == 302
    assert len(built) == 1

"""The plan page, start/edit forms, targets, compare and the conflict screen."""

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.plans import services
from sendco.plans.models import PlanCycle, Target

from .conftest import make_plan, plan_data, target_data


def test_senco_starts_a_plan_and_adds_targets(cast, client, senco):
    client.force_login(senco)
    url = reverse("plans-plan-start", args=[cast.pupil.pk])
    assert "Start a support plan" in client.get(url).content.decode()
    response = client.post(url, plan_data())
    cycle = PlanCycle.objects.get()
    assert response["Location"] == reverse("plans-target-add", args=[cast.pupil.pk, cycle.pk])
    add = reverse("plans-target-add", args=[cast.pupil.pk, cycle.pk])
    response = client.post(add, target_data() | {"add_another": "1"})
    assert response["Location"] == add
    client.post(add, target_data(description="Second target"))
    assert list(Target.objects.values_list("position", flat=True)) == [1, 2]
    page = client.get(reverse("plans-plan", args=[cast.pupil.pk])).content.decode()
    assert "Second target" in page and "STAFF-ONLY-NOTE" in page and "SENCO-ONLY-NOTE" in page
    assert AccessLog.objects.filter(pupil=cast.pupil, action="view", what="Support plan").exists()


def test_bad_dates_show_errors_and_save_nothing(cast, client, senco):
    client.force_login(senco)
    response = client.post(
        reverse("plans-plan-start", args=[cast.pupil.pk]), plan_data(review_date="2026-01-01")
    )
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert "The review date must be after the start date." in body and 'href="#id_review_date"' in body
    assert not PlanCycle.objects.exists()


def test_target_without_measure_shows_error(cast, client, senco, plan_cycle):
    client.force_login(senco)
    url = reverse("plans-target-add", args=[cast.pupil.pk, plan_cycle.pk])
    before = Target.objects.count()
    body = client.post(url, target_data(measure="")).content.decode()
    assert "Say how progress towards the target will be measured." in body
    assert Target.objects.count() == before


def test_teacher_sees_staff_notes_but_not_senco_notes(cast, client, plan_cycle):
    client.force_login(cast.user(Role.TEACHER))
    body = client.get(reverse("plans-plan", args=[cast.pupil.pk])).content.decode()
    assert "STAFF-ONLY-NOTE" in body and "SENCO-ONLY-NOTE" not in body and "SECRET-TARGET" in body
    assert "Review this plan" not in body


def test_concurrent_edit_shows_both_versions_and_keeps_mine(cast, client, senco, plan_cycle):
    url = reverse("plans-cycle-edit", args=[cast.pupil.pk, plan_cycle.pk])
    client.force_login(senco)
    loaded_version = plan_cycle.version
    # Someone else saves first.
    services.update_cycle(
        actor=cast.user(Role.ASSISTANT_SENCO),
        cycle=plan_cycle,
        data=plan_data(outcomes="Their outcome"),
        expected_version=loaded_version,
    )
    response = client.post(url, plan_data(outcomes="My outcome", version=loaded_version))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this while you were editing it" in body
    assert "Their outcome" in body and "My outcome" in body  # both versions on screen
    plan_cycle.refresh_from_db()
    assert "Their outcome" in plan_cycle.outcomes  # nothing overwritten
    # Saving again from the conflict screen (with the new version) keeps mine; theirs stays in history.
    current = plan_cycle.version
    client.post(url, plan_data(outcomes="My outcome", version=current))
    plan_cycle.refresh_from_db()
    assert "My outcome" in plan_cycle.outcomes
    assert any("Their outcome" in h.outcomes for h in plan_cycle.history.all())


def test_target_conflict(cast, client, senco, plan_cycle):
    target = plan_cycle.targets.first()
    url = reverse("plans-target-edit", args=[cast.pupil.pk, plan_cycle.pk, target.pk])
    services.save_target(
        actor=senco,
        cycle=plan_cycle,
        target=target,
        data=target_data(baseline="New baseline"),
        expected_version=target.version,
    )
    client.force_login(cast.user(Role.ASSISTANT_SENCO))
    body = client.post(url, target_data(baseline="Mine", version=target.version)).content.decode()
    assert "Someone else changed this" in body and "New baseline" in body and "Mine" in body
    target.refresh_from_db()
    assert target.baseline == "New baseline"


def test_compare_two_versions_field_by_field(cast, client, senco):
    cycle = make_plan(cast.pupil, senco, targets=2)
    t1, t2 = cycle.targets.all()
    data = {
        "held_on": "2026-11-30",
        "attendees": "All",
        "decision": "continue",
        f"rating_{t1.pk}": "achieved",
        f"rating_{t2.pk}": "partly",
    }
    _, nxt = services.record_review(actor=senco, cycle=cycle, data=data)
    services.update_cycle(
        actor=senco,
        cycle=nxt,
        data=plan_data(outcomes="Read with expression", start_date="2026-11-30", review_date="2027-02-26"),
        expected_version=nxt.version,
    )
    client.force_login(senco)
    body = client.get(
        reverse("plans-compare", args=[cast.pupil.pk]), {"a": cycle.pk, "b": nxt.pk}
    ).content.decode()
    assert "Version 1 and version 2 side by side" in body
    assert "Read with expression" in body and "To read fluently." in body
    assert "app-diff-old" in body and "app-diff-new" in body
    assert "Target 1: what" in body  # the achieved target is only in version 1


def test_reviewed_version_cannot_be_edited(cast, client, senco):
    cycle = make_plan(cast.pupil, senco, targets=1)
    t1 = cycle.targets.get()
    data = {
        "held_on": "2026-11-30",
        "attendees": "All",
        "decision": "continue",
        f"rating_{t1.pk}": "achieved",
    }
    services.record_review(actor=senco, cycle=cycle, data=data)
    client.force_login(senco)
    assert client.get(reverse("plans-cycle-edit", args=[cast.pupil.pk, cycle.pk])).status_code == 404
    assert client.get(reverse("plans-cycle", args=[cast.pupil.pk, cycle.pk])).status_code == 200


def test_remove_target(cast, client, senco, plan_cycle):
    target = plan_cycle.targets.first()
    client.force_login(senco)
    client.post(reverse("plans-target-remove", args=[cast.pupil.pk, plan_cycle.pk, target.pk]))
    assert not Target.objects.filter(pk=target.pk).exists()
    assert target.history.filter(history_type="-").exists()


def test_plan_page_shows_the_needs_it_is_written_for(cast, client, senco, plan_cycle):
    client.force_login(senco)
    body = client.get(reverse("plans-plan", args=[cast.pupil.pk])).content.decode()
    assert "Specific learning difficulty (primary)" in body

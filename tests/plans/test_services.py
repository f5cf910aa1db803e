import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from sendco.accounts.roles import Role
from sendco.plans import services
from sendco.plans.models import Passport, PlanCycle, Review, Target

from .conftest import START, make_plan, plan_data, target_data


def test_start_plan_and_targets(cast, senco):
    cycle = make_plan(cast.pupil, senco, targets=2)
    assert cycle.number == 1 and cycle.is_current
    assert [t.position for t in cycle.targets.all()] == [1, 2]
    assert cycle.history.first().history_user == senco


def test_review_date_before_start_is_refused_and_nothing_saved(cast, senco):
    with pytest.raises(ValidationError) as exc:
        services.start_plan(actor=senco, pupil=cast.pupil, data=plan_data(review_date="2026-09-01"))
    assert "review_date" in exc.value.message_dict
    assert not PlanCycle.objects.exists()


def test_target_without_measure_is_refused(cast, senco):
    cycle = make_plan(cast.pupil, senco, targets=0)
    with pytest.raises(ValidationError) as exc:
        services.save_target(actor=senco, cycle=cycle, data=target_data(measure=" "))
    assert exc.value.message_dict["measure"] == ["Say how progress towards the target will be measured."]
    assert not Target.objects.exists()


def test_teacher_cannot_write_plans(cast):
    with pytest.raises(PermissionDenied):
        services.start_plan(actor=cast.user(Role.TEACHER), pupil=cast.pupil, data=plan_data())


def _review(cycle, ratings, decision="continue", **extra):
    data = {"held_on": "2026-11-30", "attendees": "SENCO, parent, pupil", "decision": decision} | extra
    for t, r in ratings.items():
        data[f"rating_{t.pk}"] = r
        data[f"evidence_{t.pk}"] = f"evidence {t.position}"
    return data


def test_review_closes_cycle_and_carries_open_targets(cast, senco):
    cycle = make_plan(cast.pupil, senco, targets=3)
    t1, t2, t3 = cycle.targets.all()
    review, nxt = services.record_review(
        actor=senco,
        cycle=cycle,
        data=_review(cycle, {t1: "achieved", t2: "partly", t3: "not_yet"}),
        carry={t3.pk: False},
    )
    cycle.refresh_from_db()
    assert cycle.status == "reviewed" and review.decision == "continue"
    assert nxt.number == 2 and nxt.start_date == dt.date(2026, 11, 30) and nxt.review_date > nxt.start_date
    carried = list(nxt.targets.all())
    assert [t.carried_from for t in carried] == [t2] and carried[0].position == t2.position
    # The reviewed version is frozen: it cannot be edited any more.
    with pytest.raises(ValidationError):
        services.update_cycle(actor=senco, cycle=cycle, data=plan_data(outcomes="x"), expected_version=None)
    assert Target.objects.filter(cycle=cycle).count() == 3


def test_review_needs_a_rating_for_every_target_and_saves_nothing_otherwise(cast, senco):
    cycle = make_plan(cast.pupil, senco, targets=2)
    t1, _ = cycle.targets.all()
    with pytest.raises(ValidationError) as exc:
        services.record_review(actor=senco, cycle=cycle, data=_review(cycle, {t1: "achieved"}))
    assert any(k.startswith("rating_") for k in exc.value.message_dict)
    assert not Review.objects.exists() and PlanCycle.objects.count() == 1


def test_review_before_plan_start_is_refused(cast, senco):
    cycle = make_plan(cast.pupil, senco, targets=1)
    (t1,) = cycle.targets.all()
    with pytest.raises(ValidationError) as exc:
        services.record_review(
            actor=senco, cycle=cycle, data=_review(cycle, {t1: "achieved"}, held_on="2026-01-01")
        )
    assert "held_on" in exc.value.message_dict


def test_step_down_closes_the_plan(cast, senco):
    cycle = make_plan(cast.pupil, senco, targets=1)
    (t1,) = cycle.targets.all()
    _, nxt = services.record_review(
        actor=senco, cycle=cycle, data=_review(cycle, {t1: "not_yet"}, "step_down")
    )
    assert nxt is None and cycle.plan.__class__.objects.get().closed_on == dt.date(2026, 11, 30)


def test_concurrent_edits_second_save_conflicts_and_loses_nothing(cast, senco):
    cycle = make_plan(cast.pupil, senco, targets=0)
    version = cycle.version
    services.update_cycle(
        actor=senco, cycle=cycle, data=plan_data(outcomes="First editor"), expected_version=version
    )
    with pytest.raises(services.ConflictError) as exc:
        services.update_cycle(
            actor=cast.user(Role.ASSISTANT_SENCO),
            cycle=cycle,
            data=plan_data(outcomes="Second"),
            expected_version=version,
        )
    assert "First editor" in exc.value.current.outcomes
    cycle.refresh_from_db()
    assert "First editor" in cycle.outcomes


def test_passport_versions_and_sanitising(cast):
    ta = cast.user(Role.TA)
    data = {
        "about_me": "I like <b>football</b><script>alert(1)</script>",
        "how_to_help": "<ul><li onclick='x()'>Visual timetable</li></ul>",
    }
    passport = services.save_passport(actor=ta, pupil=cast.pupil, data=data, expected_version=None)
    assert passport.version == 1
    assert "<script" not in passport.about_me and "<b>football</b>" in passport.about_me
    assert "onclick" not in passport.how_to_help and "<li>Visual timetable</li>" in passport.how_to_help
    with pytest.raises(services.ConflictError):
        services.save_passport(actor=ta, pupil=cast.pupil, data=data, expected_version=5)
    assert Passport.objects.get().version == 1


def test_parent_views_and_confirmation(cast, plan_cycle):
    parent = cast.user(Role.PARENT)
    services.add_parent_views(actor=parent, cycle=plan_cycle, data={"views": "He is <em>happier</em>"})
    services.confirm_read(actor=parent, cycle=plan_cycle)
    services.confirm_read(actor=parent, cycle=plan_cycle)
    assert (
        plan_cycle.acknowledgements.count() == 1
        and plan_cycle.contributions.get().views == "He is <em>happier</em>"
    )
    with pytest.raises(PermissionDenied):
        services.add_parent_views(actor=cast.user(Role.TEACHER), cycle=plan_cycle, data={"views": "x"})


def test_invitation_emails_each_person_with_ics(cast, senco, plan_cycle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.send_invitation(
            actor=senco,
            cycle=plan_cycle,
            data={
                "meeting_at": (dt.datetime.now() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
                "duration_minutes": 45,
                "location": "SENCO office",
                "recipients": "parent@example.org\nteacher@example.org",
            },
        )
        assert not mail.outbox  # nothing leaves before the invitation is saved
    assert len(callbacks) == 1
    assert len(mail.outbox) == 2 and mail.outbox[0].to == ["parent@example.org"]
    name, content, kind = mail.outbox[0].attachments[0]
    assert name == "review.ics" and kind == "text/calendar" and "BEGIN:VEVENT" in str(content)
    assert "SENCO office" in str(content)


def test_invitation_rejects_bad_email(cast, senco, plan_cycle):
    with pytest.raises(ValidationError) as exc:
        services.send_invitation(
            actor=senco,
            cycle=plan_cycle,
            data={
                "meeting_at": "2030-01-01T10:00",
                "duration_minutes": 30,
                "location": "Room",
                "recipients": "nope",
            },
        )
    assert "recipients" in exc.value.message_dict and not mail.outbox


def test_starter_bank_and_template(cast, senco):
    added = services.load_starter_bank(actor=senco, school=cast.school)
    assert added >= 20
    assert services.load_starter_bank(actor=senco, school=cast.school) == 0
    with pytest.raises(PermissionDenied):
        services.load_starter_bank(actor=cast.user(Role.TEACHER), school=cast.school)


def test_bank_pick_adds_strategy_to_plan(cast, senco):
    services.load_starter_bank(actor=senco, school=cast.school)
    from sendco.plans.models import Strategy

    pick = Strategy.objects.get(title="Visual timetable")
    cycle = services.start_plan(
        actor=senco, pupil=cast.pupil, data=plan_data(strategies="", from_bank=[pick.pk])
    )
    assert "Visual timetable" in cycle.strategies and START == cycle.start_date

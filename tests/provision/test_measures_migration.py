"""The migrations that gave groups several measures: each group's one measure becomes its first
Measure, each place's entry/exit values a Score (with the history of those values), and
migrating back puts them where they were."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests import factories as f

BEFORE = [("provision", "0004_staff_take_turns")]
AFTER = [("provision", "0007_drop_single_measure_fields")]


def _migrate(targets):
    """Migrate the test database to ``targets``; the models as they were there."""
    executor = MigrationExecutor(connection)
    return executor.migrate(targets).apps


def _old_records(apps):
    """A group with a reading-age measure and two places, one scored twice, one never."""
    school = f.SchoolFactory()
    user = f.UserFactory()
    scored, unscored = f.PupilFactory(school=school), f.PupilFactory(school=school)
    Provision = apps.get_model("provision", "Provision")
    Group = apps.get_model("provision", "ProvisionGroup")
    Member = apps.get_model("provision", "GroupMember")
    History = apps.get_model("provision", "HistoricalGroupMember")
    provision = Provision.objects.create(school_id=school.pk, name="Toe by Toe", need_area="cl")
    group = Group.objects.create(
        school_id=school.pk, provision=provision, name="Y7 Toe by Toe", weekdays="0,2",
        minutes_per_session=20, start_date=date(2026, 9, 7), end_date=date(2026, 12, 18),
        measure_kind="age_months", measure_name="Reading age", expected_gain=D("4"),
    )  # fmt: skip
    place = Member.objects.create(
        school_id=school.pk, group=group, pupil_id=scored.pk, joined=group.start_date,
        entry_value=D("90"), entry_on=date(2026, 9, 8), exit_value=D("97"), exit_on=date(2026, 12, 15),
    )  # fmt: skip
    Member.objects.create(school_id=school.pk, group=group, pupil_id=unscored.pk, joined=group.start_date)
    # The place's history as the app recorded it: added with an entry score, later the exit score.
    then = timezone.now() - timedelta(days=90)
    common = {
        "id": place.pk, "school_id": school.pk, "group_id": group.pk, "pupil_id": scored.pk,
        "joined": group.start_date, "created_at": then, "reason": "", "history_user_id": user.pk,
    }  # fmt: skip
    History.objects.create(
        **common, history_date=then, history_type="+", history_change_reason="Added to provision group",
        entry_value=D("90"), entry_on=date(2026, 9, 8), version=1,
    )  # fmt: skip
    History.objects.create(
        **common, history_date=then + timedelta(days=80), history_type="~",
        history_change_reason="Entry/exit measures recorded", entry_value=D("90"), entry_on=date(2026, 9, 8),
        exit_value=D("97"), exit_on=date(2026, 12, 15), version=2,
    )  # fmt: skip
    return group, place, user


@pytest.mark.django_db(transaction=True)
def test_measures_and_scores_are_copied_with_their_history_and_back():
    try:
        group, place, user = _old_records(_migrate(BEFORE))
        apps = _migrate(AFTER)
        [measure] = apps.get_model("provision", "Measure").objects.filter(group_id=group.pk)
        assert (measure.kind, measure.name, measure.expected_gain, measure.position) == (
            "age_months", "Reading age", D("4.0"), 1,
        )  # fmt: skip
        Score = apps.get_model("provision", "Score")
        [score] = Score.objects.all()  # only the place with values has a score
        assert (score.place_id, score.measure_id, score.pupil_id, score.school_id) == (
            place.pk, measure.pk, place.pupil_id, place.school_id,
        )  # fmt: skip
        assert (score.entry_value, score.exit_value, score.exit_on, score.version) == (
            D("90"), D("97"), date(2026, 12, 15), 2,
        )  # fmt: skip
        history = apps.get_model("provision", "HistoricalScore").objects.order_by("history_date")
        assert [(h.history_type, h.exit_value, h.history_user_id, h.version) for h in history] == [
            ("+", None, user.pk, 1),
            ("~", D("97"), user.pk, 2),
        ]
        apps = _migrate(BEFORE)
        back = apps.get_model("provision", "GroupMember").objects.get(pk=place.pk)
        assert (back.entry_value, back.exit_value, back.exit_on) == (D("90"), D("97"), date(2026, 12, 15))
        group = apps.get_model("provision", "ProvisionGroup").objects.get(pk=group.pk)
        assert (group.measure_kind, group.measure_name, group.expected_gain) == (
            "age_months",
            "Reading age",
            4,
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

"""Copy each group's one measure into its first Measure, and each place's entry/exit values into a
Score on it. The place's history of those values becomes the Score's history (same dates, users
and reasons), because the next migration drops the columns from the place's history too.

A separate migration from the schema changes either side: on PostgreSQL, rows inserted with
deferred foreign keys block an ALTER TABLE in the same transaction."""

from itertools import groupby

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

VALUES = ("entry_value", "entry_on", "exit_value", "exit_on")
COPIED = "Copied when groups gained several measures"
BATCH = 2000


def _has_values():
    return Q(entry_value__isnull=False) | Q(entry_on__isnull=False) | Q(exit_value__isnull=False) | Q(
        exit_on__isnull=False
    )


def _values(row) -> tuple:
    return tuple(getattr(row, f) for f in VALUES)


def copy_forward(apps, schema_editor):
    db = schema_editor.connection.alias
    Group = apps.get_model("provision", "ProvisionGroup")
    Member = apps.get_model("provision", "GroupMember")
    HistoricalMember = apps.get_model("provision", "HistoricalGroupMember")
    Measure = apps.get_model("provision", "Measure")
    HistoricalMeasure = apps.get_model("provision", "HistoricalMeasure")
    Score = apps.get_model("provision", "Score")
    HistoricalScore = apps.get_model("provision", "HistoricalScore")
    now = timezone.now()

    measures = [
        Measure(
            school_id=g.school_id, group_id=g.pk, kind=g.measure_kind, name=g.measure_name,
            expected_gain=g.expected_gain, position=1, created_at=g.created_at,
        )  # fmt: skip
        for g in Group.objects.using(db).order_by("pk").iterator()
    ]
    Measure.objects.using(db).bulk_create(measures, batch_size=BATCH)
    measure_of = dict(Measure.objects.using(db).values_list("group_id", "pk"))
    HistoricalMeasure.objects.using(db).bulk_create(
        [
            HistoricalMeasure(
                id=measure_of[m.group_id], school_id=m.school_id, group_id=m.group_id, kind=m.kind, name=m.name,
                expected_gain=m.expected_gain, position=1, created_at=m.created_at, history_date=now,
                history_type="+", history_change_reason=COPIED,
            )  # fmt: skip
            for m in measures
        ],
        batch_size=BATCH,
    )

    places = {m.pk: m for m in Member.objects.using(db).filter(_has_values()).iterator()}
    past = (
        HistoricalMember.objects.using(db)
        .filter(id__in=list(places))
        .order_by("id", "history_date", "history_id")
        .iterator()
    )
    history: dict[int, list] = {}
    for place_id, rows in groupby(past, key=lambda r: r.id):
        changes, before = [], (None,) * len(VALUES)
        for row in rows:
            if row.history_type != "-" and _values(row) != before:
                before = _values(row)
                changes.append((row.history_date, row.history_user_id, row.history_change_reason, before))
        history[place_id] = changes
    scores, past_scores = [], []
    for place in places.values():
        changes = history.get(place.pk, [])
        if not changes or changes[-1][3] != _values(place):  # changed without history, or none kept
            changes.append((now, None, COPIED, _values(place)))
        score = Score(
            school_id=place.school_id, pupil_id=place.pupil_id, place_id=place.pk,
            measure_id=measure_of[place.group_id], version=len(changes), created_at=place.created_at,
            **dict(zip(VALUES, _values(place), strict=True)),
        )  # fmt: skip
        scores.append(score)
        past_scores.append(changes)
    Score.objects.using(db).bulk_create(scores, batch_size=BATCH)
    score_of = dict(Score.objects.using(db).values_list("place_id", "pk"))
    HistoricalScore.objects.using(db).bulk_create(
        [
            HistoricalScore(
                id=score_of[s.place_id], school_id=s.school_id, pupil_id=s.pupil_id, place_id=s.place_id,
                measure_id=s.measure_id, created_at=s.created_at, version=i + 1, history_date=when,
                history_user_id=user_id, history_change_reason=reason, history_type="~" if i else "+",
                **dict(zip(VALUES, values, strict=True)),
            )  # fmt: skip
            for s, changes in zip(scores, past_scores, strict=True)
            for i, (when, user_id, reason, values) in enumerate(changes)
        ],
        batch_size=BATCH,
    )


def copy_back(apps, schema_editor):
    """Put the first measure back on the group and its scores back on the places (further
    measures and their scores cannot be kept: the old tables have room for one)."""
    db = schema_editor.connection.alias
    Group = apps.get_model("provision", "ProvisionGroup")
    Member = apps.get_model("provision", "GroupMember")
    Measure = apps.get_model("provision", "Measure")
    Score = apps.get_model("provision", "Score")
    first = {m.group_id: m for m in Measure.objects.using(db).order_by("-position")}  # lowest wins
    groups = list(Group.objects.using(db).filter(pk__in=list(first)))
    for g in groups:
        m = first[g.pk]
        g.measure_kind, g.measure_name, g.expected_gain = m.kind, m.name, m.expected_gain
    Group.objects.using(db).bulk_update(groups, ["measure_kind", "measure_name", "expected_gain"], batch_size=BATCH)
    ids = [m.pk for m in first.values()]
    scores = {s.place_id: s for s in Score.objects.using(db).filter(measure_id__in=ids)}
    places = list(Member.objects.using(db).filter(pk__in=list(scores)))
    for place in places:
        for f in VALUES:
            setattr(place, f, getattr(scores[place.pk], f))
    Member.objects.using(db).bulk_update(places, list(VALUES), batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("provision", "0005_measures_and_scores")]

    operations = [migrations.RunPython(copy_forward, copy_back)]

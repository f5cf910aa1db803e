"""Recording and correcting a sitting: all or nothing, errors named by formset field, history
kept, a stale version refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sendco.accounts.roles import Role
from sendco.assessments import services
from sendco.assessments.models import Assessment, Score
from sendco.core.concurrency import ConflictError

from .helpers import TODAY, record, score


def _errors(cast, **extra) -> dict:
    with pytest.raises(ValidationError) as caught:
        record(cast, **extra)
    assert Assessment.objects.count() == 0 and Score.objects.count() == 0  # nothing saved
    return caught.value.message_dict


def test_records_a_sitting_with_its_scores_and_history(cast):
    assessment = record(cast)
    assert assessment.recorded_by == cast.user(Role.SENCO)
    scores = list(assessment.scores.order_by("pk"))
    assert [(s.test_name, s.standard_score, s.band) for s in scores] == [
        ("TOWRE-2", 82, "Below average"),
        ("DASH", 91, "Average"),
    ]
    assert scores[0].percentile == Decimal("12.0") and scores[0].pupil == cast.pupil
    assert assessment.history.get().history_change_reason == "Assessment recorded"
    assert Score.history.filter(history_type="+").count() == 2
    assert Score.history.first().history_user == cast.user(Role.SENCO)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"standard_score": 39}, "from 40 to 160"),
        ({"standard_score": 161}, "from 40 to 160"),
        ({"standard_score": 95.5}, "whole number"),
        ({"standard_score": "95"}, "whole number"),
        ({"standard_score": True}, "whole number"),
        ({"standard_score": None}, "whole number"),
    ],
)
def test_a_bad_standard_score_names_its_row(cast, bad, message):
    errors = _errors(cast, scores=[score(), score(**bad)])
    assert list(errors) == ["scores-1-standard_score"]
    assert (
        errors["scores-1-standard_score"][0].startswith("Score 2:")
        and message in errors["scores-1-standard_score"][0]
    )


@pytest.mark.parametrize("percentile", [-1, 100.1, "lots", True, "NaN", "Infinity"])
def test_a_bad_percentile_is_refused(cast, percentile):
    errors = _errors(cast, scores=[score(percentile=percentile)])
    assert list(errors) == ["scores-0-percentile"]


@pytest.mark.parametrize(
    ("row", "key"),
    [
        ({"test_name": "  "}, "scores-0-test_name"),
        ({"test_name": "x" * 121}, "scores-0-test_name"),
        ({"area": "astrology"}, "scores-0-area"),
        ({"area": ""}, "scores-0-area"),
        ({"age_equivalent": "9 years and 6 months old"}, "scores-0-age_equivalent"),
    ],
)
def test_a_bad_score_field_is_refused(cast, row, key):
    assert list(_errors(cast, scores=[score(**row)])) == [key]


def test_the_sitting_is_checked(cast):
    assert "future" in _errors(cast, taken_on=TODAY + dt.timedelta(days=1))["taken_on"][0]
    born = cast.pupil.date_of_birth
    assert "born" in _errors(cast, taken_on=born - dt.timedelta(days=1))["taken_on"][0]
    assert _errors(cast, taken_on=None)["taken_on"] == ["Enter the date of the assessment."]
    # A datetime is a date subclass; comparing it with a date would raise TypeError.
    assert list(_errors(cast, taken_on=dt.datetime(2024, 1, 1, 9, 0))) == ["taken_on"]
    assert list(_errors(cast, assessor_name="   ")) == ["assessor_name"]
    assert list(_errors(cast, assessor_name="x" * 121)) == ["assessor_name"]
    assert list(_errors(cast, assessor_role="x" * 121)) == ["assessor_role"]
    assert list(_errors(cast, purpose="fun")) == ["purpose"]


def test_every_problem_is_reported_at_once(cast):
    errors = _errors(
        cast, assessor_name="", scores=[score(standard_score=200), score(test_name="", area="nope")]
    )
    assert set(errors) == {
        "assessor_name",
        "scores-0-standard_score",
        "scores-1-test_name",
        "scores-1-area",
    }


def test_blank_rows_are_ignored_and_keep_their_place(cast):
    blank = {"test_name": "", "area": "", "standard_score": "", "percentile": "", "age_equivalent": ""}
    errors = _errors(cast, scores=[blank, score(standard_score=20), blank])
    assert list(errors) == ["scores-1-standard_score"]
    assessment = record(cast, scores=[blank, score(), blank])
    assert assessment.scores.count() == 1


def test_only_the_sen_team_records(cast):
    for role in (Role.HEAD, Role.TEACHER, Role.TA, Role.EXAMS_OFFICER, Role.PARENT):
        with pytest.raises(PermissionDenied):
            record(cast, by=cast.user(role))
    with pytest.raises(PermissionDenied):
        record(cast, cast.other_pupil, by=cast.user(Role.SENCO))
    record(cast, by=cast.user(Role.ASSISTANT_SENCO))


def _correct(cast, assessment, **extra):
    fields = {
        "actor": cast.user(Role.SENCO),
        "assessment": assessment,
        "expected_version": assessment.version,
        "taken_on": assessment.taken_on,
        "assessor_name": "Dr Okafor",
        "scores": [score(test_name="WRAT5", area="spelling_accuracy", standard_score=77)],
    } | extra
    return services.correct_assessment(**fields)


def test_a_correction_replaces_the_scores_and_keeps_the_old_in_history(cast):
    assessment = record(cast)
    old_ids = set(assessment.scores.values_list("pk", flat=True))
    corrected = _correct(cast, assessment)
    assert corrected.version == 2 and corrected.assessor_name == "Dr Okafor"
    assert [(s.test_name, s.band) for s in corrected.scores.all()] == [("WRAT5", "Below average")]
    deleted = Score.history.filter(history_type="-")
    assert set(deleted.values_list("id", flat=True)) == old_ids
    assert {h.history_change_reason for h in deleted} == {"Score replaced in a correction"}
    assert assessment.history.filter(history_change_reason="Assessment corrected").exists()


def test_a_stale_correction_is_a_conflict_and_changes_nothing(cast):
    assessment = record(cast)
    _correct(cast, assessment)
    with pytest.raises(ConflictError) as caught:
        _correct(cast, assessment, expected_version=1, assessor_name="Someone else")
    assert caught.value.current.version == 2
    assert Assessment.objects.get().assessor_name == "Dr Okafor"


def test_a_bad_correction_saves_nothing(cast):
    assessment = record(cast)
    with pytest.raises(ValidationError) as caught:
        _correct(cast, assessment, scores=[score(standard_score=161)])
    assert list(caught.value.message_dict) == ["scores-0-standard_score"]
    fresh = Assessment.objects.get()
    assert fresh.version == 1 and fresh.scores.count() == 2


def test_only_the_sen_team_corrects(cast):
    assessment = record(cast)
    with pytest.raises(PermissionDenied):
        _correct(cast, assessment, actor=cast.user(Role.TEACHER))

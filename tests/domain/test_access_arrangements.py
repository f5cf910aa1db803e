"""Tests for JCQ exam access arrangement rules (pure Python; no Django)."""

import dataclasses
import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sendco.domain import access_arrangements as aa
from sendco.domain.access_arrangements import (
    ASSESSMENT,
    DELEGATED,
    KIND_BY_CODE,
    KIND_CHOICES,
    KINDS,
    NEED,
    QUALIFICATION_LABELS,
    Chain,
    Decision,
    add_months,
    assessor_problems,
    check_chain,
    decide,
    default_expiry,
    extended_minutes,
    extra_time_25,
    extra_time_over_25,
    format_minutes,
    scribe,
    year9_start,
)

D = date
SPEED = ["reading_speed", "reading_comprehension_speed", "writing_speed", "cognitive_processing"]
NON_SPEED = ["spelling_accuracy", "reading_accuracy", "working_memory", "other"]
BOUNDARY = [60, 69, 70, 84, 85, 89, 90, 100]


# ---------------------------------------------------------------------------
# Kinds
# ---------------------------------------------------------------------------


def test_kinds_are_keyed_by_code():
    codes = [k.code for k in KINDS]
    assert len(codes) == len(set(codes))
    assert set(KIND_BY_CODE) == set(codes)
    assert [c for c, _ in KIND_CHOICES] == codes


@pytest.mark.parametrize("kind", KINDS, ids=[k.code for k in KINDS])
def test_every_kind_has_a_basis_and_a_jcq_citation(kind):
    assert kind.basis in {ASSESSMENT, NEED, DELEGATED}
    assert kind.citation.startswith(aa.AARA)
    assert kind.label


def test_assessment_kinds():
    assert {k.code for k in KINDS if k.basis == ASSESSMENT} == {
        "extra_time_25",
        "extra_time_over_25",
        "scribe",
        "speech_recognition",
    }
    assert KIND_BY_CODE["extra_time_25"].extra_time == 25
    assert KIND_BY_CODE["extra_time_over_25"].extra_time > 25
    assert {k.code for k in KINDS if k.basis == NEED} >= {"reader", "computer_reader"}
    assert {k.code for k in KINDS if k.basis == DELEGATED} >= {
        "word_processor",
        "separate_invigilation",
        "rest_breaks",
        "coloured_overlays",
    }


# ---------------------------------------------------------------------------
# 25% extra time
# ---------------------------------------------------------------------------


def oracle_extra_time_25(scores) -> bool:
    """Independent reading of the rule: the lowest score per speed area; two different areas,
    both at 84 or less, or one at 84 or less and another at 85 to 89."""
    lowest = {}
    for area, score in scores:
        if area in SPEED:
            lowest[area] = min(lowest.get(area, 999), score)
    below = sum(1 for s in lowest.values() if s <= 84)
    low = sum(1 for s in lowest.values() if 85 <= s <= 89)
    return below >= 2 or (below >= 1 and low >= 1)


AREA_PAIRS = [
    ("reading_speed", "writing_speed"),  # two distinct speed areas
    ("reading_comprehension_speed", "cognitive_processing"),
    ("reading_speed", "reading_speed"),  # the same area twice
    ("writing_speed", "spelling_accuracy"),  # one speed area, one not
    ("spelling_accuracy", "working_memory"),  # no speed area
]


@pytest.mark.parametrize(("area_a", "area_b"), AREA_PAIRS)
@pytest.mark.parametrize(("a", "b"), list(itertools.product(BOUNDARY, BOUNDARY)))
def test_extra_time_25_exhaustive_over_boundaries(area_a, area_b, a, b):
    scores = [(area_a, a), (area_b, b)]
    decision = extra_time_25(scores)
    assert decision.eligible is oracle_extra_time_25(scores)
    assert decision.citation == aa.CITE_EXTRA_TIME
    assert decision.reasons


@pytest.mark.parametrize(("a", "b"), list(itertools.product(BOUNDARY, BOUNDARY)))
def test_extra_time_25_two_distinct_speed_areas_table(a, b):
    expected = (a <= 84 and b <= 89) or (b <= 84 and a <= 89)
    assert extra_time_25([("reading_speed", a), ("writing_speed", b)]).eligible is expected


@pytest.mark.parametrize("a", BOUNDARY)
@pytest.mark.parametrize("b", BOUNDARY)
def test_extra_time_25_same_area_twice_never_enough(a, b):
    assert not extra_time_25([("reading_speed", a), ("reading_speed", b)]).eligible


def test_extra_time_25_lowest_score_per_area_counts():
    # reading speed tested twice: 95 then 80; the lowest (80) counts with writing at 88.
    assert extra_time_25([("reading_speed", 95), ("reading_speed", 80), ("writing_speed", 88)]).eligible
    # order does not matter
    assert extra_time_25([("reading_speed", 80), ("writing_speed", 88), ("reading_speed", 95)]).eligible
    d = extra_time_25([("reading_speed", 95), ("reading_speed", 80), ("writing_speed", 88)])
    assert "Speed of reading: 80 (below average)" in d.reasons
    assert "Speed of writing (handwriting): 88 (low average)" in d.reasons


def test_extra_time_25_two_low_average_is_not_enough():
    d = extra_time_25([("reading_speed", 85), ("writing_speed", 89)])
    assert not d.eligible
    assert d.reasons[-1] == "No area of speed of working is below average (84 or less)."


def test_extra_time_25_reasons():
    d = extra_time_25([("reading_speed", 80), ("writing_speed", 70)])
    assert d == Decision(
        True,
        (
            "Speed of reading: 80 (below average)",
            "Speed of writing (handwriting): 70 (below average)",
            "Two areas of speed of working are below average (84 or less).",
        ),
        aa.CITE_EXTRA_TIME,
    )
    d = extra_time_25([("reading_speed", 84), ("cognitive_processing", 89)])
    assert d.eligible
    assert d.reasons[-1] == "One area of speed of working is below average and another is low average."
    d = extra_time_25([("reading_speed", 84), ("cognitive_processing", 90)])
    assert not d.eligible
    assert d.reasons[-1].startswith("Only one area of speed of working is below average")
    d = extra_time_25([("spelling_accuracy", 60)])
    assert not d.eligible
    assert d.reasons[-1].startswith("No scores in an area of speed of working")
    assert not extra_time_25([]).eligible


def test_extra_time_25_one_area_below_alone_is_not_enough():
    assert not extra_time_25([("reading_speed", 40)]).eligible


@pytest.mark.parametrize("bad", [39, 161, True, 80.0, "80"])
def test_extra_time_25_rejects_invalid_scores_naming_the_area(bad):
    with pytest.raises(ValueError, match="^writing_speed: "):
        extra_time_25([("reading_speed", 80), ("writing_speed", bad)])


AREAS_FOR_PROPERTY = st.sampled_from(SPEED + NON_SPEED)
SCORE_LISTS = st.lists(st.tuples(AREAS_FOR_PROPERTY, st.integers(40, 160)), max_size=8)


@given(SCORE_LISTS)
def test_extra_time_25_agrees_with_the_oracle(scores):
    assert extra_time_25(scores).eligible is oracle_extra_time_25(scores)


@pytest.mark.parametrize("rule", [extra_time_25, extra_time_over_25, scribe])
@given(scores=SCORE_LISTS.filter(bool), index=st.integers(0, 7), drop=st.integers(1, 120))
def test_lowering_a_score_never_removes_eligibility(rule, scores, index, drop):
    index %= len(scores)
    area, score = scores[index]
    lowered = list(scores)
    lowered[index] = (area, max(40, score - drop))
    if rule(scores).eligible:
        assert rule(lowered).eligible


@given(SCORE_LISTS, st.tuples(AREAS_FOR_PROPERTY, st.integers(40, 160)))
def test_adding_a_score_never_removes_eligibility_for_25(scores, extra):
    if extra_time_25(scores).eligible:
        assert extra_time_25([*scores, extra]).eligible


# ---------------------------------------------------------------------------
# More than 25%
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("area_a", "area_b"), AREA_PAIRS)
@pytest.mark.parametrize(("a", "b"), list(itertools.product(BOUNDARY, BOUNDARY)))
def test_extra_time_over_25_needs_two_distinct_speed_areas_at_69_or_less(area_a, area_b, a, b):
    distinct_speed = area_a != area_b and area_a in SPEED and area_b in SPEED
    expected = distinct_speed and a <= 69 and b <= 69
    d = extra_time_over_25([(area_a, a), (area_b, b)])
    assert d.eligible is expected
    assert d.citation == aa.CITE_OVER_25


def test_extra_time_over_25_reasons_and_lowest_per_area():
    d = extra_time_over_25([("reading_speed", 90), ("reading_speed", 65), ("writing_speed", 69)])
    assert d.eligible
    assert d.reasons == (
        "Speed of reading: 65 (very low)",
        "Speed of writing (handwriting): 69 (very low)",
        "Two areas of speed of working are very low (69 or less): apply to the awarding body.",
    )
    d = extra_time_over_25([("reading_speed", 65), ("writing_speed", 70)])
    assert not d.eligible
    assert d.reasons[-1] == "Needs two areas of speed of working at 69 or less; otherwise consider 25%."
    with pytest.raises(ValueError, match="^reading_speed: "):
        extra_time_over_25([("reading_speed", 30)])


@given(SCORE_LISTS)
def test_over_25_implies_25(scores):
    if extra_time_over_25(scores).eligible:
        assert extra_time_25(scores).eligible


# ---------------------------------------------------------------------------
# Scribe
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "illegible", "expected"),
    [
        ([("spelling_accuracy", 84)], False, True),
        ([("spelling_accuracy", 85)], False, False),
        ([("writing_speed", 84)], False, True),
        ([("writing_speed", 85)], False, False),
        ([("writing_speed", 40)], False, True),
        ([("reading_speed", 60)], False, False),  # not a scribe area
        ([("reading_accuracy", 60)], False, False),
        ([], False, False),
        ([], True, True),
        ([("spelling_accuracy", 120)], True, True),
        ([("spelling_accuracy", 100), ("spelling_accuracy", 80)], False, True),  # lowest counts
    ],
)
def test_scribe(scores, illegible, expected):
    d = scribe(scores, illegible_handwriting=illegible)
    assert d.eligible is expected
    assert d.citation == aa.CITE_SCRIBE


def test_scribe_reasons():
    d = scribe([("spelling_accuracy", 80), ("writing_speed", 70)], illegible_handwriting=True)
    assert d.reasons == (
        "Spelling accuracy: 80 (below average)",
        "Speed of writing (handwriting): 70 (below average)",
        "The assessor recorded that the candidate's handwriting is illegible.",
        "Consider a word processor first where the candidate can use one.",
    )
    d = scribe([("spelling_accuracy", 90)])
    assert d.reasons == (
        "Needs spelling accuracy or speed of writing at 84 or less, or illegible handwriting.",
    )
    with pytest.raises(ValueError, match="^spelling_accuracy: "):
        scribe([("spelling_accuracy", 161)])


# ---------------------------------------------------------------------------
# decide()
# ---------------------------------------------------------------------------

ELIGIBLE_25 = (("reading_speed", 80), ("writing_speed", 82))


@pytest.mark.parametrize("kind", KINDS, ids=[k.code for k in KINDS])
def test_decide_every_kind(kind):
    with_scores = decide(kind.code, ELIGIBLE_25)
    without = decide(kind.code)
    assert with_scores.citation == without.citation
    if kind.code == "extra_time_25":
        assert with_scores == extra_time_25(ELIGIBLE_25)
        assert not without.eligible
    elif kind.code == "extra_time_over_25":
        assert with_scores == extra_time_over_25(ELIGIBLE_25)
        assert not with_scores.eligible
        assert decide(kind.code, [("reading_speed", 60), ("writing_speed", 69)]).eligible
    elif kind.code in ("scribe", "speech_recognition"):
        assert with_scores.eligible  # writing speed 82
        assert not without.eligible
        assert decide(kind.code, illegible_handwriting=True).eligible
        assert with_scores.citation == aa.CITE_SCRIBE
    elif kind.basis == NEED:
        assert without == Decision(
            True, ("No test scores: evidence of need and normal way of working.",), aa.CITE_NEED
        )
        assert with_scores == without
    else:
        assert kind.basis == DELEGATED
        assert without == Decision(
            True, ("Delegated to the centre: the SENCO decides on the evidence of need.",), aa.CITE_DELEGATED
        )
        assert with_scores == without


def test_decide_unknown_kind():
    with pytest.raises(KeyError):
        decide("teleportation")


# ---------------------------------------------------------------------------
# Extra time on the day
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "percent", "expected"),
    [
        (90, 25, 113),  # 112.5 rounds up
        (60, 25, 75),
        (45, 25, 57),  # 56.25 rounds up
        (1, 25, 2),
        (120, 50, 180),
        (105, 50, 158),  # 157.5
        (90, 0, 90),
        (135, 25, 169),  # 168.75
        (100, 33, 133),
        (61, 10, 68),  # 67.1
    ],
)
def test_extended_minutes(minutes, percent, expected):
    assert extended_minutes(minutes, percent) == expected


@pytest.mark.parametrize(("minutes", "percent"), [(0, 25), (-30, 25), (90, -1), (0, -1)])
def test_extended_minutes_rejects_invalid_input(minutes, percent):
    with pytest.raises(ValueError, match="positive number of minutes"):
        extended_minutes(minutes, percent)


@pytest.mark.parametrize(
    ("minutes", "percent"), [(True, 25), (90, True), (90.0, 25), (90, 25.0), ("90", 25), (None, 25)]
)
def test_extended_minutes_rejects_non_whole_numbers(minutes, percent):
    with pytest.raises(ValueError, match="whole number"):
        extended_minutes(minutes, percent)


@given(st.integers(1, 600), st.integers(0, 200))
def test_extended_minutes_is_the_least_whole_minute_covering_the_time(minutes, percent):
    result = extended_minutes(minutes, percent)
    assert result * 100 >= minutes * (100 + percent)
    assert (result - 1) * 100 < minutes * (100 + percent)


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (0, "0 min"),
        (1, "1 min"),
        (45, "45 min"),
        (59, "59 min"),
        (60, "1 h"),
        (61, "1 h 01"),
        (113, "1 h 53"),
        (120, "2 h"),
        (169, "2 h 49"),
        (180, "3 h"),
    ],
)
def test_format_minutes(minutes, expected):
    assert format_minutes(minutes) == expected


@pytest.mark.parametrize("minutes", [-1, -90, True, 1.5, "60", None])
def test_format_minutes_rejects_invalid_input(minutes):
    with pytest.raises(ValueError, match="whole number of minutes"):
        format_minutes(minutes)


def test_ninety_minutes_at_25_percent_reads_1_h_53():
    assert format_minutes(extended_minutes(90, 25)) == "1 h 53"


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nc_year", "today", "expected"),
    [
        (9, D(2025, 9, 1), D(2025, 9, 1)),  # first day of the school year
        (9, D(2025, 8, 31), D(2024, 9, 1)),  # last day of the previous one
        (9, D(2026, 3, 15), D(2025, 9, 1)),
        (10, D(2025, 9, 1), D(2024, 9, 1)),
        (10, D(2025, 8, 31), D(2023, 9, 1)),
        (11, D(2026, 1, 1), D(2023, 9, 1)),
        (11, D(2025, 12, 31), D(2023, 9, 1)),
        (13, D(2026, 6, 1), D(2021, 9, 1)),
        (8, D(2025, 10, 1), D(2026, 9, 1)),  # a Year 8 pupil: next September
    ],
)
def test_year9_start(nc_year, today, expected):
    assert year9_start(nc_year, today) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2025, 3, 31), 1, D(2025, 4, 30)),
        (D(2025, 1, 30), 1, D(2025, 2, 28)),
        (D(2025, 1, 15), 1, D(2025, 2, 15)),
        (D(2025, 12, 31), 1, D(2026, 1, 31)),
        (D(2025, 11, 30), 2, D(2026, 1, 30)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2025, 1, 31), -2, D(2024, 11, 30)),
        (D(2025, 6, 10), 0, D(2025, 6, 10)),
        (D(2025, 9, 1), 26, D(2027, 11, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@given(st.dates(D(1950, 1, 1), D(2100, 12, 31)), st.integers(-240, 240))
def test_add_months_lands_in_the_right_month(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + aa.dt.timedelta(days=1)).day == 1)


def test_default_expiry_is_26_months():
    assert aa.DEFAULT_APPROVAL_MONTHS == 26
    assert default_expiry(D(2025, 10, 15)) == D(2027, 12, 15)
    assert default_expiry(D(2025, 12, 31)) == D(2028, 2, 29)  # month end, leap year
    assert default_expiry(D(2025, 10, 15), months=12) == D(2026, 10, 15)


# ---------------------------------------------------------------------------
# Assessors
# ---------------------------------------------------------------------------

ASSESSED = D(2025, 10, 1)


@pytest.mark.parametrize("route", ["level7", "hcpc_psychologist"])
def test_assessor_checked_before_or_on_the_day_has_no_problems(route):
    assert (
        assessor_problems(route=route, checked_on=D(2025, 9, 1), apc_expires_on=None, assessment_on=ASSESSED)
        == []
    )
    assert (
        assessor_problems(route=route, checked_on=ASSESSED, apc_expires_on=None, assessment_on=ASSESSED) == []
    )


@pytest.mark.parametrize("route", [r for r in QUALIFICATION_LABELS if r != "none"])
def test_assessor_checked_after_the_assessment(route):
    problems = assessor_problems(
        route=route, checked_on=D(2025, 10, 2), apc_expires_on=D(2026, 1, 1), assessment_on=ASSESSED
    )
    assert problems == ["The assessor's qualification was checked after the assessment, not before."]


@pytest.mark.parametrize("route", [r for r in QUALIFICATION_LABELS if r != "none"])
def test_assessor_never_checked(route):
    problems = assessor_problems(
        route=route, checked_on=None, apc_expires_on=D(2026, 1, 1), assessment_on=ASSESSED
    )
    assert problems == ["The head of centre has not checked the assessor's qualification."]


@pytest.mark.parametrize("route", ["none", "", "teacher"])
def test_assessor_without_an_accepted_qualification(route):
    problems = assessor_problems(
        route=route, checked_on=D(2025, 9, 1), apc_expires_on=None, assessment_on=ASSESSED
    )
    assert problems == ["The assessor holds none of the qualifications JCQ accepts for Form 8."]


@pytest.mark.parametrize(
    ("apc_expires_on", "current"),
    [(None, False), (D(2025, 9, 30), False), (ASSESSED, True), (D(2026, 1, 1), True)],
)
def test_assessor_apc_must_be_current_on_the_assessment_date(apc_expires_on, current):
    problems = assessor_problems(
        route="spld_apc", checked_on=D(2025, 9, 1), apc_expires_on=apc_expires_on, assessment_on=ASSESSED
    )
    expected = (
        [] if current else ["The assessor's practising certificate was not current on the assessment date."]
    )
    assert problems == expected


def test_assessor_problems_accumulate():
    problems = assessor_problems(
        route="spld_apc", checked_on=None, apc_expires_on=None, assessment_on=ASSESSED
    )
    assert len(problems) == 2


def test_apc_expiry_ignored_for_other_routes():
    assert (
        assessor_problems(
            route="level7", checked_on=D(2025, 9, 1), apc_expires_on=D(2020, 1, 1), assessment_on=ASSESSED
        )
        == []
    )


# ---------------------------------------------------------------------------
# The evidence chain
# ---------------------------------------------------------------------------

TODAY = D(2026, 3, 2)  # a Year 11 pupil: Year 9 started 1 September 2023

COMPLETE = Chain(
    kind="extra_time_25",
    status="approved",
    nc_year=11,
    today=TODAY,
    normal_way_answers=2,
    decided=True,
    part1_signed_on=D(2025, 9, 20),
    assessment_on=D(2025, 10, 1),
    has_assessor=True,
    scores=ELIGIBLE_25,
    part3_on=D(2025, 10, 10),
    approval_reference="AAO-12345",
    expires_on=D(2027, 12, 1),
    series_last_day=D(2026, 6, 26),
)


def codes(chain: Chain) -> list[str]:
    return [g.code for g in check_chain(chain).gaps]


def test_complete_chain_has_no_gaps():
    result = check_chain(COMPLETE)
    assert result.gaps == []
    assert result.complete


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"normal_way_answers": 0}, ["normal_way"]),
        ({"decided": False}, ["decision"]),
        ({"part1_signed_on": None}, ["part1"]),
        ({"assessment_on": None}, ["part2"]),  # nothing else about Form 8 can be checked
        ({"part1_signed_on": D(2025, 10, 2)}, ["part1_order"]),
        ({"assessment_on": D(2023, 8, 31), "part1_signed_on": D(2023, 8, 1)}, ["year9"]),
        ({"has_assessor": False}, ["assessor"]),
        ({"assessor_problems": ("a", "b")}, ["assessor", "assessor"]),
        ({"scores": (("reading_speed", 80),)}, ["scores"]),
        ({"scores": ()}, ["scores"]),
        ({"part3_on": None}, ["part3"]),
        ({"approval_reference": ""}, ["approval_reference"]),
        ({"expires_on": None}, ["expiry"]),
        ({"expires_on": D(2026, 3, 1)}, ["expired"]),
        ({"expires_on": D(2026, 5, 31)}, ["expires_in_series"]),
    ],
    ids=lambda v: "-".join(v) if isinstance(v, list) else None,
)
def test_each_gap_alone(changes, expected):
    assert codes(dataclasses.replace(COMPLETE, **changes)) == expected


def test_gap_boundaries():
    # Part 1 on the day of the assessment is not after it.
    assert codes(dataclasses.replace(COMPLETE, part1_signed_on=COMPLETE.assessment_on)) == []
    # An assessment on the first day of Year 9 is allowed.
    assert (
        codes(dataclasses.replace(COMPLETE, assessment_on=D(2023, 9, 1), part1_signed_on=D(2023, 9, 1))) == []
    )
    # Expiring today is not yet expired; expiring on the series' last day is fine.
    assert codes(dataclasses.replace(COMPLETE, expires_on=TODAY, series_last_day=None)) == []
    assert codes(dataclasses.replace(COMPLETE, expires_on=COMPLETE.series_last_day)) == []
    assert codes(dataclasses.replace(COMPLETE, expires_on=D(2026, 5, 31), series_last_day=None)) == []


def test_gap_messages_and_citations():
    gaps = {g.code: g for g in check_chain(dataclasses.replace(COMPLETE, expires_on=D(2026, 2, 1))).gaps}
    assert gaps["expired"].message == "The approval expired on 1 February 2026."
    assert gaps["expired"].citation == aa.CITE_APPROVAL
    gaps = {g.code: g for g in check_chain(dataclasses.replace(COMPLETE, expires_on=D(2026, 5, 9))).gaps}
    assert gaps["expires_in_series"].message == "The approval expires on 9 May 2026, before the series ends."
    problems = ("The assessor's qualification was checked after the assessment, not before.",)
    (gap,) = check_chain(dataclasses.replace(COMPLETE, assessor_problems=problems)).gaps
    assert (gap.message, gap.citation) == (problems[0], aa.CITE_ASSESSOR)
    (gap,) = check_chain(dataclasses.replace(COMPLETE, scores=(("reading_speed", 80),))).gaps
    assert gap.message.startswith("The scores do not meet the rule: Only one area")
    assert gap.citation == aa.CITE_EXTRA_TIME
    (gap,) = check_chain(dataclasses.replace(COMPLETE, decided=False)).gaps
    assert gap.citation == aa.CITE_EXTRA_TIME
    (gap,) = check_chain(dataclasses.replace(COMPLETE, normal_way_answers=0)).gaps
    assert gap.citation == aa.CITE_NORMAL_WAY
    for code in ("part1", "part2"):
        (gap,) = [
            g
            for g in check_chain(dataclasses.replace(COMPLETE, part1_signed_on=None, assessment_on=None)).gaps
            if g.code == code
        ]
        assert gap.citation == aa.CITE_FORM8


def test_empty_assessment_chain_lists_everything():
    chain = Chain(kind="extra_time_25", status="approved", nc_year=11, today=TODAY)
    assert codes(chain) == ["normal_way", "decision", "part1", "part2", "approval_reference", "expiry"]


@pytest.mark.parametrize(
    ("status", "part3_needed"), [("approved", True), ("applied", True), ("draft", False), ("refused", False)]
)
def test_part3_needed_once_applied(status, part3_needed):
    chain = dataclasses.replace(COMPLETE, status=status, part3_on=None)
    assert ("part3" in codes(chain)) is part3_needed


@pytest.mark.parametrize("status", ["draft", "applied", "refused", "expired"])
def test_approval_and_expiry_only_checked_when_in_use(status):
    chain = dataclasses.replace(COMPLETE, status=status, approval_reference="", expires_on=None)
    assert codes(chain) == []


def test_scribe_chain_uses_the_scribe_rule():
    chain = dataclasses.replace(
        COMPLETE, kind="scribe", scores=(("reading_speed", 60), ("reading_comprehension_speed", 60))
    )
    assert codes(chain) == ["scores"]
    assert codes(dataclasses.replace(chain, illegible_handwriting=True)) == []
    assert (
        codes(dataclasses.replace(chain, kind="speech_recognition", scores=(("spelling_accuracy", 84),)))
        == []
    )


# --- the alternative route: an EHC plan or professional letter instead of Form 8 ---------------


@pytest.mark.parametrize("kind", [k.code for k in KINDS if k.basis == ASSESSMENT])
def test_ehc_plan_replaces_form8(kind):
    chain = Chain(
        kind=kind,
        status="approved",
        nc_year=11,
        today=TODAY,
        normal_way_answers=1,
        decided=True,
        alternative_evidence=1,
        approval_reference="AAO-1",
        expires_on=D(2027, 1, 1),
    )
    assert codes(chain) == []
    # Approval and expiry are still needed.
    assert codes(dataclasses.replace(chain, approval_reference="", expires_on=D(2026, 1, 1))) == [
        "approval_reference",
        "expired",
    ]
    # Normal way of working is still needed.
    assert codes(dataclasses.replace(chain, normal_way_answers=0)) == ["normal_way"]
    # Without the plan, the Form 8 gaps come back.
    assert codes(dataclasses.replace(chain, alternative_evidence=0)) == ["part1", "part2"]


def test_recorded_assessment_is_checked_even_with_an_ehc_plan():
    chain = dataclasses.replace(COMPLETE, alternative_evidence=1, scores=(("reading_speed", 100),))
    assert codes(chain) == ["scores"]


def test_alternative_route_not_allowed_for_a_kind_means_form8_is_checked(monkeypatch):
    kind = dataclasses.replace(KIND_BY_CODE["extra_time_25"], alternative_route=False)
    monkeypatch.setitem(aa.KIND_BY_CODE, "extra_time_25", kind)
    chain = Chain(
        kind="extra_time_25",
        status="draft",
        nc_year=11,
        today=TODAY,
        normal_way_answers=1,
        decided=True,
        alternative_evidence=1,
    )
    assert codes(chain) == ["part1", "part2"]


# --- need and delegated kinds -------------------------------------------------------------------

NEED_KINDS = [k.code for k in KINDS if k.basis == NEED]
DELEGATED_KINDS = [k.code for k in KINDS if k.basis == DELEGATED]


@pytest.mark.parametrize("kind", NEED_KINDS)
def test_need_kind_chain(kind):
    chain = Chain(
        kind=kind,
        status="approved",
        nc_year=11,
        today=TODAY,
        normal_way_answers=1,
        decided=True,
        expires_on=D(2027, 1, 1),
    )
    assert codes(chain) == []  # no Form 8, no online reference needed
    assert codes(dataclasses.replace(chain, normal_way_answers=0)) == ["normal_way", "need"]
    assert codes(dataclasses.replace(chain, normal_way_answers=0, alternative_evidence=1)) == ["normal_way"]
    assert codes(dataclasses.replace(chain, expires_on=None)) == ["expiry"]
    assert codes(dataclasses.replace(chain, expires_on=D(2026, 3, 1))) == ["expired"]
    assert codes(dataclasses.replace(chain, series_last_day=D(2027, 6, 1))) == ["expires_in_series"]
    assert codes(dataclasses.replace(chain, status="draft", expires_on=None)) == []
    (gap,) = [
        g for g in check_chain(dataclasses.replace(chain, normal_way_answers=0)).gaps if g.code == "need"
    ]
    assert gap.citation == aa.CITE_NEED


@pytest.mark.parametrize("kind", DELEGATED_KINDS)
def test_delegated_kind_chain(kind):
    chain = Chain(kind=kind, status="approved", nc_year=11, today=TODAY, normal_way_answers=1, decided=True)
    assert codes(chain) == []  # no Form 8, approval reference or expiry
    assert codes(dataclasses.replace(chain, normal_way_answers=0, decided=False)) == [
        "normal_way",
        "decision",
    ]
    (gap,) = check_chain(dataclasses.replace(chain, decided=False)).gaps
    assert gap.citation == aa.CITE_DELEGATED


def test_unknown_kind_in_chain():
    with pytest.raises(KeyError):
        check_chain(dataclasses.replace(COMPLETE, kind="teleportation"))

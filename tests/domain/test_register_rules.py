from datetime import date

import pytest

from sendco.domain.census import NeedPeriod, StatusPeriod
from sendco.domain.register_rules import (
    Problem,
    apply_status_change,
    census_problems,
    check_history,
    check_needs,
    check_status_change,
)

DOB = date(2014, 3, 12)
TODAY = date(2025, 11, 20)


def codes(problems):
    return [p.code for p in problems]


def fields(problems):
    return [p.field for p in problems]


def change(new_code, start, existing=(), **kw):
    kw.setdefault("date_of_birth", DOB)
    kw.setdefault("today", TODAY)
    return check_status_change(new_code=new_code, start=start, existing=list(existing), **kw)


OPEN_K = [StatusPeriod("K", date(2021, 9, 2))]


# --------------------------------------------------------------------------- check_status_change


def test_problem_is_a_frozen_value():
    p = Problem("code", "unknown", "message")
    assert p == Problem("code", "unknown", "message")
    with pytest.raises(AttributeError):
        p.code = "x"  # type: ignore[misc]


def test_first_status_is_valid():
    assert change("K", date(2021, 9, 2)) == []


def test_change_k_to_e_is_valid():
    assert change("E", date(2024, 4, 1), OPEN_K) == []


def test_unknown_code():
    problems = change("X", date(2024, 4, 1), OPEN_K)
    assert codes(problems) == ["unknown"]
    assert problems[0].field == "code"
    assert "'X' is not an SEN provision code" in problems[0].message
    assert "N (No special educational need), K (SEN support) or E (Education, health and care plan)" in (
        problems[0].message
    )


def test_lower_case_code_is_unknown():
    assert codes(change("k", date(2024, 4, 1), [StatusPeriod("E", date(2021, 9, 2))])) == ["unknown"]


@pytest.mark.parametrize("code", ["S", "A", "P"])
def test_historic_code_refused_without_allow_historic(code):
    problems = change(code, date(2015, 1, 1))
    assert codes(problems) == ["historic"]
    assert "historic code" in problems[0].message


@pytest.mark.parametrize("code", ["S", "A", "P"])
def test_historic_code_allowed_for_imports(code):
    assert change(code, date(2015, 1, 1), allow_historic=True) == []


def test_start_before_date_of_birth():
    problems = change("K", date(2014, 3, 11))
    assert codes(problems) == ["before_birth"]
    assert problems[0].field == "start"
    assert problems[0].message == (
        "The start date 11 March 2014 is before the pupil's date of birth (12 March 2014)."
    )


def test_start_on_date_of_birth_is_allowed():
    assert change("K", DOB) == []


def test_start_in_the_future():
    problems = change("K", date(2025, 11, 21))
    assert codes(problems) == ["future"]
    assert "21 November 2025 is in the future" in problems[0].message


def test_start_today_is_allowed():
    assert change("K", TODAY) == []


def test_no_date_of_birth_skips_that_check():
    assert change("K", date(2000, 1, 1), date_of_birth=None) == []


def test_same_code_as_current_is_already():
    problems = change("K", date(2024, 1, 1), OPEN_K)
    assert codes(problems) == ["already"]
    assert problems[0].message == (
        "The pupil is already on K (SEN support), since 2 September 2021; there is nothing to change."
    )


def test_n_with_no_open_period_is_already():
    assert codes(change("N", date(2024, 1, 1))) == ["already"]
    closed = [StatusPeriod("K", date(2021, 9, 2), date(2023, 7, 21))]
    assert codes(change("N", date(2024, 1, 1), closed)) == ["already"]


def test_n_closes_open_k():
    assert change("N", date(2024, 1, 1), OPEN_K) == []


def test_backdating_before_latest_start_refused():
    problems = change("E", date(2021, 9, 1), OPEN_K)
    assert codes(problems) == ["not_after_latest"]
    assert problems[0].field == "start"
    assert "after the latest one, K (SEN support) from 2 September 2021" in problems[0].message


def test_same_start_as_latest_refused():
    assert codes(change("E", date(2021, 9, 2), OPEN_K)) == ["not_after_latest"]


def test_day_after_latest_start_allowed():
    assert change("E", date(2021, 9, 3), OPEN_K) == []


def test_overlap_with_closed_latest_period():
    closed = [StatusPeriod("K", date(2021, 9, 2), date(2023, 7, 21))]
    problems = change("E", date(2023, 7, 21), closed)
    assert codes(problems) == ["overlap"]
    assert "Start the new status on 22 July 2023 or later" in problems[0].message
    assert change("E", date(2023, 7, 22), closed) == []


def test_several_problems_reported_together():
    problems = change("Z", date(2026, 1, 1), OPEN_K)
    assert codes(problems) == ["unknown", "future"]


# --------------------------------------------------------------------------- apply_status_change


def test_apply_first_status():
    assert apply_status_change([], "K", date(2021, 9, 2)) == [StatusPeriod("K", date(2021, 9, 2), None)]


def test_apply_closes_open_period_the_day_before():
    assert apply_status_change(OPEN_K, "E", date(2024, 4, 1)) == [
        StatusPeriod("K", date(2021, 9, 2), date(2024, 3, 31)),
        StatusPeriod("E", date(2024, 4, 1), None),
    ]


def test_apply_n_k_e_k_n_sequence():
    history: list[StatusPeriod] = []
    for code, start in [
        ("K", date(2019, 9, 4)),
        ("E", date(2021, 3, 1)),
        ("K", date(2023, 9, 6)),
        ("N", date(2025, 7, 1)),
    ]:
        assert (
            check_status_change(new_code=code, start=start, existing=history, date_of_birth=DOB, today=TODAY)
            == []
        )
        history = apply_status_change(history, code, start)
    assert history == [
        StatusPeriod("K", date(2019, 9, 4), date(2021, 2, 28)),
        StatusPeriod("E", date(2021, 3, 1), date(2023, 9, 5)),
        StatusPeriod("K", date(2023, 9, 6), date(2025, 6, 30)),
        StatusPeriod("N", date(2025, 7, 1), None),
    ]
    assert check_history(history, [], DOB) == []


def test_apply_after_gap_keeps_closed_period():
    closed = [StatusPeriod("K", date(2021, 9, 2), date(2023, 7, 21))]
    assert apply_status_change(closed, "E", date(2024, 1, 8)) == [
        closed[0],
        StatusPeriod("E", date(2024, 1, 8), None),
    ]


def test_apply_same_code_is_a_no_op():
    assert apply_status_change(OPEN_K, "K", date(2024, 1, 1)) == OPEN_K


def test_apply_sorts_history():
    history = [StatusPeriod("E", date(2022, 1, 1)), StatusPeriod("K", date(2020, 1, 1), date(2021, 12, 31))]
    assert apply_status_change(history, "K", date(2024, 1, 1)) == [
        StatusPeriod("K", date(2020, 1, 1), date(2021, 12, 31)),
        StatusPeriod("E", date(2022, 1, 1), date(2023, 12, 31)),
        StatusPeriod("K", date(2024, 1, 1), None),
    ]


def test_apply_refuses_backdating():
    with pytest.raises(ValueError, match="must start after the latest one"):
        apply_status_change(OPEN_K, "E", date(2020, 1, 1))


def test_apply_refuses_overlap_and_unknown_code():
    closed = [StatusPeriod("K", date(2021, 9, 2), date(2023, 7, 21))]
    with pytest.raises(ValueError, match="overlaps"):
        apply_status_change(closed, "E", date(2023, 1, 1))
    with pytest.raises(ValueError, match="not an SEN provision code"):
        apply_status_change(OPEN_K, "Q", date(2024, 1, 1))


def test_apply_does_not_mutate_input():
    existing = list(OPEN_K)
    apply_status_change(existing, "E", date(2024, 4, 1))
    assert existing == OPEN_K


# --------------------------------------------------------------------------- check_needs

ON = date(2025, 10, 2)


def needs(provision, items, on=ON, dob=DOB):
    return check_needs(provision=provision, needs=items, date_of_birth=dob, on=on)


def test_k_with_primary_and_secondary_is_valid():
    assert (
        needs("K", [NeedPeriod("SLCN", 1, date(2023, 1, 1)), NeedPeriod("SEMH", 2, date(2024, 1, 1))]) == []
    )


def test_k_without_primary():
    problems = needs("K", [])
    assert codes(problems) == ["no_primary"]
    assert problems[0].field == "needs"
    assert problems[0].message == "A pupil on K (SEN support) must have a primary need (rank 1)."


def test_e_with_only_secondary_has_no_primary():
    problems = needs("E", [NeedPeriod("ASD", 2, date(2023, 1, 1))])
    assert codes(problems) == ["no_primary"]
    assert "Education, health and care plan" in problems[0].message


def test_ended_primary_does_not_count():
    assert codes(needs("K", [NeedPeriod("MLD", 1, date(2020, 1, 1), date(2025, 10, 1))])) == ["no_primary"]
    assert needs("K", [NeedPeriod("MLD", 1, date(2020, 1, 1), date(2025, 10, 2))]) == []


def test_n_needs_no_primary():
    assert needs("N", []) == []


def test_two_primaries():
    problems = needs("K", [NeedPeriod("SLCN", 1, date(2023, 1, 1)), NeedPeriod("MLD", 1, date(2024, 1, 1))])
    assert codes(problems) == ["several_primary"]
    assert "Only one primary need (rank 1) is allowed at a time, but 2 are recorded" in problems[0].message


def test_two_secondaries():
    problems = needs(
        "K",
        [
            NeedPeriod("SLCN", 1, date(2023, 1, 1)),
            NeedPeriod("MLD", 2, date(2024, 1, 1)),
            NeedPeriod("HI", 2, date(2024, 1, 1)),
        ],
    )
    assert codes(problems) == ["several_secondary"]
    assert "2 are recorded on 2 October 2025 (HI, MLD)" in problems[0].message


def test_further_ranks_allowed_for_ctf():
    assert (
        needs(
            "E",
            [
                NeedPeriod("ASD", 1, date(2023, 1, 1)),
                NeedPeriod("SLCN", 2, date(2023, 1, 1)),
                NeedPeriod("SEMH", 3, date(2023, 1, 1)),
                NeedPeriod("HI", 4, date(2023, 1, 1)),
            ],
        )
        == []
    )


def test_duplicate_further_rank():
    problems = needs(
        "E",
        [
            NeedPeriod("ASD", 1, date(2023, 1, 1)),
            NeedPeriod("SEMH", 3, date(2023, 1, 1)),
            NeedPeriod("HI", 3, date(2023, 1, 1)),
        ],
    )
    assert codes(problems) == ["duplicate_rank"]
    assert "need of rank 3" in problems[0].message


def test_need_type_twice():
    problems = needs("K", [NeedPeriod("SLCN", 1, date(2023, 1, 1)), NeedPeriod("SLCN", 2, date(2023, 1, 1))])
    assert codes(problems) == ["duplicate_need"]
    assert "SLCN (Speech, language and communication needs) is recorded more than once" in problems[0].message


def test_same_type_at_different_times_is_fine():
    assert (
        needs(
            "K",
            [
                NeedPeriod("SLCN", 1, date(2020, 1, 1), date(2021, 1, 1)),
                NeedPeriod("SLCN", 1, date(2024, 1, 1)),
            ],
        )
        == []
    )


def test_nsa_with_k_is_valid():
    assert needs("K", [NeedPeriod("NSA", 1, date(2025, 9, 4))]) == []


def test_nsa_with_e():
    problems = needs("E", [NeedPeriod("NSA", 1, date(2025, 9, 4))])
    assert codes(problems) == ["nsa_not_k"]
    assert "EHC plan has had a statutory assessment" in problems[0].message


def test_nsa_with_n():
    problems = needs("N", [NeedPeriod("NSA", 1, date(2025, 9, 4))])
    assert codes(problems) == ["nsa_not_k"]
    assert "This pupil is on N (No special educational need)." in problems[0].message


def test_ended_nsa_with_e_is_fine():
    assert (
        needs(
            "E",
            [
                NeedPeriod("NSA", 1, date(2024, 9, 4), date(2025, 3, 31)),
                NeedPeriod("ASD", 1, date(2025, 4, 1)),
            ],
        )
        == []
    )


def test_need_before_date_of_birth():
    problems = needs("K", [NeedPeriod("SLCN", 1, date(2014, 3, 1))])
    assert codes(problems) == ["before_birth"]
    assert problems[0].field == "needs[0].start"
    assert "1 March 2014, before the pupil's date of birth (12 March 2014)" in problems[0].message


def test_need_end_before_start():
    items = [
        NeedPeriod("SLCN", 1, date(2023, 1, 1)),
        NeedPeriod("HI", 2, date(2024, 1, 1), date(2023, 12, 31)),
    ]
    problems = needs("K", items)
    assert codes(problems) == ["end_before_start"]
    assert problems[0].field == "needs[1].end"


def test_unknown_need_code():
    problems = needs("K", [NeedPeriod("AUT", 1, date(2023, 1, 1))])
    assert codes(problems) == ["unknown_need"]
    assert problems[0].field == "needs[0].code"
    assert "'AUT' is not a census need type" in problems[0].message


@pytest.mark.parametrize("rank", [0, -1, True])
def test_bad_rank(rank):
    problems = needs("N", [NeedPeriod("SLCN", rank, date(2023, 1, 1))])
    assert "bad_rank" in codes(problems)
    assert "needs[0].rank" in fields(problems)


def test_unknown_provision():
    assert codes(needs("Q", [])) == ["unknown"]
    assert fields(needs("Q", [])) == ["provision"]


# --------------------------------------------------------------------------- check_history


def test_clean_history():
    history = [
        StatusPeriod("A", date(2014, 9, 3), date(2015, 3, 31)),
        StatusPeriod("K", date(2015, 4, 1), date(2019, 12, 31)),
        StatusPeriod("E", date(2020, 1, 1), None),
    ]
    need_history = [
        NeedPeriod("SLCN", 1, date(2015, 4, 1), date(2019, 12, 31)),
        NeedPeriod("ASD", 1, date(2020, 1, 1)),
    ]
    assert check_history(history, need_history, DOB) == []


def test_history_overlapping_closed_periods():
    history = [
        StatusPeriod("K", date(2020, 1, 1), date(2021, 1, 31)),
        StatusPeriod("E", date(2021, 1, 1), date(2022, 1, 1)),
    ]
    problems = check_history(history, [], DOB)
    assert codes(problems) == ["overlap"]
    assert (
        "K (SEN support) from 1 January 2020 and E (Education, health and care plan) from 1 January 2021"
        in (problems[0].message)
    )


def test_history_same_start():
    history = [
        StatusPeriod("K", date(2020, 1, 1), date(2020, 6, 1)),
        StatusPeriod("E", date(2020, 1, 1), None),
    ]
    assert codes(check_history(history, [], DOB)) == ["overlap"]


def test_history_open_period_not_latest():
    history = [
        StatusPeriod("K", date(2020, 1, 1), None),
        StatusPeriod("E", date(2021, 1, 1), date(2022, 1, 1)),
    ]
    problems = check_history(history, [], DOB)
    assert codes(problems) == ["open_not_latest"]
    assert "End K on 31 December 2020" in problems[0].message


def test_history_two_open_periods():
    history = [StatusPeriod("K", date(2020, 1, 1)), StatusPeriod("E", date(2021, 1, 1))]
    assert sorted(codes(check_history(history, [], DOB))) == ["open_not_latest", "several_open"]


def test_history_unordered_input_is_sorted_first():
    history = [StatusPeriod("E", date(2021, 1, 1)), StatusPeriod("K", date(2020, 1, 1), date(2020, 12, 31))]
    assert check_history(history, [], DOB) == []


def test_history_period_checks():
    history = [
        StatusPeriod("K", date(2013, 1, 1), date(2013, 6, 1)),
        StatusPeriod("Z", date(2016, 1, 1), date(2015, 1, 1)),
    ]
    problems = check_history(history, [], DOB)
    assert [(p.field, p.code) for p in problems] == [
        ("status_history[0].start", "before_birth"),
        ("status_history[1].code", "unknown"),
        ("status_history[1].end", "end_before_start"),
    ]


def test_history_need_type_overlapping_itself():
    need_history = [
        NeedPeriod("SLCN", 1, date(2020, 1, 1), date(2021, 6, 1)),
        NeedPeriod("SLCN", 2, date(2021, 1, 1)),
    ]
    problems = check_history([], need_history, DOB)
    assert codes(problems) == ["duplicate_need"]
    assert "(from 1 January 2021)" in problems[0].message


def test_history_two_primaries_at_once():
    need_history = [NeedPeriod("SLCN", 1, date(2020, 1, 1)), NeedPeriod("ASD", 1, date(2022, 1, 1))]
    problems = check_history([], need_history, DOB)
    assert codes(problems) == ["several_primary"]
    assert (
        "SLCN and ASD are both recorded as the primary need (rank 1) from 1 January 2022"
        in problems[0].message
    )


def test_history_primary_replaced_cleanly():
    need_history = [
        NeedPeriod("SLCN", 1, date(2020, 1, 1), date(2021, 12, 31)),
        NeedPeriod("ASD", 1, date(2022, 1, 1)),
    ]
    assert check_history([], need_history, DOB) == []


def test_history_need_checks():
    problems = check_history([], [NeedPeriod("BESD", 1, date(2012, 1, 1))], DOB)
    assert [(p.field, p.code) for p in problems] == [
        ("needs[0].code", "unknown_need"),
        ("needs[0].start", "before_birth"),
    ]


# --------------------------------------------------------------------------- census_problems

CENSUS = date(2026, 1, 15)


def test_census_clean_k_pupil():
    status = [StatusPeriod("K", date(2024, 9, 4))]
    need_history = [NeedPeriod("SLCN", 1, date(2024, 9, 4)), NeedPeriod("HI", 2, date(2025, 1, 1))]
    assert census_problems(status, need_history, DOB, CENSUS) == []


def test_census_n_pupil_without_history():
    assert census_problems([], [], DOB, CENSUS) == []


def test_census_k_without_primary():
    problems = census_problems([StatusPeriod("K", date(2024, 9, 4))], [], DOB, CENSUS)
    assert codes(problems) == ["no_primary"]


def test_census_primary_ended_before_census_day():
    status = [StatusPeriod("E", date(2024, 9, 4))]
    need_history = [NeedPeriod("ASD", 1, date(2024, 9, 4), date(2026, 1, 14))]
    assert codes(census_problems(status, need_history, DOB, CENSUS)) == ["no_primary"]


def test_census_historic_code():
    problems = census_problems(
        [StatusPeriod("S", date(2016, 9, 1))], [NeedPeriod("HI", 1, date(2016, 9, 1))], DOB, CENSUS
    )
    assert codes(problems) == ["historic"]
    assert "S (Statement of SEN), a historic code the census no longer accepts" in problems[0].message


def test_census_ambiguous_status():
    status = [StatusPeriod("K", date(2024, 9, 4)), StatusPeriod("E", date(2025, 9, 4))]
    need_history = [NeedPeriod("ASD", 1, date(2024, 9, 4))]
    problems = census_problems(status, need_history, DOB, CENSUS)
    assert codes(problems) == ["ambiguous"]


def test_census_nsa_with_e():
    status = [StatusPeriod("E", date(2025, 9, 4))]
    problems = census_problems(status, [NeedPeriod("NSA", 1, date(2024, 9, 4))], DOB, CENSUS)
    assert codes(problems) == ["nsa_not_k"]


def test_census_two_secondaries():
    status = [StatusPeriod("K", date(2024, 9, 4))]
    need_history = [
        NeedPeriod("MLD", 1, date(2024, 9, 4)),
        NeedPeriod("SEMH", 2, date(2024, 9, 4)),
        NeedPeriod("PD", 2, date(2025, 9, 4)),
    ]
    assert codes(census_problems(status, need_history, DOB, CENSUS)) == ["several_secondary"]


def test_census_pupil_born_after_census_day():
    assert codes(census_problems([], [], date(2026, 2, 1), CENSUS)) == ["after_census"]


def test_census_unknown_code_in_history():
    problems = census_problems([StatusPeriod("X", date(2024, 9, 4))], [], DOB, CENSUS)
    assert [(p.field, p.code) for p in problems] == [("provision", "unknown")]


def test_census_gap_after_e_ended_is_n():
    status = [StatusPeriod("E", date(2020, 9, 4), date(2025, 7, 18))]
    need_history = [NeedPeriod("ASD", 1, date(2020, 9, 4))]
    assert census_problems(status, need_history, DOB, CENSUS) == []

import datetime as dt

import pytest

from sendco.domain.identification import check_decision

TODAY = dt.date(2026, 11, 23)
RAISED = dt.date(2026, 11, 1)


def _fields(**kwargs):
    args = {"decision": "no_action", "today": TODAY, "raised_on": RAISED, "current_provision": "N"} | kwargs
    return [p.field for p in check_decision(**args)]


def test_no_further_action_needs_nothing_else():
    assert _fields() == []


@pytest.mark.parametrize("decision", ["", "maybe", "SEN support"])
def test_unknown_decisions_are_refused(decision):
    assert _fields(decision=decision) == ["decision"]


@pytest.mark.parametrize(
    "review,ok",
    [(None, False), (TODAY, False), (TODAY - dt.timedelta(days=1), False), (TODAY + dt.timedelta(1), True)],
)
def test_monitoring_needs_a_future_review_date(review, ok):
    assert (_fields(decision="monitor", review_date=review) == []) == ok


def _support(**kwargs):
    return _fields(decision="sen_support", need_types=["SLCN"], parents_told_on=TODAY, **kwargs)


def test_sen_support_with_a_need_and_parents_told_is_fine():
    assert _support() == []
    assert _fields(decision="sen_support", need_types=["SLCN", "SPLD"], parents_told_on=RAISED) == []


@pytest.mark.parametrize("provision", ["K", "E"])
def test_pupils_already_on_the_register_are_managed_there(provision):
    assert _support(current_provision=provision) == ["decision"]


@pytest.mark.parametrize("needs", [[], ["MLD", "MLD"], ["XYZ"]])
def test_sen_support_needs_valid_distinct_need_types(needs):
    assert _fields(decision="sen_support", need_types=needs, parents_told_on=TODAY) == ["need_types"]


@pytest.mark.parametrize("told", [None, RAISED - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)])
def test_parents_must_be_told_between_the_concern_and_today(told):
    assert _fields(decision="sen_support", need_types=["MLD"], parents_told_on=told) == ["parents_told_on"]


def test_referral_names_the_agency_and_the_reason():
    assert _fields(decision="refer") == ["agency", "agency_reason"]
    assert _fields(decision="refer", agency="EPS", agency_reason="  ") == ["agency_reason"]
    assert _fields(decision="refer", agency="EPS", agency_reason="Plateau in progress") == []

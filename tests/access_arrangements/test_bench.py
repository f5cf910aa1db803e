"""The access-arrangement benchmarks: the top-up gives complete candidates, and the centre
check and the exams officer's list cost the same queries for few and many candidates."""

import random

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sendco.access_arrangements import bench, selectors
from sendco.access_arrangements.models import Arrangement
from sendco.accounts.models import User
from sendco.bench import BenchContext
from sendco.demo.generator import build_demo


@pytest.fixture
def ctx(db, monkeypatch):
    build_demo(size="small", history=False)
    monkeypatch.setattr(bench, "CANDIDATES", 40)
    senco = User.objects.get(username="senco")
    school = senco.memberships.get(role="senco").school
    return BenchContext(Client(), random.Random(7), school, senco, "")


def test_top_up_adds_complete_candidates_once(ctx, capsys):
    run = bench._centre_check(ctx)
    assert "queries: 2 for 24 candidates, 2 for all" in capsys.readouterr().out
    added = Arrangement.objects.filter(notes=bench.NOTE)
    assert Arrangement.objects.values("pupil").distinct().count() == 40
    checked = selectors.check_all(added, series=selectors.next_series(ctx.school))
    assert checked and all(c.result.complete for c in checked)
    assert len(bench._top_up(ctx.school)) == 40 and added.count() == len(checked)  # nothing more added
    assert run().status_code == 200


@pytest.mark.parametrize("factory", [bench._centre_check, bench._exams_list])
def test_queries_do_not_grow_with_candidates(ctx, factory, monkeypatch):
    def queries(fn):
        with CaptureQueriesContext(connection) as captured:
            fn()
        return len(captured.captured_queries)

    run = factory(ctx)
    few = queries(run)
    monkeypatch.setattr(bench, "CANDIDATES", 100)
    bench._top_up(ctx.school)
    assert Arrangement.objects.values("pupil").distinct().count() == 100
    assert queries(run) == few


def test_centre_page_bench_gets_the_page_with_every_candidate(ctx):
    ctx.client.force_login(ctx.senco)
    response = bench._centre_page(ctx)()
    assert response.status_code == 200
    html = response.content.decode()
    some = Arrangement.objects.filter(notes=bench.NOTE).select_related("pupil").first()
    assert "Evidence" in html and some.pupil.full_name in html

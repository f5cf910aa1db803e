"""Benchmarks: the trust deadlines dashboard (target p95 < 300 ms on PostgreSQL), the school
dashboard, and computing every deadline of every plan in the trust (target < 2 s)."""

from __future__ import annotations

import time
from types import SimpleNamespace

from django.db.models import Q
from django.test import Client

from sendco.bench import BenchContext, benchmark


@benchmark("EHC deadlines: trust dashboard (trust officer)")
def _trust_dashboard(ctx: BenchContext):
    from sendco.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="trust"))
    return lambda: client.get("/statutory/trust/")


@benchmark("EHC deadlines: school dashboard (SENCO)")
def _school_dashboard(ctx: BenchContext):
    return lambda: ctx.client.get("/statutory/")


@benchmark("EHC deadlines: compute all plans in the trust")
def _compute_all(ctx: BenchContext):
    from sendco.statutory import selectors
    from sendco.statutory.models import EhcPlan

    def run():
        started = time.perf_counter()
        rows, problems = selectors.compute(Q(pk__in=EhcPlan.objects.values("pupil_id")))
        run.last = (len(rows), len(problems), time.perf_counter() - started)
        return SimpleNamespace(status_code=200)

    run()
    rows, problems, seconds = run.last
    plans = EhcPlan.objects.count()
    print(
        f"  (computing {rows:,} deadlines of {plans:,} plans took {seconds:.2f} s; "
        f"{problems} inconsistent records)"
    )
    return run

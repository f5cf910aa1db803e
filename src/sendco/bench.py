"""`sendco bench`: time the main pages on a large dataset, in-process (server time only).

Each benchmark is a function that takes a `BenchContext` and returns a callable making one
request; apps add theirs with `@benchmark("name")`. Figures: p50 and p95 milliseconds over
`runs` requests after two warm-up requests, and the number of SQL queries per request.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

BENCHMARKS: dict[str, Callable] = {}


def benchmark(name: str):
    def register(fn):
        BENCHMARKS[name] = fn
        return fn

    return register


@dataclass
class BenchContext:
    client: Client
    rng: random.Random
    school: object
    senco: object
    api_key: str


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _measure(make_request: Callable, runs: int) -> tuple[float, float, int]:
    for _ in range(2):
        make_request()
    timings, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = make_request()
            timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"benchmark request failed with {response.status_code}")
        queries.append(len(ctx.captured_queries))
    return statistics.median(timings), _percentile(timings, 95), max(queries)


@benchmark("pupil list (first page, one school)")
def _pupil_list(ctx: BenchContext):
    return lambda: ctx.client.get("/pupils/", {"school": ctx.school.pk})


@benchmark("pupil page")
def _pupil_page(ctx: BenchContext):
    from sendco.core.models import Pupil

    ids = list(Pupil.objects.filter(school=ctx.school).values_list("pk", flat=True)[:500])
    return lambda: ctx.client.get(f"/pupils/{ctx.rng.choice(ids)}/")


@benchmark("pupil search")
def _search(ctx: BenchContext):
    from sendco.core.models import Pupil

    names = list(Pupil.objects.filter(school=ctx.school).values_list("legal_surname", flat=True)[:200])
    return lambda: ctx.client.get("/pupils/search/", {"q": ctx.rng.choice(names)[:4]})


@benchmark("API pupil list (50, one school)")
def _api_list(ctx: BenchContext):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ctx.api_key}"}
    return lambda: ctx.client.get("/api/v1/pupils/", {"school": ctx.school.urn, "limit": 50}, **auth)


def run_benchmarks(*, size: str = "trust", runs: int = 30, only: str = "") -> int:
    from django.conf import settings

    from sendco.accounts.models import ApiToken, User
    from sendco.apps_registry import app_modules
    from sendco.core.access import policy
    from sendco.core.models import Pupil, School
    from sendco.demo import generator

    app_modules("bench")  # each app's bench.py registers its pages with @benchmark
    settings.DEBUG = False
    # The bench signs its client in with force_login, which cannot pass a second factor; it
    # measures the pages behind two-step verification, not the verification itself.
    settings.SENDCO_MFA_REQUIRED = False
    if not generator.demo_exists():
        print(f"Building the '{size}' dataset for benchmarks (once)…")
        started = time.perf_counter()
        generator.build_demo(size=size, progress=lambda s: print("  " + s))
        print(f"  built in {time.perf_counter() - started:.0f} s")
    senco = User.objects.get(username="senco")
    school = policy.schools(senco, "school.view").first()
    client = Client()
    client.force_login(senco)
    _, key = ApiToken.issue(senco, name="bench")
    ctx = BenchContext(client, random.Random(7), school, senco, key)
    wanted = {w.strip() for w in only.split(",") if w.strip()}
    in_school = Pupil.objects.filter(school=school).count()
    total = Pupil.objects.count()
    print(f"database: {connection.vendor}; schools: {School.objects.count()}; pupils: {total:,}")
    print(f"school benchmarked: {school.name} ({in_school:,} pupils); runs per page: {runs}")
    print(f"{'benchmark':45} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for name, factory in BENCHMARKS.items():
        if wanted and not any(w in name for w in wanted):
            continue
        p50, p95, queries = _measure(factory(ctx), runs)
        print(f"{name:45} {p50:8.1f} {p95:8.1f} {queries:8d}")
    return 0

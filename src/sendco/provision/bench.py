"""Benchmarks of the heavy provision pages (targets on the trust dataset, PostgreSQL):
whole-school map and impact report p95 < 300 ms, a pupil's map p95 < 150 ms, a register
save < 100 ms."""

from __future__ import annotations

from datetime import timedelta
from itertools import islice

from sendco.bench import BenchContext, benchmark


@benchmark("provision map (whole school)")
def _map(ctx: BenchContext):
    return lambda: ctx.client.get("/provision/map/", {"school": ctx.school.pk})


@benchmark("provision impact report")
def _impact(ctx: BenchContext):
    return lambda: ctx.client.get("/provision/impact/", {"school": ctx.school.pk})


@benchmark("provision map (one pupil)")
def _pupil(ctx: BenchContext):
    from .models import GroupMember

    ids = list(
        GroupMember.objects.filter(school=ctx.school).values_list("pupil_id", flat=True).distinct()[:300]
    )
    return lambda: ctx.client.get(f"/pupils/{ctx.rng.choice(ids)}/provision/")


@benchmark("provision register save")
def _register(ctx: BenchContext):
    """Each request saves a new session: a past date (registers are never taken ahead) that a
    running group has not recorded, with its members who were in it all along."""
    from django.utils import timezone

    from .models import ProvisionGroup

    today = timezone.localdate()
    since = today - timedelta(days=60)

    def slots():
        groups = ProvisionGroup.objects.filter(school=ctx.school, start_date__lte=since, end_date__gte=today)
        for group in groups:
            stayers = group.members.filter(left__isnull=True, joined__lte=since)
            members = list(stayers.values_list("pupil_id", flat=True))
            recorded = set(group.sessions.values_list("date", flat=True))
            for day in (today - timedelta(days=i) for i in range(61)):
                if members and day not in recorded:
                    yield group, day, members

    free = iter(list(islice(slots(), 500)))  # found before timing starts

    class _Ok:  # a successful save answers with a redirect; the harness expects 200
        status_code = 200

    def save():
        group, day, members = next(free)
        response = ctx.client.post(
            f"/provision/groups/{group.pk}/register/",
            {"date": day.isoformat(), "held": "yes", "present": members, f"note-{members[0]}": "Benchmark"},
        )
        if response.status_code != 302:
            return response
        return _Ok()

    return save

"""Benchmarks: the class view (a class of 32 with 8 SEN pupils; target p95 < 150 ms) and the plan
PDF (target < 1 s), both at the benchmarked school."""

from django.db.models import Count, Q

from sendco.bench import BenchContext, benchmark
from sendco.core.models import TeachingGroup

from .models import PlanCycle


@benchmark("class view (32 pupils, 8 with SEN)")
def _class_view(ctx: BenchContext):
    group = (
        TeachingGroup.objects.filter(school=ctx.school)
        .annotate(
            n=Count("memberships"), sen=Count("memberships", filter=~Q(memberships__pupil__sen_status="N"))
        )
        .filter(n=32, sen=8)
        .first()
    )
    if group is None:
        raise RuntimeError(
            "no class of 32 with 8 SEN pupils: build the demo data with the plans app installed"
        )
    return lambda: ctx.client.get(f"/classes/{group.pk}/")


@benchmark("plan PDF")
def _plan_pdf(ctx: BenchContext):
    cycles = list(
        PlanCycle.objects.filter(school=ctx.school, status="current").values_list("pupil_id", "pk")[:200]
    )
    if not cycles:
        raise RuntimeError("no support plans at the benchmarked school")

    def request():
        pupil_id, cycle_id = ctx.rng.choice(cycles)
        return ctx.client.get(f"/pupils/{pupil_id}/plan/{cycle_id}/document.pdf")

    return request

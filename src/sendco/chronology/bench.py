from sendco.bench import BenchContext, benchmark


def _pupils_with_entries(ctx: BenchContext) -> list[int]:
    from sendco.chronology.models import ChronologyEntry

    ids = ChronologyEntry.objects.filter(school=ctx.school).values_list("pupil_id", flat=True).distinct()
    return list(ids[:300])


@benchmark("chronology tab (SEN pupil)")
def _tab(ctx: BenchContext):
    ids = _pupils_with_entries(ctx)
    return lambda: ctx.client.get(f"/pupils/{ctx.rng.choice(ids)}/chronology/")


@benchmark("API chronology list (50)")
def _api(ctx: BenchContext):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ctx.api_key}"}
    return lambda: ctx.client.get("/api/v1/chronology/", {"limit": 50}, **auth)

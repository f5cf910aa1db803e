from sendco.bench import BenchContext, benchmark


@benchmark("concerns triage queue")
def _queue(ctx: BenchContext):
    return lambda: ctx.client.get("/concerns/", {"status": ""})


@benchmark("API concerns list (50)")
def _api(ctx: BenchContext):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ctx.api_key}"}
    return lambda: ctx.client.get("/api/v1/concerns/", {"limit": 50}, **auth)

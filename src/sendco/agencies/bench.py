"""Benchmarks: the referrals dashboard for a trust (waiting times over every school and the
per-school summary, as the trust officer) and for a school (the SENCO's open referrals)."""

from __future__ import annotations

from django.test import Client

from sendco.bench import BenchContext, benchmark


@benchmark("referrals dashboard (trust)")
def _trust(ctx: BenchContext):
    from sendco.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="trust"))
    return lambda: client.get("/agencies/waiting-times/", {"school": "all"})


@benchmark("referrals dashboard (school)")
def _school(ctx: BenchContext):
    return lambda: ctx.client.get("/agencies/referrals/", {"school": ctx.school.pk})

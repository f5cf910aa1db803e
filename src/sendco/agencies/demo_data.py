"""Demo data for agencies: the directory, then referrals and consent, then professionals'
access (each part's module builds its own records; order matters: later parts use the
directory); last, for the benchmarks' ``trust`` size only, referrals at every school that has
none (demo_bench)."""

from . import demo_access, demo_bench, demo_directory, demo_referrals


def build(ctx) -> None:
    demo_directory.build(ctx)
    demo_referrals.build(ctx)
    demo_access.build(ctx)
    demo_bench.build(ctx)

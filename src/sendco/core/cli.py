"""`sendco bench`: times the main pages of every app (each app's bench.py) on a demo dataset."""

from __future__ import annotations


def cmd_bench(args) -> int:
    from sendco.bench import run_benchmarks
    from sendco.cli import migrate

    migrate()
    return run_benchmarks(size=args.size, runs=args.runs, only=args.only)


def register(subparsers) -> None:
    bench = subparsers.add_parser("bench", help="build the trust dataset if needed and time the main pages")
    bench.add_argument("--size", choices=["small", "school", "trust"], default="trust")
    bench.add_argument("--runs", type=int, default=30)
    bench.add_argument("--only", default="", help="comma-separated benchmark names")
    bench.set_defaults(func=cmd_bench)

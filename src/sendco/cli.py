"""The `sendco` command. This module holds the core commands; each app adds its own from
`<app>/cli.py` (a `register(subparsers)` function), found through `app_modules("cli")`.

sendco demo [--port 8000] [--no-serve] [--size small|school|trust] [--reset]
sendco serve [--bind 127.0.0.1:8000] [--workers 3]
sendco token --user USERNAME [--name NAME] [--days N]
sendco manage <django command> [...]
and, from the apps (`sendco --help` lists them all):
sendco bench [--size trust] [--runs 30]                                    (core/cli.py)
sendco backup FILE / sendco restore FILE [--force]                         (core/cli.py)
sendco import pupils FILE --school URN [--full] [--commit] [--user USERNAME]  (register/cli.py)
sendco reminders [--date YYYY-MM-DD]   (daily from cron: EHC deadline digests; statutory/cli.py)
"""

from __future__ import annotations

import argparse
import os
import sys


def _setup(debug: bool = False) -> None:
    """Load Django (before the parser is built: the apps' commands are found through the app
    registry). The demo's settings come from the environment, so they are set first."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendco.settings")
    if debug:
        os.environ.setdefault("DEBUG", "1")
        # The demo flag: only with it does SENDCO_MFA_EXEMPT_DEMO let the published logins in
        # without two-step verification (settings.py).
        os.environ.setdefault("SENDCO_DEMO", "1")
        os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def migrate() -> None:
    """Bring the database up to date; commands that need the tables call it first."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def cmd_demo(args) -> int:
    migrate()
    from django.db import transaction

    from sendco.demo import generator

    if args.reset and generator.demo_exists():
        print("Removing the existing demo data…")
        generator.delete_demo()
    if generator.demo_exists():
        print("Demo data found: reusing it (use --reset to build it again).")
        logins = generator.demo_logins()
    else:
        print(f"Building the '{args.size}' demo dataset (synthetic, fictional people)…")
        with transaction.atomic():
            result = generator.build_demo(size=args.size, seed=args.seed, progress=lambda s: print("  " + s))
        logins = result.logins
        for name, value in result.counts.items():
            print(f"  {name}: {value:,}")
    _print_logins(logins, args.port)
    if args.no_serve:
        return 0
    from django.core.management import call_command

    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, use_threading=True)
    return 0


def _print_logins(logins, port: int) -> None:
    print()
    print(f"sendco demo: http://127.0.0.1:{port}/   (password for every login: sendco-demo)")
    width = max(len(u) for u, _, _ in logins) + 2
    role_width = max(len(r) for _, r, _ in logins) + 2
    print(f"{'username'.ljust(width)}{'role'.ljust(role_width)}sees")
    print(f"{'-' * (width - 2)}  {'-' * (role_width - 2)}  {'-' * 40}")
    for username, role, sees in logins:
        print(f"{username.ljust(width)}{role.ljust(role_width)}{sees}")
    print()
    from django.conf import settings

    if settings.SENDCO_DEMO and settings.SENDCO_MFA_EXEMPT_DEMO:
        print("Two-step verification is off for the demo (SENDCO_MFA_EXEMPT_DEMO=0 turns it on).")
    else:
        print("Two-step verification is on: roles that need it set up an authenticator app at sign-in.")
    print()


def cmd_serve(args) -> int:
    migrate()
    argv = [
        "gunicorn",
        "sendco.wsgi:application",
        "--bind",
        args.bind,
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]
    os.execvp(sys.executable, [sys.executable, "-m", *argv])  # noqa: S606 - replaces this process
    return 0  # pragma: no cover


def cmd_token(args) -> int:
    from sendco.accounts.models import ApiToken, User

    user = User.objects.filter(username=args.user, is_active=True).first()
    if user is None:
        print(f"No active user called {args.user!r}.", file=sys.stderr)
        return 2
    if args.days is not None and args.days < 1:
        print("--days must be at least 1.", file=sys.stderr)
        return 2
    token, key = ApiToken.issue(user, name=args.name, days=args.days)
    print(f"Expires {token.expires_at:%d %b %Y}; revoke it on Your API tokens.", file=sys.stderr)
    print(key)
    return 0


def cmd_manage(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendco.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sendco manage", *argv])
    return 0


def build_parser() -> argparse.ArgumentParser:
    _setup()
    parser = argparse.ArgumentParser(prog="sendco", description="Run sendco, SEND management for schools.")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="migrate, load a demo school if absent, print logins, serve")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--no-serve", action="store_true", help="build and print logins, then stop")
    demo.add_argument("--size", choices=["small", "school", "trust"], default="school")
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--reset", action="store_true", help="delete the demo data and build it again")
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="production server (gunicorn); honours DATABASE_URL")
    serve.add_argument("--bind", default=os.environ.get("SENDCO_BIND", "127.0.0.1:8000"))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("SENDCO_WORKERS", "3")))
    serve.set_defaults(func=cmd_serve)

    token = sub.add_parser("token", help="print a new API token for a user")
    token.add_argument("--user", required=True)
    token.add_argument("--name", default="cli")
    token.add_argument("--days", type=int, default=None, help="days until it expires (default 90)")
    token.set_defaults(func=cmd_token)

    from sendco.apps_registry import app_modules

    for module in app_modules("cli"):
        module.register(sub)

    sub.add_parser("manage", help="Django management commands, e.g. `sendco manage createsuperuser`")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "manage":
        return cmd_manage(argv[1:])
    _setup(debug=bool(argv) and argv[0] == "demo")
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

"""`sendco import pupils FILE --school URN [--full] [--commit]`: the MIS import from a shell.

Without --commit it prints the preview (new, changed, unchanged, leavers, rejected rows) and
changes nothing. Exit status: 0 when the file is clean (and committed if asked), 1 when any row
or the file is rejected (nothing is imported), 2 for a bad school, user or path.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run_import(
    *, path: str, school_urn: str, commit: bool, full: bool, username: str | None, out=None
) -> int:
    from django.utils import timezone

    from sendco.accounts.models import User
    from sendco.core.models import School

    from . import services
    from .importing import MAX_BYTES, FileRejected, plan_import, read_table

    out = out or sys.stdout
    err = sys.stderr if out is sys.stdout else out
    school = School.objects.filter(urn=school_urn).first()
    if school is None:
        print(f"No school with URN {school_urn}.", file=err)
        return 2
    actor = None
    if username:
        actor = User.objects.filter(username=username, is_active=True).first()
        if actor is None:
            print(f"No active user called {username!r}.", file=err)
            return 2
    file = Path(path)
    if not file.is_file():
        print(f"No such file: {path}", file=err)
        return 2
    if file.stat().st_size > MAX_BYTES:
        print(
            f"{file.name}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB; nothing imported.",
            file=err,
        )
        return 1
    data = file.read_bytes()
    try:
        if commit:
            plan, record = services.import_pupils(
                actor=actor, school=school, data=data, filename=file.name, full=full, via="cli"
            )
        else:
            plan = plan_import(
                school=school,
                table=read_table(data, file.name),
                filename=file.name,
                full=full,
                today=timezone.localdate(),
            )
    except FileRejected as exc:
        for problem in exc.problems:
            print(f"{file.name}: {problem}", file=err)
        print("Nothing was imported.", file=err)
        return 1
    except services.ImportRefused as exc:
        plan = exc.plan
    _print_plan(plan, out)
    if not plan.ok:
        for p in plan.rejected:
            print(f"row {p.row}{f' (UPN {p.upn})' if p.upn else ''}: {p.message}", file=err)
        print("Nothing was imported: correct the rejected rows and run again.", file=err)
        return 1
    print("Imported." if commit else "Preview only: run again with --commit to import.", file=out)
    return 0


def _print_plan(plan, out) -> None:
    counts = plan.counts
    print(
        f"{plan.filename}: {counts['new']} new, {counts['changed']} changed, "
        f"{counts['unchanged']} unchanged, "
        f"{counts['leavers']} leaver(s), {counts['rejected']} rejected row(s)",
        file=out,
    )
    for row in plan.rows:
        if row.kind == "new":
            print(f"  new     row {row.row}: {row.upn} {row.name}", file=out)
        elif row.kind == "changed":
            changes = "; ".join(f"{label}: {old} -> {new}" for label, old, new in row.diffs)
            print(f"  changed row {row.row}: {row.upn} {row.name}: {changes}", file=out)
    for leaver in plan.leavers:
        print(f"  leaver  {leaver.upn} {leaver.legal_forename} {leaver.legal_surname}", file=out)
    if plan.ignored_columns:
        print(f"  ignored columns: {', '.join(plan.ignored_columns)}", file=out)


def cmd_import(args) -> int:
    return run_import(
        path=args.file, school_urn=args.school, commit=args.commit, full=args.full, username=args.user
    )


def register(subparsers) -> None:
    imports = subparsers.add_parser(
        "import", help="import pupils from an MIS export (preview unless --commit)"
    )
    imports.add_argument("what", choices=["pupils"])
    imports.add_argument("file")
    imports.add_argument("--school", required=True, help="the school's URN")
    imports.add_argument(
        "--full", action="store_true", help="the file lists every pupil: mark others as leavers"
    )
    imports.add_argument("--commit", action="store_true", help="save the changes (all or nothing)")
    imports.add_argument("--user", help="record the changes as this user (default: the command line)")
    imports.set_defaults(func=cmd_import)

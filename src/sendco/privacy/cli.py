"""`sendco retention [--commit] [--school URN] [--date YYYY-MM-DD] [--by NAME]`: the retention
process. Without --commit it lists, by school and rule, how many pupils' files are past
retention (and how many a legal hold keeps) and changes nothing; with --commit it destroys them
and writes a DisposalLog row per school and rule. Exit status 2 for an unknown school."""

from __future__ import annotations

import datetime as dt
import getpass
import sys


def run_retention(
    *, commit: bool, school_urn: str = "", today: dt.date | None = None, by: str = "", out=None
) -> int:
    from django.utils import timezone

    from sendco.core.models import School

    from . import services

    out = out or sys.stdout
    today = today or timezone.localdate()
    schools = School.objects.all()
    if school_urn:
        schools = schools.filter(urn=school_urn)
        if not schools.exists():
            print(f"No school with URN {school_urn}.", file=out)
            return 2
    who = by or f"sendco retention (run by {getpass.getuser()})"
    for school in schools:
        for batch in services.due_for_disposal(school=school, today=today):
            line = (
                f"{school.urn} {batch.rule.record_type} (DOB + {batch.years} years): "
                f"{len(batch.pupil_ids)} past retention, {batch.held} kept (legal hold, open request)"
            )
            print(line, file=out)
            if commit and batch.pupil_ids:
                log = services.dispose(batch=batch, by=who, today=today)
                if log is not None:
                    print(
                        f"  destroyed {log.pupils} file(s): {sum(log.records.values())} records, "
                        f"{log.history_rows} history rows, {log.files} uploaded files",
                        file=out,
                    )
    if not commit:
        print("Dry run: nothing was changed. Run with --commit to destroy these files.", file=out)
    return 0


def cmd_retention(args) -> int:
    today = dt.date.fromisoformat(args.date) if args.date else None
    return run_retention(commit=args.commit, school_urn=args.school, today=today, by=args.by)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "retention", help="list (dry run) or destroy (--commit) pupils' files past retention"
    )
    parser.add_argument("--commit", action="store_true", help="destroy them (default: list only)")
    parser.add_argument("--school", default="", help="only this school (URN)")
    parser.add_argument("--date", default="", help="apply the rules as on this date (YYYY-MM-DD)")
    parser.add_argument("--by", default="", help="who is running it, for the disposal log")
    parser.set_defaults(func=cmd_retention)

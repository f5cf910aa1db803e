"""`sendco reminders [--date YYYY-MM-DD]`: run daily from cron. Rebuilds every pupil's cached
next deadline (the school year and leavers move on without an edit) and emails each SENCO a
digest of overdue and due-this-week deadlines (once a day at most)."""

from __future__ import annotations

import datetime as dt


def cmd_reminders(args) -> int:
    from .services import refresh_all_next_due, send_reminders

    today = dt.date.fromisoformat(args.date) if args.date else None
    refresh_all_next_due(today=today)
    sent = send_reminders(today=today, out=print)
    print(f"{sent} reminder digest(s) sent.")
    return 0


def register(subparsers) -> None:
    reminders = subparsers.add_parser(
        "reminders", help="email each SENCO a digest of EHC deadlines (run daily)"
    )
    reminders.add_argument("--date", default="", help="pretend today is this date (YYYY-MM-DD)")
    reminders.set_defaults(func=cmd_reminders)

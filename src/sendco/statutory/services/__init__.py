"""Writes to statutory records. Each function: check permission → validate (form fields, then
the whole record's timeline through the deadline engine) → change → history (user and reason)
→ keep `EhcPlan.next_due` in step. Everything runs in one transaction, so a timeline error
raised after a change rolls it back: nothing is saved.

One module per subject; import from here (``from sendco.statutory import services``)."""

from ._base import check_timeline, refresh_next_due
from .plans import delete_plan_part, save_outcome, save_plan, save_provision, upload_document
from .reminders import (
    issue_calendar_token,
    refresh_all_next_due,
    responsible_users,
    revoke_calendar_tokens,
    save_la_setting,
    send_reminders,
)
from .requests import save_advice, save_request, save_request_document
from .reviews import (
    invitation_ics,
    invitation_text,
    record_meeting,
    save_amendment,
    save_invitee,
    save_review,
    send_invitations,
)

__all__ = [
    "check_timeline",
    "delete_plan_part",
    "invitation_ics",
    "invitation_text",
    "issue_calendar_token",
    "record_meeting",
    "refresh_all_next_due",
    "refresh_next_due",
    "responsible_users",
    "revoke_calendar_tokens",
    "save_advice",
    "save_amendment",
    "save_invitee",
    "save_la_setting",
    "save_outcome",
    "save_plan",
    "save_provision",
    "save_request",
    "save_request_document",
    "save_review",
    "send_invitations",
    "send_reminders",
    "upload_document",
]

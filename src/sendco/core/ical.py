"""iCalendar helpers for meeting invitations (.ics attachments) and deadline feeds."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from icalendar import Calendar, Event


def calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//sendco//SEND management//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def add_event(
    cal: Calendar,
    *,
    uid: str | None,
    summary: str,
    start: dt.date | dt.datetime,
    end: dt.date | dt.datetime | None = None,
    description: str = "",
    location: str = "",
    organizer_email: str = "",
    attendees: Sequence[str] = (),
) -> Event:
    event = Event()
    event.add("uid", uid or f"{uuid.uuid4()}@sendco")
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("summary", summary)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    elif isinstance(start, dt.date) and not isinstance(start, dt.datetime):
        event.add("dtend", start + dt.timedelta(days=1))
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if organizer_email:
        event.add("organizer", f"mailto:{organizer_email}")
    for email in attendees:
        event.add("attendee", f"mailto:{email}")
    cal.add_component(event)
    return event


def to_bytes(cal: Calendar) -> bytes:
    return cal.to_ical()

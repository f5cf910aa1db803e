"""Demo chronology entries: a few per pupil on the SEN register at each demo school (`small`
and `school`), at every confidentiality level, some with follow-ups for the demo logins.
For `trust`, only the demo logins' school gets entries (enough for the benchmark of the
chronology tab), to keep the build fast."""

from __future__ import annotations

import datetime as dt

from simple_history.utils import bulk_create_with_history

from sendco.accounts.models import Membership
from sendco.accounts.roles import Role
from sendco.core.categories import school_categories
from sendco.core.models import Pupil

from .categories import CATEGORIES
from .models import ChronologyEntry

E = ChronologyEntry
TEMPLATES = [
    (E.Kind.PHONE, "Communication with parents", E.Confidentiality.PARENTS, "Phone call with parent",
     "Parent rang about homework taking too long; agreed a 30-minute cap and a note in the planner.", ""),
    (E.Kind.MEETING, "Review meeting", E.Confidentiality.PARENTS, "SEN support review",
     "Reviewed targets with the family: reading target met, new target on spelling strategies.",
     "Send the updated support plan home"),
    (E.Kind.OBSERVATION, "Academic progress", E.Confidentiality.STAFF, "Lesson observation",
     "Settled well with the visual checklist; needed two prompts to start the writing task.", ""),
    (E.Kind.EMAIL, "External agency", E.Confidentiality.SEN_TEAM, "Email from speech and language therapy",
     "Therapist confirmed the block of six sessions starts after half term; report to follow.",
     "Share the therapy targets with class teachers"),
    (E.Kind.NOTE, "Social and emotional", E.Confidentiality.STAFF, "Unsettled after lunch",
     "Came back from lunch upset after a falling-out; calmed in the quiet room within ten minutes.", ""),
    (E.Kind.PARENT_CONTACT, "Health and medical", E.Confidentiality.SEN_TEAM, "Update on medical appointment",
     "Parent shared that the paediatric appointment is booked; will pass on the letter when it arrives.",
     "Ask for a copy of the clinic letter"),
    (E.Kind.NOTE, "Behaviour", E.Confidentiality.SENCO, "Confidential note",
     "Family circumstances discussed with the SENCO; details held in the safeguarding record.", ""),
]  # fmt: skip


def build(ctx) -> None:
    entries = []
    schools = ctx.schools[:1] if ctx.size == "trust" else ctx.schools
    for index, school in enumerate(schools):
        categories = {c.name: c for c in school_categories(CATEGORIES, school, active_only=False)}
        staff = dict(
            Membership.objects.filter(school=school, active=True, role__in=[Role.SENCO, Role.ASSISTANT_SENCO])
            .values_list("role", "user_id")
            .order_by("id")
        )
        senco_id = staff.get(Role.SENCO)
        if index == 0 and ctx.logins.get("senco"):
            senco_id = ctx.logins["senco"].pk
        pupils = list(
            Pupil.objects.filter(school=school, sen_status__in=["K", "E"]).values_list("pk", flat=True)
        )
        for pupil_id in pupils:
            for template in ctx.rng.sample(TEMPLATES, ctx.rng.randint(2, 4)):
                kind, category, level, title, body, follow_up = template
                occurred = ctx.today - dt.timedelta(days=ctx.rng.randint(1, 300))
                open_follow_up = follow_up and occurred > ctx.today - dt.timedelta(days=30)
                entries.append(
                    ChronologyEntry(
                        pupil_id=pupil_id,
                        school=school,
                        occurred_on=occurred,
                        kind=kind,
                        category=categories[category],
                        title=title,
                        body=body,
                        confidentiality=level,
                        recorded_by_id=senco_id,
                        follow_up=follow_up if open_follow_up else "",
                        follow_up_owner_id=senco_id if open_follow_up else None,
                        follow_up_due=occurred + dt.timedelta(days=14) if open_follow_up else None,
                    )
                )
    if entries and ctx.size == "trust":
        ChronologyEntry.objects.bulk_create(entries, batch_size=2000)
    elif entries:
        bulk_create_with_history(entries, ChronologyEntry, batch_size=2000, default_change_reason="Demo data")
    ctx.say(f"Writing {len(entries):,} chronology entries")

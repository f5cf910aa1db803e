"""Who may read and write chronology entries.

An entry's confidentiality level decides its audience at the pupil's school:

| level     | who reads it                                                              |
|-----------|---------------------------------------------------------------------------|
| senco     | the SENCO                                                                 |
| sen_team  | the SENCO and assistant SENCO                                             |
| staff     | + head/SLT, and teachers and TAs who teach or support the pupil           |
| parents   | + the pupil's parents and carers with parental responsibility             |

The author of an entry always reads it. Nobody else does: not exams officers, governors,
external professionals, trust officers or administrators. Every list, page, PDF and API call
goes through `visible_entries`.
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.utils import timezone

from sendco.accounts.roles import Role
from sendco.core.access import _role_at, can_see_pupil, key_adult_on, policy
from sendco.core.models import KeyAdult, PupilContact, TeachingGroupStaff

from .models import ChronologyEntry

C = ChronologyEntry.Confidentiality
LEVELS_SEEN = {
    Role.SENCO: {C.SENCO, C.SEN_TEAM, C.STAFF, C.PARENTS},
    Role.ASSISTANT_SENCO: {C.SEN_TEAM, C.STAFF, C.PARENTS},
    Role.HEAD: {C.STAFF, C.PARENTS},
}
WRITER_ROLES = frozenset({Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD, Role.TEACHER, Role.TA})
MANAGER_ROLES = frozenset({Role.SENCO, Role.ASSISTANT_SENCO})


def _teaches(user, pupil) -> bool:
    return (
        TeachingGroupStaff.objects.filter(user=user, group__memberships__pupil=pupil).exists()
        or KeyAdult.objects.filter(key_adult_on(timezone.localdate()), user=user, pupil=pupil).exists()
    )


def levels_for(user, pupil) -> set[str]:
    """The confidentiality levels of `pupil`'s entries that `user` may read (pupil already visible)."""
    held = policy.roles(user).at(pupil.school_id)
    levels: set[str] = set()
    for role, seen in LEVELS_SEEN.items():
        if role in held:
            levels |= seen
    if held & {Role.TEACHER, Role.TA} and C.STAFF not in levels and _teaches(user, pupil):
        levels |= {C.STAFF, C.PARENTS}
    if Role.PARENT in held and C.PARENTS not in levels:
        if PupilContact.objects.filter(
            pupil=pupil, contact__user=user, parental_responsibility=True
        ).exists():
            levels.add(C.PARENTS)
    return levels


def visible_entries(user, pupil):
    """The entries of `pupil` that `user` may read; `pupil` must come from the access policy."""
    levels = levels_for(user, pupil)
    mine = Q(recorded_by=user) if policy.roles(user).at(pupil.school_id) & WRITER_ROLES else Q(pk__in=[])
    return ChronologyEntry.objects.filter(pupil=pupil).filter(Q(confidentiality__in=levels) | mine)


def may_read_level(user, pupil, level: str) -> bool:
    return level in levels_for(user, pupil)


def entry_reader(user, pupil):
    """Which of `pupil`'s entries `user` may read, as a check on an entry or one of its history
    rows (its level and author at that version); the levels are worked out once."""
    levels = levels_for(user, pupil)
    return lambda entry: entry.recorded_by_id == user.pk or entry.confidentiality in levels


def attachment_reader(user, pupil):
    """An attachment (or its history row) is read with its entry, as the entry is now (or was
    when deleted): one query for the last version of each of the pupil's entries."""
    readable = entry_reader(user, pupil)
    latest = {}
    for row in ChronologyEntry.history.filter(pupil_id=pupil.pk).order_by("history_date", "history_id"):
        latest[row.id] = row
    entries = {pk for pk, row in latest.items() if readable(row)}
    return lambda attachment: attachment.entry_id in entries


@rules.predicate
def can_see_entry(user, entry) -> bool:
    return (
        isinstance(entry, ChronologyEntry)
        and policy.can_see(user, entry.pupil)
        and entry_reader(user, entry.pupil)(entry)
    )


@rules.predicate
def is_author(user, entry) -> bool:
    return getattr(entry, "recorded_by_id", None) == user.pk


@rules.predicate
def has_readable_levels(user, pupil) -> bool:
    return bool(levels_for(user, pupil))


is_writer = _role_at(*WRITER_ROLES)
is_manager = _role_at(*MANAGER_ROLES)

# The tab: anyone who may read some level of the pupil's entries or write one.
rules.add_rule("chronology.view_tab", can_see_pupil & (is_writer | has_readable_levels))
rules.add_rule("chronology.add", can_see_pupil & is_writer)
rules.add_rule("chronology.view", can_see_entry)
# Corrections: the author (while still on the staff) or the SEN team; history keeps the original.
rules.add_rule("chronology.change", can_see_entry & ((is_author & is_writer) | is_manager))
rules.add_rule("chronology.categories", is_manager)


@rules.predicate
def owns_follow_up(user, entry) -> bool:
    return getattr(entry, "follow_up_owner_id", None) == user.pk


rules.add_rule("chronology.follow_up_done", can_see_entry & (owns_follow_up | is_manager))


def readable_q(user) -> Q:
    """The same rule as `levels_for`, as one filter over entries of any pupil (lists, API, home).

    Combine with `pupil__in=policy.pupils(user)`: this only decides the confidentiality part.
    """
    roles = policy.roles(user)
    today = timezone.localdate()
    q = Q(pk__in=[])
    for role, seen in LEVELS_SEEN.items():
        schools = roles.schools_with({role})
        if schools:
            q |= Q(school_id__in=schools, confidentiality__in=seen)
    linked = roles.schools_with({Role.TEACHER, Role.TA})
    if linked:
        taught = TeachingGroupStaff.objects.filter(user=user, school_id__in=linked).values("group_id")
        supported = KeyAdult.objects.filter(key_adult_on(today), user=user, school_id__in=linked)
        q |= Q(school_id__in=linked, confidentiality__in=[C.STAFF, C.PARENTS]) & (
            Q(pupil__group_memberships__group_id__in=taught) | Q(pupil_id__in=supported.values("pupil_id"))
        )
    parents = roles.schools_with({Role.PARENT})
    if parents:
        children = PupilContact.objects.filter(
            contact__user=user, parental_responsibility=True, school_id__in=parents
        ).values("pupil_id")
        q |= Q(school_id__in=parents, confidentiality=C.PARENTS, pupil_id__in=children)
    writers = roles.schools_with(WRITER_ROLES)
    if writers:
        q |= Q(school_id__in=writers, recorded_by=user)
    return q


def readable_entries(user):
    """Every entry `user` may read, at any pupil (distinct: a pupil can be in several groups)."""
    qs = ChronologyEntry.objects.filter(pupil__in=policy.pupils(user))
    return qs.filter(pk__in=qs.filter(readable_q(user)).values("pk"))

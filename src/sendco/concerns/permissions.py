"""Who may raise, read and triage concerns.

* Raise: SENCO, assistant SENCO, head, and teachers and TAs who teach or support the pupil.
* Read: the SENCO and assistant SENCO (the triage team) at the pupil's school, the adult who
  raised it, and adults asked for their input, while they can still see the pupil.
* Triage (ask for input, parents' views, decide): the SENCO and assistant SENCO.
Parents, professionals, exams officers, governors and trust officers never see concerns.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from sendco.accounts.roles import Role
from sendco.core.access import _role_at, can_see_pupil, policy

from .models import Concern, InputRequest

TRIAGE_ROLES = frozenset({Role.SENCO, Role.ASSISTANT_SENCO})
RAISER_ROLES = frozenset({Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD, Role.TEACHER, Role.TA})
CONCERN_ROLES = RAISER_ROLES

is_triage = _role_at(*TRIAGE_ROLES)
is_raiser_role = _role_at(*RAISER_ROLES)


def visible_concerns(user):
    """Every concern `user` may read (distinct)."""
    triage = policy.roles(user).schools_with(TRIAGE_ROLES)
    own = Q(raised_by=user) | Q(input_requests__requested_from=user)
    reach = Q(school_id__in=triage) | (Q(school_id__in=policy.roles(user).schools_with(RAISER_ROLES)) & own)
    qs = Concern.objects.filter(pupil__in=policy.pupils(user))
    return qs.filter(pk__in=qs.filter(reach).values("pk"))


def concern_reader(concern_field: str = "id"):
    """The audit rule for a concern (concern_field "id") or a record of one ("concern_id"):
    readable with its concern, as `visible_concerns` decides (one query); the triage team reads
    every concern of the school's pupils, even one since deleted."""

    def reader(user, pupil):
        if is_triage(user, pupil):
            return lambda row: True
        readable = set(visible_concerns(user).filter(pupil=pupil).values_list("pk", flat=True))
        return lambda row: getattr(row, concern_field) in readable

    return reader


@rules.predicate
def can_see_concern(user, concern) -> bool:
    return isinstance(concern, Concern) and visible_concerns(user).filter(pk=concern.pk).exists()


@rules.predicate
def concern_pupil_visible(user, concern) -> bool:
    return can_see_pupil(user, concern.pupil)


@rules.predicate
def is_requested(user, request) -> bool:
    return isinstance(request, InputRequest) and request.requested_from_id == user.pk


@rules.predicate
def is_own_new_concern(user, concern) -> bool:
    return concern.raised_by_id == user.pk and concern.status == Concern.Status.NEW


rules.add_rule("concern.raise", can_see_pupil & is_raiser_role)
rules.add_rule("concern.tab", can_see_pupil & is_raiser_role)
rules.add_rule("concern.view", can_see_concern)
rules.add_rule("concern.triage", can_see_concern & is_triage)
# The raiser may add to or correct their concern until the SENCO starts work on it.
rules.add_rule("concern.change", can_see_concern & (is_triage | is_own_new_concern))
rules.add_rule("concern.respond", is_requested)
rules.add_rule("concern.categories", is_triage)

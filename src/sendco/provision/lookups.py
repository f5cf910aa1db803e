"""Fetch a provision record and check the user's right to it in one call (404 when it is missing
or not theirs): the pages and the API use these, so both answer the same way. Every record is
checked through its group, which is what the access policy's provision rules take."""

from __future__ import annotations

from django.http import Http404

from sendco.core.access import Audit, policy

from .models import GroupMember, Measure, ProvisionGroup, Session


def _checked(obj, user, perm: str, group):
    if obj is None or not policy.can(user, perm, group(obj)):
        raise Http404
    return obj


def group_for(user, pk: int, perm: str = "provision.view_group") -> ProvisionGroup:
    group = ProvisionGroup.objects.select_related("provision", "school").filter(pk=pk).first()
    return _checked(group, user, perm, lambda g: g)


def place_for(user, pk: int, perm: str = "provision.register", *, audit: Audit) -> GroupMember:
    """A pupil's place in a group: `audit` (what is read) is recorded for the pupil once the
    check passes; no default, so forgetting it is a TypeError."""
    place = GroupMember.objects.select_related("group__provision", "group__school", "pupil").filter(pk=pk)
    member = _checked(place.first(), user, perm, lambda m: m.group)
    audit.record(member.pupil, of=member)
    return member


def session_for(user, pk: int, perm: str = "provision.register") -> Session:
    session = Session.objects.select_related("group__provision", "group__school").filter(pk=pk).first()
    return _checked(session, user, perm, lambda s: s.group)


def measure_for(user, pk: int, perm: str = "provision.manage") -> Measure:
    measure = Measure.objects.select_related("group__provision", "group__school").filter(pk=pk).first()
    return _checked(measure, user, perm, lambda m: m.group)

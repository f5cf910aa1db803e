"""The one access policy: which pupils a user may see, and what they may do to a record.

Every view, API operation, search, export and audit page asks this module; nothing else
queries pupil data for a user. Two questions:

* `policy.pupils(user)`: the queryset of pupils the user may see (least privilege by role and
  by school). Governors, trust officers and administrators get none: they see counts only.
* `policy.can(user, perm, obj)`: may the user do `perm` to `obj`; the predicates are `rules`
  predicates registered under names like "pupil.change".

`policy.get_pupil(user, pk, perm, audit=...)` fetches and checks in one call and raises Http404
when the pupil does not exist *or* the user may not do `perm` to it, so that existence never
leaks; once the check passes it records the read (`audit`, an `audit.services.Read`: what was
read), so a view cannot fetch a pupil without logging it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Protocol

import rules
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sendco.accounts.roles import (
    AGGREGATE_ROLES,
    AUDITOR_ROLES,
    EXAMS_OFFICER_MIN_NC_YEAR,
    RECORD_KEEPER_ROLES,
    STAFF_ROLES,
    WHOLE_SCHOOL_ROLES,
    Role,
)

from .models import AccessGrant, KeyAdult, Pupil, PupilContact, School, TeachingGroupStaff


class Roles:
    """The roles a user holds, loaded once per request (cached on the user object)."""

    def __init__(self, user) -> None:
        self.by_school: dict[int, set[str]] = {}
        self.organisations: set[int] = set()
        self.system: set[str] = set()
        if not (user and user.is_authenticated and user.is_active):
            return
        for m in user.memberships.filter(active=True).only("role", "school_id", "organisation_id"):
            if m.school_id:
                self.by_school.setdefault(m.school_id, set()).add(m.role)
            elif m.organisation_id:
                self.organisations.add(m.organisation_id)
            else:
                self.system.add(m.role)

    def at(self, school_id: int) -> set[str]:
        return self.by_school.get(school_id, set())

    def schools_with(self, roles) -> set[int]:
        return {s for s, held in self.by_school.items() if held & set(roles)}

    @cached_property
    def all(self) -> set[str]:
        held = set(self.system)
        for roles in self.by_school.values():
            held |= roles
        if self.organisations:
            held.add(Role.TRUST_OFFICER)
        return held

    def has_any(self, roles) -> bool:
        return bool(self.all & set(roles))


def roles_of(user) -> Roles:
    cached = getattr(user, "_sendco_roles", None)
    if cached is None:
        cached = Roles(user)
        if user is not None:
            user._sendco_roles = cached
    return cached


def at_school_on(day) -> Q:
    """Pupils at the school on `day`: admitted by then and leaving that day or later."""
    return Q(admission_date__lte=day) & (Q(leaving_date__isnull=True) | Q(leaving_date__gte=day))


def key_adult_on(day, via: str = "") -> Q:
    """Key-adult links current on `day` (both the start and the end day count); `via` is the
    lookup path to the KeyAdult rows, e.g. "key_pupils__" from a user."""
    return Q(**{f"{via}start_date__lte": day}) & (
        Q(**{f"{via}end_date__isnull": True}) | Q(**{f"{via}end_date__gte": day})
    )


def live_grants(day) -> QuerySet[AccessGrant]:
    """Professionals' grants in force on `day`: started, not expired, not revoked."""
    return AccessGrant.objects.filter(starts_on__lte=day, expires_on__gte=day, revoked_at__isnull=True)


class Audit(Protocol):
    """What a fetch reads (audit.services.Read): writes the access-log row for the record."""

    def record(self, pupil=None, *, of=None, school=None) -> Any: ...


class AccessPolicy:
    def pupils(self, user, *, include_deleted: bool = False) -> QuerySet[Pupil]:
        """Every pupil `user` may see by name, at any school.

        The whole-school roles keep leavers (transfer of records, retention, subject access)
        and see pupils before admission (transition); every other role sees a pupil only from
        the admission day to the leaving day, and only while its own link is current.
        """
        roles = roles_of(user)
        qs = Pupil.objects.all() if include_deleted else Pupil.objects.on_roll()
        if not (user and user.is_authenticated):
            return qs.none()
        today = timezone.localdate()
        reach = Q(pk__in=[])
        by_link = Q(pk__in=[])
        whole = roles.schools_with(WHOLE_SCHOOL_ROLES)
        if whole:
            reach |= Q(school_id__in=whole)
        exams = roles.schools_with({Role.EXAMS_OFFICER}) - whole
        if exams:
            by_link |= Q(school_id__in=exams, nc_year__gte=EXAMS_OFFICER_MIN_NC_YEAR)
        linked = roles.schools_with({Role.TEACHER, Role.TA}) - whole
        if linked:
            taught = TeachingGroupStaff.objects.filter(user=user, school_id__in=linked).values("group_id")
            supported = KeyAdult.objects.filter(key_adult_on(today), user=user, school_id__in=linked)
            by_link |= Q(school_id__in=linked) & (
                Q(group_memberships__group_id__in=taught) | Q(pk__in=supported.values("pupil_id"))
            )
        parent = roles.schools_with({Role.PARENT})
        if parent:
            children = PupilContact.objects.filter(
                contact__user=user, parental_responsibility=True, school_id__in=parent
            )
            by_link |= Q(pk__in=children.values("pupil_id"))
        professional = roles.schools_with({Role.PROFESSIONAL})
        if professional:
            grants = live_grants(today).filter(user=user, school_id__in=professional)
            by_link |= Q(pk__in=grants.values("pupil_id"))
        reach |= by_link & at_school_on(today)
        # A pupil can sit in several of a teacher's groups: the join would repeat the row.
        return qs.filter(pk__in=qs.filter(reach).values("pk")) if linked else qs.filter(reach)

    def can_see(self, user, pupil: Pupil) -> bool:
        # Remembered on the user object (one per request) because a page asks several rules
        # about the same pupil (tabs, contacts, edit links), each starting from visibility.
        seen = user.__dict__.setdefault("_sendco_seen", {}) if user is not None else {}
        if pupil.pk not in seen:
            seen[pupil.pk] = self.pupils(user, include_deleted=True).filter(pk=pupil.pk).exists()
        return seen[pupil.pk]

    def can(self, user, perm: str, obj=None) -> bool:
        return rules.test_rule(perm, user, obj)

    def get_pupil(
        self, user, pk, perm: str = "pupil.view", *, audit: Audit, include_deleted: bool = False
    ) -> Pupil:
        """The pupil, checked, with the read recorded: `audit` says what is read (no default, so
        forgetting it is a TypeError)."""
        pupil = self.get_pupil_unlogged(user, pk, perm, include_deleted=include_deleted)
        audit.record(pupil)
        return pupil

    def get_pupil_unlogged(
        self, user, pk, perm: str = "pupil.view", *, include_deleted: bool = False
    ) -> Pupil:
        """The check without the log, for lookups that fetch more than the pupil and record the
        read themselves once the whole fetch has succeeded (statutory.lookups,
        plans.selectors.get_cycle), so a 404 for the plan or review leaves no row."""
        try:
            pupil = self.pupils(user, include_deleted=include_deleted).select_related("school").get(pk=pk)
        except (Pupil.DoesNotExist, ValueError, TypeError):
            raise Http404("No such pupil")
        if perm != "pupil.view" and not self.can(user, perm, pupil):
            raise Http404("No such pupil")
        return pupil

    def get_deleted_pupil(self, user, pk, *, audit: Audit) -> Pupil:
        """A soft-deleted pupil, for the people who may restore it."""
        pupil = Pupil.objects.filter(pk=pk, deleted_at__isnull=False).select_related("school").first()
        if pupil is None or not self.can(user, "pupil.restore", pupil):
            raise Http404("No such pupil")
        audit.record(pupil)
        return pupil

    def schools(self, user, perm: str = "school.view") -> QuerySet[School]:
        """Schools where `user` may do `perm` (e.g. create pupils, see counts)."""
        roles = roles_of(user)
        ids = {s for s in roles.by_school if self.can(user, perm, _SchoolRef(s))}
        qs = School.objects.filter(pk__in=ids)
        if perm == "school.aggregates" and roles.organisations:
            qs = School.objects.filter(Q(pk__in=ids) | Q(organisation_id__in=roles.organisations))
        return qs.select_related("organisation").order_by("name")

    def roles(self, user) -> Roles:
        return roles_of(user)


class _SchoolRef:
    """Lets school-level predicates run without loading the school row."""

    def __init__(self, pk: int):
        self.pk = self.id = pk


policy = AccessPolicy()


# --- predicates -----------------------------------------------------------------------------


def _school_id(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, (School, _SchoolRef)):
        return obj.pk
    return getattr(obj, "school_id", None)


def _role_at(*roles):
    wanted = frozenset(roles)

    @rules.predicate
    def has_role(user, obj) -> bool:
        school_id = _school_id(obj)
        return school_id is not None and bool(roles_of(user).at(school_id) & wanted)

    has_role.__name__ = "role_in_" + "_".join(sorted(wanted))
    return has_role


@rules.predicate
def can_see_pupil(user, pupil) -> bool:
    return isinstance(pupil, Pupil) and not pupil.is_deleted and policy.can_see(user, pupil)


@rules.predicate
def is_trust_officer_for(user, school) -> bool:
    school_id = _school_id(school)
    orgs = roles_of(user).organisations
    if school_id is None or not orgs:
        return False
    return School.objects.filter(pk=school_id, organisation_id__in=orgs).exists()


def granted_to(flag: str):
    """A predicate: the user is a professional with a live grant for this pupil that allows
    `flag` ("can_read_plans", "can_read_assessments", "can_upload_reports")."""

    @rules.predicate
    def has_grant(user, pupil) -> bool:
        if not isinstance(pupil, Pupil) or Role.PROFESSIONAL not in roles_of(user).at(pupil.school_id):
            return False
        return live_grants(timezone.localdate()).filter(user=user, pupil=pupil, **{flag: True}).exists()

    has_grant.__name__ = f"granted_{flag}"
    return has_grant


is_record_keeper = _role_at(*RECORD_KEEPER_ROLES)
is_auditor = _role_at(*AUDITOR_ROLES)
is_senco = _role_at(Role.SENCO)
is_staff_at = _role_at(*STAFF_ROLES)
sees_aggregates = _role_at(*(WHOLE_SCHOOL_ROLES | AGGREGATE_ROLES)) | is_trust_officer_for

rules.add_rule("pupil.view", can_see_pupil)
rules.add_rule("pupil.change", can_see_pupil & is_record_keeper)
rules.add_rule("pupil.delete", can_see_pupil & is_senco)
rules.add_rule("pupil.restore", is_senco)
rules.add_rule("pupil.audit", can_see_pupil & is_auditor)
rules.add_rule("pupil.contacts", can_see_pupil & is_staff_at)
rules.add_rule("register.change", can_see_pupil & _role_at(Role.SENCO, Role.ASSISTANT_SENCO))
rules.add_rule("school.create_pupil", is_record_keeper)
rules.add_rule("school.view", is_staff_at)
rules.add_rule("school.aggregates", sees_aggregates)
rules.add_rule("school.deleted_pupils", is_senco)
# Who could see which children, and who changed that: the school's auditors (audit app).
rules.add_rule("school.audit", is_auditor)

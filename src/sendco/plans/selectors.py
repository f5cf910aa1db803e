"""Reads of passports and plans, always starting from the access policy, in a fixed number of
queries. `Audience` decides what content a reader gets (parents never get staff-only parts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags

from sendco.accounts.roles import WHOLE_SCHOOL_ROLES
from sendco.core.access import Audit, policy
from sendco.core.models import Pupil, TeachingGroup, TeachingGroupStaff
from sendco.domain import support_plans as rules

from .models import Passport, Plan, PlanCycle, PlanTemplate, Review, Strategy, Target


@dataclass(frozen=True)
class Audience:
    staff: bool  # staff-only content
    senco: bool  # SENCO-only content

    @property
    def parent(self) -> bool:
        return not self.staff


PARENT_AUDIENCE = Audience(staff=False, senco=False)


def audience_for(user, pupil) -> Audience:
    return Audience(
        staff=policy.can(user, "plans.staff_content", pupil),
        senco=policy.can(user, "plans.senco_content", pupil),
    )


def current_needs(pupil) -> list:
    """The pupil's current ranked needs from the register: what the plan is written for (read
    through the register's relation `Pupil.needs`, so plans does not import the register)."""
    return list(pupil.needs.filter(end_date__isnull=True).order_by("rank"))


def passport_of(pupil) -> Passport | None:
    return Passport.objects.filter(pupil=pupil).first()


def current_plan(pupil) -> Plan | None:
    return Plan.objects.filter(pupil=pupil, closed_on__isnull=True).select_related("template").first()


def template_for(plan: Plan | None, school) -> PlanTemplate | None:
    if plan is not None and plan.template is not None:
        return plan.template
    return PlanTemplate.objects.filter(school=school).order_by("-is_default", "name").first()


def cycles_of(pupil) -> list[PlanCycle]:
    """Every version of every plan of the pupil, newest first."""
    return list(
        PlanCycle.objects.filter(pupil=pupil).select_related("plan", "review").order_by("-plan_id", "-number")
    )


def review_can_be_undone(cycle: PlanCycle) -> bool:
    """A cycle's review can be taken back while the cycle it opened (if any) is the plan's last
    and nobody has changed, shared or discussed it since (its version is still 1)."""
    if not Review.objects.filter(cycle=cycle).exists():
        return False
    later = list(PlanCycle.objects.filter(plan_id=cycle.plan_id, number__gt=cycle.number)[:2])
    if len(later) > 1:
        return False
    if not later:
        return True
    nxt = later[0]
    return not (
        nxt.version > 1
        or nxt.contributions.exists()
        or nxt.acknowledgements.exists()
        or nxt.invitations.exists()
    )


def get_cycle(user, pupil_pk, cycle_pk, perm: str = "plans.view", *, audit: Audit) -> PlanCycle:
    """The cycle, checked through its pupil; `audit` (what is read) is recorded once both are
    found, with the cycle as the record it describes (e.g. its number)."""
    cycle = _checked_cycle(user, pupil_pk, cycle_pk, perm)
    audit.record(cycle.pupil, of=cycle)
    return cycle


def _checked_cycle(user, pupil_pk, cycle_pk, perm: str) -> PlanCycle:
    pupil = policy.get_pupil_unlogged(user, pupil_pk, perm)
    cycle = PlanCycle.objects.filter(pk=cycle_pk, pupil=pupil).select_related("plan__template").first()
    if cycle is None:
        raise Http404("No such plan")
    cycle.pupil = pupil
    return cycle


def targets_for(cycle: PlanCycle, audience: Audience) -> list[Target]:
    qs = cycle.targets.select_related("rating", "carried_from")
    if audience.parent:
        qs = qs.filter(staff_only=False)
    return list(qs.order_by("position", "id"))


def cycle_page(cycle: PlanCycle, audience: Audience, user=None) -> dict:
    review = getattr(cycle, "review", None) if cycle.status == PlanCycle.Status.REVIEWED else None
    return {
        "cycle": cycle,
        "targets": targets_for(cycle, audience),
        "review": review,
        "contributions": list(cycle.contributions.select_related("author")),
        "acknowledgements": list(cycle.acknowledgements.select_related("user")),
        "acknowledged": user is not None and cycle.acknowledgements.filter(user=user).exists(),
        "template": template_for(cycle.plan, cycle.school),
        "audience": audience,
    }


def flatten(cycle: PlanCycle, audience: Audience) -> dict[str, str]:
    """A version as labelled text fields, for the side-by-side comparison."""
    fields = {
        "Start date": f"{cycle.start_date:%-d %B %Y}",
        "Review date": f"{cycle.review_date:%-d %B %Y}",
        "Needs": strip_tags(cycle.needs_summary),
        "Outcomes": strip_tags(cycle.outcomes),
        "Strategies": strip_tags(cycle.strategies),
    }
    if audience.staff:
        fields["Notes for staff only"] = strip_tags(cycle.staff_notes)
    if audience.senco:
        fields["Notes for the SENCO team only"] = strip_tags(cycle.senco_notes)
    for t in targets_for(cycle, audience):
        # Carried targets keep their number, so the same target lines up across versions.
        key = f"Target {t.position}"
        fields[f"{key}: what"] = t.description
        fields[f"{key}: measure"] = t.measure
        fields[f"{key}: baseline"] = t.baseline
        fields[f"{key}: success looks like"] = t.success_criteria
        fields[f"{key}: by when"] = f"{t.due_date:%-d %B %Y}"
        fields[f"{key}: who"] = t.responsible
        fields[f"{key}: strategies"] = strip_tags(t.strategies)
        fields[f"{key}: provision"] = t.provision
        rating = getattr(t, "rating", None)
        fields[f"{key}: rating"] = rating.get_rating_display() if rating else ""
    return fields


def compare(a: PlanCycle, b: PlanCycle, audience: Audience) -> list[dict]:
    old, new = flatten(a, audience), flatten(b, audience)
    changed = {c.key for c in rules.field_diff(old, new)}
    keys = list(old) + [k for k in new if k not in old]
    return [{"key": k, "old": old.get(k, ""), "new": new.get(k, ""), "changed": k in changed} for k in keys]


# --- reviews due ------------------------------------------------------------------------------


def reviews_due(user, *, weeks: int = 4, school_id: int | None = None):
    """Current cycles of pupils the user may see whose review falls within `weeks` (or is overdue)."""
    today = timezone.localdate()
    pupils = policy.pupils(user)
    if school_id:
        pupils = pupils.filter(school_id=school_id)
    return (
        PlanCycle.objects.filter(
            status=PlanCycle.Status.CURRENT,
            plan__closed_on__isnull=True,
            pupil__in=pupils.values("pk"),
            review_date__lte=today + timedelta(weeks=weeks),
        )
        .select_related("pupil", "pupil__school")
        .order_by("review_date", "pupil__legal_surname", "pupil_id")
    )


def with_states(cycles, *, weeks: int = 4) -> list[PlanCycle]:
    today = timezone.localdate()
    rows = list(cycles)
    for c in rows:
        c.state = rules.review_state(c.review_date, today, weeks)
    return rows


def home_panel_context(user) -> dict | None:
    roles = policy.roles(user)
    if roles.schools_with({"senco", "assistant_senco", "head", "teacher", "ta"}):
        rows = with_states(reviews_due(user, weeks=4))
        return {
            "kind": "staff",
            "overdue": sum(r.state == "overdue" for r in rows),
            "today": sum(r.state == "today" for r in rows),
            "soon": sum(r.state == "soon" for r in rows),
            "next": rows[:5],
            "whole_school": bool(roles.schools_with(WHOLE_SCHOOL_ROLES)),
        }
    if roles.schools_with({"parent"}):
        cycles = list(
            PlanCycle.objects.filter(
                status=PlanCycle.Status.CURRENT, plan__closed_on__isnull=True, pupil__in=policy.pupils(user)
            )
            .exclude(acknowledgements__user=user)
            .select_related("pupil")
        )
        return {"kind": "parent", "to_read": cycles} if cycles else None
    return None


# --- class view -------------------------------------------------------------------------------


def groups_for(user):
    """Teaching groups whose class view the user may open."""
    roles = policy.roles(user)
    whole = roles.schools_with(WHOLE_SCHOOL_ROLES)
    taught = TeachingGroupStaff.objects.filter(user=user).values("group_id")
    return TeachingGroup.objects.filter(Q(school_id__in=whole) | Q(pk__in=taught)).order_by("name")


def get_group(user, group_pk) -> TeachingGroup:
    group = groups_for(user).filter(pk=group_pk).select_related("school").first()
    if group is None:
        raise Http404("No such class")
    return group


def class_view(user, group: TeachingGroup) -> list[Pupil]:
    """The SEN pupils of a class with their passport and current plan (shared content only)."""
    current = PlanCycle.objects.filter(status=PlanCycle.Status.CURRENT, plan__closed_on__isnull=True)
    targets = Target.objects.filter(staff_only=False, cycle__status=PlanCycle.Status.CURRENT).order_by(
        "position", "id"
    )
    pupils = (
        policy.pupils(user)
        .filter(group_memberships__group=group)
        .exclude(sen_status="N")
        .select_related("passport", "school")
        .prefetch_related(
            "needs",
            Prefetch("plan_cycles", queryset=current, to_attr="current_cycles"),
            Prefetch("plan_targets", queryset=targets, to_attr="current_targets"),
        )
        .order_by("legal_surname", "legal_forename", "id")
    )
    rows = list(pupils)
    for p in rows:
        p.current_cycle = p.current_cycles[0] if p.current_cycles else None
        p.primary_needs = sorted((n for n in p.needs.all() if n.end_date is None), key=lambda n: n.rank)
        try:
            p.the_passport = p.passport
        except Passport.DoesNotExist:
            p.the_passport = None
    return rows


def strategies(school, *, active_only: bool = True) -> list[Strategy]:
    qs = Strategy.objects.filter(school=school)
    if active_only:
        qs = qs.filter(active=True)
    return list(qs.order_by("area", "title"))


def get_cycle_by_id(user, cycle_pk, perm: str = "plans.view", *, audit: Audit) -> PlanCycle:
    """A cycle by its id alone (API), through the pupil's access check."""
    cycle = _checked_cycle(user, _pupil_of_cycle(cycle_pk), cycle_pk, perm)
    audit.record(cycle.pupil, of=cycle)
    return cycle


def _pupil_of_cycle(cycle_pk):
    pupil_pk = PlanCycle.objects.filter(pk=cycle_pk).values_list("pupil_id", flat=True).first()
    if pupil_pk is None:
        raise Http404("No such plan")
    return pupil_pk


def get_target_by_id(user, target_pk, perm: str = "plans.view", *, audit: Audit) -> Target:
    row = Target.objects.filter(pk=target_pk).values_list("cycle_id", flat=True).first()
    if row is None:
        raise Http404("No such target")
    cycle = _checked_cycle(user, _pupil_of_cycle(row), row, perm)
    target = cycle.targets.get(pk=target_pk)
    if target.staff_only and not policy.can(user, "plans.staff_content", cycle.pupil):
        raise Http404("No such target")
    audit.record(cycle.pupil, of=target)
    return target

"""Writes to passports, plans, targets and reviews. Each function checks permission, validates
(all errors at once, nothing saved on error), changes, and leaves a history entry with the acting
user and a reason, in one transaction. Edited records carry a version: a save based on an old
version raises ConflictError and saves nothing."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from sendco.core import ical
from sendco.core.access import policy
from sendco.core.api_forms import merged
from sendco.core.concurrency import ConflictError
from sendco.core.services_base import stamp_change, validated
from sendco.domain import support_plans as rules

from . import richtext, selectors
from .forms import (
    CycleForm,
    InvitationForm,
    ParentViewsForm,
    PassportForm,
    ReviewForm,
    StrategyForm,
    TargetForm,
    TemplateForm,
)
from .models import (
    ParentContribution,
    Passport,
    Plan,
    PlanAcknowledgement,
    PlanCycle,
    PlanTemplate,
    Review,
    ReviewInvitation,
    Strategy,
    Target,
    TargetRating,
)
from .starter_bank import STARTER_STRATEGIES


def _check_version(current, expected: int | None) -> None:
    if expected is not None and current.version != expected:
        raise ConflictError(current)


# --- passports --------------------------------------------------------------------------------


@transaction.atomic
def save_passport(
    *, actor, pupil, data, expected_version: int | None, partial: bool = False, files=None
) -> Passport:
    if not policy.can(actor, "plans.passport_change", pupil):
        raise PermissionDenied
    current = Passport.objects.select_for_update().filter(pupil=pupil).first()
    if current is None:
        current = Passport(pupil=pupil, school=pupil.school, version=0)
    elif expected_version is not None:
        _check_version(current, expected_version)
    if partial:
        data = merged(current, PassportForm.Meta.fields, data)
    form = validated(PassportForm(data, files, instance=current, school=pupil.school))
    passport = form.save(commit=False)
    passport.version = (current.version or 0) + 1
    passport.updated_by = actor
    stamp_change(
        passport, actor=actor, reason="Passport updated" if current.pk else "Passport written"
    ).save()
    return passport


# --- plans and cycles -------------------------------------------------------------------------


@transaction.atomic
def start_plan(*, actor, pupil, data, template: PlanTemplate | None = None) -> PlanCycle:
    """Open a pupil's SEN support plan with its first cycle."""
    if not policy.can(actor, "plans.change", pupil):
        raise PermissionDenied
    if Plan.objects.select_for_update().filter(pupil=pupil, closed_on__isnull=True).exists():
        raise ValidationError({"__all__": ["This pupil already has a current plan: review it instead."]})
    if template is not None and template.school_id != pupil.school_id:
        raise ValidationError({"template": ["Choose one of your school's templates."]})
    form = validated(
        CycleForm(data, show_senco=policy.can(actor, "plans.senco_content", pupil), school=pupil.school)
    )
    plan = stamp_change(
        Plan(pupil=pupil, school=pupil.school, template=template), actor=actor, reason="Plan started"
    )
    plan.save()
    cycle = form.save(commit=False)
    cycle.plan, cycle.pupil, cycle.school, cycle.number, cycle.created_by = (
        plan,
        pupil,
        pupil.school,
        1,
        actor,
    )
    stamp_change(cycle, actor=actor, reason="Plan started").save()
    return cycle


def _editable(cycle: PlanCycle, actor) -> PlanCycle:
    if not policy.can(actor, "plans.change", cycle.pupil):
        raise PermissionDenied
    current = (
        PlanCycle.objects.select_for_update(of=("self",))
        .select_related("plan__template", "pupil")
        .get(pk=cycle.pk)
    )
    if not current.is_current:
        raise ValidationError({"__all__": ["This version has been reviewed and cannot be changed."]})
    return current


@transaction.atomic
def update_cycle(
    *, actor, cycle: PlanCycle, data, expected_version: int | None, partial: bool = False
) -> PlanCycle:
    current = _editable(cycle, actor)
    _check_version(current, expected_version)
    show_senco = policy.can(actor, "plans.senco_content", current.pupil)
    # senco_notes is left out for those who may not see it: the form has no such field for them.
    fields = [f for f in CycleForm.Meta.fields if show_senco or f != "senco_notes"]
    if partial:
        data = merged(current, fields, data)
    form = validated(CycleForm(data, instance=current, show_senco=show_senco, school=current.school))
    if not form.has_changed():
        return current
    updated = form.save(commit=False)
    updated.version = current.version + 1
    stamp_change(updated, actor=actor, reason="Plan edited").save()
    return updated


@transaction.atomic
def save_target(
    *,
    actor,
    cycle: PlanCycle,
    data,
    target: Target | None = None,
    expected_version: int | None = None,
    partial: bool = False,
) -> Target:
    current_cycle = _editable(cycle, actor)
    template = current_cycle.plan.template
    if target is not None:
        target = Target.objects.select_for_update().get(pk=target.pk, cycle=current_cycle)
        _check_version(target, expected_version)
    instance = target or Target(cycle=current_cycle, pupil=current_cycle.pupil, school=current_cycle.school)
    form = TargetForm(
        data, instance=instance, cycle=current_cycle, template=template, school=current_cycle.school
    )
    if partial and target is not None:
        form = TargetForm(
            merged(target, form.fields, data),
            instance=target,
            cycle=current_cycle,
            template=template,
            school=current_cycle.school,
        )
    validated(form)
    saved = form.save(commit=False)
    if target is None:
        last = current_cycle.targets.order_by("-position").values_list("position", flat=True).first()
        saved.position = (last or 0) + 1
        saved.version = 1
    else:
        saved.version = target.version + 1
    stamp_change(saved, actor=actor, reason="Target added" if target is None else "Target edited").save()
    # The plan's version moves too, so that an editor of the whole plan sees the change.
    current_cycle.version += 1
    stamp_change(
        current_cycle, actor=actor, reason="Target added" if target is None else "Target edited"
    ).save(update_fields=["version", "updated_at"])
    return saved


@transaction.atomic
def remove_target(*, actor, cycle: PlanCycle, target: Target) -> None:
    current_cycle = _editable(cycle, actor)
    target = Target.objects.get(pk=target.pk, cycle=current_cycle)
    stamp_change(target, actor=actor, reason="Target removed").delete()
    current_cycle.version += 1
    stamp_change(current_cycle, actor=actor, reason="Target removed").save(
        update_fields=["version", "updated_at"]
    )


# --- reviews ----------------------------------------------------------------------------------


@transaction.atomic
def record_review(
    *, actor, cycle: PlanCycle, data, carry: dict[int, bool] | None = None
) -> tuple[Review, PlanCycle | None]:
    """Close the cycle with its review and open the next one with the open targets carried over
    (none when the pupil steps down from SEN support: the plan closes)."""
    current = _editable(cycle, actor)
    form = validated(ReviewForm(data, cycle=current))
    cleaned = form.cleaned_data
    decision = cleaned["decision"]
    ratings = form.ratings()
    review = Review(
        cycle=current,
        pupil=current.pupil,
        school=current.school,
        reviewed_by=actor,
        **{
            k: cleaned[k]
            for k in (
                "held_on",
                "attendees",
                "pupil_views",
                "parent_views",
                "summary",
                "decision",
                "staff_notes",
            )
        },
    )
    stamp_change(review, actor=actor, reason="Plan reviewed").save()
    carried = set(rules.targets_to_carry({k: v["rating"] for k, v in ratings.items()}, decision, carry or {}))
    for target in form.targets:
        r = ratings[target.pk]
        stamp_change(
            TargetRating(
                review=review,
                target=target,
                pupil=current.pupil,
                school=current.school,
                rating=r["rating"],
                evidence=r["evidence"],
                comment=r["comment"],
                carried=target.pk in carried,
            ),
            actor=actor,
            reason="Plan reviewed",
        ).save()
    current.status = PlanCycle.Status.REVIEWED
    current.version += 1
    stamp_change(current, actor=actor, reason="Plan reviewed").save(
        update_fields=["status", "version", "updated_at"]
    )
    if decision == "step_down":
        plan = current.plan
        plan.closed_on = cleaned["held_on"]
        stamp_change(plan, actor=actor, reason="Plan closed: stepped down from SEN support").save()
        return review, None
    weeks = current.plan.template.cycle_weeks if current.plan.template else rules.DEFAULT_CYCLE_WEEKS
    start = cleaned["held_on"]
    nxt = PlanCycle(
        plan=current.plan,
        pupil=current.pupil,
        school=current.school,
        number=current.number + 1,
        start_date=start,
        review_date=cleaned.get("next_review_date") or rules.default_review_date(start, weeks),
        needs_summary=current.needs_summary,
        outcomes=current.outcomes,
        strategies=current.strategies,
        staff_notes=current.staff_notes,
        senco_notes=current.senco_notes,
        created_by=actor,
    )
    stamp_change(nxt, actor=actor, reason=f"Cycle {nxt.number} opened after review").save()
    for target in form.targets:
        if target.pk in carried:
            copy = Target(
                cycle=nxt,
                pupil=current.pupil,
                school=current.school,
                position=target.position,
                area=target.area,
                description=target.description,
                measure=target.measure,
                baseline=target.baseline,
                success_criteria=target.success_criteria,
                due_date=max(target.due_date, nxt.review_date),
                responsible=target.responsible,
                strategies=target.strategies,
                provision=target.provision,
                provision_group=target.provision_group,
                ehc_outcome=target.ehc_outcome,
                staff_only=target.staff_only,
                carried_from=target,
            )
            stamp_change(copy, actor=actor, reason="Carried over at review").save()
    return review, nxt


UNDO_REFUSED = "The next version has been worked on since this review: change that version instead."


@transaction.atomic
def undo_review(*, actor, cycle: PlanCycle) -> PlanCycle:
    """Take back a review recorded by mistake: the review and its ratings go, the cycle it
    opened goes (only while nobody has touched it), a plan closed by it reopens, and the
    reviewed cycle is current again. History keeps every deleted row with the actor."""
    if not policy.can(actor, "plans.change", cycle.pupil):
        raise PermissionDenied
    current = PlanCycle.objects.select_for_update(of=("self",)).select_related("plan").get(pk=cycle.pk)
    review = Review.objects.filter(cycle=current).first()
    if review is None:
        raise ValidationError({"__all__": ["This version has not been reviewed."]})
    # Lock the plan's cycles so nobody changes the next one while it is being removed.
    list(PlanCycle.objects.select_for_update(of=("self",)).filter(plan=current.plan))
    if not selectors.review_can_be_undone(current):
        raise ValidationError({"__all__": [UNDO_REFUSED]})
    nxt = PlanCycle.objects.filter(plan=current.plan, number=current.number + 1).first()
    reason = "Review undone (recorded by mistake)"
    if nxt is not None:
        for target in nxt.targets.all():
            stamp_change(target, actor=actor, reason=reason).delete()
        stamp_change(nxt, actor=actor, reason=reason).delete()
    for rating in review.ratings.all():
        stamp_change(rating, actor=actor, reason=reason).delete()
    stamp_change(review, actor=actor, reason=reason).delete()
    current.status = PlanCycle.Status.CURRENT
    current.version += 1
    stamp_change(current, actor=actor, reason=reason).save(update_fields=["status", "version", "updated_at"])
    plan = current.plan
    if plan.closed_on is not None:
        plan.closed_on = None
        stamp_change(plan, actor=actor, reason=reason).save()
    return current


# --- parents ----------------------------------------------------------------------------------


@transaction.atomic
def add_parent_views(*, actor, cycle: PlanCycle, data) -> ParentContribution:
    if not policy.can(actor, "plans.parent_contribute", cycle.pupil):
        raise PermissionDenied
    if not cycle.is_current:
        raise ValidationError({"views": ["This plan has already been reviewed."]})
    form = validated(ParentViewsForm(data))
    contribution = ParentContribution(
        cycle=cycle, pupil=cycle.pupil, school=cycle.school, author=actor, views=form.cleaned_data["views"]
    )
    stamp_change(contribution, actor=actor, reason="Parent's views added").save()
    return contribution


@transaction.atomic
def confirm_read(*, actor, cycle: PlanCycle) -> PlanAcknowledgement:
    if not policy.can(actor, "plans.parent_contribute", cycle.pupil):
        raise PermissionDenied
    existing = PlanAcknowledgement.objects.filter(cycle=cycle, user=actor).first()
    if existing:
        return existing
    ack = PlanAcknowledgement(cycle=cycle, pupil=cycle.pupil, school=cycle.school, user=actor)
    stamp_change(ack, actor=actor, reason="Parent confirmed reading the plan").save()
    return ack


# --- invitations ------------------------------------------------------------------------------


@transaction.atomic
def send_invitation(*, actor, cycle: PlanCycle, data) -> ReviewInvitation:
    """Email the invitation with an .ics attachment to each recipient."""
    if not policy.can(actor, "plans.change", cycle.pupil):
        raise PermissionDenied
    form = validated(InvitationForm(data))
    invitation = form.save(commit=False)
    if invitation.meeting_at < timezone.now():
        raise ValidationError({"meeting_at": ["The meeting must be in the future."]})
    invitation.cycle, invitation.pupil, invitation.school, invitation.sent_by = (
        cycle,
        cycle.pupil,
        cycle.school,
        actor,
    )
    stamp_change(invitation, actor=actor, reason="Review invitation sent").save()
    pupil, school = cycle.pupil, cycle.school
    recipients = invitation.recipients.splitlines()
    summary = f"Review of {pupil.forename}'s SEN support plan"
    cal = ical.calendar(summary)
    ical.add_event(
        cal,
        uid=f"plan-review-{invitation.pk}@sendco",
        summary=summary,
        start=invitation.meeting_at,
        end=invitation.meeting_at + dt.timedelta(minutes=invitation.duration_minutes),
        location=invitation.location,
        description=f"{school.name}: review of the SEN support plan.",
        attendees=recipients,
    )
    when = timezone.localtime(invitation.meeting_at)
    body = (
        f"You are invited to a review of {pupil.forename}'s SEN support plan at {school.name}.\n\n"
        f"When: {when:%A %-d %B %Y at %H:%M}\nWhere: {invitation.location}\n\n"
        f"{invitation.message}\n\nThe calendar invitation is attached."
    ).replace("\n\n\n", "\n\n")
    # One message per person, so addresses are not shared between families and staff; sent only
    # once the invitation is saved, so a failed save never leaves people invited to nothing.
    messages = []
    for email in recipients:
        message = EmailMessage(subject=f"{summary} – {school.name}", body=body, to=[email])
        message.attach("review.ics", ical.to_bytes(cal), "text/calendar")
        messages.append(message)
    transaction.on_commit(lambda: [m.send() for m in messages])
    return invitation


# --- strategy bank and templates --------------------------------------------------------------


@transaction.atomic
def save_strategy(*, actor, school, data, strategy: Strategy | None = None) -> Strategy:
    if not policy.can(actor, "school.plans_settings", school):
        raise PermissionDenied
    instance = strategy or Strategy(school=school)
    saved = validated(StrategyForm(data, instance=instance)).save(commit=False)
    stamp_change(saved, actor=actor, reason="Strategy saved").save()
    return saved


@transaction.atomic
def save_template(*, actor, school, data, template: PlanTemplate | None = None) -> PlanTemplate:
    if not policy.can(actor, "school.plans_settings", school):
        raise PermissionDenied
    instance = template or PlanTemplate(school=school)
    saved = validated(TemplateForm(data, instance=instance)).save(commit=False)
    if saved.is_default:
        PlanTemplate.objects.filter(school=school, is_default=True).exclude(pk=saved.pk).update(
            is_default=False
        )
    stamp_change(saved, actor=actor, reason="Template saved").save()
    return saved


@transaction.atomic
def load_starter_bank(*, actor, school) -> int:
    """Add the starter strategies (and a default template) the school does not have yet."""
    if not policy.can(actor, "school.plans_settings", school):
        raise PermissionDenied
    have = set(Strategy.objects.filter(school=school).values_list("title", flat=True))
    added = 0
    for area, title, text in STARTER_STRATEGIES:
        if title not in have:
            stamp_change(
                Strategy(school=school, area=area, title=title, text=richtext.clean(text)),
                actor=actor,
                reason="Starter bank loaded",
            ).save()
            added += 1
    if not PlanTemplate.objects.filter(school=school).exists():
        stamp_change(
            PlanTemplate(school=school, name="SEN support plan", is_default=True),
            actor=actor,
            reason="Starter template",
        ).save()
    return added

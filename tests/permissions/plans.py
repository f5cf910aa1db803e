"""Pages and API operations of the plans app (passports, support plans, reviews, class view,
strategy bank and templates).

A visiting professional reads the plan and passport only while their grant allows reading
plans (`plans.view` asks core.access.granted_to("can_read_plans")); the cast's grant does not
by default (tests/factories.grant_access), so the plan records' setup turns it on, and the
readers below (PLAN_READERS) include the professional because of that. Without the flag the
professional sees the pupil's overview and no plan (tests/plans/test_professional_plans.py)."""

import datetime as dt

from django.core.files.base import ContentFile

from sendco.core.models import AccessGrant, TeachingGroup
from sendco.plans import services
from sendco.plans.models import Passport, Plan, PlanCycle, PlanTemplate, Strategy, Target

from .core import PNG
from .spec import SEES_LINKED_PUPIL, WHOLE_SCHOOL, Operation, Page, R, pupil_pk

SENCO_TEAM = frozenset({R.SENCO, R.ASSISTANT_SENCO})
CLASS_STAFF = WHOLE_SCHOOL | {R.TEACHER, R.TA}
PASSPORT_EDITORS = CLASS_STAFF
TEACHES_GROUP = WHOLE_SCHOOL | {R.TEACHER}
NOBODY = frozenset()
# Everyone who sees cast.pupil, the professional included only because _plans lets their grant
# read plans.
PLAN_READERS = SEES_LINKED_PUPIL


def let_professional_read_plans(cast, allowed: bool = True) -> None:
    AccessGrant.objects.filter(user=cast.user(R.PROFESSIONAL), pupil=cast.pupil).update(
        can_read_plans=allowed
    )


def _pupils(cast):
    return {"linked": cast.pupil, "unlinked": cast.unlinked, "other": cast.other_pupil}


def _senco_for(cast, pupil):
    return cast.other_senco if pupil.school_id == cast.other.pk else cast.user(R.SENCO)


def _plans(cast):
    """For each pupil: a reviewed version 1 and a current version 2 due in a week, a passport
    with a photo; for each school a strategy and a template; a class nobody teaches. The
    professional's grant for cast.pupil allows reading plans."""
    let_professional_read_plans(cast)
    today = dt.date.today()
    cycles = {}
    for which, pupil in _pupils(cast).items():
        actor = _senco_for(cast, pupil)
        Plan.objects.filter(pupil=pupil).delete()
        Passport.objects.filter(pupil=pupil).delete()
        first = services.start_plan(
            actor=actor,
            pupil=pupil,
            data={"start_date": today - dt.timedelta(days=90), "review_date": today - dt.timedelta(days=7)},
        )
        target = services.save_target(
            actor=actor,
            cycle=first,
            data={
                "area": "CL",
                "description": "Read",
                "measure": "Check",
                "due_date": today - dt.timedelta(days=8),
            },
        )
        _, current = services.record_review(
            actor=actor,
            cycle=first,
            data={
                "held_on": today - dt.timedelta(days=7),
                "attendees": "All",
                "decision": "continue",
                f"rating_{target.pk}": "partly",
                "next_review_date": today + dt.timedelta(days=7),
            },
        )
        passport = services.save_passport(
            actor=actor, pupil=pupil, data={"about_me": "Likes trains"}, expected_version=None
        )
        passport.photo.save(f"p{pupil.pk}.png", ContentFile(PNG), save=True)
        cycles[which] = (first, current)
    cast.extra["cycles"] = cycles
    cast.extra["strategy"] = {
        s: Strategy.objects.get_or_create(school=school, area="CL", title="Chunk", text="<p>x</p>")[0]
        for s, school in (("own", cast.school), ("other", cast.other))
    }
    cast.extra["template"] = {
        s: PlanTemplate.objects.get_or_create(school=school, name="Plan")[0]
        for s, school in (("own", cast.school), ("other", cast.other))
    }
    cast.extra["groups"] = {
        "linked": TeachingGroup.objects.get(school=cast.school, name="10E1"),
        "unlinked": TeachingGroup.objects.get_or_create(school=cast.school, name="7X", academic_year=2026)[0],
        "other": TeachingGroup.objects.filter(school=cast.other).first(),
    }


def _cycle(index):
    def record(cast, which):
        return {"pk": _pupils(cast)[which].pk, "cycle": cast.extra["cycles"][which][index].pk}

    return record


def _with_fmt(record, fmt):
    return lambda cast, which: record(cast, which) | {"fmt": fmt}


def _fresh_target(cast, which):
    """A new target for each request, so that every allowed role has one to remove."""
    cycle = cast.extra["cycles"][which][1]
    target = Target.objects.create(
        cycle=cycle,
        pupil=cycle.pupil,
        school=cycle.school,
        area="CL",
        description="T",
        measure="M",
        due_date=cycle.review_date,
    )
    return _cycle(1)(cast, which) | {"target": target.pk}


def _a_target(cast, which):
    return _cycle(1)(cast, which) | {"target": cast.extra["cycles"][which][1].targets.first().pk}


def _school_record(key, kwarg):
    return lambda cast, which: {kwarg: cast.extra[key]["other" if which == "other" else "own"].pk}


def _group(cast, which):
    return {"group": cast.extra["groups"][which].pk}


PAGES: dict[str, Page] = {
    "plans-passport": Page(PLAN_READERS, record=pupil_pk, setup=_plans, allowed_unlinked=WHOLE_SCHOOL),
    "plans-passport-edit": Page(
        PASSPORT_EDITORS, record=pupil_pk, setup=_plans, allowed_unlinked=WHOLE_SCHOOL
    ),
    "plans-passport-photo": Page(PLAN_READERS, record=pupil_pk, setup=_plans, allowed_unlinked=WHOLE_SCHOOL),
    "plans-passport-document": Page(
        PLAN_READERS, record=_with_fmt(pupil_pk, "docx"), setup=_plans, allowed_unlinked=WHOLE_SCHOOL
    ),
    "plans-plan": Page(PLAN_READERS, record=pupil_pk, setup=_plans, allowed_unlinked=WHOLE_SCHOOL),
    "plans-plan-start": Page(SENCO_TEAM, record=pupil_pk, setup=_plans, allowed_unlinked=SENCO_TEAM),
    "plans-compare": Page(PLAN_READERS, record=pupil_pk, setup=_plans, allowed_unlinked=WHOLE_SCHOOL),
    "plans-history-pack": Page(PLAN_READERS, record=pupil_pk, setup=_plans, allowed_unlinked=WHOLE_SCHOOL),
    "plans-cycle": Page(PLAN_READERS, record=_cycle(1), setup=_plans, allowed_unlinked=WHOLE_SCHOOL),
    "plans-cycle-edit": Page(SENCO_TEAM, record=_cycle(1), setup=_plans, allowed_unlinked=SENCO_TEAM),
    "plans-target-add": Page(SENCO_TEAM, record=_cycle(1), setup=_plans, allowed_unlinked=SENCO_TEAM),
    "plans-target-edit": Page(SENCO_TEAM, record=_a_target, setup=_plans, allowed_unlinked=SENCO_TEAM),
    "plans-target-remove": Page(
        SENCO_TEAM, method="post", record=_fresh_target, setup=_plans, allowed_unlinked=SENCO_TEAM
    ),
    "plans-review": Page(SENCO_TEAM, record=_cycle(1), setup=_plans, allowed_unlinked=SENCO_TEAM),
    "plans-review-undo": Page(SENCO_TEAM, record=_cycle(0), setup=_plans, allowed_unlinked=SENCO_TEAM),
    "plans-invite": Page(SENCO_TEAM, record=_cycle(1), setup=_plans, allowed_unlinked=SENCO_TEAM),
    "plans-parent-views": Page({R.PARENT}, record=_cycle(1), setup=_plans, allowed_unlinked=NOBODY),
    "plans-confirm": Page({R.PARENT}, method="post", record=_cycle(1), setup=_plans, allowed_unlinked=NOBODY),
    "plans-cycle-document": Page(
        PLAN_READERS, record=_with_fmt(_cycle(1), "docx"), setup=_plans, allowed_unlinked=WHOLE_SCHOOL
    ),
    "plans-review-document": Page(
        PLAN_READERS, record=_with_fmt(_cycle(0), "docx"), setup=_plans, allowed_unlinked=WHOLE_SCHOOL
    ),
    "plans-reviews-due": Page(CLASS_STAFF, setup=_plans),
    "plans-classes": Page(CLASS_STAFF, setup=_plans),
    "plans-class": Page(TEACHES_GROUP, record=_group, setup=_plans, allowed_unlinked=WHOLE_SCHOOL),
    "plans-class-pdf": Page(TEACHES_GROUP, record=_group, setup=_plans, allowed_unlinked=WHOLE_SCHOOL),
    "plans-strategies": Page(SENCO_TEAM),
    "plans-strategy-add": Page(SENCO_TEAM),
    "plans-strategy-edit": Page(
        SENCO_TEAM, record=_school_record("strategy", "strategy"), setup=_plans, allowed_unlinked=SENCO_TEAM
    ),
    "plans-templates": Page(SENCO_TEAM),
    "plans-template-add": Page(SENCO_TEAM),
    "plans-template-edit": Page(
        SENCO_TEAM, record=_school_record("template", "template"), setup=_plans, allowed_unlinked=SENCO_TEAM
    ),
}


def _pupil_id(cast, which):
    return {"pupil_id": _pupils(cast)[which].pk}


def _cycle_id(cast, which):
    return {"cycle_id": cast.extra["cycles"][which][1].pk}


def _target_id(cast, which):
    return {"target_id": cast.extra["cycles"][which][1].targets.first().pk}


def _no_plan(cast):
    Plan.objects.filter(pupil__in=list(_pupils(cast).values())).delete()


def _review_body(cast):
    cycle = PlanCycle.objects.get(pk=cast.extra["cycles"]["linked"][1].pk)
    today = dt.date.today().isoformat()
    ratings = [{"target_id": t.pk, "rating": "achieved"} for t in cycle.targets.all()]
    return {"held_on": today, "attendees": "SENCO, parent", "decision": "continue", "ratings": ratings}


def _undo_review(cast):
    _plans(cast)  # rebuild: the reviewed and the current version as they were


OPERATIONS: dict[tuple[str, str], Operation] = {
    ("get", "/api/v1/plans/pupils/{pupil_id}/passport"): Operation(
        PLAN_READERS, record=_pupil_id, setup=_plans
    ),
    ("put", "/api/v1/plans/pupils/{pupil_id}/passport"): Operation(
        PASSPORT_EDITORS,
        record=_pupil_id,
        setup=_plans,
        body=lambda cast: {
            "version": cast.pupil.passport.__class__.objects.get(pupil=cast.pupil).version,
            "good_at": "Maths",
        },
    ),
    ("get", "/api/v1/plans/pupils/{pupil_id}/cycles"): Operation(
        PLAN_READERS, record=_pupil_id, setup=_plans
    ),
    ("post", "/api/v1/plans/pupils/{pupil_id}/cycles"): Operation(
        SENCO_TEAM,
        record=_pupil_id,
        setup=_no_plan,
        body=lambda cast: {"start_date": "2026-09-07", "review_date": "2026-12-07"},
        cleanup=_no_plan,
    ),
    ("get", "/api/v1/plans/cycles/{cycle_id}"): Operation(PLAN_READERS, record=_cycle_id, setup=_plans),
    ("patch", "/api/v1/plans/cycles/{cycle_id}"): Operation(
        SENCO_TEAM,
        record=_cycle_id,
        setup=_plans,
        body=lambda cast: {
            "version": PlanCycle.objects.get(pk=cast.extra["cycles"]["linked"][1].pk).version,
            "outcomes": "More",
        },
    ),
    ("post", "/api/v1/plans/cycles/{cycle_id}/targets"): Operation(
        SENCO_TEAM,
        record=_cycle_id,
        setup=_plans,
        body=lambda cast: {
            "area": "CI",
            "description": "Ask for help",
            "measure": "Observation",
            "due_date": dt.date.today().isoformat(),
        },
    ),
    ("patch", "/api/v1/plans/targets/{target_id}"): Operation(
        SENCO_TEAM,
        record=_target_id,
        setup=_plans,
        body=lambda cast: {
            "version": cast.extra["cycles"]["linked"][1].targets.first().version,
            "responsible": "Class teacher",
        },
    ),
    ("post", "/api/v1/plans/cycles/{cycle_id}/review"): Operation(
        SENCO_TEAM, record=_cycle_id, setup=_plans, body=_review_body, cleanup=_undo_review
    ),
    ("delete", "/api/v1/plans/cycles/{cycle_id}/review"): Operation(
        SENCO_TEAM,
        record=lambda cast, which: {"cycle_id": cast.extra["cycles"][which][0].pk},
        setup=_plans,
        cleanup=_undo_review,
    ),
    ("get", "/api/v1/plans/reviews-due"): Operation(
        CLASS_STAFF,
        setup=_plans,
        lists_pupil=True,
        listed_id=lambda cast: cast.extra["cycles"]["linked"][1].pk,
    ),
}

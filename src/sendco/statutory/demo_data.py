"""Demo EHC plans for every pupil on an EHC plan (census code E): fictional councils,
realistic issue dates and review histories (some reviews overdue, some late, phase-transfer
years, amendments), and a few requests for an EHC needs assessment in progress (one with an
exception). Bulk inserts only; no history rows for the trust size."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from sendco.demo.context import DemoContext
from sendco.domain import deadlines as dl
from sendco.domain.term_dates import academic_year_of

from . import selectors
from .models import (
    AdviceRequest,
    Amendment,
    AnnualReview,
    AssessmentRequest,
    EhcPlan,
    LaSetting,
    PlanOutcome,
    ProvisionItem,
    ReviewInvitee,
)

# Fictional councils, one per demo LA number, and a neighbour that issues some plans.
COUNCILS = {
    "990": "Northshire County Council",
    "991": "Eastbridge City Council",
    "992": "Westmoor Borough Council",
    "993": "Southvale Council",
}
NEIGHBOUR = "Riverford Metropolitan Council"
OFFICERS = ["Sam Okafor", "Priya Lal", "Dan Hughes", "Ellen Marsh", "Tom Ashby", "Ruth Kaye"]
BANDS = [("Band 2", 3200), ("Band 3", 6100), ("Band 4", 9800), ("Band 5", 14200)]
OUTCOMES = [
    (
        "Communication and interaction",
        "will take part in a small-group conversation, taking turns",
        "Use a visual turn-taking card in 3 sessions a week",
    ),
    (
        "Cognition and learning",
        "will read and understand a short text at their level independently",
        "Decode CVC words with 90% accuracy",
    ),
    (
        "Social, emotional and mental health",
        "will name their feelings and use a calming strategy",
        "Use the zones of regulation check-in each morning",
    ),
    (
        "Physical and sensory",
        "will move around school safely and independently",
        "Use the lift pass and agreed routes",
    ),
    (
        "Preparing for adulthood: independence",
        "will travel to school independently",
        "Practise the bus route with a TA twice a week",
    ),
]
PROVISION = [
    ("Speech and language therapy programme", "weekly", "30 minutes", "1:1", "Speech and language therapist"),
    ("Precision teaching of reading", "3 times a week", "15 minutes", "1:1", "Trained teaching assistant"),
    ("Social skills group", "weekly", "45 minutes", "group of up to 6", "ELSA-trained TA"),
    (
        "Adult support in practical lessons",
        "every practical lesson",
        "whole lesson",
        "1:1",
        "Teaching assistant",
    ),
    (
        "Movement break and sensory circuit",
        "daily",
        "10 minutes",
        "small group of up to 4",
        "Teaching assistant",
    ),
]


def _rand_day(rng, lo: dt.date, hi: dt.date) -> dt.date:
    if hi <= lo:
        return lo
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def _create(model, objs, history: bool):
    if not objs:
        return objs
    if history:
        return bulk_create_with_history(objs, model, batch_size=1000, default_change_reason="Demo data")
    return model.objects.bulk_create(objs, batch_size=2000)


def build(ctx: DemoContext) -> None:
    from sendco.core.models import Pupil

    rng, today, history = ctx.rng, ctx.today, ctx.size != "trust"
    school_ids = [s.pk for s in ctx.schools]
    pupils = list(
        Pupil.objects.filter(school_id__in=school_ids, sen_status="E", deleted_at__isnull=True)
        .order_by("id")
        .values_list("id", "school_id", "date_of_birth", "nc_year", "school__la_number", "school__name")
    )
    ctx.say(f"Writing EHC plans for {len(pupils):,} pupils")
    plans: list[EhcPlan] = []
    stories: list[tuple] = []  # (plan index, pupil facts, review plan)
    for index, (pid, school_id, dob, nc_year, la_number, school_name) in enumerate(pupils):
        home = COUNCILS.get(la_number, COUNCILS["990"])
        la = NEIGHBOUR if rng.random() < 0.12 else home
        earliest = max(dl.add_months(dob, 36), today - dt.timedelta(days=365 * 7))
        issued = _rand_day(rng, earliest, today - dt.timedelta(days=20))
        band, amount = rng.choice(BANDS)
        plans.append(
            EhcPlan(
                pupil_id=pid,
                school_id=school_id,
                la_name=la,
                case_officer_name=rng.choice(OFFICERS),
                case_officer_email="send.team@example.org",
                issued_on=issued,
                named_setting=school_name,
                top_up_band=band,
                top_up_amount=amount,
                section_a=(
                    "Enjoys football and drawing; wants to work with animals. Parents want more independence."
                ),
                section_b=(
                    "Needs as described in the educational psychologist's and the speech and "
                    "language therapist's advice."
                ),
                section_i=school_name,
                section_k="EP advice; SALT advice; school advice; parents' views.",
            )
        )
        stories.append((index, dob, nc_year))
    plans = _create(EhcPlan, plans, history)
    if not plans:
        return

    reviews: list[AnnualReview] = []
    outcomes: list[PlanOutcome] = []
    provision: list[ProvisionItem] = []
    for plan, (_, _dob, nc_year) in zip(plans, stories, strict=True):
        anchor = plan.issued_on
        neglected = rng.random() < 0.12  # the last review was never held: overdue now
        while True:
            due = dl.last_day_of_months_starting(anchor, 12)
            meeting = (
                due - dt.timedelta(days=rng.randint(0, 50))
                if rng.random() > 0.08
                else due + dt.timedelta(days=rng.randint(3, 30))
            )
            if meeting >= today or (neglected and due > today - dt.timedelta(days=200)):
                break
            year_at = nc_year - (academic_year_of(today) - academic_year_of(meeting))
            report = meeting + dt.timedelta(days=rng.randint(4, 16))
            decided = meeting + dt.timedelta(days=rng.randint(10, 32))
            decision = ("amend" if rng.random() < 0.3 else "maintain") if decided <= today else ""
            reviews.append(
                AnnualReview(
                    plan=plan,
                    pupil_id=plan.pupil_id,
                    school_id=plan.school_id,
                    meeting_date=meeting,
                    invitations_sent=meeting - dt.timedelta(days=rng.randint(15, 28)),
                    advice_circulated=meeting - dt.timedelta(days=rng.randint(12, 20)),
                    held=True,
                    attendees="Parent, pupil, SENCO, class teacher",
                    pfa_discussed=year_at >= 9,
                    report_sent=report if report <= today else None,
                    la_decision=decision,
                    la_decision_date=decided if decision else None,
                    agreement="agreed",
                )
            )
            anchor = meeting
        next_due = dl.last_day_of_months_starting(anchor, 12)
        if today <= next_due <= today + dt.timedelta(days=56) and rng.random() < 0.6:
            reviews.append(
                AnnualReview(
                    plan=plan,
                    pupil_id=plan.pupil_id,
                    school_id=plan.school_id,
                    meeting_date=max(
                        today + dt.timedelta(days=3), next_due - dt.timedelta(days=rng.randint(0, 10))
                    ),
                    location="SENCO's office",
                )
            )
        for order, (area, outcome, steps) in enumerate(rng.sample(OUTCOMES, 2)):
            outcomes.append(
                PlanOutcome(
                    plan=plan,
                    pupil_id=plan.pupil_id,
                    school_id=plan.school_id,
                    area=area,
                    outcome=f"By the next key stage, the pupil {outcome}.",
                    shorter_term_steps=steps,
                    order=order,
                )
            )
        for order, (what, often, long, group, by) in enumerate(rng.sample(PROVISION, 2)):
            provision.append(
                ProvisionItem(
                    plan=plan,
                    pupil_id=plan.pupil_id,
                    school_id=plan.school_id,
                    what=what,
                    frequency=often,
                    duration=long,
                    group_size=group,
                    delivered_by=by,
                    order=order,
                )
            )
    reviews = _create(AnnualReview, reviews, history)
    _create(PlanOutcome, outcomes, history)
    _create(ProvisionItem, provision, history)

    amendments = [
        Amendment(
            plan_id=r.plan_id,
            review=r,
            pupil_id=r.pupil_id,
            school_id=r.school_id,
            summary="Update section F after the annual review.",
            notice_sent=r.la_decision_date + dt.timedelta(days=rng.randint(0, 7)),
            comments_received=r.la_decision_date + dt.timedelta(days=rng.randint(8, 20)),
            final_issued=r.la_decision_date + dt.timedelta(days=rng.randint(30, 70)),
        )
        for r in reviews
        if r.la_decision == "amend" and r.la_decision_date + dt.timedelta(days=75) < today
    ]
    _create(Amendment, amendments, history)
    _requests_in_progress(ctx, history)
    _la_settings(ctx, history)
    _invite_for_upcoming(ctx, [r for r in reviews if not r.held], history)
    ctx.say("Computing the EHC deadline caches")
    selectors.refresh_cache(Q(school_id__in=school_ids), today=today)


def _requests_in_progress(ctx: DemoContext, history: bool) -> None:
    """Three requests at the flagship school: one waiting for the LA's decision, one being
    assessed with advice out, one whose limits are excepted (family away from the area)."""
    from sendco.core.models import Pupil

    school = ctx.schools[0]
    council = COUNCILS.get(school.la_number, COUNCILS["990"])
    candidates = list(Pupil.objects.filter(school=school, sen_status="K").order_by("id")[:3])
    today = ctx.today
    shapes = [
        {"request_made": today - dt.timedelta(days=30), "request_received": today - dt.timedelta(days=28)},
        {
            "request_made": today - dt.timedelta(days=75),
            "request_received": today - dt.timedelta(days=72),
            "decision_made": today - dt.timedelta(days=35),
            "decided_to_assess": True,
        },
        {
            "request_made": today - dt.timedelta(days=130),
            "request_received": today - dt.timedelta(days=126),
            "decision_made": today - dt.timedelta(days=90),
            "decided_to_assess": True,
            "exception": "away_from_area",
            "exception_detail": "Family abroad for 6 weeks for a bereavement.",
        },
    ]
    made = [
        AssessmentRequest(
            pupil=p, school=school, la_name=council, made_by="school", made_by_name="SENCO", **shape
        )
        for p, shape in zip(candidates, shapes, strict=False)
    ]
    made = _create(AssessmentRequest, made, history)
    advice = []
    for request in made[1:]:
        for who, returned in (
            ("Educational psychologist", False),
            ("Speech and language therapist", True),
        ):
            asked = request.decision_made + dt.timedelta(days=2)
            advice.append(
                AdviceRequest(
                    request=request,
                    pupil_id=request.pupil_id,
                    school=school,
                    advice_from=who,
                    requested_on=asked,
                    returned_on=asked + dt.timedelta(days=30)
                    if returned and asked + dt.timedelta(days=30) < today
                    else None,
                )
            )
    _create(AdviceRequest, advice, history)


def _la_settings(ctx: DemoContext, history: bool) -> None:
    settings = [
        LaSetting(
            school=school,
            la_name=COUNCILS.get(school.la_number, COUNCILS["990"]),
            contact_name="SEN Assessment and Review Team",
            contact_email="sen.team@example.org",
            portal_url="https://ehc-portal.example.org",
            review_paperwork_working_days=10,
        )
        for school in ctx.schools[:2]
    ]
    _create(LaSetting, settings, history)


def _invite_for_upcoming(ctx: DemoContext, upcoming: list, history: bool) -> None:
    flagship = ctx.schools[0].pk
    invitees = []
    for review in upcoming:
        if review.school_id != flagship:
            continue
        for kind, name in (
            ("parent", "Parent or carer"),
            ("pupil", "The pupil"),
            ("la", "LA case officer"),
            ("health", "School nurse"),
        ):
            invitees.append(
                ReviewInvitee(
                    review=review, pupil_id=review.pupil_id, school_id=review.school_id, kind=kind, name=name
                )
            )
    _create(ReviewInvitee, invitees, history)

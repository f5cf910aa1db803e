"""Demo passports, SEN support plans and reviews for the demo schools (fictional, deterministic).

Each school gets the starter strategy bank and a default template. Most pupils on SEN support or
with an EHC plan get a passport and a plan with one or two completed review cycles and a current
cycle: about 15% overdue, about 25% due in the next four weeks, the rest later. Some parents have
added views or confirmed reading the plan. Everything is bulk-inserted; history rows are written
except at trust size, where plans are also written only for the first few schools (the
benchmarked school among them), so the trust build stays fast.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from sendco.core.models import Pupil, PupilContact, TeachingGroup, TeachingGroupPupil, TeachingGroupStaff
from sendco.demo.context import DemoContext
from sendco.domain import sen_codes
from sendco.domain import support_plans as rules

from . import richtext
from .models import (
    ParentContribution,
    Passport,
    Plan,
    PlanAcknowledgement,
    PlanCycle,
    PlanTemplate,
    Review,
    Strategy,
    Target,
    TargetRating,
)
from .starter_bank import STARTER_STRATEGIES

PLAN_SHARE = 0.85  # "most" SEN pupils have a written plan; the rest are new to the register
# At trust size (>= 50 schools) plans are written for the first few schools only, so that the
# benchmark build stays quick; every school still gets the strategy bank and a template.
TRUST_SCHOOLS_WITH_PLANS = 6
BATCH = 2000
REASON = "Demo data"

# Broad area -> targets: (description, measure, baseline, success, provision).
TARGETS: dict[str, list[tuple[str, str, str, str, str]]] = {
    "CL": [
        (
            "Read the first 100 high-frequency words on sight",
            "Weekly word check (flash cards)",
            "Reads 45 of 100",
            "Reads 90 of 100 in two checks running",
            "Precision teaching, 3 x 10 minutes a week",
        ),
        (
            "Use a number line to add and subtract within 20",
            "Fortnightly 10-question check",
            "4 of 10 correct",
            "9 of 10 correct",
            "Maths catch-up group, 2 x 20 minutes a week",
        ),
        (
            "Write three linked sentences using a writing frame",
            "Independent writing sample each half term",
            "One sentence with support",
            "Three sentences without adult help",
            "Writing frame and word mat",
        ),
        (
            "Spell Year 3-4 statutory words in sentences",
            "Dictation of 10 words each week",
            "3 of 10",
            "8 of 10",
            "Daily spelling practice with TA, 10 minutes",
        ),
    ],
    "CI": [
        (
            "Ask an adult for help using a help card",
            "Adult tally in two lessons a day",
            "Twice a week",
            "Every lesson when needed",
            "Help card and weekly check-in with key adult",
        ),
        (
            "Take turns in a small-group game for 10 minutes",
            "Observation in the Friday social group",
            "Leaves after 3 minutes",
            "Stays and takes turns for 10 minutes",
            "Social skills group, weekly",
        ),
        (
            "Follow a two-step instruction given to the class",
            "Teacher observation, 5 lessons",
            "One step with prompting",
            "Two steps without a prompt, 4 of 5 lessons",
            "Visual timetable, now/next",
        ),
        (
            "Use 'because' to explain a choice",
            "Speech and language log",
            "Points or one word",
            "Says a 'because' sentence in 3 of 4 sessions",
            "Language group with TA, 2 x weekly",
        ),
    ],
    "SEMH": [
        (
            "Use the calm-down plan when upset",
            "Behaviour log and key adult record",
            "Leaves class 4 times a week",
            "Uses the time-out card instead, 4 of 5 times",
            "Time-out card; ELSA session weekly",
        ),
        (
            "Arrive on time and settle within 5 minutes",
            "Attendance and punctuality record",
            "Late 3 days a week",
            "On time 9 days in 10",
            "Meet and greet at the gate",
        ),
        (
            "Name feelings using the 1-5 scale",
            "Check-ins at break and lunch",
            "Uses the scale with prompting",
            "Uses it independently every day",
            "Emotion check-ins with key adult",
        ),
    ],
    "SP": [
        (
            "Use the sloped board and pencil grip in writing tasks",
            "Teacher observation and work samples",
            "Refuses the equipment",
            "Uses it without reminders",
            "Occupational therapy programme, 3 x weekly",
        ),
        (
            "Tell an adult when the radio aid is not working",
            "Teacher of the deaf visit notes",
            "Does not report problems",
            "Reports every time",
            "Radio aid; weekly equipment check",
        ),
        (
            "Move around the classroom safely with a clear route",
            "Mobility officer observation",
            "Needs adult guidance",
            "Moves independently",
            "Clear routes; enlarged resources",
        ),
    ],
}

PASSPORT_TEXT = {
    "about_me": [
        "I live with my mum and my little brother.",
        "I have two cats called Pepper and Salt.",
        "I like building things and playing football at break.",
    ],
    "good_at": [
        "Drawing, Lego and looking after younger children.",
        "Remembering facts about animals.",
        "Being kind and helping tidy up.",
    ],
    "important_to_me": [
        "Knowing what is happening next.",
        "Sitting with my friend.",
        "Having time to finish my work.",
    ],
    "find_hard": [
        "Lots of writing, and copying from the board.",
        "Noisy rooms and changes to the day.",
        "Starting work when I don't know what to do.",
    ],
    "working_on": [
        "Reading longer words.",
        "Asking for help when I'm stuck.",
        "Staying calm when I'm cross.",
    ],
    "pupil_words": [
        '"Please tell me before things change."',
        '"I like it when you show me, not just tell me."',
        '"I\'m good at maths if I can use the cubes."',
    ],
}
AREA_STRATEGIES = {
    area: [f"<p><strong>{title}</strong></p>{text}" for a, title, text in STARTER_STRATEGIES if a == area]
    for area in TARGETS
}


@lru_cache(maxsize=256)
def _clean(text: str) -> str:
    """The demo reuses a few dozen texts: sanitise each once."""
    return richtext.clean(text)


def _area(need_type: str | None) -> str:
    area = sen_codes.NEED_TYPES[need_type].broad_area if need_type in sen_codes.NEED_TYPES else "CL"
    return area if area in TARGETS else "CL"


def build(ctx: DemoContext) -> None:
    history = ctx.size != "trust"
    now = timezone.now()

    def create(model, objs):
        if not objs:
            return objs
        if history:
            return bulk_create_with_history(
                objs, model, batch_size=BATCH, default_change_reason=REASON, default_date=now
            )
        return model.objects.bulk_create(objs, batch_size=BATCH)

    rng, today = ctx.rng, ctx.today
    senco = ctx.logins.get("senco")
    strategies, templates = [], []
    for school in ctx.schools:
        strategies += [
            Strategy(school=school, area=a, title=t, text=_clean(x)) for a, t, x in STARTER_STRATEGIES
        ]
        templates.append(PlanTemplate(school=school, name="SEN support plan", is_default=True))
    create(Strategy, strategies)
    templates = create(PlanTemplate, templates)
    template_of = {t.school_id: t for t in templates}

    with_plans = ctx.schools[:TRUST_SCHOOLS_WITH_PLANS] if ctx.size == "trust" else ctx.schools
    pupils = list(
        Pupil.objects.filter(school__in=with_plans, sen_status__in=["K", "E"], deleted_at__isnull=True)
        .order_by("school_id", "id")
        .prefetch_related("needs")
    )
    chosen = [p for p in pupils if rng.random() < PLAN_SHARE]
    ctx.say(f"Writing passports and support plans for {len(chosen):,} pupils")

    passports = []
    for p in chosen:
        pick = {k: rng.choice(v) for k, v in PASSPORT_TEXT.items()}
        area = _area(next((n.need_type for n in p.needs.all() if n.rank == 1 and n.end_date is None), None))
        help_text = "".join(rng.sample(AREA_STRATEGIES[area], 2))
        passports.append(
            Passport(
                pupil=p,
                school_id=p.school_id,
                how_to_help=help_text,
                updated_by=senco,
                **{k: _clean(v) for k, v in pick.items()},
            )
        )
    create(Passport, passports)

    plans = create(
        Plan, [Plan(pupil=p, school_id=p.school_id, template=template_of[p.school_id]) for p in chosen]
    )

    # Each pupil: 1 or 2 reviewed cycles, then a current one whose review date sets the due state.
    weeks = rules.DEFAULT_CYCLE_WEEKS
    layout = []  # per pupil: list of (start, review) oldest first
    for _ in chosen:
        roll = rng.random()
        offset = (
            -rng.randint(1, 30) if roll < 0.15 else rng.randint(0, 27) if roll < 0.4 else rng.randint(29, 80)
        )
        review = today + timedelta(days=offset)
        spans = []
        for _k in range(1 + rng.choice((1, 1, 2))):
            start = review - timedelta(weeks=weeks)
            spans.append((start, review))
            review = start
        layout.append(list(reversed(spans)))

    needs_of = {p.pk: p for p in chosen}
    previous_targets: dict[int, list[Target]] = {}
    depth = max(len(s) for s in layout) if layout else 0
    for layer in range(depth):
        cycles, owners = [], []
        for i, (p, plan, spans) in enumerate(zip(chosen, plans, layout, strict=True)):
            if layer >= len(spans):
                continue
            start, review = spans[layer]
            current = layer == len(spans) - 1
            area = _area(next((n.need_type for n in needs_of[p.pk].needs.all() if n.rank == 1), None))
            cycles.append(
                PlanCycle(
                    plan=plan,
                    pupil=p,
                    school_id=p.school_id,
                    number=layer + 1,
                    start_date=start,
                    review_date=review,
                    status=PlanCycle.Status.CURRENT if current else PlanCycle.Status.REVIEWED,
                    needs_summary=_clean(
                        f"Primary need: {sen_codes.NEED_TYPES[_primary(p)].name}."
                        if _primary(p)
                        else "Needs being assessed."
                    ),
                    outcomes=_clean(
                        "To make good progress towards age-related expectations and to be "
                        "confident asking for help."
                    ),
                    strategies="".join(rng.sample(AREA_STRATEGIES[area], 2)),
                    created_by=senco,
                )
            )
            owners.append((i, area, current))
        cycles = create(PlanCycle, cycles)
        targets, carried_pairs = [], []
        for cycle, (i, area, _current) in zip(cycles, owners, strict=True):
            p = chosen[i]
            carried = [t for t in previous_targets.get(i, []) if t._demo_rating in rules.OPEN_RATINGS]
            position = 0
            for old in carried:
                position = max(position, old.position)
                targets.append(_copy(old, cycle))
            fresh = rng.sample(
                TARGETS[area], min(len(TARGETS[area]), rng.randint(2, 3) - min(len(carried), 1))
            )
            for description, measure, baseline, success, provision in fresh:
                position += 1
                targets.append(
                    Target(
                        cycle=cycle,
                        pupil=p,
                        school_id=p.school_id,
                        position=position,
                        area=area,
                        description=description,
                        measure=measure,
                        baseline=baseline,
                        success_criteria=success,
                        due_date=cycle.review_date - timedelta(days=7),
                        responsible="Class teacher and TA",
                        provision=provision,
                    )
                )
            carried_pairs.append((i, cycle))
        targets = create(Target, targets)
        by_cycle: dict[int, list[Target]] = {}
        for t in targets:
            t._demo_rating = rng.choice(("not_yet", "partly", "partly", "achieved", "achieved", "exceeded"))
            by_cycle.setdefault(t.cycle_id, []).append(t)
        reviews, ratings = [], []
        for i, cycle in carried_pairs:
            previous_targets[i] = by_cycle.get(cycle.pk, [])
            if cycle.status == PlanCycle.Status.REVIEWED:
                reviews.append(
                    Review(
                        cycle=cycle,
                        pupil_id=cycle.pupil_id,
                        school_id=cycle.school_id,
                        held_on=cycle.review_date,
                        attendees="SENCO, class teacher, parent, pupil (for part)",
                        decision="continue",
                        pupil_views=_clean(rng.choice(PASSPORT_TEXT["pupil_words"])),
                        parent_views=_clean("Happy with progress; would like more reading practice ideas."),
                        summary=_clean("Good progress on most targets; open targets carried over."),
                        reviewed_by=senco,
                    )
                )
        reviews = create(Review, reviews)
        review_of = {r.cycle_id: r for r in reviews}
        for cycle_id, cycle_targets in by_cycle.items():
            review = review_of.get(cycle_id)
            if review is None:
                continue
            for t in cycle_targets:
                ratings.append(
                    TargetRating(
                        review=review,
                        target=t,
                        pupil_id=t.pupil_id,
                        school_id=t.school_id,
                        rating=t._demo_rating,
                        evidence="From the weekly record.",
                        carried=t._demo_rating in rules.OPEN_RATINGS,
                    )
                )
        create(TargetRating, ratings)
    _parents(ctx, create, chosen)
    _class_of_32(ctx, chosen)


def _primary(pupil) -> str | None:
    return next((n.need_type for n in pupil.needs.all() if n.rank == 1 and n.end_date is None), None)


def _copy(old: Target, cycle: PlanCycle) -> Target:
    return Target(
        cycle=cycle,
        pupil_id=old.pupil_id,
        school_id=old.school_id,
        position=old.position,
        area=old.area,
        description=old.description,
        measure=old.measure,
        baseline=old.baseline,
        success_criteria=old.success_criteria,
        due_date=cycle.review_date - timedelta(days=7),
        responsible=old.responsible,
        provision=old.provision,
        carried_from=old,
    )


def _parents(ctx: DemoContext, create, chosen) -> None:
    """Parents with logins: some have sent views for the coming review, some confirmed reading."""
    links = PupilContact.objects.filter(
        pupil__in=[p.pk for p in chosen], parental_responsibility=True, contact__user__isnull=False
    ).select_related("contact")
    current = {
        c.pupil_id: c
        for c in PlanCycle.objects.filter(pupil__in=[link.pupil_id for link in links], status="current")
    }
    views, acks = [], []
    for link in links:
        cycle = current.get(link.pupil_id)
        if cycle is None:
            continue
        if ctx.rng.random() < 0.6:
            acks.append(
                PlanAcknowledgement(
                    cycle=cycle,
                    pupil_id=cycle.pupil_id,
                    school_id=cycle.school_id,
                    user_id=link.contact.user_id,
                )
            )
        if ctx.rng.random() < 0.5:
            views.append(
                ParentContribution(
                    cycle=cycle,
                    pupil_id=cycle.pupil_id,
                    school_id=cycle.school_id,
                    author_id=link.contact.user_id,
                    views=_clean("Reading at home every night now. Still finds homework hard to start."),
                )
            )
    create(PlanAcknowledgement, acks)
    create(ParentContribution, views)


CLASS_SIZE, CLASS_SEN = 32, 8


def _class_of_32(ctx: DemoContext, chosen) -> None:
    """A mixed-ability drama class of 32 with 8 pupils on the SEN register (all with plans),
    taught by the demo teacher: the class view's benchmark case, and a realistic one to try."""
    school = ctx.schools[0]
    with_plans = [p for p in chosen if p.school_id == school.pk]
    by_year: dict[int, list] = {}
    for p in with_plans:
        by_year.setdefault(p.nc_year, []).append(p)
    year = max(by_year, key=lambda y: (len(by_year[y]), y), default=None)
    if year is None or len(by_year[year]) < CLASS_SEN:
        return
    others = list(
        Pupil.objects.filter(school=school, nc_year=year, sen_status="N", deleted_at__isnull=True).order_by(
            "id"
        )
    )
    if len(others) < CLASS_SIZE - CLASS_SEN:
        return
    members = ctx.rng.sample(by_year[year], CLASS_SEN) + ctx.rng.sample(others, CLASS_SIZE - CLASS_SEN)
    group = TeachingGroup.objects.create(
        school=school,
        name=f"{year}/Dr9",
        subject="Drama",
        kind="class",
        academic_year=ctx.today.year if ctx.today.month >= 9 else ctx.today.year - 1,
    )
    TeachingGroupPupil.objects.bulk_create(
        [TeachingGroupPupil(school=school, group=group, pupil=p) for p in members]
    )
    teacher = ctx.logins.get("teacher")
    if teacher is not None:
        TeachingGroupStaff.objects.create(school=school, group=group, user=teacher, role="teacher")

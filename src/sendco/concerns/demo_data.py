"""Demo concerns at the demo logins' school: a realistic triage queue for the SENCO, several
raised by the `teacher` login, one waiting on the `ta` login's input. Fictional text only."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from sendco.core.categories import school_categories
from sendco.core.models import Pupil, TeachingGroupStaff

from .categories import CATEGORIES
from .models import Concern, ConcernCategoryLink, InputRequest

OBSERVATIONS = [
    (
        "Cognition and learning",
        "English",
        "Reads well below the level of the class; guesses words from the first letter; loses the thread.",
        "Pre-taught vocabulary, paired reading, printed copies of board work for six weeks.",
    ),
    (
        "Communication and interaction",
        "All lessons",
        "Often does not follow spoken instructions unless repeated one to one; rarely answers in class.",
        "Instructions chunked and written on the board; a talk partner; visual timetable.",
    ),
    (
        "Social, emotional and mental health",
        "Tutor time, PE",
        "Has become withdrawn since half term; sits alone at break and asks to leave lessons with headaches.",
        "Check-ins with the form tutor; seat near a friend; told about the wellbeing drop-in.",
    ),
    (
        "Sensory and/or physical",
        "Science, technology",
        "Covers ears and leaves practicals when the room is noisy; handwriting is slow and hard to read.",
        "Seated away from extraction fans; allowed to type notes; warned before noisy tasks.",
    ),
    (
        "Cognition and learning",
        "Maths",
        "Cannot recall number bonds or times tables; relies on finger counting for simple calculations.",
        "Concrete apparatus, a times-table grid, short daily retrieval practice.",
    ),
    (
        "Attendance and engagement",
        "All lessons",
        "Attendance down to 86% this term; arrives late and without equipment; says lessons are 'too hard'.",
        "Equipment kit in class, praise for arriving on time, contact with home by the tutor.",
    ),
    (
        "Communication and interaction",
        "Drama, English",
        "Takes figurative language literally and becomes upset when plans change without warning.",
        "Advance warning of changes; explicit teaching of idioms; a quiet space to reset.",
    ),
    (
        "Social, emotional and mental health",
        "Maths, science",
        "Frequent outbursts when work is difficult; has torn up work twice this half term.",
        "Tasks broken into steps, a 'help' card, a calm-down pass agreed with the head of year.",
    ),
]
STATES = [
    Concern.Status.NEW,
    Concern.Status.NEW,
    Concern.Status.AWAITING_INPUT,
    Concern.Status.AWAITING_INPUT,
    Concern.Status.AWAITING_DECISION,
    Concern.Status.NEW,
    Concern.Status.DECIDED,
    Concern.Status.DECIDED,
]  # in the order of `chosen` below


def build(ctx) -> None:
    if not ctx.schools:
        return
    school = ctx.schools[0]
    categories = {c.name: c for c in school_categories(CATEGORIES, school, active_only=False)}
    teacher, ta, senco = (ctx.logins.get(n) for n in ("teacher", "ta", "senco"))
    links = TeachingGroupStaff.objects.filter(school=school, group__memberships__pupil__sen_status="N")
    taught = {}
    for pupil_id, user_id in links.values_list("group__memberships__pupil_id", "user_id").order_by(
        "group__memberships__pupil_id", "id"
    )[:20000]:
        taught.setdefault(pupil_id, []).append(user_id)
    if not taught:
        return
    pupil_ids = sorted(taught)
    ctx.rng.shuffle(pupil_ids)

    def taught_by(user):
        return [p for p in pupil_ids if user and user.pk in taught[p]]

    # The `teacher` login raised the two new ones at the top of the queue and one decided one;
    # the `ta` login teaches the pupils of the two awaiting input, so they see the requests.
    picked: list[int] = []
    for pool, n in ((taught_by(teacher), 2), (taught_by(ta), 2), (pupil_ids, 2), (taught_by(teacher), 1)):
        picked += [p for p in pool if p not in picked][:n]
    chosen = (picked + [p for p in pupil_ids if p not in picked])[: len(OBSERVATIONS)]
    pupils = Pupil.objects.in_bulk(chosen)
    now = timezone.now()
    concerns, requests = [], []
    for i, pupil_id in enumerate(chosen):
        category, subjects, seen, tried = OBSERVATIONS[i]
        colleagues = [u for u in taught[pupil_id] if not (ta and u == ta.pk)] or taught[pupil_id]
        raiser_id = teacher.pk if teacher and teacher.pk in taught[pupil_id] else colleagues[0]
        state = STATES[i]
        created = now - dt.timedelta(days=ctx.rng.randint(1, 25) + 3 * i)
        concern = Concern(
            pupil=pupils[pupil_id],
            school=school,
            raised_by_id=raiser_id,
            subjects=subjects,
            observations=seen,
            strategies_tried=tried,
            rating_attention=ctx.rng.choice([None, 2, 3]),
            rating_literacy=3 if category == "Cognition and learning" else ctx.rng.choice([None, 1, 2]),
            rating_social=3 if "emotional" in category else None,
            status=state,
            created_at=created,
        )
        if state == Concern.Status.AWAITING_DECISION:
            concern.parents_views = "Parents see the same at home and would like to meet the SENCO."
            concern.parents_views_on = (created + dt.timedelta(days=5)).date()
        if state == Concern.Status.DECIDED:
            concern.decided_by = senco
            concern.decided_on = (created + dt.timedelta(days=10)).date()
            if i % 2:
                concern.decision = Concern.Decision.MONITOR
                concern.review_date = ctx.today + dt.timedelta(weeks=6)
                concern.decision_notes = (
                    "Quality-first strategies to continue; review with the class teacher."
                )
            else:
                concern.decision = Concern.Decision.REFER
                concern.agency = "Speech and language therapy service"
                concern.agency_reason = (
                    "Receptive language difficulties beyond what school strategies address."
                )
        concerns.append((concern, category, [u for u in taught[pupil_id] if u != raiser_id][:2]))
    model_rows = [c for c, _, _ in concerns]
    if ctx.size == "trust":
        saved = Concern.objects.bulk_create(model_rows)
    else:
        saved = bulk_create_with_history(model_rows, Concern, default_change_reason="Demo data")
    ConcernCategoryLink.objects.bulk_create(
        [
            ConcernCategoryLink(concern_id=c.pk, category_id=categories[cat].pk, school=school)
            for c, (_, cat, _) in zip(saved, concerns, strict=True)
        ]
    )
    for concern, (_, _, colleagues) in zip(saved, concerns, strict=True):
        if concern.status not in (Concern.Status.AWAITING_INPUT, Concern.Status.AWAITING_DECISION):
            continue
        asked = list(colleagues)
        if ta and ta.pk in taught[concern.pupil_id] and ta.pk not in asked:
            asked = [ta.pk] + asked[:1]
        for user_id in asked:
            answered = concern.status == Concern.Status.AWAITING_DECISION
            requests.append(
                InputRequest(
                    concern=concern,
                    pupil_id=concern.pupil_id,
                    school=school,
                    requested_from_id=user_id,
                    requested_by=senco,
                    message="Do you see this in your lessons too?",
                    response="Yes, much the same; short tasks with a checklist help." if answered else "",
                    responded_at=concern.created_at + dt.timedelta(days=3) if answered else None,
                    created_at=concern.created_at + dt.timedelta(days=1),
                )
            )
    if requests:
        InputRequest.objects.bulk_create(requests)
    ctx.say(f"Writing {len(saved)} concerns and {len(requests)} input requests")

"""Demo data: referrals and consent at the demo logins' school (the first one). About twenty
referrals in every status, each on the parents' recorded consent, moved along their path
through ``services_referrals`` (so the dates and the status history follow the domain's rules).
Some need chasing on purpose: no response past the expected days, an appointment that passed
without being updated, a report awaited more than 42 days after the pupil was seen, and one
whose consent the parents withdrew. Several brought back a professional's report (uploaded
through ``assessments.services_reports``, with recommendations) linked to the referral.

Synthetic data only; pupils drawn with ``ctx.rng``; dates relative to the build's day.
"""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sendco.assessments import services_reports
from sendco.core.models import Pupil, PupilContact
from sendco.domain import referrals as rules_

from . import services_consent, services_referrals
from .demo_directory import school_agency, senco_of, shared_agency
from .models import Agency, Consent

K = Agency.Kind
S = rules_

# (service, reason, path: (status, days ago) in order; an appointment's "days ago" is its day,
# negative for one to come), report: (title, author, profession, summary, recommendations).
EP_REPORT = (
    "Educational psychology report",
    "Dr Ruth Ellison",
    "Educational psychologist",
    "Verbal reasoning in the average range; working memory and processing speed well below it. "
    "Reading accuracy improving; comprehension limited by vocabulary.",
    [
        "Pre-teach key vocabulary before each new topic",
        "Give instructions in short chunks, written as well as spoken",
        "Daily precision teaching of high-frequency words (10 minutes)",
        "Use a visual timetable and a task checklist",
    ],
)
SALT_REPORT = (
    "Speech and language therapy report",
    "Megan Doyle",
    "Speech and language therapist",
    "Receptive language below age expectations; expressive language in the low average range.",
    [
        "Word-aware vocabulary teaching in small groups twice a week",
        "Check understanding by asking the pupil to repeat the instruction in their own words",
        "Talk partner in every lesson",
    ],
)
VISION_REPORT = (
    "Functional vision assessment",
    "Qualified Teacher of Vision Impairment",
    "Teacher of vision impairment",
    "Reduced distance acuity; reads N14 print comfortably at 30 cm.",
    [
        "Enlarge printed materials to N14 on matt paper",
        "Seat near the front, away from window glare",
        "Allow a tablet to photograph the board",
    ],
)
REFERRALS = [
    (K.EDUCATIONAL_PSYCHOLOGY, "Slow progress in reading despite two cycles of targeted support.",
     [(S.SENT, 10)], None),
    (K.EDUCATIONAL_PSYCHOLOGY, "Advice on working memory difficulties affecting all subjects.",
     [(S.SENT, 60)], None),  # no response: expected in 42 days
    (K.SPEECH_LANGUAGE, "Difficulty following instructions and finding words in class.",
     [(S.SENT, 200), (S.ACCEPTED, 190), (S.WAITING, 180)], None),  # wait exceeded (126 days)
    (K.SPEECH_LANGUAGE, "Unclear speech; peers find it hard to understand him.",
     [(S.SENT, 40), (S.ACCEPTED, 30), (S.WAITING, 25)], None),
    (K.OCCUPATIONAL_THERAPY, "Handwriting slow and painful; difficulty with cutting and dressing for PE.",
     [(S.SENT, 90), (S.WAITING, 70)], None),
    (K.CAMHS, "Persistent low mood and school avoidance since the spring.",
     [(S.SENT, 30), (S.ACCEPTED, 20)], None),
    (K.CAMHS, "Anxiety attacks in lessons; parents report poor sleep.",
     [(S.SENT, 120), (S.WAITING, 100), (S.APPOINTMENT, 5)], None),  # appointment passed
    (K.HEARING, "Radio aid review after a new hearing aid fitting.",
     [(S.SENT, 20), (S.APPOINTMENT, -7)], None),
    (K.EDUCATIONAL_PSYCHOLOGY, "EHC needs assessment: educational psychology advice requested.",
     [(S.SENT, 100), (S.SEEN, 70)], None),  # report awaited (more than 42 days)
    (K.SPECIALIST_TEACHER, "Dyslexia screening indicated; assessment for exam access advice.",
     [(S.SENT, 50), (S.SEEN, 20)], None),
    (K.EDUCATIONAL_PSYCHOLOGY, "Consultation about attention and learning in maths and science.",
     [(S.SENT, 150), (S.APPOINTMENT, 110), (S.SEEN, 110), (S.REPORT, 80)], EP_REPORT),
    (K.SPEECH_LANGUAGE, "Language assessment after a concern raised by the English teacher.",
     [(S.SENT, 300), (S.WAITING, 280), (S.SEEN, 170), (S.REPORT, 140), (S.CLOSED, 100)], SALT_REPORT),
    (K.EARLY_HELP, "Family asked for support with routines at home and attendance.",
     [(S.SENT, 25), (S.ACCEPTED, 22), (S.SEEN, 15)], None),
    (K.SCHOOL_NURSE, "Individual health care plan for asthma needs reviewing.",
     [(S.SENT, 15), (S.SEEN, 8)], None),
    (K.VOLUNTARY, "Young carer for a parent; tired and late most mornings.",
     [(S.SENT, 45), (S.DECLINED, 30)], None),
    (K.VISION, "Squints at the board; the optometrist confirmed reduced distance vision.",
     [(S.SENT, 60), (S.SEEN, 40), (S.REPORT, 20)], VISION_REPORT),
    (K.OCCUPATIONAL_THERAPY, "Sensory needs: covers ears and leaves noisy lessons.", [], None),  # draft
    (K.CAMHS, "Self-harm disclosed to the form tutor; safeguarding lead informed.",
     [(S.SENT, 35)], None),  # consent withdrawn below
    ("own_counselling", "Bereavement: grandparent died in the summer.",
     [(S.SENT, 12), (S.ACCEPTED, 10), (S.SEEN, 5)], None),
    ("own_outreach", "Autistic pupil finding unstructured times very hard.",
     [(S.SENT, 70), (S.WAITING, 60)], None),  # wait exceeded (21 days)
    (K.EDUCATIONAL_PSYCHOLOGY, "Review of progress against the last report's advice.",
     [(S.SENT, 80), (S.APPOINTMENT, 60), (S.SEEN, 60), (S.REPORT, 30)], EP_REPORT),
]  # fmt: skip
WITHDRAWN = 17  # the index of the referral whose consent is withdrawn


def _pdf(title: str) -> bytes:
    """A one-page PDF standing in for the professional's report (fast: no rendering)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": f"{title} (demo)"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _agency(school, kind: str) -> Agency | None:
    if kind == "own_counselling":
        return school_agency(school, K.VOLUNTARY)
    if kind == "own_outreach":
        return school_agency(school, K.BEHAVIOUR)
    return shared_agency(school, kind)


def _parents(pupil_ids) -> dict[int, tuple[str, str]]:
    """Each pupil's first contact with parental responsibility: (name, relationship)."""
    found: dict[int, tuple[str, str]] = {}
    links = (
        PupilContact.objects.filter(pupil_id__in=pupil_ids, parental_responsibility=True)
        .select_related("contact")
        .order_by("pupil_id", "pk")
    )
    for link in links:
        if link.pupil_id not in found:
            c = link.contact
            found[link.pupil_id] = (f"{c.forename} {c.surname}", link.get_relationship_display())
    return found


def _appointment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 30)))


def _report(senco, pupil, agency, spec, seen_on: dt.date, received_on: dt.date):
    title, author, role, summary, recommendations = spec
    written_on = max(seen_on, received_on - dt.timedelta(days=7))
    return services_reports.upload_report(
        actor=senco, pupil=pupil,
        upload=SimpleUploadedFile(f"{title.lower().replace(' ', '-')}.pdf", _pdf(title), "application/pdf"),
        title=title, author_name=author, author_role=role, agency_name=agency.name,
        written_on=written_on, received_on=received_on, summary=summary, recommendations=recommendations,
    )  # fmt: skip


def _follow(senco, referral, path, spec, today: dt.date) -> None:
    seen_on = None
    for status, ago in path[1:]:
        day = today - dt.timedelta(days=ago)
        kwargs: dict = {"on": day}
        if status == S.APPOINTMENT:
            kwargs = {"on": None, "appointment_at": _appointment(day)}
        if status == S.SEEN:
            seen_on = day
        if status == S.REPORT and spec is not None:
            kwargs["report"] = _report(senco, referral.pupil, referral.agency, spec, seen_on or day, day)
        note = "Outcome: does not meet the service's criteria; signposted." if status == S.DECLINED else ""
        referral = services_referrals.change_status(
            actor=senco, referral=referral, status=status, note=note, expected_version=None, **kwargs
        )


def build(ctx) -> None:
    if not ctx.schools:
        return
    school = ctx.schools[0]
    senco = senco_of(school)
    if senco is None:
        return
    today = min(ctx.today, timezone.localdate())
    pool = list(
        Pupil.objects.on_roll()
        .filter(school=school)
        .exclude(sen_status="N")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not pool:
        return
    chosen = ctx.rng.sample(pool, min(len(REFERRALS), len(pool)))
    pupils = Pupil.objects.in_bulk(chosen)
    parents = _parents(chosen)
    made = 0
    for i, (pupil_id, (kind, reason, path, spec)) in enumerate(zip(chosen, REFERRALS, strict=False)):
        agency = _agency(school, kind)
        if agency is None:
            continue
        pupil = pupils[pupil_id]
        given_by, relationship = parents.get(pupil_id, ("Alex Morgan", "Parent"))
        sent_ago = path[0][1] if path else 0
        consent_on = today - dt.timedelta(days=sent_ago + ctx.rng.randint(2, 10))
        referral = services_referrals.create_referral(
            actor=senco, pupil=pupil, agency=agency, reason=reason, send=bool(path),
            sent_on=today - dt.timedelta(days=sent_ago) if path else None,
            record_consent={
                "given_by": given_by, "given_on": consent_on, "relationship": relationship,
                "how": ctx.rng.choice([Consent.How.WRITTEN, Consent.How.EMAIL, Consent.How.ONLINE]),
            },
        )  # fmt: skip
        _follow(senco, referral, path, spec, today)
        if i == WITHDRAWN:
            services_consent.withdraw_consent(
                actor=senco, consent=referral.consent, withdrawn_on=today - dt.timedelta(days=3),
                withdrawn_by=given_by, reason="Parents would rather wait until after the GP appointment.",
            )  # fmt: skip
        made += 1
    ctx.say(f"Writing {made} agency referrals with parents' consent")

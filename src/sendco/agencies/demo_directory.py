"""Demo data: the directory (local offer). The trust shares the services every school uses (a
traded educational psychology service, speech and language therapy, OT, CAMHS, the sensory
services, specialist teachers, early help, school nursing, a charity, the LA SEND team); each
school adds two of its own, buys traded time this academic year (6 EP days at a day rate) and
has visits this term, some past with the days they used, some to come.

Everything goes through the directory's services (``services_directory``,
``services_directory_visits``) as the school's SENCO (the trust's shared entries as the trust
officer when there is one), so the demo obeys the same rules as the pages. Fictional
services only: example.org / example-la.gov.uk addresses, Ofcom drama-range phone numbers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from sendco.accounts.models import Membership
from sendco.accounts.roles import Role
from sendco.core.models import Pupil
from sendco.core.services_base import stamp_change
from sendco.domain.term_dates import academic_year_of

from . import services_directory, services_directory_visits
from .models import Agency

K = Agency.Kind
LA = "Northshire County Council"
OFFER = "https://www.example-la.gov.uk/localoffer"
EP_DAY_RATE = Decimal("600.00")
EP_DAYS = Decimal(6)

# (kind, name, contact, wait days, traded, day rate, route, criteria, local offer page)
SHARED = [
    (K.EDUCATIONAL_PSYCHOLOGY, "Northshire Educational Psychology Service", "Dr Ruth Ellison", 42, True,
     EP_DAY_RATE, "Discuss at the termly planning meeting, then send the consultation request form.",
     "Pupils at SEN support or with an EHC plan, with the school's assess-plan-do-review evidence.",
     "/educational-psychology"),
    (K.SPEECH_LANGUAGE, "Children's Speech and Language Therapy (Northshire NHS Trust)", "Referrals team",
     126, False, None, "Online referral form with parents' consent and the school's language screen.",
     "Ages 0 to 19 with speech, language, communication or swallowing needs.", "/speech-and-language"),
    (K.OCCUPATIONAL_THERAPY, "Children's Occupational Therapy Service", "Single point of access", 140,
     False, None, "Referral form signed by parents; include handwriting samples and the school's strategies.",
     "Motor, sensory or self-care needs affecting daily life at school or home.",
     "/occupational-therapy"),
    (K.CAMHS, "Northshire CAMHS", "CAMHS single point of access", 180, False, None,
     "Phone the single point of access or send the online form; urgent concerns by phone the same day.",
     "Moderate to severe mental health difficulties; mild needs go to the mental health support team.",
     "/camhs"),
    (K.HEARING, "Sensory Support Service: Hearing", "Teacher of the Deaf team", 28, False, None,
     "Email the referral form with the latest audiology letter.",
     "Pupils with a diagnosed permanent or long-term hearing loss.", "/sensory-support"),
    (K.VISION, "Sensory Support Service: Vision", "Qualified Teacher of Vision Impairment team", 28, False,
     None, "Email the referral form with the ophthalmology or optometrist report.",
     "Pupils with a diagnosed vision impairment not corrected by glasses.", "/sensory-support"),
    (K.SPECIALIST_TEACHER, "Learning Support Specialist Teachers", "Specialist teacher team", 30, True,
     Decimal("420.00"), "Book time from the school's traded allocation through the service's portal.",
     "Cognition and learning needs, including dyslexia assessment and exam access advice.",
     "/specialist-teaching"),
    (K.EARLY_HELP, "Northshire Early Help Hub", "Early help coordinator", 10, False, None,
     "Complete an early help assessment with the family, then email it to the hub.",
     "Families who need support from more than one service, with their agreement.", "/early-help"),
    (K.SCHOOL_NURSE, "School Nursing Team (0 to 19 service)", "Named school nurse", 21, False, None,
     "Email the team or use the drop-in at school; parents may refer themselves.",
     "Health needs at school: continence, health care plans, emotional health, growth.",
     "/school-nursing"),
    (K.VOLUNTARY, "Northshire Young Carers and Families (charity)", "Family support worker", 21, False,
     None, "Online self-referral or school referral with the family's agreement.",
     "Young carers aged 8 to 18 and their families.", "/voluntary-sector"),
    (K.LA_SEND, "Northshire SEND Team (EHC assessments)", "SEND casework officer", 42, False, None,
     "Request an EHC needs assessment through the local authority's online portal.",
     "Children and young people who may need an EHC plan (the local authority decides in 6 weeks).",
     ""),
]  # fmt: skip


def _school_own(school) -> list[dict]:
    """Two entries of the school's own: a counselling service it commissions and an outreach
    service from a specialist school."""
    return [
        {
            "name": f"Open Door Counselling at {school.name}",
            "kind": K.VOLUNTARY,
            "contact_name": "Jo Harper, counsellor",
            "typical_wait_days": 14,
            "traded": True,
            "day_rate": Decimal("240.00"),
            "referral_route": "Referral form to the counsellor through the SENCO, with parents' consent.",
            "referral_criteria": "Pupils with low mood, anxiety or bereavement, in Years 5 and above.",
            "cost_notes": "One day a week, commissioned by the school",
        },
        {
            "name": "Ashgrove Specialist School outreach",
            "kind": K.BEHAVIOUR,
            "contact_name": "Outreach lead",
            "typical_wait_days": 21,
            "referral_route": "Email the outreach request form with the pupil's support plan.",
            "referral_criteria": "Autistic pupils and pupils with social, emotional and mental health needs.",
        },
    ]


def senco_of(school):
    """The school's SENCO (the `senco` demo login at the first school)."""
    row = (
        Membership.objects.filter(school=school, role=Role.SENCO, active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return row.user if row else None


def trust_officer_of(organisation):
    row = (
        Membership.objects.filter(organisation=organisation, role=Role.TRUST_OFFICER, active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return row.user if row else None


def shared_agency(school, kind: str) -> Agency | None:
    return Agency.objects.filter(organisation_id=school.organisation_id, kind=kind).order_by("pk").first()


def _shared_data(n: int, kind, name, contact, wait, traded, rate, route, criteria, page) -> dict:
    return {
        "name": name,
        "kind": kind,
        "local_authority": LA,
        "contact_name": contact,
        "email": f"referrals.{kind}@example-la.gov.uk".replace("_", "-"),
        "phone": f"07700 900{100 + n:03d}",
        "address": "County Hall, Northshire NF1 1AA",
        "website": f"https://www.example-la.gov.uk/services/{kind}".replace("_", "-"),
        "local_offer_url": OFFER + page if page else OFFER,
        "referral_route": route,
        "referral_criteria": criteria,
        "typical_wait_days": wait,
        "traded": traded,
        "day_rate": rate,
        "cost_notes": "Traded service: days bought each academic year" if traded else "Free to schools",
    }


def _shared(ctx) -> None:
    organisations = {s.organisation_id: s.organisation for s in ctx.schools if s.organisation_id}
    for organisation in organisations.values():
        officer = trust_officer_of(organisation)
        for n, entry in enumerate(SHARED):
            data = _shared_data(n, *entry)
            if officer is not None:
                services_directory.save_agency(actor=officer, data=data, organisation=organisation)
            else:
                # No trust officer (a build without logins): the same values, saved directly.
                agency = Agency(organisation=organisation, **data)
                stamp_change(agency, actor=None, reason="Directory entry added").save()


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_weekday(day), dt.time(hour, 0)))


def _visits(ctx, school, senco, year_start: int, sen_pupils: list) -> None:
    """This term's visits: past EP visits that used 2.5 of the 6 days, upcoming ones, a SALT
    and a hearing visit, one cancelled."""
    ep = shared_agency(school, K.EDUCATIONAL_PSYCHOLOGY)
    salt = shared_agency(school, K.SPEECH_LANGUAGE)
    hearing = shared_agency(school, K.HEARING)
    counselling = school_agency(school, K.VOLUNTARY)
    first_day = dt.date(year_start, 9, 8)
    today = min(ctx.today, timezone.localdate())

    def past(days: int) -> dt.date:
        # Within this academic year, even early in September.
        return max(first_day, today - dt.timedelta(days=days))

    rows = [
        (ep, past(56), 9, 360, "Dr Ruth Ellison", "Consultations and observations for two pupils",
         Decimal("1.0"), 2),
        (ep, past(28), 9, 180, "Dr Ruth Ellison", "Cognitive assessment (EHC needs assessment advice)",
         Decimal("1.0"), 1),
        (ep, past(10), 13, 180, "Dr Ruth Ellison", "Feedback to parents and staff training on memory",
         Decimal("0.5"), 1),
        (salt, past(21), 10, 120, "Megan Doyle", "Therapy review and targets with the TA", None, 2),
        (ep, today + dt.timedelta(days=9), 9, 360, "Dr Ruth Ellison", "Planning meeting and consultations",
         Decimal("1.0"), 2),
        (hearing, today + dt.timedelta(days=16), 11, 60, "Teacher of the Deaf",
         "Classroom acoustics check and radio aid review", None, 1),
        (counselling, today + dt.timedelta(days=3), 9, 420, "Jo Harper", "Weekly counselling sessions",
         Decimal("1.0"), 0),
        (ep, today + dt.timedelta(days=30), 9, 180, "Dr Ruth Ellison", "Review of last term's advice",
         Decimal("0.5"), 0),
    ]  # fmt: skip
    for agency, day, hour, minutes, who, purpose, days, n_pupils in rows:
        if agency is None:
            continue
        pupils = ctx.rng.sample(sen_pupils, min(n_pupils, len(sen_pupils)))
        services_directory_visits.save_visit(
            actor=senco,
            school=school,
            pupil_ids=pupils,
            data={
                "agency": agency,
                "starts_at": _at(day, hour),
                "duration_minutes": minutes,
                "professional_name": who,
                "purpose": purpose,
                "location": "SEN base" if n_pupils else "Counselling room",
                "days_used": days,
            },
        )
    if salt is not None:
        cancelled = services_directory_visits.save_visit(
            actor=senco,
            school=school,
            data={
                "agency": salt,
                "starts_at": _at(today + dt.timedelta(days=5), 14),
                "duration_minutes": 60,
                "professional_name": "Megan Doyle",
                "purpose": "Group language session (therapist ill: to be rebooked)",
            },
        )
        services_directory_visits.cancel_visit(actor=senco, visit=cancelled)


def school_agency(school, kind: str) -> Agency | None:
    return Agency.objects.filter(school=school, kind=kind).order_by("pk").first()


def _school(ctx, school) -> None:
    senco = senco_of(school)
    if senco is None:
        return
    for data in _school_own(school):
        services_directory.save_agency(actor=senco, data=data, school=school)
    year_start = academic_year_of(min(ctx.today, timezone.localdate()))
    purchases = [
        (K.EDUCATIONAL_PSYCHOLOGY, year_start, EP_DAYS, EP_DAYS * EP_DAY_RATE, "EP time this year"),
        (K.EDUCATIONAL_PSYCHOLOGY, year_start - 1, Decimal(5), 5 * Decimal("585.00"), "Last year's EP time"),
        (K.SPECIALIST_TEACHER, year_start, Decimal(4), 4 * Decimal("420.00"), "Dyslexia assessments"),
    ]  # fmt: skip
    for kind, year, days, cost, notes in purchases:
        agency = shared_agency(school, kind)
        if agency is None:
            continue
        services_directory.save_purchase(
            actor=senco,
            school=school,
            agency=agency,
            data={"year_start": year, "days_bought": days, "cost": cost, "notes": notes},
        )
    counselling = school_agency(school, K.VOLUNTARY)
    if counselling is not None:
        services_directory.save_purchase(
            actor=senco,
            school=school,
            agency=counselling,
            data={"year_start": year_start, "days_bought": Decimal(36), "cost": 36 * Decimal("240.00")},
        )
    sen_pupils = list(
        Pupil.objects.on_roll()
        .filter(school=school)
        .exclude(sen_status="N")
        .order_by("pk")
        .values_list("pk", flat=True)[:200]
    )
    _visits(ctx, school, senco, year_start, sen_pupils)


def build(ctx) -> None:
    if not ctx.schools:
        return
    _shared(ctx)
    for school in ctx.schools:
        _school(ctx, school)
    ctx.say(f"Writing the agencies directory for {len(ctx.schools)} school(s)")

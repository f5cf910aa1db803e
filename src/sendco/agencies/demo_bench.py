"""Bench-size referrals: for the ``trust`` dataset (>= 50 schools), the trust's shared services
and, at every school that has no referrals yet, a referral consent and a referral for about
two in five pupils on the SEN register, spread over the statuses and the last year, so the
dashboards are timed on realistic volumes. Bulk inserts, no history rows (benchmark data, not
the demo's story); randomness from ``ctx.rng`` only."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from sendco.core.models import Pupil
from sendco.domain import referrals as rules_

from .models import Agency, Consent, Referral

SERVICES = [
    ("Trust Educational Psychology Service", Agency.Kind.EDUCATIONAL_PSYCHOLOGY, 56),
    ("Speech and Language Therapy (NHS)", Agency.Kind.SPEECH_LANGUAGE, 84),
    ("Occupational Therapy (NHS)", Agency.Kind.OCCUPATIONAL_THERAPY, 120),
    ("CAMHS", Agency.Kind.CAMHS, 126),
    ("Community Paediatrics", Agency.Kind.PAEDIATRICS, 140),
    ("Specialist Teaching Service", Agency.Kind.SPECIALIST_TEACHER, 28),
]
# (status, weight): open referrals dominate, as on a real caseload.
STATUS_WEIGHTS = [
    (rules_.SENT, 25), (rules_.ACCEPTED, 10), (rules_.WAITING, 20), (rules_.APPOINTMENT, 10),
    (rules_.SEEN, 10), (rules_.REPORT, 5), (rules_.CLOSED, 15), (rules_.DECLINED, 5),
]  # fmt: skip
SHARE_OF_REGISTER = 0.4


def build(ctx) -> None:
    if ctx.size != "trust" or not ctx.schools:
        return
    organisation_id = ctx.schools[0].organisation_id
    services = Agency.objects.bulk_create(
        [
            Agency(organisation_id=organisation_id, name=name, kind=kind, typical_wait_days=wait)
            for name, kind, wait in SERVICES
        ]
    )
    done = set(Referral.objects.values_list("school_id", flat=True).distinct())
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    made = 0
    for school in ctx.schools:
        if school.pk in done:
            continue
        pupils = list(
            Pupil.objects.filter(school=school).exclude(sen_status="N").values_list("pk", flat=True)
        )
        chosen = [pk for pk in pupils if ctx.rng.random() < SHARE_OF_REGISTER]
        consents, referrals = [], []
        for pupil_id in chosen:
            service = ctx.rng.choice(services)
            sent = ctx.today - dt.timedelta(days=ctx.rng.randint(1, 330))
            consents.append(
                Consent(
                    pupil_id=pupil_id,
                    school_id=school.pk,
                    purpose=Consent.Purpose.REFERRAL,
                    agency=service,
                    given_by="Parent",
                    given_on=sent - dt.timedelta(days=ctx.rng.randint(1, 20)),
                    withdrawn_on=ctx.today if ctx.rng.random() < 0.02 else None,
                )  # fmt: skip
            )
            status = ctx.rng.choices(statuses, weights)[0]
            referrals.append(_referral(ctx, pupil_id, school.pk, service, sent, status))
        Consent.objects.bulk_create(consents, batch_size=1000)
        for referral, consent in zip(referrals, consents, strict=True):
            referral.consent = consent
        Referral.objects.bulk_create(referrals, batch_size=1000)
        made += len(referrals)
    ctx.say(f"Referrals for the benchmarks: {made:,}")


def _referral(ctx, pupil_id: int, school_id: int, service: Agency, sent: dt.date, status: str) -> Referral:
    today = ctx.today
    wait = min(today, sent + dt.timedelta(days=ctx.rng.randint(7, 160)))
    r = Referral(
        pupil_id=pupil_id, school_id=school_id, agency=service, reason="Benchmark referral.",
        status=status, status_on=sent, sent_on=sent, expected_response_days=service.typical_wait_days,
    )  # fmt: skip
    if status == rules_.APPOINTMENT:
        day = sent + dt.timedelta(days=ctx.rng.randint(7, 200))
        r.appointment_at = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    if status in (rules_.SEEN, rules_.REPORT, rules_.CLOSED):
        r.first_seen_on = r.status_on = wait
    if status == rules_.REPORT:
        r.report_received_on = r.status_on = min(today, wait + dt.timedelta(days=ctx.rng.randint(5, 60)))
    if status in rules_.TERMINAL:
        r.closed_on = r.status_on = min(today, wait + dt.timedelta(days=ctx.rng.randint(1, 30)))
    return r

"""Records for the referral and consent tests and the permission matrix."""

import datetime as dt

from django.utils import timezone

from sendco.agencies.models import Agency, Consent, Referral


def today():
    return timezone.localdate()


def days_ago(n):
    return today() - dt.timedelta(days=n)


def agency(school, name="North Educational Psychology", kind="ep", wait=42, **kw):
    return Agency.objects.create(school=school, name=name, kind=kind, typical_wait_days=wait, **kw)


def consent(pupil, agency=None, purpose="referral", **kw):
    values = {"given_by": "Pat Parent", "relationship": "Mother", "given_on": days_ago(30)} | kw
    return Consent.objects.create(
        pupil=pupil, school_id=pupil.school_id, purpose=purpose, agency=agency, **values
    )


def referral(pupil, agency, consent, status="sent", sent_days_ago=10, **kw):
    sent = days_ago(sent_days_ago) if status != "draft" else None
    values = {
        "reason": "Slow progress in reading despite two terms of intervention.",
        "status": status,
        "status_on": sent or today(),
        "sent_on": sent,
        "expected_response_days": agency.typical_wait_days,
    } | kw
    return Referral.objects.create(
        pupil=pupil, school_id=pupil.school_id, agency=agency, consent=consent, **values
    )


def for_matrix(cast):
    """A service per school, and a consent and a sent referral for each of cast's pupils."""
    if "ref" in cast.extra:
        return
    made = {}
    services = {cast.school.pk: agency(cast.school), cast.other.pk: agency(cast.other, name="Other EP")}
    for which, pupil in (("linked", cast.pupil), ("unlinked", cast.unlinked), ("other", cast.other_pupil)):
        service = services[pupil.school_id]
        c = consent(pupil, service)
        made[which] = {"agency": service, "consent": c, "referral": referral(pupil, service, c)}
    cast.extra["ref"] = made

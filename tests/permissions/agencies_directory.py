"""Pages and API operations of the agencies directory, traded time, visits and calendar.

Every member of staff at the school reads the directory (a trust officer reads the trust's
shared entries, so lists and adds there); the SENCO and assistant SENCO add and change the
school's entries, its traded time and its visits; the calendar is the SEN team's and the
head's. Parents, professionals, governors and the system administrator see none of it."""

import datetime as dt

from django.utils import timezone

from sendco.agencies.models import Agency, AgencyPurchase, Visit

from .spec import Operation, Page, R

SEN_TEAM = frozenset({R.SENCO, R.ASSISTANT_SENCO})
CALENDAR = SEN_TEAM | {R.HEAD}
SCHOOL_STAFF = CALENDAR | {R.TEACHER, R.TA, R.EXAMS_OFFICER}
DIRECTORY = SCHOOL_STAFF | {R.TRUST_OFFICER}
ADDERS = SEN_TEAM | {R.TRUST_OFFICER}
PURCHASE_YEAR = 2030  # the year the matrix's POST buys (setup's purchase is for 2026)


def directory_for_matrix(cast) -> dict:
    """An entry, a purchase and a visit (with cast.pupil seen) for each of "linked" (the
    school's), "unlinked" (another of the school's) and "other" (another school's)."""
    if "agency_directory" in cast.extra:
        return cast.extra["agency_directory"]
    records = {}
    start = timezone.now() + dt.timedelta(days=7)
    for which, school in (("linked", cast.school), ("unlinked", cast.school), ("other", cast.other)):
        agency = Agency.objects.create(
            school=school, name=f"EP service {which}", kind="ep", traded=True, day_rate="450"
        )
        purchase = AgencyPurchase.objects.create(
            school=school, agency=agency, year_start=2026 if which != "unlinked" else 2027, days_bought=6
        )
        visit = Visit.objects.create(school=school, agency=agency, starts_at=start, purpose="Consultation")
        if which == "linked":
            visit.visit_pupils.create(pupil=cast.pupil, school=school)
        records[which] = {"agency": agency, "purchase": purchase, "visit": visit}
    cast.extra["agency_directory"] = records
    return records


def _agency(cast, which):
    return {"agency_id": directory_for_matrix(cast)[which]["agency"].pk}


def _purchase(cast, which):
    return {"purchase_id": directory_for_matrix(cast)[which]["purchase"].pk}


def _visit(cast, which):
    return {"visit_id": directory_for_matrix(cast)[which]["visit"].pk}


def _cancel(cast):
    visit = Visit.objects.get(pk=directory_for_matrix(cast)["linked"]["visit"].pk)
    return {"version": str(visit.version)}


def _page(allowed, record=None, **kw):
    if record is None:
        return Page(allowed, setup=directory_for_matrix, **kw)
    return Page(allowed, record=record, allowed_unlinked=allowed, setup=directory_for_matrix, **kw)


PAGES = {
    "agency-list": _page(DIRECTORY),
    "agency-create": _page(ADDERS),
    "agency-detail": _page(SCHOOL_STAFF, _agency),
    "agency-edit": _page(SEN_TEAM, _agency),
    "agency-active": _page(SEN_TEAM, _agency, method="post", data={"active": "1"}),
    "agency-purchase-create": _page(SEN_TEAM, _agency),
    "agency-purchase-edit": _page(SEN_TEAM, _purchase),
    "agency-calendar": _page(CALENDAR),
    "agency-calendar-ics": _page(CALENDAR),
    "visit-create": _page(SEN_TEAM),
    "visit-edit": _page(SEN_TEAM, _visit),
    "visit-cancel": _page(SEN_TEAM, _visit, method="post", data=_cancel),
}


def _new_agency(cast):
    return {"name": "Matrix SALT", "kind": "salt", "typical_wait_days": 30}


def _change_agency(cast):
    agency = Agency.objects.get(pk=_agency(cast, "linked")["agency_id"])
    return {"version": agency.version, "phone": "0113 496 0000"}


def _new_purchase(cast):
    return {"year_start": PURCHASE_YEAR, "days_bought": "4", "cost": "1800"}


def _no_new_purchase(cast):
    AgencyPurchase.objects.filter(year_start=PURCHASE_YEAR).delete()


def _new_visit(cast):
    start = (timezone.now() + dt.timedelta(days=10)).replace(microsecond=0)
    return {
        "agency_id": _agency(cast, "linked")["agency_id"],
        "starts_at": start.isoformat(),
        "purpose": "Observation",
        "pupil_ids": [cast.pupil.pk],
    }


def _change_visit(cast):
    visit = Visit.objects.get(pk=_visit(cast, "linked")["visit_id"])
    return {"version": visit.version, "purpose": "Consultation and observation"}


def _op(allowed, record=None, **kw):
    return Operation(allowed, record=record, setup=directory_for_matrix, **kw)


OPERATIONS = {
    ("get", "/api/v1/agencies/"): _op(DIRECTORY),
    ("post", "/api/v1/agencies/"): _op(ADDERS, body=_new_agency),
    ("get", "/api/v1/agencies/{agency_id}"): _op(SCHOOL_STAFF, _agency),
    ("put", "/api/v1/agencies/{agency_id}"): _op(SEN_TEAM, _agency, body=_change_agency),
    ("get", "/api/v1/agencies/{agency_id}/purchases"): _op(SCHOOL_STAFF, _agency),
    ("post", "/api/v1/agencies/{agency_id}/purchases"): _op(
        SEN_TEAM, _agency, body=_new_purchase, cleanup=_no_new_purchase
    ),
    ("get", "/api/v1/agencies/visits"): _op(CALENDAR),
    ("post", "/api/v1/agencies/visits"): _op(SEN_TEAM, body=_new_visit),
    ("put", "/api/v1/agencies/visits/{visit_id}"): _op(SEN_TEAM, _visit, body=_change_visit),
}

"""Pages and API operations of the statutory app (EHC requests, plans, reviews, deadlines)."""

from sendco.statutory.models import AnnualReview, AssessmentRequest, CalendarToken, EhcPlan

from ..statutory_records import make_records
from .spec import EVERYONE, PUBLIC, WHOLE_SCHOOL, Operation, Page, R

VIEW = WHOLE_SCHOOL | {R.TEACHER, R.TA, R.PARENT}
CHANGE = frozenset({R.SENCO, R.ASSISTANT_SENCO})
COUNTS = WHOLE_SCHOOL | {R.GOVERNOR, R.TRUST_OFFICER}


def _setup(cast):
    if "statutory" in cast.extra:
        return
    cast.extra["statutory"] = {
        "linked": make_records(cast.pupil),
        "unlinked": make_records(cast.unlinked),
        "other": make_records(cast.other_pupil),
    }


def _pupil(cast, which):
    return {"linked": cast.pupil, "unlinked": cast.unlinked, "other": cast.other_pupil}[which]


def _rec(cast, which, name):
    return cast.extra["statutory"][which][name]


def kw(*names):
    """URL kwargs for a record page: the pupil plus each named record's id."""
    url_names = {
        "request": "rid",
        "advice": "aid",
        "plan": "plan_id",
        "outcome": "oid",
        "item": "item_id",
        "document": "doc_id",
        "review": "review_id",
        "invitee": "invitee_id",
        "amendment": "amendment_id",
    }

    def record(cast, which):
        found = {"pk": _pupil(cast, which).pk}
        for name in names:
            found[url_names[name]] = _rec(cast, which, name).pk
        return found

    return record


def page(allowed, *names, unlinked=None, **kwargs):
    return Page(
        allowed,
        record=kw(*names),
        setup=_setup,
        allowed_unlinked=unlinked or WHOLE_SCHOOL & allowed,
        **kwargs,
    )


def _feed(cast, which=None):
    token = cast.extra.get("feed_token")
    if token is None:
        _, token = CalendarToken.issue(cast.user(R.SENCO))
        cast.extra["feed_token"] = token
    return {"token": token}


def _setting(cast, which):
    _setup(cast)
    return {"setting_id": _rec(cast, which, "setting").pk}


PAGES = {
    "statutory-pupil": page(VIEW),
    "statutory-request-new": page(CHANGE),
    "statutory-request-edit": page(CHANGE, "request"),
    "statutory-advice-new": page(CHANGE, "request"),
    "statutory-advice-edit": page(CHANGE, "request", "advice"),
    "statutory-request-document": page(WHOLE_SCHOOL, "request"),
    "statutory-request-pdf": page(WHOLE_SCHOOL, "request"),
    "statutory-request-docx": page(WHOLE_SCHOOL, "request"),
    "statutory-plan-new": page(CHANGE),
    "statutory-plan": page(VIEW, "plan"),
    "statutory-plan-edit": page(CHANGE, "plan"),
    "statutory-outcome-new": page(CHANGE, "plan"),
    "statutory-outcome-edit": page(CHANGE, "plan", "outcome"),
    "statutory-provision-new": page(CHANGE, "plan"),
    "statutory-provision-edit": page(CHANGE, "plan", "item"),
    "statutory-document-upload": page(CHANGE, "plan"),
    "statutory-document": page(VIEW, "plan", "document"),
    "statutory-review-new": page(CHANGE, "plan"),
    "statutory-amendment-new": page(CHANGE, "plan"),
    "statutory-amendment-edit": page(CHANGE, "plan", "amendment"),
    "statutory-review": page(VIEW, "review"),
    "statutory-review-edit": page(CHANGE, "review"),
    "statutory-review-meeting": page(CHANGE, "review"),
    "statutory-invitee-new": page(CHANGE, "review"),
    "statutory-invitee-edit": page(CHANGE, "review", "invitee"),
    "statutory-review-invite": page(CHANGE, "review", method="post"),
    "statutory-review-ics": page(VIEW, "review"),
    "statutory-review-letters": page(CHANGE, "review"),
    "statutory-review-report": page(WHOLE_SCHOOL, "review"),
    "statutory-dashboard": Page(COUNTS, setup=_setup),
    "statutory-dashboard-export": Page(WHOLE_SCHOOL, setup=_setup),
    "statutory-trust": Page(COUNTS, setup=_setup),
    "statutory-rules": Page(EVERYONE),
    "statutory-la-settings": Page(CHANGE),
    "statutory-la-setting-new": Page(CHANGE),
    "statutory-la-setting-edit": Page(CHANGE, record=_setting, allowed_unlinked=CHANGE),
    "statutory-calendar": Page(EVERYONE),
    "statutory-feed": Page(PUBLIC, record=_feed),
}


def _ids(name, param):
    def record(cast, which):
        return {param: _rec(cast, which, name).pk}

    return record


def _fresh(cast, name):
    """The linked pupil's record as saved now (its version moves with each allowed write)."""
    record = _rec(cast, "linked", name)
    return type(record).objects.get(pk=record.pk)


def _listed(name):
    return lambda cast: _rec(cast, "linked", name).pk


def _new_plan(cast):
    return {"pupil_id": cast.pupil.pk, "la_name": "API LA", "issued_on": "2026-01-05"}


def _new_request(cast):
    return {"pupil_id": cast.pupil.pk, "la_name": "API LA", "request_made": "2026-09-01"}


OPERATIONS = {
    ("get", "/api/v1/statutory/pupils/{pupil_id}/deadlines"): Operation(
        VIEW, record=lambda cast, which: {"pupil_id": _pupil(cast, which).pk}, setup=_setup
    ),
    ("get", "/api/v1/statutory/counts"): Operation(COUNTS, setup=_setup),
    ("get", "/api/v1/statutory/requests/"): Operation(
        VIEW, lists_pupil=True, listed_id=_listed("request"), setup=_setup
    ),
    ("get", "/api/v1/statutory/requests/{request_id}"): Operation(
        VIEW, record=_ids("request", "request_id"), setup=_setup
    ),
    ("post", "/api/v1/statutory/requests/"): Operation(
        CHANGE,
        body=_new_request,
        setup=_setup,
        cleanup=lambda cast: AssessmentRequest.objects.filter(la_name="API LA").delete(),
    ),
    ("patch", "/api/v1/statutory/requests/{request_id}"): Operation(
        CHANGE,
        record=_ids("request", "request_id"),
        body=lambda cast: {"made_by_name": "Ms API", "version": _fresh(cast, "request").version},
        setup=_setup,
    ),
    ("get", "/api/v1/statutory/plans/"): Operation(
        VIEW, lists_pupil=True, listed_id=_listed("plan"), setup=_setup
    ),
    ("get", "/api/v1/statutory/plans/{plan_id}"): Operation(
        VIEW, record=_ids("plan", "plan_id"), setup=_setup
    ),
    ("post", "/api/v1/statutory/plans/"): Operation(
        CHANGE,
        body=_new_plan,
        setup=_setup,
        cleanup=lambda cast: EhcPlan.objects.filter(la_name="API LA").delete(),
    ),
    ("patch", "/api/v1/statutory/plans/{plan_id}"): Operation(
        CHANGE,
        record=_ids("plan", "plan_id"),
        body=lambda cast: {"named_setting": "Alder", "version": _fresh(cast, "plan").version},
        setup=_setup,
    ),
    ("get", "/api/v1/statutory/reviews/{review_id}"): Operation(
        VIEW, record=_ids("review", "review_id"), setup=_setup
    ),
    ("post", "/api/v1/statutory/plans/{plan_id}/reviews"): Operation(
        CHANGE,
        record=_ids("plan", "plan_id"),
        body=lambda cast: {"meeting_date": "2026-12-01"},
        setup=_setup,
        cleanup=lambda cast: AnnualReview.objects.filter(meeting_date="2026-12-01").delete(),
    ),
    ("patch", "/api/v1/statutory/reviews/{review_id}"): Operation(
        CHANGE,
        record=_ids("review", "review_id"),
        body=lambda cast: {"location": "Room 4", "version": _fresh(cast, "review").version},
        setup=_setup,
    ),
}

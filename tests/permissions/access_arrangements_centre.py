"""Centre pages and API of exam access arrangements.

The SEN team and the head read the centre's evidence check and the assessor register; the SEN
team and the exams officer keep the exam series; the exams officer, SEN team and head read the
exam-day lists; only the SEN team keeps the register and only the head records the check of a
qualification. Everyone else (teacher, TA, parent, governor, professional, trust, admin): 404."""

import datetime as dt

from django.utils import timezone

from sendco.access_arrangements.models import Assessor, ExamSeries
from tests.access_arrangements.centre_data import make_assessor, make_series

from .spec import Operation, Page, R

SEN_TEAM = frozenset({R.SENCO, R.ASSISTANT_SENCO})
DETAIL = SEN_TEAM | {R.HEAD}
SERIES = SEN_TEAM | {R.EXAMS_OFFICER}
EXAMS = DETAIL | {R.EXAMS_OFFICER}
HEAD = frozenset({R.HEAD})


def _records(cast):
    if "aa_series" in cast.extra:
        return
    cast.extra["aa_series"] = {
        "linked": make_series(cast.school),
        "unlinked": make_series(cast.school, "Autumn resits", first_in_days=200),
        "other": make_series(cast.other),
    }
    cast.extra["aa_assessors"] = {
        "linked": make_assessor(cast.school),
        "unlinked": make_assessor(cast.school, "Mr B Other"),
        "other": make_assessor(cast.other),
    }


def _series(cast, which):
    return {"series_id": cast.extra["aa_series"][which].pk}


def _paper(cast, which):
    series = cast.extra["aa_series"][which]
    return {"series_id": series.pk, "paper_id": series.papers.first().pk}


def _assessor(cast, which):
    return {"assessor_id": cast.extra["aa_assessors"][which].pk}


def _page(allowed, record=None):
    return Page(allowed, record=record, setup=_records, allowed_unlinked=allowed if record else None)


PAGES = {
    "aa-home": _page(EXAMS),
    "aa-centre": _page(DETAIL),
    "aa-inspection-pdf": _page(DETAIL),
    "aa-series-list": _page(SERIES),
    "aa-series-create": _page(SERIES),
    "aa-series-edit": _page(SERIES, _series),
    "aa-paper-create": _page(SERIES, _series),
    "aa-paper-edit": _page(SERIES, _paper),
    "aa-exam-list": _page(EXAMS),
    "aa-assessor-list": _page(DETAIL),
    "aa-assessor-create": _page(SEN_TEAM),
    "aa-assessor-edit": _page(SEN_TEAM, _assessor),
    "aa-assessor-check": _page(HEAD, _assessor),
}


def _new_series(cast):
    first = timezone.localdate() + dt.timedelta(days=90)
    return {
        "name": "API series",
        "first_exam_on": str(first),
        "last_exam_on": str(first + dt.timedelta(days=10)),
        "application_deadline": str(first - dt.timedelta(days=30)),
    }


def _drop_api_series(cast):
    ExamSeries.objects.filter(name="API series").delete()


def _series_patch(cast):
    series = ExamSeries.objects.get(pk=cast.extra["aa_series"]["linked"].pk)
    return {"version": series.version, "application_deadline": str(series.application_deadline)}


def _new_paper(cast):
    series = cast.extra["aa_series"]["linked"]
    return {"title": "API paper", "sat_on": str(series.first_exam_on), "session": "am",
            "duration_minutes": 60, "nc_year": 11}  # fmt: skip


def _new_assessor(cast):
    return {"name": "API assessor", "qualification_route": "hcpc_psychologist"}


def _assessor_patch(cast):
    assessor = Assessor.objects.get(pk=cast.extra["aa_assessors"]["linked"].pk)
    return {"version": assessor.version, "email": "assessor@example.org"}


def _check(cast):
    assessor = Assessor.objects.get(pk=cast.extra["aa_assessors"]["linked"].pk)
    return {"version": assessor.version, "checked_on": str(timezone.localdate())}


A = "/api/v1/access-arrangements"


def _op(allowed, record=None, **kw):
    return Operation(allowed, record=record, setup=_records, **kw)


OPERATIONS = {
    ("get", f"{A}/series"): _op(SERIES),
    ("post", f"{A}/series"): _op(SERIES, body=_new_series, cleanup=_drop_api_series),
    ("patch", f"{A}/series/{{series_id}}"): _op(SERIES, _series, body=_series_patch),
    ("get", f"{A}/series/{{series_id}}/papers"): _op(SERIES, _series),
    ("post", f"{A}/series/{{series_id}}/papers"): _op(SERIES, _series, body=_new_paper),
    ("get", f"{A}/series/{{series_id}}/exam-list"): _op(EXAMS, _series),
    ("get", f"{A}/assessors"): _op(DETAIL),
    ("post", f"{A}/assessors"): _op(SEN_TEAM, body=_new_assessor),
    ("patch", f"{A}/assessors/{{assessor_id}}"): _op(SEN_TEAM, _assessor, body=_assessor_patch),
    ("post", f"{A}/assessors/{{assessor_id}}/check"): _op(HEAD, _assessor, body=_check),
    ("get", f"{A}/centre-check"): _op(DETAIL),
}

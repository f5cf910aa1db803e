"""Records for the centre-side tests, made with the ORM directly (the candidate-side services
are another part of the app)."""

import datetime as dt

from django.utils import timezone

from sendco.access_arrangements.models import Arrangement, Assessor, ExamPaper, ExamSeries
from tests import factories as f


def today() -> dt.date:
    return timezone.localdate()


def make_series(school, name="Summer exams", *, first_in_days=60, papers=True) -> ExamSeries:
    first = today() + dt.timedelta(days=first_in_days)
    series = ExamSeries.objects.create(
        school=school,
        name=name,
        first_exam_on=first,
        last_exam_on=first + dt.timedelta(days=30),
        application_deadline=first - dt.timedelta(days=30),
    )
    if papers:
        ExamPaper.objects.create(
            school=school, series=series, title="GCSE English Language Paper 1", sat_on=first,
            session="am", duration_minutes=90, nc_year=10,
        )  # fmt: skip
        ExamPaper.objects.create(
            school=school, series=series, title="GCSE Maths Paper 1", sat_on=first,
            session="pm", duration_minutes=105, nc_year=10,
        )  # fmt: skip
    return series


def make_arrangement(pupil, kind="extra_time_25", status="approved", **extra) -> Arrangement:
    fields = {
        "decided_on": today(),
        "approval_reference": "AAO123",
        "expires_on": today() + dt.timedelta(days=400),
    }
    return Arrangement.objects.create(
        pupil=pupil, school_id=pupil.school_id, kind=kind, status=status, **(fields | extra)
    )


def make_assessor(school, name="Dr Ada Assessor", route="level7", **extra) -> Assessor:
    return Assessor.objects.create(school=school, name=name, qualification_route=route, **extra)


def year10_pupils(school, n: int):
    return [
        f.PupilFactory(school=school, nc_year=10, legal_forename=f"Cand{i}", legal_surname=f"Idate{i}")
        for i in range(n)
    ]

"""Services of the centre side: each bad input names its field and saves nothing; versions;
the head of centre's check and its clearing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sendco.access_arrangements import services_centre as services
from sendco.access_arrangements.models import Assessor, ExamPaper, ExamSeries
from sendco.accounts.roles import Role
from sendco.core.concurrency import ConflictError
from tests import files

from .centre_data import make_assessor, make_series, today

D = dt.date


def _series_data(**over):
    first = today() + dt.timedelta(days=50)
    return {
        "name": "Summer 2027",
        "first_exam_on": first,
        "last_exam_on": first + dt.timedelta(days=40),
        "application_deadline": first - dt.timedelta(days=60),
        "approval_months": 26,
    } | over


def test_series_created_with_history(cast):
    series = services.save_series(actor=cast.user(Role.SENCO), school=cast.school, data=_series_data())
    assert series.pk and series.history.first().history_change_reason == "Exam series added"
    assert series.history.first().history_user == cast.user(Role.SENCO)


@pytest.mark.parametrize(
    "over, field",
    [
        ({"name": "  "}, "name"),
        ({"last_exam_on": today()}, "last_exam_on"),
        ({"application_deadline": today() + dt.timedelta(days=51)}, "application_deadline"),
        ({"first_exam_on": None}, "first_exam_on"),
        ({"approval_months": 0}, "approval_months"),
    ],
)
def test_series_bad_input(cast, over, field):
    with pytest.raises(ValidationError) as exc:
        services.save_series(actor=cast.user(Role.SENCO), school=cast.school, data=_series_data(**over))
    assert field in exc.value.message_dict
    assert not ExamSeries.objects.exists()


def test_series_duplicate_name(cast):
    services.save_series(actor=cast.user(Role.SENCO), school=cast.school, data=_series_data())
    with pytest.raises(ValidationError) as exc:
        services.save_series(
            actor=cast.user(Role.EXAMS_OFFICER), school=cast.school, data=_series_data(name="summer 2027")
        )
    assert "already has a series" in exc.value.message_dict["name"][0]
    assert ExamSeries.objects.count() == 1
    # Another school may use the same name.
    services.save_series(actor=cast.other_senco, school=cast.other, data=_series_data())


def test_series_refused_for_teacher_and_head(cast):
    for role in (Role.TEACHER, Role.HEAD):
        with pytest.raises(PermissionDenied):
            services.save_series(actor=cast.user(role), school=cast.school, data=_series_data())


def test_series_edit_version_conflict(cast):
    series = make_series(cast.school)
    services.save_series(
        actor=cast.user(Role.SENCO),
        school=cast.school,
        series=series,
        data={"name": "Renamed"},
        expected_version=1,
    )
    with pytest.raises(ConflictError):
        services.save_series(
            actor=cast.user(Role.SENCO),
            school=cast.school,
            series=series,
            data={"name": "Again"},
            expected_version=1,
        )
    assert ExamSeries.objects.get().name == "Renamed"


def _paper(series, **over):
    return {
        "title": "GCSE History Paper 2",
        "sat_on": series.first_exam_on,
        "session": "pm",
        "duration_minutes": 90,
        "nc_year": 11,
    } | over


def test_paper_saved(cast):
    series = make_series(cast.school, papers=False)
    paper = services.save_paper(actor=cast.user(Role.EXAMS_OFFICER), series=series, data=_paper(series))
    assert paper.school_id == cast.school.pk and paper.history.count() == 1


@pytest.mark.parametrize(
    "over, field",
    [
        ({"title": ""}, "title"),
        ({"sat_on": None}, "sat_on"),
        ({"session": "evening"}, "session"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 601}, "duration_minutes"),
        ({"nc_year": None}, "nc_year"),
    ],
)
def test_paper_bad_input(cast, over, field):
    series = make_series(cast.school, papers=False)
    with pytest.raises(ValidationError) as exc:
        services.save_paper(actor=cast.user(Role.SENCO), series=series, data=_paper(series, **over))
    assert field in exc.value.message_dict
    assert not ExamPaper.objects.exists()


def test_paper_outside_series(cast):
    series = make_series(cast.school, papers=False)
    for day in (series.first_exam_on - dt.timedelta(days=1), series.last_exam_on + dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as exc:
            services.save_paper(actor=cast.user(Role.SENCO), series=series, data=_paper(series, sat_on=day))
        assert "within the series" in exc.value.message_dict["sat_on"][0]
    assert not ExamPaper.objects.exists()


def _assessor(**over):
    base = {"name": "Ms Jo Assessor", "organisation": "", "email": "", "qualification_route": "level7"}
    return base | {"qualification_detail": "PG Cert SpLD", "apc_expires_on": None, "active": True} | over


@pytest.mark.parametrize(
    "over, field",
    [
        ({"name": ""}, "name"),
        ({"qualification_route": "unknown"}, "qualification_route"),
        ({"qualification_route": "spld_apc", "apc_expires_on": None}, "apc_expires_on"),
    ],
)
def test_assessor_bad_input(cast, over, field):
    with pytest.raises(ValidationError) as exc:
        services.save_assessor(actor=cast.user(Role.SENCO), school=cast.school, data=_assessor(**over))
    assert field in exc.value.message_dict
    assert not Assessor.objects.exists()


def test_assessor_none_route_saves_and_is_flagged(cast):
    assessor = services.save_assessor(
        actor=cast.user(Role.SENCO), school=cast.school, data=_assessor(qualification_route="none")
    )
    assert any("none of the qualifications" in p for p in assessor.problems_for(today()))


def test_assessor_bad_evidence_file_saves_nothing(cast):
    upload = SimpleUploadedFile("cert.exe", b"MZ\x90\x00 not a document")
    with pytest.raises(ValidationError) as exc:
        services.save_assessor(
            actor=cast.user(Role.SENCO), school=cast.school, data=_assessor(), evidence=upload
        )
    assert "evidence" in exc.value.message_dict
    assert not Assessor.objects.exists()


def test_assessor_evidence_stored(cast):
    upload = SimpleUploadedFile("cert.pdf", files.PDF)
    assessor = services.save_assessor(
        actor=cast.user(Role.SENCO), school=cast.school, data=_assessor(), evidence=upload
    )
    assert assessor.evidence_name == "cert.pdf" and assessor.evidence.name.startswith(
        f"assessors/{cast.school.pk}/"
    )


def test_head_checks_and_only_head(cast):
    assessor = make_assessor(cast.school)
    for role in (Role.SENCO, Role.EXAMS_OFFICER):
        with pytest.raises(PermissionDenied):
            services.check_assessor(
                actor=cast.user(role), assessor=assessor, checked_on=today(), expected_version=1
            )
    head = cast.user(Role.HEAD)
    with pytest.raises(ValidationError) as exc:
        services.check_assessor(
            actor=head, assessor=assessor, checked_on=today() + dt.timedelta(days=1), expected_version=1
        )
    assert "future" in exc.value.message_dict["checked_on"][0]
    checked = services.check_assessor(actor=head, assessor=assessor, checked_on=today(), expected_version=1)
    assert (checked.checked_by, checked.checked_on, checked.version) == (head, today(), 2)
    assert checked.problems_for(today()) == []


def test_changing_qualification_clears_check(cast):
    head, senco = cast.user(Role.HEAD), cast.user(Role.SENCO)
    assessor = services.check_assessor(
        actor=head, assessor=make_assessor(cast.school), checked_on=today(), expected_version=1
    )
    # A change of e-mail keeps the check...
    kept = services.save_assessor(
        actor=senco,
        school=cast.school,
        assessor=assessor,
        data={"email": "a@example.org"},
        expected_version=2,
    )
    assert kept.checked_on == today()
    # ...a different qualification does not.
    cleared = services.save_assessor(
        actor=senco, school=cast.school, assessor=kept,
        data={"qualification_route": "hcpc_psychologist"}, expected_version=3,
    )  # fmt: skip
    assert cleared.checked_on is None and cleared.checked_by is None
    assert "check was cleared" in cleared.history.first().history_change_reason


def test_assessor_edit_conflict(cast):
    assessor = make_assessor(cast.school)
    with pytest.raises(ConflictError):
        services.save_assessor(
            actor=cast.user(Role.SENCO),
            school=cast.school,
            assessor=assessor,
            data={"name": "X"},
            expected_version=7,
        )
    assert Assessor.objects.get().name == "Dr Ada Assessor"


def test_assessor_manage_refused_for_head_and_exams(cast):
    for role in (Role.HEAD, Role.EXAMS_OFFICER):
        with pytest.raises(PermissionDenied):
            services.save_assessor(actor=cast.user(role), school=cast.school, data=_assessor())

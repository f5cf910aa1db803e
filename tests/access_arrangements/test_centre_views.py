"""Centre pages: the evidence check (counts, filter, series, fixed queries), series and paper
forms, the assessor register and the head's check, the landing page, the SENCO's panel."""

import datetime as dt

import pytest
from django.urls import reverse

from sendco.access_arrangements.models import Assessor, ExamSeries
from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog

from .centre_data import make_arrangement, make_assessor, make_series, today, year10_pupils


def _login(client, cast, role):
    client.force_login(cast.user(role))


def test_centre_check_counts_filter_and_log(cast, client):
    series = make_series(cast.school)
    make_arrangement(cast.pupil, "rest_breaks", status="approved")  # delegated: needs normal way
    make_arrangement(cast.pupil, "extra_time_25", status="refused")  # not checked
    _login(client, cast, Role.SENCO)
    response = client.get(reverse("aa-centre"))
    assert response.status_code == 200
    assert response.context["series"] == series
    assert response.context["counts"] == {"total": 1, "complete": 0, "gaps": 1}
    body = response.content.decode()
    assert "Supervised rest breaks" in body and "No teacher&#x27;s evidence" in body and "JCQ AARA" in body
    assert AccessLog.objects.filter(action="list", what__startswith="Access arrangements: centre").exists()
    assert len(client.get(reverse("aa-centre") + "?gaps=1").context["rows"]) == 1


def test_centre_check_other_series_flags_expiry(cast, client):
    make_series(cast.school)
    late = make_series(cast.school, "Later", first_in_days=500, papers=False)
    make_arrangement(cast.pupil, "reader", expires_on=today() + dt.timedelta(days=100))
    _login(client, cast, Role.HEAD)
    rows = client.get(reverse("aa-centre") + f"?series={late.pk}").context["rows"]
    assert "expires_in_series" in {g.code for g in rows[0].gaps}


@pytest.mark.parametrize("n", [3, 30])
def test_centre_check_queries_do_not_grow(cast, client, django_assert_max_num_queries, n):
    make_series(cast.school)
    assessor = make_assessor(cast.school)
    for pupil in year10_pupils(cast.school, n):
        make_arrangement(pupil, "extra_time_25")
        make_arrangement(pupil, "separate_invigilation")
    assert assessor
    _login(client, cast, Role.SENCO)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("aa-centre"))
    assert response.context["counts"]["total"] == 2 * n


def test_centre_check_same_queries_for_3_and_30(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_series(cast.school)
    _login(client, cast, Role.SENCO)
    counts = []
    for n in (3, 27):
        for pupil in year10_pupils(cast.school, n):
            make_arrangement(pupil, "extra_time_25")
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("aa-centre"))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_landing_redirects_by_role(cast, client):
    _login(client, cast, Role.HEAD)
    assert client.get(reverse("aa-home"))["Location"] == reverse("aa-centre")
    _login(client, cast, Role.EXAMS_OFFICER)
    assert client.get(reverse("aa-home"))["Location"] == reverse("aa-exam-list")
    _login(client, cast, Role.TEACHER)
    assert client.get(reverse("aa-home")).status_code == 404


def test_series_form_errors_and_save(cast, client):
    _login(client, cast, Role.EXAMS_OFFICER)
    first = today() + dt.timedelta(days=30)
    bad = {
        "name": "Summer",
        "first_exam_on": first,
        "last_exam_on": first - dt.timedelta(days=1),
        "application_deadline": first + dt.timedelta(days=1),
        "approval_months": 26,
    }
    response = client.post(reverse("aa-series-create"), bad)
    body = response.content.decode()
    assert response.status_code == 200 and not ExamSeries.objects.exists()
    assert "The last exam must be on or after the first exam." in body
    assert "The application deadline must be on or before the first exam." in body
    assert body.count("Error: ") == 1
    good = bad | {"last_exam_on": first + dt.timedelta(days=20), "application_deadline": first}
    response = client.post(reverse("aa-series-create"), good)
    series = ExamSeries.objects.get()
    assert response["Location"] == reverse("aa-series-edit", kwargs={"series_id": series.pk})


def test_series_edit_conflict_page(cast, client):
    series = make_series(cast.school)
    _login(client, cast, Role.SENCO)
    data = {
        "name": "New",
        "first_exam_on": series.first_exam_on,
        "last_exam_on": series.last_exam_on,
        "application_deadline": series.application_deadline,
        "approval_months": 26,
        "version": 5,
    }
    response = client.post(reverse("aa-series-edit", kwargs={"series_id": series.pk}), data)
    assert response.status_code == 200 and "Someone else changed this record" in response.content.decode()
    assert ExamSeries.objects.get().name == "Summer exams"


def test_paper_form(cast, client):
    series = make_series(cast.school, papers=False)
    _login(client, cast, Role.SENCO)
    url = reverse("aa-paper-create", kwargs={"series_id": series.pk})
    response = client.post(
        url,
        {
            "title": "P",
            "sat_on": series.first_exam_on,
            "session": "am",
            "duration_minutes": 700,
            "nc_year": 10,
        },
    )
    assert "from 1 to 600" in response.content.decode() and not series.papers.exists()
    client.post(
        url,
        {
            "title": "P",
            "sat_on": series.first_exam_on,
            "session": "am",
            "duration_minutes": 90,
            "nc_year": 10,
        },
    )
    assert series.papers.get().duration_minutes == 90


def test_assessor_register_and_head_check(cast, client):
    _login(client, cast, Role.SENCO)
    response = client.post(
        reverse("aa-assessor-create"),
        {"name": "Mr Apc", "qualification_route": "spld_apc", "active": "on"},
    )
    assert "Enter when the SpLD Assessment Practising Certificate expires." in response.content.decode()
    assert not Assessor.objects.exists()
    client.post(
        reverse("aa-assessor-create"), {"name": "Nobody", "qualification_route": "none", "active": "on"}
    )
    body = client.get(reverse("aa-assessor-list")).content.decode()
    assert "Cannot assess" in body and "The head of centre has not checked" in body
    assert "Record your check" not in body  # the SENCO does not check

    assessor = make_assessor(cast.school)
    _login(client, cast, Role.HEAD)
    url = reverse("aa-assessor-check", kwargs={"assessor_id": assessor.pk})
    response = client.post(url, {"checked_on": today() + dt.timedelta(days=3), "version": 1})
    assert "cannot be in the future" in response.content.decode()
    client.post(url, {"checked_on": today(), "version": 1})
    assessor.refresh_from_db()
    assert assessor.checked_by == cast.user(Role.HEAD) and assessor.checked_on == today()


def test_home_panel_for_senco(cast, client):
    series = make_series(cast.school)
    make_arrangement(cast.pupil, "reader", expires_on=series.first_exam_on)
    _login(client, cast, Role.SENCO)
    body = client.get(reverse("home")).content.decode()
    assert "Exam access arrangements" in body and "Approvals expiring before Summer exams ends" in body
    _login(client, cast, Role.TEACHER)
    assert "Arrangements with gaps in evidence" not in client.get(reverse("home")).content.decode()

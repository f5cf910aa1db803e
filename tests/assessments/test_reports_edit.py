"""Correcting a report's details in the browser: the SEN team only, version checked, the
conflict shown with what was typed kept."""

import datetime as dt

import pytest
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.assessments import services_reports
from sendco.assessments.models import ProfessionalReport
from sendco.audit.models import AccessLog
from tests.assessments.report_helpers import TODAY, upload

pytestmark = pytest.mark.django_db


def _form(report, **extra):
    return {
        "version": str(report.version),
        "title": "Educational psychology report (corrected)",
        "author_name": report.author_name,
        "author_role": report.author_role,
        "agency_name": report.agency_name,
        "written_on": report.written_on.isoformat(),
        "received_on": report.received_on.isoformat(),
        "summary": "Working memory well below average.",
    } | extra


def test_the_senco_corrects_the_details(cast, client):
    report = upload(cast)
    client.force_login(cast.user(Role.SENCO))
    url = reverse("report-edit", args=[report.pk])
    page = client.get(url).content.decode()
    assert "Correct the report's details" in page and report.author_name in page
    response = client.post(url, _form(report))
    assert response.status_code == 302 and response["Location"] == reverse("report-detail", args=[report.pk])
    report.refresh_from_db()
    assert report.title == "Educational psychology report (corrected)" and report.version == 2
    assert report.history.first().history_change_reason == "Report corrected"
    assert AccessLog.objects.filter(pupil=cast.pupil, what__startswith="Correct").exists()
    detail = client.get(reverse("report-detail", args=[report.pk])).content.decode()
    assert reverse("report-edit", args=[report.pk]) in detail


def test_a_bad_date_is_shown_and_nothing_changes(cast, client):
    report = upload(cast)
    client.force_login(cast.user(Role.SENCO))
    future = (TODAY + dt.timedelta(days=5)).isoformat()
    response = client.post(reverse("report-edit", args=[report.pk]), _form(report, received_on=future))
    assert response.status_code == 200
    assert "The date received cannot be in the future." in response.content.decode()
    report.refresh_from_db()
    assert report.version == 1 and report.title == "Educational psychology report"


def test_a_stale_version_shows_the_conflict_and_keeps_the_input(cast, client):
    report = upload(cast)
    senco = cast.user(Role.SENCO)
    shown = _form(report, title="My correction")
    services_reports.correct_report(
        actor=senco, report=report, expected_version=1, title="Someone else's title",
        author_name=report.author_name, written_on=report.written_on, received_on=report.received_on,
    )  # fmt: skip
    client.force_login(senco)
    response = client.post(reverse("report-edit", args=[report.pk]), shown)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this report" in page and "Someone else&#x27;s title" in page
    assert 'value="My correction"' in page and 'name="version" value="2"' in page
    assert ProfessionalReport.objects.get().title == "Someone else's title"
    # Saving again (now on the version shown) replaces it.
    again = client.post(reverse("report-edit", args=[report.pk]), shown | {"version": "2"})
    assert again.status_code == 302 and ProfessionalReport.objects.get().title == "My correction"


def test_a_page_without_a_version_is_treated_as_stale(cast, client):
    report = upload(cast)
    client.force_login(cast.user(Role.SENCO))
    data = _form(report)
    del data["version"]
    response = client.post(reverse("report-edit", args=[report.pk]), data)
    assert response.status_code == 200 and "Someone else changed this report" in response.content.decode()
    assert ProfessionalReport.objects.get().version == 1


@pytest.mark.parametrize("role", [Role.TEACHER, Role.HEAD, Role.PROFESSIONAL])
def test_only_the_sen_team_corrects(cast, client, role):
    report = upload(cast)
    client.force_login(cast.user(role))
    url = reverse("report-edit", args=[report.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _form(report)).status_code == 404
    assert ProfessionalReport.objects.get().version == 1

"""The school and trust deadline dashboards and the XLSX export."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.statutory import selectors
from sendco.statutory.models import EhcPlan

from .. import factories as f

pytestmark = pytest.mark.django_db


def _overdue_plan(pupil, la="Leeds"):
    return EhcPlan.objects.create(
        pupil=pupil, school=pupil.school, la_name=la, issued_on=timezone.localdate() - dt.timedelta(days=400)
    )


def test_school_dashboard_names_overdue_pupils_with_rules(senco_client, cast):
    _overdue_plan(cast.pupil)
    body = senco_client.get(reverse("statutory-dashboard")).content.decode()
    assert cast.pupil.full_name in body
    assert "Overdue" in body and "Children and Families Act 2014 s44(1)" in body
    assert AccessLog.objects.filter(what="EHC deadlines dashboard").exists()


def test_trust_officer_sees_counts_by_school_never_names(client, cast):
    _overdue_plan(cast.pupil, la="Kirklees")
    _overdue_plan(cast.other_pupil)  # another trust: not counted
    selectors.refresh_cache(selectors.Q())
    client.force_login(cast.user(Role.TRUST_OFFICER))
    response = client.get(reverse("statutory-dashboard"), follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("statutory-trust")
    assert cast.school.name in body and "Kirklees" in body
    assert cast.pupil.legal_surname not in body and cast.other.name not in body


def test_trust_counts_come_from_the_cache_kept_by_services(client, cast):
    senco = cast.user(Role.SENCO)
    from sendco.statutory import services

    services.save_plan(
        actor=senco,
        pupil=cast.pupil,
        data={"la_name": "Leeds", "issued_on": timezone.localdate() - dt.timedelta(days=400)},
    )
    data = selectors.trust_dashboard(cast.user(Role.TRUST_OFFICER))
    assert dict(data["totals"])["Overdue"] == 1


def test_export_is_xlsx_and_logged(senco_client, cast):
    from openpyxl import load_workbook

    _overdue_plan(cast.pupil)
    response = senco_client.get(reverse("statutory-dashboard-export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["School", "Pupil", "Kind", "Deadline"] and "Rule" in header
    assert sheet.max_row >= 2
    assert AccessLog.objects.filter(action="export", what__startswith="EHC deadlines").exists()


def test_dashboard_queries_do_not_grow_with_rows(senco_client, cast):
    def add(n):
        for _ in range(n):
            _overdue_plan(f.PupilFactory(school=cast.school))

    add(5)
    with CaptureQueriesContext(connection) as small:
        senco_client.get(reverse("statutory-dashboard"))
    add(45)
    with CaptureQueriesContext(connection) as large:
        senco_client.get(reverse("statutory-dashboard"))
    assert len(small.captured_queries) == len(large.captured_queries)


def test_trust_dashboard_queries_do_not_grow_with_rows(client, cast):
    client.force_login(cast.user(Role.TRUST_OFFICER))

    def add(n):
        for _ in range(n):
            _overdue_plan(f.PupilFactory(school=cast.sister))
        selectors.refresh_cache(selectors.Q())

    add(5)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("statutory-trust"))
    add(45)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("statutory-trust"))
    assert len(small.captured_queries) == len(large.captured_queries)


def test_home_panel_for_the_senco(senco_client, cast):
    _overdue_plan(cast.pupil)
    selectors.refresh_cache(selectors.Q())
    body = senco_client.get(reverse("home")).content.decode()
    assert "EHC deadlines" in body and "1 overdue" in body


def test_teacher_has_no_dashboard(client, cast):
    client.force_login(cast.user(Role.TEACHER))
    assert client.get(reverse("statutory-dashboard")).status_code == 404


def test_home_panel_for_the_trust_officer_counts_only(client, cast):
    _overdue_plan(cast.pupil)
    selectors.refresh_cache(selectors.Q())
    client.force_login(cast.user(Role.TRUST_OFFICER))
    body = client.get(reverse("home")).content.decode()
    assert "1 overdue" in body


def test_no_panel_for_a_teacher(client, cast):
    client.force_login(cast.user(Role.TEACHER))
    assert "EHC deadlines" not in client.get(reverse("home")).content.decode()

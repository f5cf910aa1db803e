"""The school's referrals dashboard (rows, flags, filters, order, export, logging, fixed query
count) and the waiting-times page (one school, the trust, the trust officer's per-school
summary, counts only)."""

import csv
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.agencies.selectors_dashboard import school_summaries
from sendco.audit.models import AccessLog
from tests import factories as f

from .referral_helpers import agency, consent, days_ago, referral

DASHBOARD = "/agencies/referrals/"


@pytest.fixture
def ep(cast):
    return agency(cast.school, wait=42)


@pytest.fixture
def salt(cast):
    return agency(cast.school, name="Speech and Language Service", kind="salt", wait=20)


def _refer(pupil, service, **kw):
    return referral(pupil, service, consent(pupil, service), **kw)


def _login(client, cast, role=Role.SENCO):
    client.force_login(cast.user(role))


def test_reverse_names():
    assert reverse("referral-dashboard") == DASHBOARD
    assert reverse("referral-waiting-times") == "/agencies/waiting-times/"


def test_dashboard_lists_open_referrals_most_overdue_first_with_reasons(cast, client, ep, salt):
    on_time = _refer(cast.pupil, ep, sent_days_ago=5)
    late = _refer(cast.unlinked, salt, sent_days_ago=30)  # 10 days past the 20 expected
    later = _refer(cast.pupil, ep, sent_days_ago=60)  # 18 days past the 42 expected
    _refer(cast.pupil, ep, status="closed", closed_on=days_ago(1))
    _refer(cast.other_pupil, agency(cast.other, name="Cedar EP"), sent_days_ago=90)
    _login(client, cast)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    rows = [r.referral.pk for r in response.context["page"].object_list]
    assert rows == [later.pk, late.pk, on_time.pk]
    html = response.content.decode()
    assert "No response from the service: expected within 20 days" in html
    assert f'href="/pupils/{cast.pupil.pk}/referrals/"' in html
    assert "Cedar EP" not in html
    assert response.context["overdue"] == 2


def test_dashboard_filters(cast, client, ep, salt):
    on_time = _refer(cast.pupil, ep, sent_days_ago=5)
    late = _refer(cast.unlinked, salt, sent_days_ago=30)
    accepted = _refer(cast.pupil, salt, status="accepted", sent_days_ago=2)
    _login(client, cast)

    def listed(**query):
        return {r.referral.pk for r in client.get(DASHBOARD, query).context["page"].object_list}

    assert listed(overdue="1") == {late.pk}
    assert listed(service=ep.pk) == {on_time.pk}
    assert listed(status="accepted") == {accepted.pk}
    assert listed(status="nonsense") == {on_time.pk, late.pk, accepted.pk}  # unknown status: ignored


def test_dashboard_shows_withdrawn_consent(cast, client, ep):
    given = consent(cast.pupil, ep, withdrawn_on=days_ago(1), withdrawn_by="Pat Parent")
    referral(cast.pupil, ep, given, sent_days_ago=3)
    _login(client, cast)
    html = client.get(DASHBOARD).content.decode()
    assert "Consent withdrawn on" in html and "by Pat Parent" in html


def test_dashboard_read_is_logged_for_the_school(cast, client, ep):
    _refer(cast.pupil, ep)
    _login(client, cast, Role.HEAD)
    client.get(DASHBOARD)
    row = AccessLog.objects.filter(user=cast.user(Role.HEAD), action=AccessLog.Action.LIST).latest("at")
    assert row.what == "Referrals dashboard: 1 shown" and row.school_id == cast.school.pk


@pytest.mark.parametrize("role", [Role.TEACHER, Role.TA, Role.GOVERNOR, Role.TRUST_OFFICER, Role.PARENT])
def test_dashboard_refused_to_others(cast, client, ep, role):
    _refer(cast.pupil, ep)
    _login(client, cast, role)
    assert client.get(DASHBOARD).status_code == 404
    assert client.get(reverse("referral-dashboard-export")).status_code == 404


def test_csv_export_has_the_rows_and_is_logged(cast, client, ep):
    _refer(cast.pupil, ep, sent_days_ago=50)
    _refer(cast.unlinked, ep, sent_days_ago=1)
    _login(client, cast)
    response = client.get(reverse("referral-dashboard-export"), {"format": "csv", "overdue": "1"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Pupil", "UPN", "Year"]
    assert len(rows) == 2 and rows[1][0] == cast.pupil.full_name
    assert rows[1][7] == "50" and "No response from the service" in rows[1][10]
    assert AccessLog.objects.filter(
        action=AccessLog.Action.EXPORT, what__startswith="Referrals dashboard"
    ).exists()


def test_xlsx_export(cast, client, ep):
    _refer(cast.pupil, ep)
    _login(client, cast)
    response = client.get(reverse("referral-dashboard-export"), {"format": "xlsx"})
    assert response.status_code == 200
    assert zipfile.is_zipfile(io.BytesIO(response.content))


def _queries(client, url, **query):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, query).status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_costs_a_fixed_number_of_queries(cast, client, ep, salt):
    _login(client, cast)
    _refer(cast.pupil, ep)
    client.get(DASHBOARD)  # warm the per-process caches
    few = _queries(client, DASHBOARD)
    for n in range(8):
        pupil = f.PupilFactory(school=cast.school)
        _refer(pupil, salt if n % 2 else ep, sent_days_ago=n * 9)
    assert _queries(client, DASHBOARD) == few


# --- waiting times ----------------------------------------------------------------------------

WAITS = "/agencies/waiting-times/"


def _seen_after(pupil, service, days):
    return _refer(pupil, service, status="seen", sent_days_ago=days + 5, first_seen_on=days_ago(5))


def test_waiting_times_for_the_school(cast, client, ep):
    _seen_after(cast.pupil, ep, 10)
    _seen_after(cast.unlinked, ep, 20)
    _refer(cast.pupil, ep, sent_days_ago=3)  # still waiting
    _seen_after(cast.other_pupil, agency(cast.other, name="Cedar EP"), 99)
    _login(client, cast)
    response = client.get(WAITS)
    assert response.status_code == 200
    [figures] = response.context["services"]
    assert (figures.name, figures.median_days, figures.count, figures.still_waiting) == (ep.name, 15.0, 2, 1)
    html = response.content.decode()
    assert "Learner" not in html and "Cedar EP" not in html
    assert response.context["summaries"] is None  # the per-school summary is the trust's


def test_trust_officer_sees_the_trust_and_a_summary_per_school(cast, client, ep):
    _seen_after(cast.pupil, ep, 10)
    _refer(cast.unlinked, ep, sent_days_ago=60)  # overdue
    sister_ep = agency(cast.sister, name="Birch EP")
    _seen_after(cast.sister_pupil, sister_ep, 30)
    _seen_after(cast.other_pupil, agency(cast.other, name="Cedar EP"), 99)
    _login(client, cast, Role.TRUST_OFFICER)
    response = client.get(WAITS)
    assert response.context["chosen"] is None  # all schools of the trust by default
    assert {s.name for s in response.context["services"]} == {ep.name, "Birch EP"}
    summary = {s.school.name: (s.open, s.overdue) for s in response.context["summaries"]}
    assert summary == {"Alder Secondary": (2, 1), "Birch Primary": (1, 0)}
    one = client.get(WAITS, {"school": cast.sister.pk})
    assert one.context["chosen"] == cast.sister
    assert [s.name for s in one.context["services"]] == ["Birch EP"]
    assert "Learner" not in response.content.decode()


def test_a_school_not_in_reach_falls_back_to_the_users_own(cast, client, ep):
    _seen_after(cast.other_pupil, agency(cast.other, name="Cedar EP"), 99)
    _login(client, cast, Role.GOVERNOR)
    response = client.get(WAITS, {"school": cast.other.pk})
    assert response.context["chosen"] == cast.school
    assert response.context["services"] == []


def test_waiting_times_refused_without_aggregates(cast, client):
    for role in (Role.TEACHER, Role.PARENT, Role.PROFESSIONAL):
        _login(client, cast, role)
        assert client.get(WAITS).status_code == 404


def test_trust_summary_costs_a_fixed_number_of_queries(cast, client, ep):
    _login(client, cast, Role.TRUST_OFFICER)
    _refer(cast.pupil, ep)
    client.get(WAITS)
    few = _queries(client, WAITS)
    sister_ep = agency(cast.sister, name="Birch EP")
    for n in range(6):
        _refer(f.PupilFactory(school=cast.sister), sister_ep, sent_days_ago=n * 20)
        _refer(f.PupilFactory(school=cast.school), ep, sent_days_ago=n * 15)
    assert _queries(client, WAITS) == few
    with CaptureQueriesContext(connection) as ctx:
        school_summaries([cast.school, cast.sister])
    assert len(ctx.captured_queries) == 1

"""Candidate pages: what each role sees, field errors, 404s."""

import pytest
from django.urls import reverse

from sendco.access_arrangements.models import Arrangement, Form8, NormalWayRequest
from sendco.accounts.roles import Role
from sendco.assessments.models import Assessment
from sendco.audit.models import AccessLog

from .candidate_helpers import arrangement, assessor, days_ago, form8, request_for

pytestmark = pytest.mark.django_db


def _tab(client, cast, role):
    client.force_login(cast.user(role))
    return client.get(reverse("aa-pupil", kwargs={"pk": cast.pupil.pk}))


def test_senco_sees_detail_and_gaps(cast, client):
    f8 = form8(cast.pupil)
    arrangement(cast.pupil, form8=f8, status="approved", approval_reference="REF-99")
    response = _tab(client, cast, Role.SENCO)
    text = response.content.decode()
    assert response.status_code == 200
    assert "25% extra time" in text and "REF-99" in text
    assert "Evidence chain" in text and "No teacher" in text  # a gap with its message
    assert "JCQ AARA" in text and "Form 8 Part 2" in text
    assert AccessLog.objects.filter(user=cast.user(Role.SENCO), pupil=cast.pupil).exists()


def test_exams_officer_sees_only_the_arrangement(cast, client):
    arrangement(cast.pupil, form8=form8(cast.pupil), approval_reference="REF-99")
    text = _tab(client, cast, Role.EXAMS_OFFICER).content.decode()
    assert "25% extra time" in text
    assert "REF-99" not in text and "Evidence chain" not in text and "Form 8" not in text
    assert "Add an arrangement" not in text


def test_head_reads_detail_without_changing(cast, client):
    arrangement(cast.pupil)
    text = _tab(client, cast, Role.HEAD).content.decode()
    assert "Evidence chain" in text and "Add an arrangement" not in text


@pytest.mark.parametrize("role", [Role.TEACHER, Role.PARENT, Role.GOVERNOR, Role.PROFESSIONAL, Role.TA])
def test_tab_404_for_others(cast, client, role):
    assert _tab(client, cast, role).status_code == 404


def test_tab_listed_from_year9_only(cast, client):
    client.force_login(cast.user(Role.SENCO))
    page = client.get(reverse("pupil-detail", kwargs={"pk": cast.unlinked.pk})).content.decode()
    assert reverse("aa-pupil", kwargs={"pk": cast.unlinked.pk}) not in page
    arrangement(cast.unlinked)
    page = client.get(reverse("pupil-detail", kwargs={"pk": cast.unlinked.pk})).content.decode()
    assert reverse("aa-pupil", kwargs={"pk": cast.unlinked.pk}) in page


def test_add_arrangement_error_and_success(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("aa-arrangement-new", kwargs={"pk": cast.pupil.pk})
    response = client.post(url, {"kind": "other", "status": "proposed"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Enter the name of the arrangement" in text and text.count("Error: ") == 1
    assert Arrangement.objects.count() == 0
    response = client.post(url, {"kind": "reader", "status": "proposed"})
    assert response.status_code == 302 and Arrangement.objects.count() == 1


def test_stale_edit_shows_conflict(cast, client):
    a = arrangement(cast.pupil)
    Arrangement.objects.filter(pk=a.pk).update(version=2)
    client.force_login(cast.user(Role.SENCO))
    url = reverse("aa-arrangement-edit", kwargs={"pk": cast.pupil.pk, "arrangement_id": a.pk})
    response = client.post(url, {"version": 1, "kind": "reader", "status": "proposed"})
    assert response.status_code == 200 and "Someone else changed" in response.content.decode()
    a.refresh_from_db()
    assert a.kind == "extra_time_25"


def test_arrangement_of_unseen_pupil_404(cast, client):
    other = arrangement(cast.other_pupil)
    client.force_login(cast.user(Role.SENCO))
    url = reverse("aa-arrangement-edit", kwargs={"pk": cast.other_pupil.pk, "arrangement_id": other.pk})
    assert client.post(url, {"version": 1, "kind": "reader", "status": "proposed"}).status_code == 404
    assert client.get(reverse("aa-arrangement-new", kwargs={"pk": cast.other_pupil.pk})).status_code == 404
    other.refresh_from_db()
    assert other.kind == "extra_time_25"


def test_decision_page_expiry_error(cast, client):
    a = arrangement(cast.pupil)
    client.force_login(cast.user(Role.SENCO))
    url = reverse("aa-decision", kwargs={"pk": cast.pupil.pk, "arrangement_id": a.pk})
    response = client.post(
        url, {"version": 1, "decided_on": days_ago(3), "expires_on": days_ago(9), "status": "approved"}
    )
    assert response.status_code == 200 and "cannot expire before" in response.content.decode()
    client.force_login(cast.user(Role.ASSISTANT_SENCO))
    assert client.get(url).status_code == 404


def test_form8_part2_score_error_and_warning(cast, client):
    f8 = form8(cast.pupil)
    who = assessor(cast.school, checked_on=None)
    client.force_login(cast.user(Role.SENCO))
    url = reverse("aa-form8-part2", kwargs={"pk": cast.pupil.pk})
    data = {
        "version": f8.version, "taken_on": days_ago(5), "assessor": who.pk,
        "scores-TOTAL_FORMS": 1, "scores-INITIAL_FORMS": 0,
        "scores-0-test_name": "TOWRE-2", "scores-0-area": "reading_speed", "scores-0-standard_score": 200,
    }  # fmt: skip
    response = client.post(url, data)
    text = response.content.decode()
    assert response.status_code == 200 and "from 40 to 160" in text
    assert Assessment.objects.count() == 0
    data["scores-0-standard_score"] = 80
    assert client.post(url, data).status_code == 302
    text = client.get(url).content.decode()
    assert "has not checked" in text  # the unchecked assessor is flagged


def test_form8_part1_creates_form(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("aa-form8-part1", kwargs={"pk": cast.pupil.pk})
    response = client.post(
        url,
        {
            "history_of_need": "Long history",
            "normal_way_of_working": "Laptop",
            "part1_signed_on": days_ago(2),
        },
    )
    assert response.status_code == 302 and Form8.objects.filter(pupil=cast.pupil).count() == 1
    assert client.get(reverse("aa-form8-part3", kwargs={"pk": cast.pupil.pk})).status_code == 200


def test_teacher_answers_own_request_only(cast, client):
    a = arrangement(cast.pupil)
    req = request_for(a, cast.user(Role.TEACHER), cast.user(Role.SENCO))
    client.force_login(cast.user(Role.TEACHER))
    listing = client.get(reverse("aa-my-requests")).content.decode()
    assert reverse("aa-normal-way-answer", kwargs={"request_id": req.pk}) in listing
    url = reverse("aa-normal-way-answer", kwargs={"request_id": req.pk})
    assert client.post(url, {"source": "mocks", "answer": "Uses it in mocks."}).status_code == 302
    assert NormalWayRequest.objects.get(pk=req.pk).answered_at is not None
    client.force_login(cast.user(Role.TA))
    assert client.get(url).status_code == 404


def test_senco_requests_evidence(cast, client):
    a = arrangement(cast.pupil)
    client.force_login(cast.user(Role.SENCO))
    url = reverse("aa-normal-way-request", kwargs={"pk": cast.pupil.pk, "arrangement_id": a.pk})
    response = client.post(url, {"requested_from": cast.user(Role.TEACHER).pk, "subject": "English"})
    assert response.status_code == 302
    assert NormalWayRequest.objects.filter(arrangement=a, requested_from=cast.user(Role.TEACHER)).exists()


def test_tab_queries_do_not_grow_with_arrangements_and_their_evidence(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sendco.access_arrangements.models import AlternativeEvidence

    def add(n):
        for _ in range(n):
            a = arrangement(cast.pupil, kind="reader")
            AlternativeEvidence.objects.create(
                pupil=cast.pupil, school=cast.school, arrangement=a, kind="ehc_plan",
                author="Dr A. Patel", dated=days_ago(10),
            )  # fmt: skip

    client.force_login(cast.user(Role.SENCO))
    url = reverse("aa-pupil", args=[cast.pupil.pk])

    def count():
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        return len(seen.captured_queries)

    add(1)
    few = count()
    add(5)
    assert count() == few

"""The pupil's Assessments tab, recording a sitting with the score formset, a sitting's page
and its correction (with the version check)."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.assessments.models import Assessment, Score
from sendco.audit.models import AccessLog

from .helpers import TODAY, record


def _post(rows, **sitting) -> dict:
    data = {
        "taken_on": (TODAY - dt.timedelta(days=3)).isoformat(),
        "assessor_name": "Ms Reid",
        "assessor_role": "Specialist teacher",
        "purpose": "access_arrangements",
        "summary": "",
        "scores-TOTAL_FORMS": str(len(rows)),
        "scores-INITIAL_FORMS": "0",
    } | sitting
    for n, row in enumerate(rows):
        for key in ("test_name", "area", "standard_score", "percentile", "age_equivalent"):
            data[f"scores-{n}-{key}"] = row.get(key, "")
    return data


GOOD = {"test_name": "TOWRE-2", "area": "reading_speed", "standard_score": "82", "percentile": "12"}


def test_the_tab_lists_sittings_newest_first_with_bands_and_logs_the_read(cast, client):
    record(cast, taken_on=TODAY - dt.timedelta(days=100), assessor_name="Older Assessor")
    record(cast, assessor_name="Newer Assessor")
    client.force_login(cast.user(Role.TEACHER))
    response = client.get(reverse("assessment-pupil-list", args=[cast.pupil.pk]))
    text = response.content.decode()
    assert text.index("Newer Assessor") < text.index("Older Assessor")
    assert "Speed of reading" in text and "Below average" in text and ">12<" in text
    assert "Record an assessment" not in text  # a teacher reads only
    assert AccessLog.objects.filter(
        user=cast.user(Role.TEACHER), pupil=cast.pupil, what="Assessments"
    ).exists()
    assert f'href="/pupils/{cast.pupil.pk}/assessments/"' in text  # the tab itself


def test_record_shows_blank_rows_and_more_on_request(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("assessment-record", args=[cast.pupil.pk])
    assert client.get(url).content.decode().count('name="scores-') >= 3 * 5
    text = client.get(url + "?rows=6").content.decode()
    assert 'name="scores-5-test_name"' in text and 'name="scores-6-test_name"' not in text
    assert 'name="scores-20-test_name"' not in client.get(url + "?rows=500").content.decode()


def test_add_another_score_without_javascript_keeps_what_was_typed(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("assessment-record", args=[cast.pupil.pk])
    response = client.post(url, _post([GOOD]) | {"add_row": "1"})
    text = response.content.decode()
    assert 'name="scores-1-test_name"' in text and 'value="TOWRE-2"' in text
    assert "There is a problem" not in text and not Assessment.objects.exists()


def test_a_bad_score_shows_the_summary_keeps_the_input_and_saves_nothing(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("assessment-record", args=[cast.pupil.pk])
    bad = GOOD | {"standard_score": "39"}
    response = client.post(url, _post([GOOD, bad, {}], assessor_name=""))
    text = response.content.decode()
    assert response.status_code == 200 and not Assessment.objects.exists() and not Score.objects.exists()
    assert "There is a problem" in text
    assert '<a href="#id_scores-1-standard_score">Score 2: A standard score is from 40' in text
    assert '<a href="#id_assessor_name">Enter the name of the assessor.</a>' in text
    assert 'value="39"' in text and 'value="Specialist teacher"' in text
    assert text.count("Error:") == 1 + 2  # the title once, and a hidden prefix on each message
    assert "<title>Error: Record an assessment" in text


def test_only_a_score_error_still_titles_the_page_once(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.post(reverse("assessment-record", args=[cast.pupil.pk]), _post([GOOD | {"area": "x"}]))
    assert "<title>Error: Record an assessment" in response.content.decode()
    assert "Error: Error:" not in response.content.decode()


def test_a_good_sitting_is_saved_blank_rows_ignored(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.post(reverse("assessment-record", args=[cast.pupil.pk]), _post([{}, GOOD, {}]))
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "assessment-detail", args=[assessment.pk]
    )
    assert assessment.purpose == "access_arrangements"
    assert [(s.test_name, s.standard_score) for s in assessment.scores.all()] == [("TOWRE-2", 82)]
    page = client.get(response["Location"]).content.decode()
    assert "The assessment was recorded." in page and "Below average" in page


def test_a_bad_date_is_said_once(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.post(
        reverse("assessment-record", args=[cast.pupil.pk]), _post([GOOD], taken_on="31/02")
    )
    text = response.content.decode()
    assert text.count('href="#id_taken_on"') == 1 and not Assessment.objects.exists()


def _correction(assessment, rows, **extra) -> dict:
    data = _post(rows, assessor_name="Dr Okafor", version=str(assessment.version)) | extra
    data.pop("purpose")
    return data


def test_correct_prefills_saves_and_refuses_a_stale_version(cast, client):
    assessment = record(cast)
    client.force_login(cast.user(Role.ASSISTANT_SENCO))
    url = reverse("assessment-correct", args=[assessment.pk])
    form = client.get(url).content.decode()
    assert 'value="TOWRE-2"' in form and 'value="DASH"' in form and 'name="scores-2-test_name"' in form
    assert 'name="version" value="1"' in form
    response = client.post(url, _correction(assessment, [GOOD | {"standard_score": "101"}]))
    assert response.status_code == 302
    fresh = Assessment.objects.get()
    assert fresh.version == 2 and [s.standard_score for s in fresh.scores.all()] == [101]

    stale = client.post(url, _correction(assessment, [GOOD], assessor_name="Late Editor"))
    text = stale.content.decode()
    assert "Someone else changed this assessment" in text and 'value="Late Editor"' in text
    assert 'name="version" value="2"' in text  # saving again now keeps this version
    assert Assessment.objects.get().assessor_name == "Dr Okafor"
    again = client.post(url, _correction(fresh, [GOOD], assessor_name="Late Editor"))
    assert again.status_code == 302 and Assessment.objects.get().assessor_name == "Late Editor"


def test_a_bad_correction_shows_errors_and_changes_nothing(cast, client):
    assessment = record(cast)
    client.force_login(cast.user(Role.SENCO))
    url = reverse("assessment-correct", args=[assessment.pk])
    response = client.post(url, _correction(assessment, [GOOD | {"percentile": "101"}]))
    assert '<a href="#id_scores-0-percentile">' in response.content.decode()
    assert Assessment.objects.get().version == 1 and Score.objects.count() == 2


def test_the_detail_page_offers_correction_only_to_the_sen_team(cast, client):
    assessment = record(cast)
    url = reverse("assessment-detail", args=[assessment.pk])
    client.force_login(cast.user(Role.HEAD))
    assert "Correct this assessment" not in client.get(url).content.decode()
    client.force_login(cast.user(Role.SENCO))
    assert "Correct this assessment" in client.get(url).content.decode()
    assert AccessLog.objects.filter(what__startswith="Assessment on", pupil=cast.pupil).count() == 2


def test_the_tab_costs_the_same_queries_for_one_sitting_or_many(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("assessment-pupil-list", args=[cast.pupil.pk])
    record(cast)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        record(cast)
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    assert len(five) == len(one)

"""/api/v1/assessments/: list, read, record (422 with where the problem is, nothing saved),
correct (409 on a stale version); 404 for what the caller may not see."""

import datetime as dt

import pytest

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.assessments.models import Assessment, Score
from sendco.audit.models import AccessLog

from .helpers import TODAY, record, score


@pytest.fixture
def call(client, cast):
    def do(method, path, role=Role.SENCO, body=None):
        _, token = ApiToken.issue(cast.user(role))
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        url = f"/api/v1/assessments{path}"
        if method == "get":
            return client.get(url, **headers)
        return getattr(client, method)(url, body or {}, content_type="application/json", **headers)

    return do


def _body(cast, **extra):
    return {
        "pupil_id": cast.pupil.pk,
        "taken_on": (TODAY - dt.timedelta(days=2)).isoformat(),
        "assessor_name": "Ms Reid",
        "purpose": "access_arrangements",
        "scores": [score(), score(test_name="DASH", area="writing_speed", standard_score=113)],
    } | extra


def test_list_and_get_with_bands_logged(cast, call):
    older = record(cast, taken_on=TODAY - dt.timedelta(days=60))
    newer = record(cast)
    response = call("get", f"/pupils/{cast.pupil.pk}", Role.TA)
    assert response.status_code == 200
    body = response.json()
    assert [a["id"] for a in body] == [newer.pk, older.pk]
    first = body[0]["scores"][0]
    assert (first["area_label"], first["band"], first["percentile"]) == (
        "Speed of reading",
        "Below average",
        12.0,
    )
    one = call("get", f"/{older.pk}", Role.HEAD).json()
    assert one["version"] == 1 and len(one["scores"]) == 2
    assert AccessLog.objects.filter(action="api_view", pupil=cast.pupil).count() == 2


def test_hidden_records_are_404(cast, call):
    mine, theirs = record(cast), record(cast, cast.other_pupil)
    assert call("get", f"/{theirs.pk}").status_code == 404
    assert call("get", f"/{mine.pk}", Role.EXAMS_OFFICER).status_code == 404
    assert call("get", f"/pupils/{cast.pupil.pk}", Role.PARENT).status_code == 404
    assert call("post", "/", Role.TEACHER, _body(cast)).status_code == 404
    assert call("get", "/999999").status_code == 404


def test_create(cast, call):
    response = call("post", "/", body=_body(cast))
    assert response.status_code == 201, response.content
    assessment = Assessment.objects.get()
    assert response.json()["id"] == assessment.pk and assessment.scores.count() == 2
    assert [s["band"] for s in response.json()["scores"]] == ["Below average", "High average"]


@pytest.mark.parametrize(
    ("bad", "loc"),
    [
        ({"scores": [score(), score(standard_score=39)]}, ["body", "scores", 1, "standard_score"]),
        ({"scores": [score(area="astrology")]}, ["body", "scores", 0, "area"]),
        ({"scores": [score(percentile=101)]}, ["body", "scores", 0, "percentile"]),
        ({"taken_on": (TODAY + dt.timedelta(days=1)).isoformat()}, ["body", "taken_on"]),
        ({"assessor_name": " "}, ["body", "assessor_name"]),
    ],
)
def test_bad_input_is_422_with_its_location_and_nothing_saved(cast, call, bad, loc):
    response = call("post", "/", body=_body(cast, **bad))
    assert response.status_code == 422
    assert [d["loc"] for d in response.json()["detail"]] == [loc]
    assert not Assessment.objects.exists() and not Score.objects.exists()


@pytest.mark.parametrize("value", [True, "100", 100.5])
def test_a_standard_score_must_be_an_integer(cast, call, value):
    response = call("post", "/", body=_body(cast, scores=[score(standard_score=value)]))
    assert response.status_code == 422 and not Assessment.objects.exists()
    assert response.json()["detail"][0]["loc"][-1] == "standard_score"


def test_correct_and_conflict(cast, call):
    assessment = record(cast)
    body = {
        "version": 1,
        "taken_on": assessment.taken_on.isoformat(),
        "assessor_name": "Dr Okafor",
        "scores": [score(standard_score=100)],
    }
    response = call("put", f"/{assessment.pk}", body=body)
    assert response.status_code == 200 and response.json()["version"] == 2
    assert [s["standard_score"] for s in response.json()["scores"]] == [100]
    stale = call("put", f"/{assessment.pk}", body=body | {"assessor_name": "Late"})
    assert stale.status_code == 409
    assert stale.json()["current"]["assessor_name"] == "Dr Okafor" and stale.json()["version"] == 2
    bad = call("put", f"/{assessment.pk}", body=body | {"version": 2, "scores": [score(standard_score=161)]})
    assert bad.status_code == 422 and Assessment.objects.get().version == 2
    assert call("put", f"/{assessment.pk}", Role.HEAD, body | {"version": 2}).status_code == 404

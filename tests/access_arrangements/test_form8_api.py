"""Form 8 writes over the API: Part 1, 2, 3; 409 on a stale version; 422 located, nothing saved; 404s."""

import pytest

from sendco.access_arrangements.models import Form8
from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.assessments.models import Assessment

from .candidate_helpers import assessor, days_ago, form8

pytestmark = pytest.mark.django_db
A = "/api/v1/access-arrangements"


def _auth(cast, role=Role.SENCO):
    _, token = ApiToken.issue(cast.user(role))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _send(client, method, url, body, auth):
    return getattr(client, method)(url, body, content_type="application/json", **auth)


def _part2(who, version=1, taken=20, score=80):
    return {
        "version": version, "taken_on": str(days_ago(taken)), "assessor_id": who.pk,
        "illegible_handwriting": True,
        "scores": [{"test_name": "DASH", "area": "writing_speed", "standard_score": score,
                    "percentile": 9.0, "age_equivalent": "12:3"}],
    }  # fmt: skip


def _locs(response):
    return [d["loc"] for d in response.json()["detail"]]


def test_part1_starts_form8_then_stale_version_409(cast, client):
    url = f"{A}/pupils/{cast.pupil.pk}/form-8/part-1"
    body = {"history_of_need": "Slow reader.", "normal_way_of_working": "Extra time.",
            "part1_signed_on": str(days_ago(30))}  # fmt: skip
    missing = _send(client, "put", url, body, _auth(cast))
    assert missing.status_code == 422 and _locs(missing)[0][-1] == "version"
    gone = _send(client, "put", url, body | {"version": 3}, _auth(cast))
    assert gone.status_code == 404 and not Form8.objects.exists()
    made = _send(client, "put", url, body | {"version": 0}, _auth(cast))
    assert made.status_code == 200 and made.json()["history_of_need"] == "Slow reader."
    form = Form8.objects.get(pupil=cast.pupil)
    unknowing = _send(client, "put", url, body | {"version": 0, "history_of_need": "Other"}, _auth(cast))
    assert unknowing.status_code == 409 and unknowing.json()["current"]["id"] == form.pk
    stale = _send(client, "put", url, body | {"version": 7, "history_of_need": "Other"}, _auth(cast))
    assert stale.status_code == 409 and stale.json()["version"] == form.version, (form.version, stale.content)
    bad = _send(client, "put", url, body | {"version": form.version, "history_of_need": " "}, _auth(cast))
    assert bad.status_code == 422 and ["body", "history_of_need"] in _locs(bad)
    form.refresh_from_db()
    assert form.history_of_need == "Slow reader." and Form8.objects.count() == 1


def test_part2_records_scores_then_corrects_and_part3(cast, client):
    f8 = form8(cast.pupil)
    who = assessor(cast.school)
    url = f"{A}/pupils/{cast.pupil.pk}/form-8/part-2"
    made = _send(client, "post", url, _part2(who), _auth(cast))
    assert made.status_code == 201, made.content
    assert made.json()["scores"][0]["standard_score"] == 80 and made.json()["illegible_handwriting"]
    again = _send(client, "post", url, _part2(who, version=2), _auth(cast))
    assert again.status_code == 409
    fixed = _send(client, "put", url, _part2(who, version=2, score=82), _auth(cast))
    assert fixed.status_code == 200 and fixed.json()["scores"][0]["standard_score"] == 82
    part3 = f"{A}/pupils/{cast.pupil.pk}/form-8/part-3"
    early = _send(client, "put", part3, {"version": 3, "part3_completed_on": str(days_ago(25))}, _auth(cast))
    assert early.status_code == 422 and _locs(early) == [["body", "part3_completed_on"]]
    done = _send(client, "put", part3, {"version": 3, "part3_completed_on": str(days_ago(5))}, _auth(cast))
    assert done.status_code == 200 and done.json()["part3_completed_on"] == str(days_ago(5))
    stale = _send(client, "put", part3, {"version": 3, "part3_completed_on": str(days_ago(4))}, _auth(cast))
    assert stale.status_code == 409
    f8.refresh_from_db()
    assert f8.part3_completed_on == days_ago(5)


@pytest.mark.parametrize("score", [39, 161])
def test_part2_score_out_of_range_is_located_and_nothing_saved(cast, client, score):
    f8 = form8(cast.pupil)
    url = f"{A}/pupils/{cast.pupil.pk}/form-8/part-2"
    bad = _send(client, "post", url, _part2(assessor(cast.school), score=score), _auth(cast))
    assert bad.status_code == 422 and ["body", "scores", 0, "standard_score"] in _locs(bad)
    f8.refresh_from_db()
    assert f8.assessment is None and f8.version == 1 and not Assessment.objects.exists()


def test_part2_before_part1_sign_off_and_unqualified_assessors_422(cast, client):
    f8 = form8(cast.pupil, signed_days_ago=10)
    url = f"{A}/pupils/{cast.pupil.pk}/form-8/part-2"
    early = _send(client, "post", url, _part2(assessor(cast.school), taken=20), _auth(cast))
    assert early.status_code == 422 and ["body", "taken_on"] in _locs(early)
    unqualified = assessor(cast.school, name="No Route", qualification_route="none")
    for who in (unqualified, assessor(cast.other_pupil.school)):
        bad = _send(client, "post", url, _part2(who, taken=5), _auth(cast))
        assert bad.status_code == 422 and ["body", "assessor_id"] in _locs(bad)
    f8.refresh_from_db()
    assert f8.assessment is None and not Assessment.objects.exists()


def test_form8_writes_404_for_unseen_pupil_and_for_non_sen_roles(cast, client):
    other = form8(cast.other_pupil)
    who = assessor(cast.school)
    url = f"{A}/pupils/{cast.other_pupil.pk}/form-8/part-2"
    assert _send(client, "post", url, _part2(who), _auth(cast)).status_code == 404
    f8 = form8(cast.pupil)
    for role in (Role.EXAMS_OFFICER, Role.TEACHER):
        auth = _auth(cast, role)
        part2 = _send(client, "post", f"{A}/pupils/{cast.pupil.pk}/form-8/part-2", _part2(who), auth)
        part3 = _send(
            client, "put", f"{A}/pupils/{cast.pupil.pk}/form-8/part-3",
            {"version": 1, "part3_completed_on": str(days_ago(1))}, auth,
        )  # fmt: skip
        assert part2.status_code == 404 and part3.status_code == 404
    f8.refresh_from_db()
    other.refresh_from_db()
    assert f8.version == 1 and f8.part3_completed_on is None and other.assessment is None

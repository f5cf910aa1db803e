"""The staff view (home panel, "my groups this week") and the API's validation."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.provision import selectors
from sendco.provision.models import Score, Session

from .fixtures import make_group, provision_setup

MONDAY = date(2026, 11, 9)  # 2 Nov is an INSET day in the default calendar


def test_my_groups_this_week_lists_days_and_registers_taken(cast):
    ta = cast.user(Role.TA)
    group = make_group(cast.school, [cast.pupil], [ta], weekdays="0,2")
    Session.objects.create(school=cast.school, group=group, date=MONDAY)
    make_group(cast.school, [cast.unlinked], [], name="Not mine")
    [item] = selectors.my_groups_this_week(ta, today=MONDAY + timedelta(days=3))
    assert item["group"] == group
    assert [(d["date"], d["recorded"]) for d in item["days"]] == [
        (MONDAY, True),
        (MONDAY + timedelta(days=2), False),
    ]


def test_home_panel_offers_a_one_click_register(client, cast):
    ta = cast.user(Role.TA)
    today = timezone.localdate()
    make_group(cast.school, [cast.pupil], [ta], weekdays="0,1,2,3,4,5,6", start=today - timedelta(days=7))
    client.force_login(ta)
    page = client.get(reverse("home")).content.decode()
    assert "Your groups this week" in page
    assert "Take the register" in page or "Register taken" in page
    client.force_login(cast.user(Role.GOVERNOR))
    assert "Your groups this week" not in client.get(reverse("home")).content.decode()


def _api(client, user, method, path, body=None):
    _, token = ApiToken.issue(user)
    return getattr(client, method)(
        path, body or {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def test_api_refuses_a_duplicate_session_and_strangers_with_field_errors(client, cast):
    made = provision_setup(cast)
    ta = cast.user(Role.TA)
    path = f"/api/v1/provision/groups/{made['linked'].pk}/sessions"
    ok = _api(client, ta, "post", path, {"date": "2026-11-03", "present": [cast.pupil.pk]})
    assert ok.status_code == 201 and ok.json()["attendance"] == [
        {"pupil_id": cast.pupil.pk, "present": True, "note": ""}
    ]
    again = _api(client, ta, "post", path, {"date": "2026-11-03", "present": [cast.pupil.pk]})
    assert again.status_code == 422 and again.json()["detail"][0]["loc"] == ["body", "date"]
    stranger = _api(client, ta, "post", path, {"date": "2026-11-05", "present": [cast.unlinked.pk]})
    assert stranger.status_code == 422 and stranger.json()["detail"][0]["loc"] == ["body", "present"]
    assert Session.objects.count() == 1


def test_api_scores_round_trip_with_versions_and_validation(client, cast):
    member = provision_setup(cast)["members"]["linked"]
    group, ta = member.group, cast.user(Role.TA)
    spelling = _api(
        client, cast.user(Role.SENCO), "post", f"/api/v1/provision/groups/{group.pk}/measures",
        {"kind": "age_months", "name": "Spelling age"},
    )  # fmt: skip
    assert spelling.status_code == 201 and spelling.json()["position"] == 2
    assert _api(client, ta, "post", f"/api/v1/provision/groups/{group.pk}/measures", {}).status_code == 404
    first_id, spelling_id = group.first_measure.pk, spelling.json()["id"]
    path = f"/api/v1/provision/places/{member.pk}/scores"
    first = _api(
        client, ta, "put", f"{path}/{first_id}", {"entry_value": "80", "entry_on": "2026-09-08", "version": 0}
    )
    assert first.status_code == 200 and first.json()["version"] == 1
    again = _api(
        client,
        ta,
        "put",
        f"{path}/{first_id}",
        {"entry_value": "80", "entry_on": "2026-09-08", "exit_value": "86", "version": 1},
    )
    assert (again.json()["entry_value"], again.json()["exit_value"], again.json()["version"]) == (
        "80.0",
        "86.0",
        2,
    )
    stale = _api(client, ta, "put", f"{path}/{first_id}", {"exit_value": "90", "version": 1})
    assert stale.status_code == 409 and stale.json()["current"]["exit_value"] == "86.0"
    negative = _api(client, ta, "put", f"{path}/{spelling_id}", {"exit_value": "-4", "version": 0})
    assert negative.status_code == 422 and negative.json()["detail"][0]["loc"] == ["body", "exit_value"]
    spelt = _api(client, ta, "put", f"{path}/{spelling_id}", {"entry_value": "96", "version": 0})
    assert spelt.status_code == 200
    other_group = provision_setup(cast)["unlinked"].first_measure.pk
    elsewhere = _api(client, ta, "put", f"{path}/{other_group}", {"entry_value": "1", "version": 0})
    assert elsewhere.status_code == 404
    members = _api(client, ta, "get", f"/api/v1/provision/groups/{group.pk}/members").json()
    assert sorted((s["measure_id"], s["entry_value"], s["exit_value"]) for s in members[0]["scores"]) == [
        (first_id, "80.0", "86.0"),
        (spelling_id, "96.0", None),
    ]
    measures = _api(client, ta, "get", f"/api/v1/provision/groups/{group.pk}").json()["measures"]
    assert [(m["kind"], m["name"], m["position"]) for m in measures] == [
        ("standardised", "", 1),
        ("age_months", "Spelling age", 2),
    ]
    assert Score.objects.get(measure_id=first_id).exit_value == 86


def test_api_patch_of_a_place_keeps_the_leaving_date_and_checks_the_version(client, cast):
    member = provision_setup(cast)["members"]["linked"]
    ta = cast.user(Role.TA)
    path = f"/api/v1/provision/places/{member.pk}"
    left = _api(client, ta, "patch", path, {"left": "2026-12-01", "version": 1})
    assert left.status_code == 200 and (left.json()["left"], left.json()["version"]) == ("2026-12-01", 2)
    kept = _api(client, ta, "patch", path, {"version": 2})
    assert kept.json()["left"] == "2026-12-01"
    stale = _api(client, ta, "patch", path, {"left": None, "version": 1})
    assert stale.status_code == 409 and stale.json()["current"]["left"] == "2026-12-01"

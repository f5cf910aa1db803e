"""The provision API's writes: library, groups, places and session corrections go through the
same services as the pages, so the same rules answer 422 with the field, 404 for what the
caller cannot see and 409 for a save based on an old version."""

from datetime import date

import pytest

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.provision import services
from sendco.provision.models import Attendance, GroupMember, Provision, ProvisionGroup, Session

from .fixtures import provision_setup

API = "/api/v1/provision"


@pytest.fixture
def made(cast):
    return provision_setup(cast)


def _api(client, user, method, path, body=None):
    _, token = ApiToken.issue(user)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if method == "delete":
        return client.delete(path, **auth)
    return getattr(client, method)(path, body or {}, content_type="application/json", **auth)


def _fields(response) -> set[str]:
    return {d["loc"][-1] for d in response.json()["detail"]}


# --- library -----------------------------------------------------------------------------------


def test_senco_adds_a_library_entry_and_duplicates_are_refused(client, cast):
    senco = cast.user(Role.SENCO)
    body = {"school_id": cast.school.pk, "name": "Lexia", "need_area": "cl", "minutes_per_session": 20}
    made = _api(client, senco, "post", f"{API}/library", body)
    assert made.status_code == 201, made.content
    assert (made.json()["minutes_per_session"], made.json()["version"]) == (20, 1)
    entry = Provision.objects.get(name="Lexia")
    assert (entry.school, entry.history.first().history_user) == (cast.school, senco)
    again = _api(client, senco, "post", f"{API}/library", body)
    assert again.status_code == 422 and _fields(again) == {"name"}
    bad = _api(client, senco, "post", f"{API}/library", {**body, "name": "X", "need_area": "zz"})
    assert bad.status_code == 422 and _fields(bad) == {"need_area"}
    assert Provision.objects.count() == 1


def test_a_library_entry_for_a_school_you_do_not_manage_is_404(client, cast):
    body = {"school_id": cast.other.pk, "name": "Lexia", "need_area": "cl"}
    assert _api(client, cast.user(Role.SENCO), "post", f"{API}/library", body).status_code == 404
    body["school_id"] = cast.school.pk
    assert _api(client, cast.user(Role.TA), "post", f"{API}/library", body).status_code == 404
    assert not Provision.objects.filter(name="Lexia").exists()


def test_patching_a_library_entry_keeps_other_fields_and_checks_the_version(client, cast, made):
    entry = made["linked"].provision
    entry.resource_cost_per_session = 2
    entry.save()
    path = f"{API}/library/{entry.pk}"
    senco = cast.user(Role.SENCO)
    ok = _api(client, senco, "patch", path, {"version": 1, "description": "Daily phonics"})
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = _api(client, senco, "patch", path, {"version": 1, "description": "Overwritten"})
    assert stale.status_code == 409 and stale.json()["current"]["description"] == "Daily phonics"
    entry.refresh_from_db()
    assert (entry.name, entry.description, entry.resource_cost_per_session) == (
        "Toe by Toe",
        "Daily phonics",
        2,
    )


# --- groups ------------------------------------------------------------------------------------


def _group_body(cast, made, **overrides):
    body = {
        "provision_id": made["linked"].provision_id,
        "name": "Y8 Toe by Toe",
        "weekdays": [0, 2],
        "start_date": "2026-09-14",
        "end_date": "2026-12-18",
        "staff_ids": [cast.user(Role.TA).pk],
    }
    return {**body, **overrides}


def test_senco_starts_a_group_with_the_library_entrys_defaults(client, cast, made):
    entry = made["linked"].provision
    entry.resource_cost_per_session, entry.measure_kind = 1.5, "age_months"
    entry.save()
    response = _api(client, cast.user(Role.SENCO), "post", f"{API}/groups", _group_body(cast, made))
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["weekdays"], body["staff_ids"], body["version"]) == ([0, 2], [cast.user(Role.TA).pk], 1)
    [first] = body["measures"]  # the library entry's default measure
    assert (first["kind"], first["position"], first["expected_gain"]) == ("age_months", 1, None)
    group = ProvisionGroup.objects.get(pk=body["id"])
    assert (group.minutes_per_session, group.resource_cost_per_session) == (30, 1.5)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": "2026-09-01"}, "end_date"),
        ({"weekdays": []}, "weekday_set"),
        ({"weekdays": [6]}, "weekday_set"),
        ({"is_section_f": True}, "promised_hours_per_week"),
        ({"staff_ids": [999999]}, "staff_ids"),
    ],
)
def test_a_bad_group_is_refused_with_the_field(client, cast, made, overrides, field):
    before = ProvisionGroup.objects.count()
    response = _api(
        client, cast.user(Role.SENCO), "post", f"{API}/groups", _group_body(cast, made, **overrides)
    )
    assert response.status_code == 422 and field in _fields(response)
    assert ProvisionGroup.objects.count() == before


def test_a_group_of_another_schools_library_entry_is_404(client, cast, made):
    body = _group_body(cast, made, provision_id=made["other"].provision_id)
    assert _api(client, cast.user(Role.SENCO), "post", f"{API}/groups", body).status_code == 404


def test_patching_a_group_keeps_other_fields_and_refuses_a_stale_version(client, cast, made):
    group = made["linked"]
    path = f"{API}/groups/{group.pk}"
    senco = cast.user(Role.SENCO)
    ok = _api(client, senco, "patch", path, {"version": 1, "room": "Library"})
    assert ok.status_code == 200, ok.content
    assert (ok.json()["room"], ok.json()["weekdays"], ok.json()["staff_ids"], ok.json()["version"]) == (
        "Library",
        [1, 3],
        [cast.user(Role.TA).pk],
        2,
    )
    stale = _api(client, senco, "patch", path, {"version": 1, "room": "Hall"})
    assert stale.status_code == 409
    assert "changed this group" in stale.json()["detail"] and stale.json()["current"]["room"] == "Library"
    bad = _api(client, senco, "patch", path, {"version": 2, "end_date": "2026-01-01"})
    assert bad.status_code == 422 and _fields(bad) == {"end_date"}
    group.refresh_from_db()
    assert (group.room, group.version, group.end_date) == ("Library", 2, date(2027, 7, 16))
    assert _api(client, cast.user(Role.TA), "patch", path, {"version": 2, "room": "X"}).status_code == 404


# --- places ------------------------------------------------------------------------------------


def test_adding_a_pupil_checks_visibility_dates_and_overlaps(client, cast, made):
    path = f"{API}/groups/{made['linked'].pk}/members"
    senco = cast.user(Role.SENCO)
    early = _api(client, senco, "post", path, {"pupil_id": cast.unlinked.pk, "joined": "2026-01-01"})
    assert early.status_code == 422 and _fields(early) == {"joined"}
    twice = _api(client, senco, "post", path, {"pupil_id": cast.pupil.pk, "joined": "2026-10-01"})
    assert twice.status_code == 422 and _fields(twice) == {"pupil_id"}
    stranger = _api(client, senco, "post", path, {"pupil_id": cast.other_pupil.pk, "joined": "2026-10-01"})
    assert stranger.status_code == 422 and _fields(stranger) == {"pupil_id"}
    ok = _api(
        client, senco, "post", path, {"pupil_id": cast.unlinked.pk, "joined": "2026-10-01", "reason": "Y7"}
    )
    assert ok.status_code == 201 and ok.json()["pupil_id"] == cast.unlinked.pk
    assert GroupMember.objects.filter(group=made["linked"]).count() == 2
    ta = _api(
        client, cast.user(Role.TA), "post", path, {"pupil_id": cast.unlinked.pk, "joined": "2026-11-01"}
    )
    assert ta.status_code == 404  # the TA takes the register; the SENCO team decides who is in it


def test_a_pupil_leaves_through_the_place_and_drops_off_later_registers(client, cast, made):
    member = made["members"]["linked"]
    ta = cast.user(Role.TA)
    left = _api(client, ta, "patch", f"{API}/places/{member.pk}", {"left": "2026-10-30", "version": 1})
    assert left.status_code == 200 and left.json()["left"] == "2026-10-30"
    early = _api(client, ta, "patch", f"{API}/places/{member.pk}", {"left": "2026-01-01", "version": 2})
    assert early.status_code == 422 and _fields(early) == {"left"}
    path = f"{API}/groups/{made['linked'].pk}/sessions"
    after = _api(client, ta, "post", path, {"date": "2026-11-03", "present": [cast.pupil.pk]})
    assert after.status_code == 422 and _fields(after) == {"present"}
    member.refresh_from_db()
    assert member.left == date(2026, 10, 30)


# --- sessions ----------------------------------------------------------------------------------


@pytest.fixture
def session(cast, made):
    return services.record_session(
        actor=cast.user(Role.TA),
        group=made["linked"],
        day=date(2026, 11, 3),
        held=True,
        present=[cast.pupil.pk],
    )


def test_correcting_a_session_rewrites_the_register(client, cast, session):
    path = f"{API}/sessions/{session.pk}"
    ta = cast.user(Role.TA)
    absent = _api(
        client, ta, "patch", path, {"version": 1, "present": [], "notes": {str(cast.pupil.pk): "Ill"}}
    )
    assert absent.status_code == 200, absent.content
    assert absent.json()["attendance"] == [{"pupil_id": cast.pupil.pk, "present": False, "note": "Ill"}]
    note_only = _api(client, ta, "patch", path, {"version": 2, "note": "Short session"})
    assert note_only.json()["attendance"][0]["note"] == "Ill"  # marks not named are kept
    assert (note_only.json()["note"], note_only.json()["version"]) == ("Short session", 3)
    stale = _api(client, ta, "patch", path, {"version": 1, "held": False, "cancel_reason": "Trip"})
    assert stale.status_code == 409 and stale.json()["current"]["held"] is True
    cancelled = _api(client, ta, "patch", path, {"version": 3, "held": False})
    assert cancelled.status_code == 422 and _fields(cancelled) == {"cancel_reason"}
    stranger = _api(client, ta, "patch", path, {"version": 3, "present": [cast.unlinked.pk]})
    assert stranger.status_code == 422 and _fields(stranger) == {"present"}
    session.refresh_from_db()
    assert (session.held, session.version, session.history.first().history_change_reason) == (
        True,
        3,
        "Session corrected",
    )


def test_deleting_a_session(client, cast, session):
    path = f"{API}/sessions/{session.pk}"
    assert _api(client, cast.user(Role.TEACHER), "delete", path).status_code == 404
    assert _api(client, cast.user(Role.TA), "delete", f"{path}?version=7").status_code == 409
    assert Session.objects.filter(pk=session.pk).exists()
    gone = _api(client, cast.user(Role.TA), "delete", f"{path}?version=1")
    assert gone.status_code == 204
    assert not Session.objects.filter(pk=session.pk).exists() and not Attendance.objects.exists()
    assert _api(client, cast.user(Role.TA), "delete", path).status_code == 404

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.plans.models import Passport, PlanCycle


def _auth(user):
    _, key = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_start_plan_add_target_and_read_it(cast, client, senco):
    auth = _auth(senco)
    created = client.post(
        f"/api/v1/plans/pupils/{cast.pupil.pk}/cycles",
        {
            "start_date": "2026-09-07",
            "review_date": "2026-12-04",
            "outcomes": "Read",
            "senco_notes": "Private",
        },
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 201
    cycle_id = created.json()["id"]
    bad = client.post(
        f"/api/v1/plans/cycles/{cycle_id}/targets",
        {"area": "CL", "description": "Read", "measure": "", "due_date": "2026-11-01"},
        content_type="application/json",
        **auth,
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "measure"]
    good = client.post(
        f"/api/v1/plans/cycles/{cycle_id}/targets",
        {"area": "CL", "description": "Read", "measure": "Running record", "due_date": "2026-11-01"},
        content_type="application/json",
        **auth,
    )
    assert good.status_code == 201
    data = client.get(f"/api/v1/plans/cycles/{cycle_id}", **auth).json()
    assert data["senco_notes"] == "<p>Private</p>" and data["targets"][0]["measure"] == "Running record"
    teacher = client.get(f"/api/v1/plans/cycles/{cycle_id}", **_auth(cast.user(Role.TEACHER))).json()
    assert teacher["senco_notes"] is None and teacher["staff_notes"] == ""


def test_patch_with_old_version_conflicts(cast, client, senco, plan_cycle):
    auth = _auth(senco)
    url = f"/api/v1/plans/cycles/{plan_cycle.pk}"
    ok = client.patch(
        url, {"version": plan_cycle.version, "outcomes": "A"}, content_type="application/json", **auth
    )
    assert ok.status_code == 200 and ok.json()["version"] == plan_cycle.version + 1
    stale = client.patch(
        url, {"version": plan_cycle.version, "outcomes": "B"}, content_type="application/json", **auth
    )
    assert stale.status_code == 409 and stale.json()["version"] == plan_cycle.version + 1
    assert PlanCycle.objects.get(pk=plan_cycle.pk).outcomes == "<p>A</p>"


def test_passport_put_and_conflict(cast, client):
    auth = _auth(cast.user(Role.TA))
    url = f"/api/v1/plans/pupils/{cast.pupil.pk}/passport"
    assert (
        client.put(url, {"version": 0, "about_me": "Hi"}, content_type="application/json", **auth).status_code
        == 200
    )
    assert (  # 0 says "I saw no passport": one was written meanwhile, so it must not overwrite it
        client.put(url, {"version": 0, "good_at": "w"}, content_type="application/json", **auth).status_code
        == 409
    )
    assert (
        client.put(url, {"version": 1, "good_at": "x"}, content_type="application/json", **auth).status_code
        == 200
    )
    assert (
        client.put(url, {"version": 1, "good_at": "y"}, content_type="application/json", **auth).status_code
        == 409
    )
    passport = Passport.objects.get()
    assert passport.about_me == "<p>Hi</p>" and passport.version == 2

"""/api/v1/agencies/ professionals' access: a pupil's grants, grant (422 naming the field,
nothing saved), extend and revoke (409 on a stale version), the school's professionals and
adding one (no password in the answer); 404 for what the caller may not see."""

import datetime as dt

import pytest
from django.test import override_settings

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.core.models import AccessGrant

from .access_helpers import grant, professional
from .referral_helpers import agency, consent, today

DAY = dt.timedelta(days=1)


@pytest.fixture
def call(client, cast):
    def do(method, path, user=None, body=None):
        _, token = ApiToken.issue(user or cast.user(Role.SENCO))
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        url = f"/api/v1/agencies{path}"
        if method == "get":
            return client.get(url, **headers)
        return getattr(client, method)(url, body or {}, content_type="application/json", **headers)

    return do


@pytest.fixture
def visit(cast):
    service = agency(cast.school)
    visitor = professional(cast.school, service, username="api-visitor")
    given = consent(cast.unlinked, service, purpose="professional_access", given_by="Sam Carer")
    return visitor, service, given


def _body(visitor, given, **kw):
    return {
        "professional_id": visitor.pk,
        "consent_id": given.pk,
        "reason": "EP assessment",
        "expires_on": (today() + 30 * DAY).isoformat(),
        "can_read_plans": True,
    } | kw


def test_grant_then_list_logged(cast, call, visit):
    visitor, service, given = visit
    made = call("post", f"/pupils/{cast.unlinked.pk}/grants", body=_body(visitor, given))
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["professional_id"], body["agency_name"], body["state"]) == (visitor.pk, service.name, "live")
    assert body["can_read_plans"] and body["consent_given_by"] == "Sam Carer"
    listed = call("get", f"/pupils/{cast.unlinked.pk}/grants").json()
    assert [g["id"] for g in listed] == [body["id"]]
    assert AccessLog.objects.filter(user=cast.user(Role.SENCO), pupil=cast.unlinked).exists()


@override_settings(SENDCO_GRANT_MAX_DAYS=60)
@pytest.mark.parametrize(
    "change, field",
    [
        ({"expires_on": None}, "expires_on"),
        ({"expires_on": (today() + 61 * DAY).isoformat()}, "expires_on"),
        ({"consent_id": 0}, "consent"),
        ({"professional_id": 0}, "professional"),
    ],
)
def test_a_bad_grant_is_422_naming_the_field(cast, call, visit, change, field):
    visitor, _, given = visit
    response = call("post", f"/pupils/{cast.unlinked.pk}/grants", body=_body(visitor, given, **change))
    assert response.status_code == 422
    assert ["body", field] in [d["loc"] for d in response.json()["detail"]]
    assert not AccessGrant.objects.filter(pupil=cast.unlinked).exists()


def test_extend_and_revoke_check_the_version(cast, call, visit):
    visitor, _, given = visit
    made = grant(cast, cast.unlinked, visitor, given)
    later = (today() + 60 * DAY).isoformat()
    stale = call("post", f"/grants/{made.pk}/extend", body={"version": made.version + 1, "expires_on": later})
    assert stale.status_code == 409 and stale.json()["current"]["version"] == made.version
    longer = call("post", f"/grants/{made.pk}/extend", body={"version": made.version, "expires_on": later})
    assert longer.status_code == 200 and longer.json()["expires_on"] == later
    version = longer.json()["version"]
    revoked = call("post", f"/grants/{made.pk}/revoke", body={"version": version, "reason": "Finished"})
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
    again = call("post", f"/grants/{made.pk}/revoke", body={"version": version + 1, "reason": "Again"})
    assert again.status_code == 422


def test_the_professional_and_other_staff_get_404(cast, call, visit):
    visitor, _, given = visit
    made = grant(cast, cast.unlinked, visitor, given)
    for user in (visitor, cast.user(Role.TEACHER), cast.user(Role.HEAD), cast.other_senco):
        assert call("get", f"/pupils/{cast.unlinked.pk}/grants", user=user).status_code == 404
        body = {"version": made.version, "reason": "x"}
        assert call("post", f"/grants/{made.pk}/revoke", user=user, body=body).status_code == 404
        if user != cast.other_senco:
            assert call("get", "/professionals", user=user).status_code == 404
    # Another school's SENCO lists their own school's professionals only.
    assert visitor.pk not in [p["id"] for p in call("get", "/professionals", user=cast.other_senco).json()]
    assert AccessGrant.objects.get(pk=made.pk).revoked_at is None


def test_professionals_listed_and_added_without_a_password(cast, call, visit):
    visitor, service, given = visit
    grant(cast, cast.unlinked, visitor, given)
    listed = call("get", "/professionals").json()
    row = next(p for p in listed if p["id"] == visitor.pk)
    assert (row["agency_name"], row["live_grants"]) == (service.name, 1)
    body = {
        "first_name": "Ola",
        "last_name": "Therapist",
        "email": "Ola@Example.org",
        "agency_id": service.pk,
    }
    added = call("post", "/professionals", body=body)
    assert added.status_code == 201
    assert added.json()["email"] == "ola@example.org" and added.json()["live_grants"] == 0
    assert "password" not in added.content.decode().lower()
    assert call("post", "/professionals", body=body).status_code == 422  # the same email again
    other_school = body | {"email": "x@example.org", "school_id": cast.other.pk}
    assert call("post", "/professionals", body=other_school).status_code == 404

"""Every URL and every API operation, for every role, against records of the user's own
school and of another school. The expectations live in `tests/permissions/<app>.py`; a new
view or API operation without an entry there fails this suite.

An allowed role gets a normal answer (200, or a redirect that is not to the login page);
anyone else gets 404, so that existence never leaks; an anonymous visitor is sent to the login
page (pages) or gets 401 (API).
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.api.root import api

from . import permissions
from .permissions.spec import PUBLIC, Page


def _collect(attr: str) -> dict:
    merged = {}
    for info in pkgutil.iter_modules(permissions.__path__):
        if info.name == "spec":
            continue
        module = importlib.import_module(f"{permissions.__name__}.{info.name}")
        entries = getattr(module, attr, {})
        clash = set(merged) & set(entries)
        assert not clash, f"{info.name} repeats matrix entries: {clash}"
        merged.update(entries)
    return merged


PAGES = _collect("PAGES")
OPERATIONS = _collect("OPERATIONS")


def _named_patterns(resolver=None) -> set[str]:
    found = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in ("admin", "api"):
                continue  # the admin has Django's own staff check; the API has its own matrix below
            found |= _named_patterns(p)
        elif isinstance(p, URLPattern) and p.name:
            found.add(p.name)
    return found


def test_every_page_has_an_entry():
    missing = _named_patterns() - set(PAGES)
    assert not missing, f"URL names without a permission-matrix entry: {sorted(missing)}"
    stale = set(PAGES) - _named_patterns()
    assert not stale, f"matrix entries for URLs that no longer exist: {sorted(stale)}"


def _ok(response) -> bool:
    if response.status_code == 302:
        return "/accounts/login/" not in response["Location"]
    return response.status_code == 200


def page_url(name: str, page: Page, cast, which: str = "linked") -> str:
    return reverse(name, kwargs=page.record(cast, which)) if page.record else reverse(name)


def page_data(page: Page, cast) -> dict:
    return page.data(cast) if callable(page.data) else page.data


def operation_url(path: str, op, cast, which: str = "linked") -> str:
    for param, value in (op.record(cast, which) if op.record else {}).items():
        path = path.replace("{" + param + "}", str(value))
    return path


def _ordered(allowed):
    # Roles whose request succeeds (and may change state) go last, so the others see the record.
    return sorted(Role, key=lambda r: (r in allowed, r.value))


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_permissions(name, cast, client):
    page: Page = PAGES[name]
    if page.setup:
        page.setup(cast)

    def request(which="linked"):
        return getattr(client, page.method)(page_url(name, page, cast, which), page_data(page, cast))

    if page.allowed == PUBLIC:
        assert request().status_code in (200, 302), name
        return
    client.logout()
    anonymous = request("linked")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"], name

    if page.record:
        for role in Role:  # nobody at the users' school ever reaches another school's record
            client.force_login(cast.user(role))
            response = request("other")
            assert response.status_code == 404, f"{name}: {role} reached another school's record"
        for role in _ordered(page.allowed_unlinked):
            client.force_login(cast.user(role))
            response = request("unlinked")
            expected = role in page.allowed_unlinked
            assert _ok(response) == expected, f"{name} (unlinked pupil): {role} got {response.status_code}"
            assert expected or response.status_code == 404, f"{name}: {role} got {response.status_code}"
        if page.setup:
            page.setup(cast)

    for role in _ordered(page.allowed):
        client.force_login(cast.user(role))
        response = request("linked")
        expected = role in page.allowed
        assert _ok(response) == expected, f"{name}: {role} got {response.status_code}"
        assert expected or response.status_code == 404, f"{name}: {role} got {response.status_code}, not 404"


def _api_operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {(method, path) for path, methods in schema["paths"].items() for method in methods}


def test_every_api_operation_has_an_entry():
    missing = _api_operations() - set(OPERATIONS)
    assert not missing, f"API operations without a permission-matrix entry: {sorted(missing)}"
    stale = set(OPERATIONS) - _api_operations()
    assert not stale, f"matrix entries for API operations that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("key", sorted(OPERATIONS), ids=lambda k: f"{k[0]} {k[1]}")
def test_api_permissions(key, cast, client):
    method, path = key
    op = OPERATIONS[key]
    if op.setup:
        op.setup(cast)

    def call(which, token=None):
        url = operation_url(path, op, cast, which)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        if method == "get":
            return client.get(url, **headers)
        body = op.body(cast) if op.body else {}
        if op.multipart:
            return getattr(client, method)(url, body, **headers)
        return getattr(client, method)(url, body, content_type="application/json", **headers)

    assert call("linked").status_code == 401, "anonymous API call must be refused"
    for role in _ordered(op.allowed):
        _, token = ApiToken.issue(cast.user(role))
        if op.record:
            assert call("other", token).status_code == 404, f"{key}: {role} reached another school's record"
        response = call("linked", token)
        allowed = role in op.allowed
        if op.lists_pupil:
            assert response.status_code == 200
            body = response.json()
            ids = {item["id"] for item in (body["items"] if isinstance(body, dict) else body)}
            wanted = op.listed_id(cast) if op.listed_id else cast.pupil.pk
            assert (wanted in ids) == allowed, f"{key}: {role} list visibility wrong"
        elif allowed:
            assert response.status_code in (200, 201, 204), (
                f"{key}: {role} got {response.status_code}: {response.content[:300]}"
            )
            if op.cleanup:
                op.cleanup(cast)
        else:
            assert response.status_code in op.refusals, f"{key}: {role} got {response.status_code}"

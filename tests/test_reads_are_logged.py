"""Every read that shows a named pupil leaves a row in the access log.

Walks every page and every API read that the permission matrix knows how to request
(tests/permissions/), as every role allowed to make it, and fails on any 200 answer that
shows one of the cast's pupils (legal surname "Learner" or a UPN, in JSON also a pupil id)
without a new AccessLog row for that user."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog

from . import factories as f
from .permissions.spec import PUBLIC
from .provision.fixtures import provision_setup
from .test_permission_matrix import OPERATIONS, PAGES, operation_url, page_data, page_url

# Reads that may show a named pupil without an access-log row. Keep it empty, or justify each.
NOT_LOGGED: dict[str, str] = {}

# Reads that must show the cast's pupils with the matrix's setup, so that this walk is seen to
# find names at all (the reads issue 20 found unlogged, among others).
MUST_SHOW = {
    "audit-access-changes",
    "audit-access-log-export",
    "pupil-list",
    "pupil-search",
    "pupil-edit",
    "concern-list",
    "assessment-pupil-list",
    "assessment-detail",
    "plans-reviews-due",
    "plans-target-edit",
    "provision-measures",
    "provision-register",
    "/api/v1/pupils/",
    "/api/v1/chronology/",
    "/api/v1/concerns/",
    "/api/v1/assessments/pupils/{pupil_id}",
    "/api/v1/assessments/{assessment_id}",
    "/api/v1/plans/reviews-due",
    "/api/v1/provision/groups/{group_id}/members",
}


@pytest.fixture(autouse=True)
def _pdfs_as_html(monkeypatch):
    # WeasyPrint compresses a PDF's text; render its HTML instead so the names can be found.
    monkeypatch.setattr(
        "sendco.core.documents.render_pdf",
        lambda template, context, request=None: render_to_string(template, context, request).encode(),
    )


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):  # XLSX and DOCX: the text is in the zipped XML parts
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(n).decode(errors="ignore") for n in archive.namelist())
    return content.decode(errors="ignore")


def _markers(cast) -> tuple[str, ...]:
    return ("Learner", cast.pupil.upn, cast.unlinked.upn)


def _pupil_ids_in(data, ids: set[int]) -> bool:
    if isinstance(data, dict):
        return any(
            (key in ("pupil", "pupil_id") and value in ids) or _pupil_ids_in(value, ids)
            for key, value in data.items()
        )
    if isinstance(data, list):
        return any(_pupil_ids_in(item, ids) for item in data)
    return False


def _shows_a_pupil(cast, response, *, api: bool) -> bool:
    text = _text(response)
    if any(marker in text for marker in _markers(cast)):
        return True
    return api and _pupil_ids_in(json.loads(text or "null"), {cast.pupil.pk, cast.unlinked.pk})


def _last_log_id() -> int:
    return AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


GET_PAGES = sorted(name for name, page in PAGES.items() if page.method == "get")
GET_OPERATIONS = sorted(key for key in OPERATIONS if key[0] == "get")


def test_the_lists_name_only_real_reads():
    reads = set(GET_PAGES) | {path for _, path in GET_OPERATIONS}
    assert set(NOT_LOGGED) <= reads and MUST_SHOW <= reads


@pytest.mark.parametrize("name", GET_PAGES)
def test_page_showing_a_pupil_is_logged(name, cast, client):
    page = PAGES[name]
    if page.setup:
        page.setup(cast)
    roles = [Role.SENCO] if page.allowed == PUBLIC else sorted(page.allowed, key=lambda r: r.value)
    unlogged, shown = [], False
    for role in roles:
        user = cast.user(role)
        client.force_login(user)
        before = _last_log_id()
        response = client.get(page_url(name, page, cast), page_data(page, cast))
        if response.status_code != 200 or not _shows_a_pupil(cast, response, api=False):
            continue
        shown = True
        logged = AccessLog.objects.filter(pk__gt=before)
        if page.allowed != PUBLIC:
            logged = logged.filter(user=user)
        if not logged.exists() and name not in NOT_LOGGED:
            unlogged.append(role.value)
    assert not unlogged, f"{name} showed a named pupil without an access-log row, to {unlogged}"
    assert shown or name not in MUST_SHOW, f"{name} showed no pupil of the cast: the walk proves nothing"


@pytest.mark.parametrize("key", GET_OPERATIONS, ids=lambda k: k[1])
def test_api_read_of_a_pupil_is_logged(key, cast, client):
    _, path = key
    op = OPERATIONS[key]
    if op.setup:
        op.setup(cast)
    unlogged, shown = [], False
    for role in sorted(op.allowed, key=lambda r: r.value):
        user = cast.user(role)
        _, token = ApiToken.issue(user)
        before = _last_log_id()
        response = client.get(operation_url(path, op, cast), HTTP_AUTHORIZATION=f"Bearer {token}")
        if response.status_code != 200 or not _shows_a_pupil(cast, response, api=True):
            continue
        shown = True
        if not AccessLog.objects.filter(pk__gt=before, user=user).exists() and path not in NOT_LOGGED:
            unlogged.append(role.value)
    assert not unlogged, f"GET {path} returned a named pupil without an access-log row, to {unlogged}"
    assert shown or path not in MUST_SHOW, f"GET {path}: no pupil of the cast, the walk proves nothing"


def test_a_list_is_one_row_with_what_how_many_and_the_filter(cast, client):
    for _ in range(3):
        f.PupilFactory(school=cast.school)
    _, token = ApiToken.issue(cast.user(Role.SENCO))
    before = _last_log_id()
    response = client.get("/api/v1/pupils/?limit=2&offset=2&year=9", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.json()["count"] == 3 and len(response.json()["items"]) == 1
    (row,) = AccessLog.objects.filter(pk__gt=before)
    assert (row.action, row.what, row.pupil, row.user) == (
        "list",
        "Pupils (API): 1 shown",
        None,
        cast.user(Role.SENCO),
    )
    assert row.path == "/api/v1/pupils/?limit=2&offset=2&year=9"


def test_provision_map_pdf_is_logged(cast, client):
    """The whole-school map PDF names no pupil, but it is the school's SEN provision: logged like
    the page and the spreadsheet."""
    provision_setup(cast)
    client.force_login(cast.user(Role.SENCO))
    assert client.get(reverse("provision-map-pdf")).status_code == 200
    row = AccessLog.objects.get()
    assert (row.action, row.school, row.what) == ("export", cast.school, "Provision map (PDF)")

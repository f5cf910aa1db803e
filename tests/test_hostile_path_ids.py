"""A user of another school learns nothing from an API write about whether a record id exists
(issue 13.8c): for every write operation with a path id, an INVALID body sent to a real record
of the first school and to an id that does not exist gets the very same answer, status and body.
(If the body were validated before the record was looked up and the policy checked, the real id
would answer 422 and the missing one 404.)"""

from __future__ import annotations

import json

import pytest

from sendco.accounts.models import ApiToken

from .test_hostile_input_properties import _body_fields, _document, _write_operations
from .test_permission_matrix import OPERATIONS, operation_url

MISSING = 987_654_321


def _with_path_ids() -> list[tuple[str, str]]:
    return [key for key in _write_operations() if "{" in key[1] and OPERATIONS[key].record]


def _invalid_bodies(method: str, path: str, op, cast) -> dict[str, str]:
    """Bodies ninja refuses before the view runs (malformed, wrong types), and the matrix's
    valid body with values of the right type but out of range, which reach the view."""
    doc = _document()
    fields = _body_fields(doc["paths"][path][method], doc["components"]["schemas"])
    wrong = {name: {"not": ["the", "right", "type"]} for name in fields} or {"extra": "\ud800"}
    bodies = {"malformed JSON": '{"a": ', "wrong types": json.dumps(wrong), "a list": "[1, 2]"}
    if op.body:
        valid = op.body(cast)
        bad = {
            name: "0001-01-01"
            if kind == "date"
            else "x" * 100_000
            if isinstance(valid.get(name), str)
            else -1
            for name, kind in fields.items()
            if name in valid
        }
        bodies["bad values"] = {**valid, **bad} if op.multipart else json.dumps({**valid, **bad})
    return bodies


def _send(client, method: str, url: str, raw, op, cast, headers):
    """JSON as text; a multipart operation's bad values as a multipart body (a fresh copy of its
    file each time: a file is read once)."""
    if isinstance(raw, dict):
        return getattr(client, method)(url, {**raw, **_files(op, cast)}, **headers)
    return getattr(client, method)(url, raw, content_type="application/json", **headers)


def _files(op, cast) -> dict:
    from django.core.files.uploadedfile import UploadedFile

    return {k: v for k, v in op.body(cast).items() if isinstance(v, UploadedFile)}


def _missing_url(path: str, op, cast) -> str:
    for param, value in op.record(cast, "linked").items():
        path = path.replace("{" + param + "}", str(MISSING if isinstance(value, int) else value))
    return path


@pytest.mark.parametrize("key", _with_path_ids(), ids=lambda k: f"{k[0]} {k[1]}")
def test_an_invalid_body_to_another_schools_record_answers_as_for_a_missing_one(key, cast, client):
    method, path = key
    op = OPERATIONS[key]
    if op.setup:
        op.setup(cast)
    _, token = ApiToken.issue(cast.other_senco)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    existing, missing = operation_url(path, op, cast, "linked"), _missing_url(path, op, cast)
    assert existing != missing
    for kind, raw in _invalid_bodies(method, path, op, cast).items():
        answers = [_send(client, method, url, raw, op, cast, headers) for url in (existing, missing)]
        real, absent = [(r.status_code, r.content) for r in answers]
        assert real == absent, f"{key} {kind}: a real id answers {real}, a missing one {absent}"
        assert real[0] in (400, 404, 422), (key, kind, real)

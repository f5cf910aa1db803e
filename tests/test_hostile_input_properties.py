"""No hostile input makes sendco answer 500 (issue 20.8): hypothesis sends unpaired
surrogates, NULs, control characters, huge strings, out-of-range dates and years and wrong
types

* to every field of every API write operation in /api/v1/openapi.json (starting from the
  permission matrix's valid body, one field replaced at a time) and to every query parameter
  of every API operation that has some;
* to the date and year query parameters (and their usual companions) of every page of the
  permission matrix whose view reads one (found in the views' source, so a new one is walked).

Each request must get an answer below 500 (a refusal is fine). Few examples each, so the file
runs in well under a minute; the matrix's own setups give each operation real records.
"""

from __future__ import annotations

import inspect
import json
import re
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.api.root import api

from .test_permission_matrix import OPERATIONS, PAGES, operation_url, page_url

FEW = settings(
    max_examples=4,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure here is a real regression
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# ------------------------------------------------------------------ hostile values

BAD_STRINGS = st.sampled_from(
    [
        "\ud800",
        "ok\udfffok",
        "a\x00b",
        "\x00",
        "\x07\x08\x1b[31m\x7f",
        "\u202eevil\u200b",
        "x" * 100_000,
        " ",
        "",
        "<script>alert(1)</script>",
        "'; DROP TABLE core_pupil; --",
    ]
) | st.text(st.characters(categories=["Cc", "Cs", "Co", "Zl"]), min_size=1, max_size=20)
BAD_DATES = st.sampled_from(
    ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01", "10000-01-01", "2026-02-30", "-1", "2026-W01"]
) | st.dates().map(lambda d: d.isoformat())
BAD_YEARS = st.sampled_from(["-1", "0", "9999", "10000", str(10**30), "1e3", "2026.5"]) | st.integers().map(
    str
)
BAD_OTHER = st.sampled_from([None, 2**64, -(2**63) - 1, 1e308, [], {}, True, [None], {"a": "\ud800"}])


def _json_value(kind: str):
    if kind == "date":
        return BAD_DATES | BAD_OTHER
    return BAD_STRINGS | BAD_DATES | BAD_OTHER


# ------------------------------------------------------------------ the API


def _document() -> dict:
    return api.get_openapi_schema()


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _kind(prop: dict) -> str:
    formats = {prop.get("format")} | {p.get("format") for p in prop.get("anyOf", [])}
    return "date" if "date" in formats else "other"


def _body_fields(operation: dict, components: dict) -> dict[str, str]:
    content = operation.get("requestBody", {}).get("content", {})
    schema = (content.get("application/json") or content.get("multipart/form-data") or {}).get("schema")
    if not schema:
        return {}
    schema = _resolve(schema, components)
    return {name: _kind(prop) for name, prop in schema.get("properties", {}).items()}


def _write_operations() -> list[tuple[str, str]]:
    doc = _document()
    return sorted(
        (method, path)
        for path, methods in doc["paths"].items()
        for method in methods
        if method in ("post", "put", "patch", "delete")
    )


def _operations_with_query() -> list[tuple[str, str]]:
    doc = _document()
    return sorted(
        (method, path)
        for path, methods in doc["paths"].items()
        for method, operation in methods.items()
        if any(p["in"] == "query" for p in operation.get("parameters", []))
    )


def _role_for(allowed) -> Role:
    return Role.SENCO if Role.SENCO in allowed else sorted(allowed, key=lambda r: r.value)[0]


def _token(cast, allowed) -> dict:
    _, token = ApiToken.issue(cast.user(_role_for(allowed)))
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _send(client, method: str, url: str, body: dict, op, auth: dict):
    if op.multipart:
        # Form fields are text: text goes as it is (a lone surrogate as its escape, which
        # UTF-8 cannot carry), other values as their JSON text, a file as it is.
        def text(v):
            return v.encode("utf-8", "backslashreplace").decode() if isinstance(v, str) else json.dumps(v)

        fields = {text(k): v if hasattr(v, "read") else text(v) for k, v in body.items()}
        return getattr(client, method)(url, fields, **auth)
    raw = json.dumps(body)  # writes lone surrogates as \ud800 escapes, as a hostile client would
    return getattr(client, method)(url, raw, content_type="application/json", **auth)


@pytest.mark.parametrize("key", _write_operations(), ids=lambda k: f"{k[0]} {k[1]}")
@FEW
@given(data=st.data())
def test_api_write_operations_never_answer_500(key, cast, client, data):
    method, path = key
    op = OPERATIONS[key]
    if op.setup:
        op.setup(cast)
    doc = _document()
    fields = _body_fields(doc["paths"][path][method], doc["components"]["schemas"])
    body = op.body(cast) if op.body else {}
    name = data.draw(st.sampled_from(sorted(fields) + ["\ud800", "extra"]), label="field")
    body = {**body, name: data.draw(_json_value(fields.get(name, "other")), label="value")}
    url = operation_url(path, op, cast, "linked")
    response = _send(client, method, url, body, op, _token(cast, op.allowed))
    assert response.status_code < 500, (key, body.get(name), response.content[:300])


@pytest.mark.parametrize("key", _operations_with_query(), ids=lambda k: f"{k[0]} {k[1]}")
@FEW
@given(data=st.data())
def test_api_query_parameters_never_answer_500(key, cast, client, data):
    method, path = key
    op = OPERATIONS[key]
    if op.setup:
        op.setup(cast)
    parameters = _document()["paths"][path][method]["parameters"]
    query = {}
    for p in (p for p in parameters if p["in"] == "query"):
        kind = _kind(p.get("schema", {}))
        query[p["name"]] = data.draw(
            BAD_DATES if kind == "date" else BAD_STRINGS | BAD_YEARS, label=p["name"]
        )
    url = operation_url(path, op, cast, "linked") + "?" + _query_string(query)
    response = client.generic(method.upper(), url, **_token(cast, op.allowed))
    assert response.status_code < 500, (key, query, response.content[:300])


# ------------------------------------------------------------------ the pages

# The parameters pages read dates and years from, and those read next to them.
DATE_PARAMS = ("date", "from", "to", "added_from", "added_to", "removed_from", "removed_to")
YEAR_PARAMS = ("year",)
OTHER_PARAMS = ("term", "school", "page", "weeks", "export", "q")
READS_A_DATE = re.compile(
    r"query_(date|year)\(|\.get\(\"(" + "|".join(DATE_PARAMS + YEAR_PARAMS + ("weeks",)) + r")\"\)"
)


def _patterns(resolver=None):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace not in ("admin", "api"):
                yield from _patterns(p)
        elif isinstance(p, URLPattern) and p.name:
            yield p


def _reads_a_date(view) -> bool:
    """The view, or a function of its module or of a module it names that it calls, reads a
    date or year parameter (one level deep: views parse input themselves or in one helper)."""
    view = inspect.unwrap(view)
    source = inspect.getsource(view)
    scope = vars(inspect.getmodule(view))
    helpers = []
    for module_name, name in re.findall(r"(?:\b(\w+)\.)?\b(\w+)\(", source):
        holder = scope.get(module_name) if module_name else None
        target = getattr(holder, name, None) if module_name else scope.get(name)
        if inspect.isfunction(target) and target is not view:
            helpers.append(inspect.getsource(target))
    return any(READS_A_DATE.search(text) for text in [source, *helpers])


def _date_pages() -> list[str]:
    return sorted(p.name for p in _patterns() if PAGES[p.name].method == "get" and _reads_a_date(p.callback))


DATE_PAGES = _date_pages()


def test_the_walk_finds_the_pages_that_read_dates():
    named = {"register-census", "provision-terms", "provision-register", "provision-budget", "chronology-pdf"}
    assert named <= set(DATE_PAGES), sorted(named - set(DATE_PAGES))


def _query_string(params: dict) -> str:
    # A surrogate goes as its CESU bytes (%ED%A0%80), which is what a broken client can send.
    return "&".join(
        f"{quote(str(k), errors='surrogatepass')}={quote(str(v), errors='surrogatepass')}"
        for k, v in params.items()
    )


def _page_role(name, page):
    if name == "provision-register":
        return Role.TA  # a TA takes the register of the group they run
    return _role_for(page.allowed) if page.allowed != "public" else Role.SENCO


@FEW
@given(data=st.data())
def test_date_and_year_parameters_of_every_page_never_answer_500(cast, client, data):
    query = {p: data.draw(BAD_DATES | BAD_STRINGS, label=p) for p in DATE_PARAMS}
    query |= {p: data.draw(BAD_YEARS | BAD_STRINGS, label=p) for p in YEAR_PARAMS}
    query |= {p: data.draw(BAD_STRINGS | BAD_YEARS, label=p) for p in OTHER_PARAMS}
    query["term"] = data.draw(st.sampled_from(["autumn", "spring", "summer"]) | BAD_STRINGS, label="term")
    query["export"] = ""  # exports are pages too, but a 100k-row CSV per example is slow to no purpose
    for name in DATE_PAGES:
        page = PAGES[name]
        if page.setup:
            page.setup(cast)
        client.force_login(cast.user(_page_role(name, page)))
        url = page_url(name, page, cast) + "?" + _query_string(query)
        response = client.get(url)
        assert response.status_code < 500, (name, query)


# ------------------------------------------------------------------ the edges, every time

# Random draws may miss the one value that matters, so the worst cases go to every place too.
EDGE_DATES = ("9999-12-31", "0001-01-01")
EDGE_YEARS = ("-1", "9999")


def test_edge_dates_and_text_in_every_api_body_never_answer_500(cast, client):
    doc = _document()
    for key in _write_operations():
        method, path = key
        op = OPERATIONS[key]
        if op.setup:
            op.setup(cast)
        fields = _body_fields(doc["paths"][path][method], doc["components"]["schemas"])
        tries = [(n, d) for n, kind in fields.items() if kind == "date" for d in EDGE_DATES]
        tries += [(n, "\ud800\x00") for n, kind in fields.items() if kind != "date"][:1]
        for name, value in tries:
            body = {**(op.body(cast) if op.body else {}), name: value}
            url = operation_url(path, op, cast, "linked")
            response = _send(client, method, url, body, op, _token(cast, op.allowed))
            assert response.status_code < 500, (key, name, value, response.content[:300])


def test_edge_dates_and_years_in_every_query_never_answer_500(cast, client):
    doc = _document()
    for key in _operations_with_query():
        method, path = key
        op = OPERATIONS[key]
        if op.setup:
            op.setup(cast)
        params = [p for p in doc["paths"][path][method]["parameters"] if p["in"] == "query"]
        dates = [p["name"] for p in params if _kind(p.get("schema", {})) == "date"]
        years = [p["name"] for p in params if p["name"] == "year"]
        for date_value, year_value in zip(EDGE_DATES, EDGE_YEARS, strict=True):
            query = dict.fromkeys(dates, date_value) | dict.fromkeys(years, year_value)
            url = operation_url(path, op, cast, "linked") + "?" + _query_string(query)
            response = client.generic(method.upper(), url, **_token(cast, op.allowed))
            assert response.status_code < 500, (key, query, response.content[:300])
    for name in DATE_PAGES:
        page = PAGES[name]
        if page.setup:
            page.setup(cast)
        client.force_login(cast.user(_page_role(name, page)))
        for date_value, year_value in zip(EDGE_DATES, EDGE_YEARS, strict=True):
            query = dict.fromkeys(DATE_PARAMS, date_value) | {"year": year_value, "term": "autumn"}
            response = client.get(page_url(name, page, cast) + "?" + _query_string(query))
            assert response.status_code < 500, (name, query)

"""Salary figures never reach a role without the right to see them: every provision page,
export, PDF and API answer, for every role, must not contain the TA's hourly rate, their
loaded rate or a cost derived from it, unless the role is SENCO or head."""

import io
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.api.root import api
from sendco.provision import services
from tests.permissions.provision import PAGES

from .fixtures import provision_setup

# £23.47 an hour + 25 % on-costs = £29.3375; a 30-minute session = £14.66875 → "14.67".
SECRETS = ("23.47", "29.34", "29.33", "14.67")
MONEY_ROLES = {Role.SENCO, Role.HEAD}


@pytest.fixture
def recorded(cast, monkeypatch):
    made = provision_setup(cast)
    services.record_session(
        actor=cast.user(Role.SENCO),
        group=made["linked"],
        day=date(2026, 11, 3),
        held=True,
        present=[cast.pupil.pk],
    )
    # Render PDFs as their HTML so their text can be searched (WeasyPrint compresses it).
    monkeypatch.setattr(
        "sendco.core.documents.render_pdf",
        lambda template, context, request=None: render_to_string(template, context, request).encode(),
    )
    return made


def _text(response) -> str:
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(response.content)).active
        return " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    return response.content.decode()


def _urls(cast):
    for name, page in PAGES.items():
        if page.method != "get":
            continue
        kwargs = page.record(cast, "linked") if page.record else {}
        yield name, reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_no_page_export_or_pdf_shows_a_salary_figure_to_the_wrong_role(
    client, cast, recorded, role, settings
):
    settings.USE_THOUSAND_SEPARATOR = False
    client.force_login(cast.user(role))
    seen_any = False
    for name, url in _urls(cast):
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = _text(response)
        leaked = [s for s in SECRETS if s in text]
        if role in MONEY_ROLES:
            seen_any = seen_any or bool(leaked)
        else:
            assert not leaked, f"{role} saw {leaked} on {name}"
    if role in MONEY_ROLES:
        assert seen_any, "the SENCO/head should see the figures somewhere (or this test proves nothing)"


def test_senco_sees_the_rate_and_the_session_cost(client, cast, recorded):
    client.force_login(cast.user(Role.SENCO))
    assert "£23.47" in client.get(reverse("provision-rates")).content.decode()
    group_page = client.get(reverse("provision-group", args=[recorded["linked"].pk])).content.decode()
    assert "£14.67 a session" in group_page


@pytest.mark.parametrize("role", [r for r in Role if r not in MONEY_ROLES], ids=lambda r: r.value)
def test_api_answers_carry_no_money(client, cast, recorded, role):
    _, token = ApiToken.issue(cast.user(role))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    for path in (
        "/api/v1/provision/library",
        "/api/v1/provision/groups",
        f"/api/v1/provision/groups/{recorded['linked'].pk}",
        f"/api/v1/provision/groups/{recorded['linked'].pk}/sessions",
    ):
        body = client.get(path, **auth).content.decode()
        assert not [s for s in SECRETS if s in body], path


def test_the_api_schema_has_no_rate_or_cost_field():
    schema = api.get_openapi_schema()
    provision_schemas = {
        name: spec for name, spec in schema["components"]["schemas"].items() if name.endswith(("Out", "In"))
    }
    fields = {f for spec in provision_schemas.values() for f in spec.get("properties", {})}
    assert "weekdays" in fields  # the provision schemas are in there
    # Whole words of the field name ("strategies" is not a rate).
    money_words = {"rate", "rates", "hourly", "cost", "costs", "salary", "oncost", "oncosts"}
    assert not {f for f in fields if set(f.lower().split("_")) & money_words}

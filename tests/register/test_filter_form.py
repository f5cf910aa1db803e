"""The register's filters are a form (register.forms.RegisterFilterForm) that the page, its
exports and the API share: the API does not reach into the views for it."""

import ast
import datetime as dt
from pathlib import Path

from django.http import QueryDict

from sendco.register.forms import RegisterFilterForm
from sendco.register.selectors import RegisterFilters

SRC = Path(__file__).resolve().parents[2] / "src" / "sendco"


def test_filters_are_read_from_the_query():
    query = QueryDict(
        "school=3&status=K&need=SLCN&area=CL&year=4&reg= 4B &sex=F&fsm=yes"
        "&added_from=2025-01-02&q=%20smith%20&order=-added"
    )
    assert RegisterFilterForm(query).filters() == RegisterFilters(
        school=3,
        status="K",
        need="SLCN",
        area="CL",
        year=4,
        reg="4B",
        sex="F",
        fsm="yes",
        added_from=dt.date(2025, 1, 2),
        q="smith",
        order="-added",
    )


def test_unknown_or_malformed_values_are_ignored_not_reported():
    query = QueryDict(
        "school=x&status=N&need=XX&year=99&sex=Q&eal=maybe&added_to=02/01/2025&order=shoe"
        f"&reg={'r' * 30}&q={'q' * 150}"
    )
    assert RegisterFilterForm(query).filters() == RegisterFilters(reg="r" * 20, q="q" * 100)
    assert RegisterFilterForm(QueryDict()).filters() == RegisterFilters()


def test_the_api_does_not_import_the_views():
    tree = ast.parse((SRC / "register" / "api.py").read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "views" not in imported and "sendco.register.views" not in imported

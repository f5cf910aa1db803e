import csv
import datetime as dt
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.register import services
from sendco.register.columns import REGISTER_COLUMNS, RegisterColumn, add_register_column

from .. import factories as f

URL = reverse("register")


def _senco(client, cast):
    client.force_login(cast.user(Role.SENCO))


def test_register_lists_pupils_on_k_and_e_only(cast, client):
    _senco(client, cast)
    e_pupil = f.put_on_register(
        f.PupilFactory(school=cast.school, legal_surname="Ehcp"), code="E", need="ASD"
    )
    response = client.get(URL)
    rows = response.context["view"].rows
    assert set(rows) == {cast.pupil, e_pupil}
    assert cast.unlinked not in rows and cast.other_pupil not in rows  # N, and another school
    body = response.content.decode()
    assert "Ehcp" in body and "Plan / review" in body


def test_counts_always_match_rows(cast, client):
    _senco(client, cast)
    for need, code, year in [("ASD", "E", 7), ("ASD", "K", 7), ("SPLD", "K", 8), ("SEMH", "K", 9)]:
        f.put_on_register(f.PupilFactory(school=cast.school, nc_year=year), code=code, need=need)
    for params in ({}, {"year": 7}, {"need": "ASD"}, {"status": "K"}, {"area": "CL"}, {"sex": "F"}):
        view = client.get(URL, params).context["view"]
        n_rows = view.rows.count()
        assert (
            view.total
            == n_rows
            == sum(n for _, _, n in view.need_counts)
            == sum(n for _, n in view.year_counts)
        )
        if not params.get("status"):
            assert view.status_counts["K"] + view.status_counts["E"] == n_rows
        assert sum(view.status_counts.values()) == view.on_roll


def test_filters_and_search(cast, client):
    _senco(client, cast)
    lac = f.put_on_register(
        f.PupilFactory(school=cast.school, looked_after=True, legal_surname="Zebedee", nc_year=8), need="SLCN"
    )
    view = client.get(URL, {"looked_after": "yes"}).context["view"]
    assert list(view.rows) == [lac]
    assert list(client.get(URL, {"q": "zebed"}).context["view"].rows) == [lac]
    assert list(client.get(URL, {"need": "SLCN"}).context["view"].rows) == [lac]
    assert list(client.get(URL, {"area": "CI"}).context["view"].rows) == [lac]
    assert cast.pupil not in client.get(URL, {"year": 8}).context["view"].rows
    # Unknown values are ignored rather than erroring.
    assert client.get(URL, {"year": "x", "need": "NOPE", "order": "drop"}).status_code == 200


def test_added_and_removed_between_dates(cast, client):
    senco = cast.user(Role.SENCO)
    _senco(client, cast)
    today = dt.date.today()
    services.change_status(
        actor=senco,
        pupil=cast.unlinked,
        code="K",
        start_date=today - dt.timedelta(days=10),
        reason="Concern",
        needs=[("MLD", 1)],
    )
    services.change_status(actor=senco, pupil=cast.pupil, code="N", start_date=today, reason="Progress")
    added = client.get(URL, {"added_from": (today - dt.timedelta(days=11)).isoformat()}).context["view"]
    assert list(added.rows) == [cast.unlinked]
    removed = client.get(URL, {"removed_from": (today - dt.timedelta(days=5)).isoformat()}).context["view"]
    assert list(removed.rows) == [cast.pupil]


def test_date_added_is_start_of_current_episode(cast, client):
    senco = cast.user(Role.SENCO)
    _senco(client, cast)
    today = dt.date.today()
    services.change_status(actor=senco, pupil=cast.pupil, code="E", start_date=today, reason="Plan issued")
    row = client.get(URL).context["view"].rows.get(pk=cast.pupil.pk)
    assert row.added_on == dt.date(2024, 9, 1)  # K then E: one episode


def test_sort_descending(cast, client):
    _senco(client, cast)
    f.put_on_register(f.PupilFactory(school=cast.school, legal_surname="Aardvark"))
    names = [p.legal_surname for p in client.get(URL, {"order": "-name"}).context["view"].rows]
    assert names == sorted(names, reverse=True)


def test_export_csv_and_xlsx_neutralise_formulas_and_are_logged(cast, client):
    _senco(client, cast)
    f.put_on_register(f.PupilFactory(school=cast.school, legal_surname="=HYPERLINK(1)"))
    response = client.get(URL, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["UPN", "Surname", "Forename"]
    assert "'=HYPERLINK(1)" in [r[1] for r in rows]
    assert len(rows) == 3
    response = client.get(URL, {"export": "xlsx", "need": "SPLD"})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(1, 1).value == "UPN" and ws.max_row == 3
    assert (
        AccessLog.objects.filter(action=AccessLog.Action.EXPORT, what__startswith="SEN register").count() == 2
    )


def test_htmx_returns_results_fragment(cast, client):
    _senco(client, cast)
    response = client.get(URL, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content and b"register-table" in response.content


def test_other_apps_can_add_columns(cast, client):
    _senco(client, cast)
    saved = dict(REGISTER_COLUMNS)
    try:
        add_register_column(RegisterColumn("plan_review", "Plan status", value=lambda p: f"Plan for {p.upn}"))
        body = client.get(URL).content.decode()
        assert "Plan status" in body and f"Plan for {cast.pupil.upn}" in body and "Plan / review" not in body
    finally:
        REGISTER_COLUMNS.clear()
        REGISTER_COLUMNS.update(saved)


def test_teachers_and_governors_get_404(cast, client):
    for role in (Role.TEACHER, Role.GOVERNOR, Role.PARENT):
        client.force_login(cast.user(role))
        assert client.get(URL).status_code == 404


def _count(client, params=None):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_register_constant_queries(cast, client):
    _senco(client, cast)
    for _ in range(5):
        f.put_on_register(f.PupilFactory(school=cast.school))
    few = _count(client)
    for _ in range(45):
        f.put_on_register(f.PupilFactory(school=cast.school), code="E", need="ASD")
    assert _count(client) == few


def test_leavers_drop_off_the_register(cast, client):
    _senco(client, cast)
    from sendco.core.models import Pupil

    Pupil.objects.filter(pk=cast.pupil.pk).update(leaving_date=dt.date.today())
    assert cast.pupil not in client.get(URL).context["view"].rows


def test_home_panel_for_senco_only(cast, client):
    from sendco.register.models import PupilNeed

    PupilNeed.objects.filter(pupil=cast.pupil).delete()
    _senco(client, cast)
    panel = next(p for p in client.get(reverse("home")).context["panels"] if "register" in p["template"])
    assert panel["context"] == {"no_primary": 1, "last_import": None}
    client.force_login(cast.user(Role.TEACHER))
    assert not any("register" in p["template"] for p in client.get(reverse("home")).context["panels"])

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.chronology.selectors import categories

from .helpers import attach, make_entry


def test_back_dated_entries_sit_where_they_happened(cast, client):
    senco = cast.user(Role.SENCO)
    make_entry(cast.pupil, by=senco, title="Recent meeting", days_ago=1)
    make_entry(cast.pupil, by=senco, title="Typed today about last term", days_ago=90)
    make_entry(cast.pupil, by=senco, title="Last week", days_ago=7)
    client.force_login(senco)
    html = client.get(reverse("chronology-list", args=[cast.pupil.pk])).content.decode()
    assert html.index("Recent meeting") < html.index("Last week") < html.index("Typed today about last term")
    assert AccessLog.objects.filter(pupil=cast.pupil, what="Chronology").exists()


def test_filters_by_category_type_date_and_words(cast, client):
    senco = cast.user(Role.SENCO)
    cats = list(categories(cast.school)[:2])
    make_entry(cast.pupil, by=senco, title="Attendance call", category=cats[0], days_ago=40)
    make_entry(
        cast.pupil, by=senco, title="Meeting about reading", category=cats[1], kind="meeting", days_ago=5
    )
    client.force_login(senco)
    url = reverse("chronology-list", args=[cast.pupil.pk])

    def titles(**params):
        html = client.get(url, params).content.decode()
        return {t for t in ("Attendance call", "Meeting about reading") if t in html}

    assert titles(category=cats[0].pk) == {"Attendance call"}
    assert titles(kind="meeting") == {"Meeting about reading"}
    since = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    assert titles(**{"from": since}) == {"Meeting about reading"}
    assert titles(to=since) == {"Attendance call"}
    assert titles(q="reading") == {"Meeting about reading"}
    assert titles(category="junk", to="not-a-date") == {"Attendance call", "Meeting about reading"}


def test_list_costs_the_same_queries_for_5_and_50_entries(cast, client):
    senco = cast.user(Role.SENCO)
    client.force_login(senco)
    url = reverse("chronology-list", args=[cast.pupil.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for i in range(5):
        attach(make_entry(cast.pupil, by=senco, owner=cast.user(Role.TEACHER), days_ago=i))
    few = count()
    for i in range(45):
        attach(make_entry(cast.pupil, by=senco, owner=cast.user(Role.TEACHER), days_ago=i))
    assert count() == few

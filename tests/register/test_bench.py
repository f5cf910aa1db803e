import datetime as dt

from django.db import connection

from sendco.accounts.roles import Role
from sendco.register.bench import FIRST_PAGE_SQL
from sendco.register.selectors import RegisterFilters, register_view

from .. import factories as f


def test_hand_written_sql_returns_the_same_rows_as_the_register(cast):
    for need in ("ASD", "MLD", "SEMH"):
        f.put_on_register(f.PupilFactory(school=cast.school), code="E", need=need)
    view = register_view(cast.user(Role.SENCO), RegisterFilters(school=cast.school.pk))
    expected = [(p.pk, p.primary_need, p.added_on) for p in view.rows[:50]]
    with connection.cursor() as cursor:
        cursor.execute(FIRST_PAGE_SQL, [dt.date(1900, 1, 1), cast.school.pk, dt.date.today()])
        got = [
            (r[0], r[13], r[15] if isinstance(r[15], dt.date) else dt.date.fromisoformat(r[15]))
            for r in cursor.fetchall()
        ]
    assert got == expected

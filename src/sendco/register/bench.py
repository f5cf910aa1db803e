"""`sendco bench` entries for the register: its first page for one school, and the same rows
from a hand-written SQL query, to report how much the ORM, the filters/counts and the template
cost on top of the bare query."""

from __future__ import annotations

from types import SimpleNamespace

from django.db import connection
from django.utils import timezone

from sendco.bench import BenchContext, _measure, benchmark

FIRST_PAGE_SQL = """
SELECT p.id, p.upn, p.legal_surname, p.legal_forename, p.preferred_forename, p.nc_year, p.reg_group,
       p.sen_status, p.sex, p.pupil_premium, p.looked_after, p.eal, p.fsm,
       (SELECT n.need_type FROM register_pupilneed n
         WHERE n.pupil_id = p.id AND n.rank = 1 AND n.end_date IS NULL ORDER BY n.start_date DESC LIMIT 1),
       (SELECT n.need_type FROM register_pupilneed n
         WHERE n.pupil_id = p.id AND n.rank = 2 AND n.end_date IS NULL ORDER BY n.start_date DESC LIMIT 1),
       (SELECT MIN(s.start_date) FROM register_senstatus s
         WHERE s.pupil_id = p.id AND s.code IN ('K', 'E') AND s.start_date > COALESCE(
           (SELECT MAX(o.start_date) FROM register_senstatus o
             WHERE o.pupil_id = p.id AND o.code NOT IN ('K', 'E')), %s))
  FROM core_pupil p
 WHERE p.school_id = %s AND p.deleted_at IS NULL AND p.sen_status IN ('K', 'E')
   AND (p.leaving_date IS NULL OR p.leaving_date > %s)
 ORDER BY p.legal_surname, p.legal_forename, p.id
 LIMIT 50
"""


def _register(ctx: BenchContext):
    return lambda: ctx.client.get("/register/", {"school": ctx.school.pk})


def _sql(ctx: BenchContext):
    import datetime as dt

    params = [dt.date(1900, 1, 1), ctx.school.pk, timezone.localdate()]

    def run():
        with connection.cursor() as cursor:
            cursor.execute(FIRST_PAGE_SQL, params)
            cursor.fetchall()
        return SimpleNamespace(status_code=200)

    return run


@benchmark("register (first page, one school)")
def register_first_page(ctx: BenchContext):
    return _register(ctx)


@benchmark("register: hand-written SQL, same rows")
def register_sql(ctx: BenchContext):
    # Time both here once more so that the ratio compares runs made back to back.
    page_p50, page_p95, _ = _measure(_register(ctx), 20)
    sql_p50, sql_p95, _ = _measure(_sql(ctx), 20)
    print(
        f"  register page vs hand-written SQL: p50 {page_p50:.1f} / {sql_p50:.1f} ms "
        f"(x{page_p50 / max(sql_p50, 0.001):.1f}), p95 {page_p95:.1f} / {sql_p95:.1f} ms "
        f"(x{page_p95 / max(sql_p95, 0.001):.1f})"
    )
    return _sql(ctx)

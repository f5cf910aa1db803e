"""The school's auditors (SENCO, head) export the access log for one pupil or one user over a
period, as CSV with formulas neutralised; the export is itself logged (issue 13 item 6)."""

import csv
import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.audit.services import log_access


def _rows(response) -> list[dict]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _logged(user, pupil, what, day=None, **fields):
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(12))) if day else timezone.now()
    return AccessLog.objects.create(
        user=user, pupil=pupil, school=pupil.school, action=AccessLog.Action.VIEW, what=what, at=at, **fields
    )


def test_export_for_a_pupil_over_a_period(cast, client):
    teacher = cast.user(Role.TEACHER)
    _logged(teacher, cast.pupil, "Pupil file", dt.date(2026, 3, 10))
    _logged(teacher, cast.pupil, "Old view", dt.date(2026, 1, 5))
    _logged(teacher, cast.unlinked, "Someone else", dt.date(2026, 3, 10))
    client.force_login(cast.user(Role.SENCO))
    response = client.get(
        reverse("audit-access-log-export"), {"pupil": cast.pupil.pk, "from": "2026-03-01", "to": "2026-03-31"}
    )
    rows = _rows(response)
    assert [r["What"] for r in rows] == ["Pupil file"]
    assert rows[0]["Who"] == "teacher (Teacher Tester)" and rows[0]["Action"] == "Viewed record"
    assert "access-log" in response["Content-Disposition"]


def test_export_for_a_user_is_of_this_school_only(cast, client):
    teacher = cast.user(Role.TEACHER)
    log_access(user=teacher, action=AccessLog.Action.VIEW, pupil=cast.pupil, what="Here")
    log_access(user=teacher, action=AccessLog.Action.VIEW, pupil=cast.other_pupil, what="Elsewhere")
    log_access(user=cast.user(Role.TA), action=AccessLog.Action.VIEW, pupil=cast.pupil, what="TA")
    client.force_login(cast.user(Role.SENCO))
    rows = _rows(
        client.get(reverse("audit-access-log-export"), {"user": teacher.username, "school": cast.school.pk})
    )
    assert [r["What"] for r in rows] == ["Here"]


def test_cells_that_look_like_formulas_stay_text(cast, client):
    _logged(cast.user(Role.TEACHER), cast.pupil, "=1+1", user_agent='=HYPERLINK("http://x")')
    client.force_login(cast.user(Role.SENCO))
    rows = _rows(client.get(reverse("audit-access-log-export"), {"pupil": cast.pupil.pk}))
    row = next(r for r in rows if r["What"].endswith("1+1"))
    assert row["What"] == "'=1+1" and row["Browser"].startswith("'=HYPERLINK")


def test_the_export_is_logged(cast, client):
    senco = cast.user(Role.SENCO)
    client.force_login(senco)
    client.get(reverse("audit-access-log-export"), {"pupil": cast.pupil.pk})
    row = AccessLog.objects.get(user=senco, action=AccessLog.Action.EXPORT)
    assert row.pupil == cast.pupil and "Access log" in row.what


def test_another_schools_pupil_is_not_found(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.get(reverse("audit-access-log-export"), {"pupil": cast.other_pupil.pk})
    assert response.status_code == 404
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()


def test_teachers_cannot_export(cast, client):
    client.force_login(cast.user(Role.TEACHER))
    assert client.get(reverse("audit-access-log-export"), {"pupil": cast.pupil.pk}).status_code == 404
    assert client.get(reverse("audit-access-log")).status_code == 404


def _refused(response, field: str, message: str):
    """The form again (422) with an error summary linking to `field`, and no file."""
    assert response.status_code == 422 and response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "govuk-error-summary" in body and f'href="#{field}"' in body and message in body
    assert response.context["form"].errors
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()


def test_export_needs_a_pupil_or_a_user(cast, client):
    client.force_login(cast.user(Role.SENCO))
    _refused(client.get(reverse("audit-access-log-export")), "f-user", "Give a username")


def test_a_period_that_ends_before_it_starts_is_refused(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.get(
        reverse("audit-access-log-export"), {"user": "teacher", "from": "2026-03-31", "to": "2026-03-01"}
    )
    _refused(response, "f-to", "must not be before its start")


def test_a_date_out_of_range_or_malformed_is_a_field_error_not_a_400(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("audit-access-log-export")
    _refused(client.get(url, {"user": "teacher", "from": "1800-01-01"}), "f-from", "Enter a date between")
    _refused(client.get(url, {"user": "teacher", "to": "9999-12-31"}), "f-to", "Enter a date between")
    _refused(client.get(url, {"user": "teacher", "to": "2026-02-30"}), "f-to", "Enter a valid date")


def test_a_refused_export_for_a_pupil_records_no_read(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.get(reverse("audit-access-log-export"), {"pupil": cast.pupil.pk, "from": "1800-01-01"})
    _refused(response, "f-from", "Enter a date between")
    assert cast.pupil.full_name not in response.content.decode()
    assert not AccessLog.objects.filter(pupil=cast.pupil).exists()
    # Another school's pupil is still not found, whatever else is wrong.
    assert (
        client.get(
            reverse("audit-access-log-export"), {"pupil": cast.other_pupil.pk, "from": "1800-01-01"}
        ).status_code
        == 404
    )


def test_the_form_page_and_the_pupil_audit_tab_link_to_the_export(cast, client):
    client.force_login(cast.user(Role.SENCO))
    page = client.get(reverse("audit-access-log"))
    assert page.status_code == 200 and "Export the access log" in page.content.decode()
    tab = client.get(reverse("pupil-audit", args=[cast.pupil.pk])).content.decode()
    assert f"{reverse('audit-access-log-export')}?pupil={cast.pupil.pk}" in tab

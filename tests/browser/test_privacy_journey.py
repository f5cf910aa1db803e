"""Data protection in the browser (issue 13): the SENCO logs a subject access request and sees
its one-month due date, downloads the zip export, places and lifts a legal hold; the school's
auditors (SENCO, head) export the access log of a pupil or a user as CSV, and bad dates give an
error summary, not a file. axe runs on every state of both pages."""

import csv
import datetime as dt
import io
import json
import zipfile

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.privacy.models import LegalHold, SubjectAccessRequest

from .conftest import assert_accessible


def test_senco_logs_a_request_exports_it_and_places_then_lifts_a_hold(cast, page, login, transactional_db):
    pupil = cast.pupil
    login(cast.user(Role.SENCO))
    page.goto(reverse("pupil-detail", args=[pupil.pk]))
    page.get_by_role("link", name="Subject access").click()
    page.get_by_role("heading", name="Subject access requests").wait_for()
    assert "No subject access request has been logged" in page.locator("main").inner_text()
    assert_accessible(page, "subject access, empty")

    # Nothing filled in: the error summary names the field, and nothing is saved.
    page.get_by_label("Date received").fill("")
    page.get_by_role("button", name="Log the request").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "There is a problem" in summary.inner_text()
    assert "Who made the request" in summary.inner_text()
    assert page.title().startswith("Error: ") and not page.title().startswith("Error: Error:")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(page, "subject access, request form with errors")
    assert not SubjectAccessRequest.objects.exists()

    page.get_by_label("Date received").fill("2026-01-31")
    page.get_by_label("Who made the request").fill("Parent (by email)")
    page.get_by_role("button", name="Log the request").click()
    page.get_by_text("Request logged: due by 2 March 2026.").wait_for()
    row = page.locator("tbody tr").first.inner_text()
    assert "31 January 2026" in row and "Parent (by email)" in row and "2 March 2026" in row
    assert "Not yet" in row
    assert_accessible(page, "subject access, request logged")
    sar = SubjectAccessRequest.objects.get()
    assert sar.due_on == dt.date(2026, 3, 2) and sar.logged_by == cast.user(Role.SENCO)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the export (zip)").click()
    download = info.value
    assert download.suggested_filename == f"subject-access-{pupil.upn}.zip"
    with open(download.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = archive.namelist()
    assert "records.json" in names and "summary.pdf" in names
    assert archive.read("summary.pdf").startswith(b"%PDF")
    body = json.loads(archive.read("records.json"))
    assert body["about"]["upn"] == pupil.upn
    assert body["about"]["request_received_on"] == "2026-01-31"
    assert body["about"]["request_due_on"] == "2026-03-02"
    assert body["records"]["Pupil record"][0]["upn"] == pupil.upn
    assert body["records"]["Subject access request"][0]["requested_by"] == "Parent (by email)"
    assert AccessLog.objects.filter(pupil=pupil, action=AccessLog.Action.EXPORT).exists()

    # A hold with no reason: an error summary, the message at the field; nothing placed.
    page.get_by_role("button", name="Place a legal hold").click()
    page.locator(".govuk-error-summary").wait_for()
    assert "Say why the file must be kept" in page.locator(".govuk-error-summary").inner_text()
    reason = page.get_by_label("Reason for a new hold")
    assert "Say why" in page.locator(f"#{reason.get_attribute('aria-describedby')}").inner_text()
    assert_accessible(page, "subject access, hold with no reason")
    assert not LegalHold.objects.exists()

    reason.fill("Tribunal appeal lodged by the parents")
    page.get_by_role("button", name="Place a legal hold").click()
    page.get_by_text("Legal hold placed").wait_for()
    holds = page.locator("main").inner_text()
    assert "Tribunal appeal lodged by the parents: placed" in holds
    assert_accessible(page, "subject access, hold placed")
    hold = LegalHold.objects.get()
    assert hold.lifted_on is None

    page.get_by_role("button", name="Lift the hold").click()
    page.get_by_text("Legal hold lifted.").wait_for()
    hold.refresh_from_db()
    assert hold.lifted_on is not None
    assert f"lifted {hold.lifted_on:%-d %B %Y}" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Lift the hold").count() == 0
    assert_accessible(page, "subject access, hold lifted")

    page.get_by_role("button", name="Mark answered").click()
    page.get_by_text("Request marked as answered.").wait_for()
    assert "Not yet" not in page.locator("tbody tr").first.inner_text()
    assert_accessible(page, "subject access, request answered")


def test_staff_other_than_the_senco_cannot_reach_subject_access(cast, page, login, transactional_db):
    sar = SubjectAccessRequest.objects.create(
        pupil=cast.pupil, received_on=dt.date(2026, 3, 2), requested_by="Mum"
    )
    for role in (Role.TEACHER, Role.HEAD):
        page.context.clear_cookies()
        login(cast.user(role))
        page.goto(reverse("pupil-detail", args=[cast.pupil.pk]))
        assert page.get_by_role("link", name="Subject access").count() == 0
        assert page.goto(reverse("privacy-sar", args=[cast.pupil.pk])).status == 404
        assert page.goto(reverse("privacy-sar-export", args=[cast.pupil.pk, sar.pk])).status == 404
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()


def _csv(download) -> list[list[str]]:
    with open(download.path(), encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _seen(user, pupil, what: str, day: dt.date):
    from django.utils import timezone

    at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    return AccessLog.objects.create(
        user=user, pupil=pupil, school=pupil.school, action=AccessLog.Action.VIEW, what=what, at=at
    )


def test_senco_exports_a_pupils_access_log_for_a_period(cast, page, login, transactional_db):
    teacher = cast.user(Role.TEACHER)
    _seen(teacher, cast.pupil, "Pupil file", dt.date(2026, 3, 10))
    _seen(teacher, cast.pupil, "Before the period", dt.date(2026, 1, 5))
    login(cast.user(Role.SENCO))
    page.goto(reverse("pupil-audit", args=[cast.pupil.pk]))
    page.get_by_role("link", name="choose a period").click()
    page.get_by_role("heading", name="Export the access log").wait_for()
    assert "For the pupil whose audit tab you came from" in page.locator("main").inner_text()
    assert_accessible(page, "access log export, for a pupil")
    page.get_by_label("From").fill("2026-03-01")
    page.get_by_label("To").fill("2026-03-31")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    rows = _csv(info.value)
    assert info.value.suggested_filename.endswith(".csv")
    assert rows[0] == ["When", "Who", "Action", "What", "Pupil", "School", "Page", "Address", "Browser"]
    assert [r[3] for r in rows[1:]] == ["Pupil file"]
    assert rows[1][:5] == [
        "2026-03-10 12:00:00",
        "teacher (Teacher Tester)",
        "Viewed record",
        "Pupil file",
        cast.pupil.full_name,
    ]


def test_head_exports_a_users_access_log(cast, page, login, transactional_db):
    teacher = cast.user(Role.TEACHER)
    _seen(teacher, cast.pupil, "Pupil file", dt.date(2026, 3, 10))
    _seen(cast.user(Role.TA), cast.pupil, "Someone else's view", dt.date(2026, 3, 10))
    login(cast.user(Role.HEAD))
    page.goto(reverse("audit-access-log"))
    assert_accessible(page, "access log export, for a user")
    page.get_by_label("Username").fill(teacher.username)
    page.get_by_label("From").fill("2026-03-01")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    rows = _csv(info.value)
    assert rows[0][0] == "When" and [r[3] for r in rows[1:]] == ["Pupil file"]
    assert rows[1][1] == "teacher (Teacher Tester)"
    export = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert export.user == cast.user(Role.HEAD) and "user teacher" in export.what


def _expect_error(page, field_id: str, message: str, label: str):
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "There is a problem" in summary.inner_text()
    assert page.title().startswith("Error: ")
    # The summary links to the field, which carries its own message (read out with it).
    assert message in summary.locator(f'a[href="#{field_id}"]').inner_text()
    field = page.locator(f"#{field_id}")
    assert field.get_attribute("aria-invalid") == "true"
    described = (field.get_attribute("aria-describedby") or "").split()
    assert any(message in page.locator(f"#{d}").inner_text() for d in described), described
    assert_accessible(page, label)


def test_bad_periods_give_an_error_summary_and_no_file(cast, page, login, transactional_db):
    login(cast.user(Role.SENCO))
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.goto(reverse("audit-access-log"))

    page.get_by_label("Username").fill("teacher")
    page.get_by_label("From").fill("2026-03-31")
    page.get_by_label("To").fill("2026-03-01")
    page.get_by_role("button", name="Download CSV").click()
    _expect_error(
        page, "f-to", "The end of the period must not be before its start", "access log, end before start"
    )
    # What was typed is kept, to correct it.
    assert page.get_by_label("Username").input_value() == "teacher"
    assert page.get_by_label("From").input_value() == "2026-03-31"

    page.get_by_label("From").fill("1800-01-01")
    page.get_by_label("To").fill("")
    page.get_by_role("button", name="Download CSV").click()
    _expect_error(page, "f-from", "Enter a date between 1 January 1900", "access log, date out of range")

    page.get_by_label("Username").fill("")
    page.get_by_label("From").fill("")
    page.get_by_role("button", name="Download CSV").click()
    _expect_error(page, "f-user", "Give a username", "access log, no user")

    assert downloads == []
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()

"""The SENCO adds a back-dated chronology entry with an attachment, filters the chronology and
downloads it as a PDF; a parent sees only what is shared with parents."""

import datetime as dt
import io
import re

from django.urls import reverse
from pypdf import PdfReader

from sendco.accounts.roles import Role
from tests.chronology.helpers import PDF, make_entry

from .conftest import assert_accessible


def test_add_entry_with_attachment_filter_and_download_pdf(cast, page, login, transactional_db, tmp_path):
    senco = cast.user(Role.SENCO)
    make_entry(cast.pupil, by=senco, level="senco", title="Older safeguarding note", days_ago=200)
    letter = tmp_path / "clinic-letter.pdf"
    letter.write_bytes(PDF)
    login(senco)
    page.goto(reverse("pupil-detail", args=[cast.pupil.pk]))
    page.get_by_role("link", name="Chronology").click()
    assert_accessible(page, "chronology")
    page.get_by_role("button", name="Add an entry").click()
    assert_accessible(page, "add chronology entry")
    when = dt.date.today() - dt.timedelta(days=10)
    page.get_by_label("Date it happened").fill(when.isoformat())
    page.get_by_label("Type of entry").select_option("meeting")
    page.get_by_label("Category").select_option(label="Health and medical")
    page.get_by_label("Title").fill("Meeting with paediatrician")
    page.get_by_label("What happened").fill("Discussed the clinic letter; sleep plan agreed.")
    page.get_by_label("All staff who teach or support the pupil").check()
    page.get_by_label("Attachments").set_input_files(str(letter))
    page.get_by_role("button", name="Save entry").click()
    page.get_by_text("The entry was added").wait_for()
    assert page.get_by_role("link", name="clinic-letter.pdf").is_visible()

    page.get_by_label("From", exact=True).fill((dt.date.today() - dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Apply filters").click()
    main = page.locator("main").inner_text()
    assert "Meeting with paediatrician" in main and "Older safeguarding note" not in main
    assert_accessible(page, "filtered chronology")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF of these entries").click()
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages
    )
    assert "Meeting with paediatrician" in text and "Older safeguarding note" not in text

    page.get_by_role("link", name="Meeting with paediatrician").click()
    page.wait_for_url(re.compile(r"/chronology/\d+/$"))
    assert_accessible(page, "chronology entry")


def test_parent_sees_only_entries_shared_with_parents(cast, page, login, transactional_db):
    senco = cast.user(Role.SENCO)
    make_entry(cast.pupil, by=senco, level="parents", title="Reading book sent home")
    make_entry(cast.pupil, by=senco, level="staff", title="Staff-only observation")
    login(cast.user(Role.PARENT))
    page.goto(reverse("chronology-list", args=[cast.pupil.pk]))
    main = page.locator("main").inner_text()
    assert "Reading book sent home" in main and "Staff-only observation" not in main
    assert page.get_by_role("button", name="Add an entry").count() == 0

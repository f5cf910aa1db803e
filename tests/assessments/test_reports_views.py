"""The Reports tab, the upload page, a report and a recommendation's decision page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.assessments.models import ProfessionalReport, Recommendation
from sendco.audit.models import AccessLog
from tests.assessments.report_helpers import TODAY, let_professional_read, pdf, upload
from tests.files import PNG

pytestmark = pytest.mark.django_db


def _form(**extra):
    return {
        "title": "Occupational therapy report",
        "author_name": "Mr Tom Ellis",
        "author_role": "Occupational therapist",
        "agency_name": "Children's Therapy Service",
        "written_on": TODAY.isoformat(),
        "received_on": TODAY.isoformat(),
        "summary": "Fine motor skills below age expectations.",
        "recommendations": "Writing slope\nDaily fine-motor warm-up",
        "scores-TOTAL_FORMS": "1",
        "scores-INITIAL_FORMS": "0",
        "file": pdf("ot.pdf"),
    } | extra


def test_the_senco_uploads_a_report_and_sees_it(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.post(reverse("report-upload", args=[cast.pupil.pk]), _form())
    report = ProfessionalReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("report-detail", args=[report.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Writing slope" in page and "Make a plan target" in page and "Not adopted / other" in page
    listing = client.get(reverse("report-pupil-list", args=[cast.pupil.pk])).content.decode()
    assert "Occupational therapy report" in listing and "2 to decide" in listing


def test_a_bad_file_shows_the_message_and_saves_nothing(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.post(
        reverse("report-upload", args=[cast.pupil.pk]), _form(file=SimpleUploadedFile("x.png", PNG))
    )
    assert response.status_code == 200
    assert "must be a PDF or Word document" in response.content.decode()
    assert not ProfessionalReport.objects.exists()


def test_a_bad_score_names_its_row(cast, client):
    client.force_login(cast.user(Role.SENCO))
    data = _form(
        **{"scores-0-test_name": "BPVS3", "scores-0-area": "vocabulary", "scores-0-standard_score": "190"}
    )
    response = client.post(reverse("report-upload", args=[cast.pupil.pk]), data)
    assert (
        response.status_code == 200
        and "Score 1: A standard score is from 40 to 160" in response.content.decode()
    )
    assert not ProfessionalReport.objects.exists()


def test_add_another_score_row_keeps_the_typing(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = client.post(reverse("report-upload", args=[cast.pupil.pk]), _form(add_row="1"))
    assert response.status_code == 200 and 'id="new-row"' in response.content.decode()
    assert not ProfessionalReport.objects.exists()


def test_a_professional_who_may_only_upload_goes_home_afterwards(cast, client):
    client.force_login(cast.user(Role.PROFESSIONAL))
    response = client.post(reverse("report-upload", args=[cast.pupil.pk]), _form())
    assert response.status_code == 302 and response["Location"] == reverse("home")
    report = ProfessionalReport.objects.get()
    assert client.get(reverse("report-detail", args=[report.pk])).status_code == 404


def test_a_professional_who_may_read_sees_the_report_without_decision_actions(cast, client):
    let_professional_read(cast)
    report = upload(cast)
    client.force_login(cast.user(Role.PROFESSIONAL))
    page = client.get(reverse("report-detail", args=[report.pk])).content.decode()
    assert "Use a visual timetable" in page
    assert "Make a plan target" not in page and "Not adopted / other" not in page
    item = report.recommendations.first()
    assert client.get(reverse("report-recommendation-decide", args=[item.pk])).status_code == 404


def test_the_head_reads_but_does_not_decide(cast, client):
    report = upload(cast)
    client.force_login(cast.user(Role.HEAD))
    page = client.get(reverse("report-detail", args=[report.pk])).content.decode()
    assert "Use a visual timetable" in page and "Not adopted / other" not in page


def test_the_file_download_is_logged(cast, client):
    report = upload(cast)
    client.force_login(cast.user(Role.TEACHER))
    response = client.get(reverse("report-file", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    row = AccessLog.objects.filter(action=AccessLog.Action.DOWNLOAD).latest("pk")
    assert row.pupil_id == cast.pupil.pk and "ep-report.pdf" in row.what


def test_deciding_a_recommendation(cast, client):
    item = upload(cast).recommendations.order_by("pk").first()
    client.force_login(cast.user(Role.ASSISTANT_SENCO))
    url = reverse("report-recommendation-decide", args=[item.pk])
    assert "Decide a recommendation" in client.get(url).content.decode()
    response = client.post(url, {"status": "other", "note": "Shared with the English team", "version": "1"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Recommendation.Status.OTHER and item.decision_note == "Shared with the English team"


def test_a_stale_decision_shows_the_conflict(cast, client):
    item = upload(cast).recommendations.order_by("pk").first()
    client.force_login(cast.user(Role.SENCO))
    url = reverse("report-recommendation-decide", args=[item.pk])
    client.post(url, {"status": "other", "note": "First", "version": "1"})
    response = client.post(url, {"status": "not_adopted", "note": "Second", "version": "1"})
    assert response.status_code == 200 and "Someone else decided" in response.content.decode()
    item.refresh_from_db()
    assert item.decision_note == "First"


def test_an_old_word_doc_is_refused_with_a_message_saying_what_to_do(cast, client):
    client.force_login(cast.user(Role.SENCO))
    old_doc = SimpleUploadedFile(
        "ep-report.doc",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        content_type="application/msword",
    )
    response = client.post(reverse("report-upload", args=[cast.pupil.pk]), _form(file=old_doc))
    page = response.content.decode()
    assert response.status_code == 200
    assert "old-style Word or Office file (such as .doc)" in page
    assert "Save it as a PDF or .docx and upload it again." in page
    assert not ProfessionalReport.objects.exists()

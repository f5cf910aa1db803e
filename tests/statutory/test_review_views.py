"""Annual reviews: schedule, invite (.ics, advice), record the meeting, report, LA decision."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from sendco.audit.models import AccessLog
from sendco.statutory.models import AnnualReview, ReviewInvitee

pytestmark = pytest.mark.django_db


def test_schedule_a_review_invites_parents_pupil_and_la_by_default(senco_client, cast, records):
    plan = records["plan"]
    plan.case_officer_name, plan.case_officer_email = "Sam Okafor", "sam@example.org"
    plan.save()
    meeting = timezone.localdate() + dt.timedelta(days=30)
    response = senco_client.post(
        reverse("statutory-review-new", args=[cast.pupil.pk, plan.pk]), {"meeting_date": meeting}
    )
    review = AnnualReview.objects.get(meeting_date=meeting)
    assert response.status_code == 302
    kinds = set(review.invitees.values_list("kind", flat=True))
    assert {"parent", "pupil", "la"} <= kinds
    body = senco_client.get(reverse("statutory-review", args=[cast.pupil.pk, review.pk])).content.decode()
    assert "Review meeting invitations sent" in body and "SEND Regs 2014 reg 20(3)" in body


def test_review_meeting_before_the_plan_was_issued_is_refused(senco_client, cast, records):
    url = reverse("statutory-review-new", args=[cast.pupil.pk, records["plan"].pk])
    response = senco_client.post(url, {"meeting_date": "2024-01-10"})
    assert "A review meeting cannot be before the plan was issued." in response.content.decode()
    assert AnnualReview.objects.count() == 1  # the fixture's only


def test_send_invitations_emails_an_ics_and_asks_for_advice(
    senco_client, cast, records, django_capture_on_commit_callbacks
):
    review = records["review"]
    review.meeting_date = timezone.localdate() + dt.timedelta(days=20)
    review.save()
    ReviewInvitee.objects.create(
        review=review,
        pupil=cast.pupil,
        school=cast.school,
        kind="health",
        name="Dr Jones",
        email="dr@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        senco_client.post(reverse("statutory-review-invite", args=[cast.pupil.pk, review.pk]))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Please send your advice" in message.body
    ics = Calendar.from_ical(message.attachments[0][1])
    event = next(iter(ics.walk("VEVENT")))
    assert event.decoded("dtstart") == review.meeting_date
    review.refresh_from_db()
    assert review.invitations_sent == timezone.localdate()
    assert not review.invitees.filter(invited_on__isnull=True).exists()


def test_record_the_meeting_with_progress_and_preparing_for_adulthood(senco_client, cast, records):
    review = records["review"]  # meeting in the past, pupil in Year 10
    url = reverse("statutory-review-meeting", args=[cast.pupil.pk, review.pk])
    assert "preparing for adulthood" in senco_client.get(url).content.decode()
    response = senco_client.post(
        url,
        {
            "held": "on",
            "pupil_views": "Likes maths",
            "pfa_discussed": "on",
            "pfa_notes": "College visit",
            "agreement": "agreed",
            "version": review.version,
            f"outcome-{records['outcome'].pk}": "Reads 2 pages",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.held and review.pfa_discussed
    assert review.outcome_progress.get().progress == "Reads 2 pages"


def test_meeting_in_the_future_cannot_be_held(senco_client, cast, records):
    review = records["review"]
    review.meeting_date = timezone.localdate() + dt.timedelta(days=5)
    review.save()
    url = reverse("statutory-review-meeting", args=[cast.pupil.pk, review.pk])
    response = senco_client.post(url, {"held": "on", "version": review.version})
    assert "cannot have been held yet" in response.content.decode()
    review.refresh_from_db()
    assert not review.held


def test_report_pdf_is_logged(senco_client, cast, records):
    response = senco_client.get(
        reverse("statutory-review-report", args=[cast.pupil.pk, records["review"].pk])
    )
    assert response.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(
        pupil=cast.pupil, action="download", what="Annual review report (PDF)"
    ).exists()


def test_la_decision_needs_its_date_and_report_cannot_precede_meeting(senco_client, cast, records):
    review = records["review"]
    url = reverse("statutory-review-edit", args=[cast.pupil.pk, review.pk])
    response = senco_client.post(
        url, {"meeting_date": review.meeting_date, "la_decision": "amend", "version": review.version}
    )
    assert "Give the date of the LA" in response.content.decode()
    response = senco_client.post(
        url,
        {
            "meeting_date": review.meeting_date,
            "version": review.version,
            "report_sent": review.meeting_date - dt.timedelta(days=1),
        },
    )
    assert "The review report cannot be sent before the meeting." in response.content.decode()
    review.refresh_from_db()
    assert review.report_sent is None and review.la_decision == ""


def test_amendment_through_comments_and_final(senco_client, cast, records):
    plan = records["plan"]
    url = reverse("statutory-amendment-new", args=[cast.pupil.pk, plan.pk])
    response = senco_client.post(url, {"notice_sent": "2026-11-02", "comments_received": "2026-11-10"})
    assert response.status_code == 302
    body = senco_client.get(reverse("statutory-plan", args=[cast.pupil.pk, plan.pk])).content.decode()
    assert "Final amended EHC plan issued" in body and "SEND Regs 2014 reg 22(3)" in body


def test_amended_plan_before_notice_is_refused(senco_client, cast, records):
    url = reverse("statutory-amendment-new", args=[cast.pupil.pk, records["plan"].pk])
    response = senco_client.post(url, {"notice_sent": "2026-11-02", "final_issued": "2026-10-01"})
    assert "The amended plan cannot be issued before the notice." in response.content.decode()


def test_ics_download_and_letters(senco_client, cast, records):
    review = records["review"]
    ics = senco_client.get(reverse("statutory-review-ics", args=[cast.pupil.pk, review.pk]))
    assert Calendar.from_ical(ics.content)
    letters = senco_client.get(reverse("statutory-review-letters", args=[cast.pupil.pk, review.pk]))
    assert letters.content.startswith(b"%PDF")

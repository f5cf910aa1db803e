import datetime as dt
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.chronology.models import ChronologyAttachment, ChronologyEntry
from sendco.chronology.selectors import categories

from .helpers import PDF


def _data(cast, **overrides):
    data = {
        "occurred_on": (dt.date.today() - dt.timedelta(days=30)).isoformat(),
        "occurred_time": "15:30",
        "kind": "parent_contact",
        "category": categories(cast.school).get(name="Communication with parents").pk,
        "title": "Mum called about homework",
        "body": "Homework takes two hours; agreed to cap it at 30 minutes.",
        "confidentiality": "staff",
        "other_participants": "Mrs Learner (mum)",
    }
    return data | overrides


def test_teacher_adds_a_back_dated_entry_with_an_attachment(cast, client, settings):
    teacher = cast.user(Role.TEACHER)
    client.force_login(teacher)
    upload = SimpleUploadedFile("../../etc/passwd letter.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("chronology-create", args=[cast.pupil.pk]),
        _data(cast, staff_participants=[teacher.pk], attachments=[upload]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ChronologyEntry.objects.get()
    assert entry.recorded_by == teacher and entry.occurred_on < dt.date.today()
    assert list(entry.staff_participants.all()) == [teacher]
    assert entry.history.get().history_user == teacher
    attachment = ChronologyAttachment.objects.get()
    assert attachment.original_name == "passwd letter.pdf" and attachment.content_type == "application/pdf"
    # Stored under MEDIA_ROOT with a random name, never the sender's.
    path = attachment.file.path
    assert path.startswith(str(settings.MEDIA_ROOT)) and "passwd" not in path and os.path.exists(path)


def test_disguised_or_oversized_files_are_refused_and_nothing_is_saved(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("chronology-create", args=[cast.pupil.pk])
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 windows program", content_type="application/pdf")
    response = client.post(url, _data(cast, attachments=[fake]))
    assert response.status_code == 200
    assert "report.pdf: The selected file must be a PDF" in response.content.decode()
    big = SimpleUploadedFile("scan.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    response = client.post(url, _data(cast, attachments=[big]))
    assert "must be smaller than 10 MB" in response.content.decode()
    assert not ChronologyEntry.objects.exists() and not ChronologyAttachment.objects.exists()


def test_bad_input_gets_a_clear_message_per_field(cast, client):
    client.force_login(cast.user(Role.TEACHER))
    url = reverse("chronology-create", args=[cast.pupil.pk])
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    html = client.post(url, _data(cast, occurred_on=tomorrow, title="")).content.decode()
    assert "There is a problem" in html and "This field is required" in html
    html = client.post(url, _data(cast, occurred_on=tomorrow)).content.decode()
    assert "The date must be today or in the past." in html
    html = client.post(url, _data(cast, follow_up="Ring mum back")).content.decode()
    assert "Choose who will do the follow-up." in html
    html = client.post(url, _data(cast, follow_up_owner=cast.user(Role.TA).pk)).content.decode()
    assert "Say what the follow-up action is." in html and "Enter a due date" in html
    # The exams officer cannot read staff-level entries, so cannot own their follow-up.
    due = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    html = client.post(
        url, _data(cast, follow_up="x", follow_up_due=due, follow_up_owner=cast.user(Role.EXAMS_OFFICER).pk)
    ).content.decode()
    assert "Select a valid choice" in html or "The owner must be someone who can read this entry." in html
    # A teacher cannot file at a level they could not read themselves (but may pass it to the SENCO).
    html = client.post(url, _data(cast, confidentiality="sen_team")).content.decode()
    assert "Choose a level you are allowed to share at." in html
    assert not ChronologyEntry.objects.exists()
    assert client.post(url, _data(cast, confidentiality="senco")).status_code == 302


def test_another_schools_category_is_refused(cast, client):
    client.force_login(cast.user(Role.SENCO))
    foreign = categories(cast.other).first()
    html = client.post(reverse("chronology-create", args=[cast.pupil.pk]), _data(cast, category=foreign.pk))
    assert "Select a valid choice" in html.content.decode()
    assert not ChronologyEntry.objects.exists()

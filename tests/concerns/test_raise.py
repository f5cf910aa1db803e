from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.concerns.models import Concern, Evidence
from sendco.concerns.selectors import categories

from .helpers import PDF


def _data(cast, **overrides):
    return {
        "categories": [categories(cast.school).get(name="Cognition and learning").pk],
        "subjects": "English, history",
        "observations": "Reads two years below peers; avoids reading aloud.",
        "strategies_tried": "Phonics catch-up 3x a week since September; coloured overlay.",
        "rating_literacy": "3",
        "rating_attention": "2",
    } | overrides


def test_teacher_raises_a_concern_with_ratings_and_evidence(
    cast, client, mailoutbox, django_capture_on_commit_callbacks
):
    teacher = cast.user(Role.TEACHER)
    cast.user(Role.SENCO).email = "senco@example.org"
    cast.user(Role.SENCO).save()
    client.force_login(teacher)
    page = client.get(reverse("concern-create", args=[cast.pupil.pk])).content.decode()
    assert "Social, emotional and mental health" in page and "Serious concern" in page
    evidence = SimpleUploadedFile("sample.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("concern-create", args=[cast.pupil.pk]), _data(cast, evidence=[evidence])
        )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.raised_by == teacher and concern.status == "new"
    assert concern.rating_literacy == 3 and concern.rating_numeracy is None
    assert Evidence.objects.get().original_name == "sample.pdf"
    assert concern.history.get().history_user == teacher
    assert len(mailoutbox) == 1 and "senco@example.org" in mailoutbox[0].to
    assert cast.pupil.legal_surname not in mailoutbox[0].body  # email never names the pupil
    detail = client.get(response["Location"]).content.decode()
    assert "Reads two years below peers" in detail and "3 – Clear concern" in detail


def test_missing_details_and_bad_evidence_save_nothing(cast, client):
    client.force_login(cast.user(Role.TEACHER))
    url = reverse("concern-create", args=[cast.pupil.pk])
    html = client.post(url, _data(cast, categories=[], observations="", strategies_tried="")).content.decode()
    assert html.count("This field is required") >= 3 and "There is a problem" in html
    assert "<title>Error: Raise a concern" in html and "Error: Error:" not in html
    fake = SimpleUploadedFile("work.docx", b"PK\x03\x04 not a document", content_type="application/msword")
    html = client.post(url, _data(cast, evidence=[fake])).content.decode()
    assert "work.docx: The selected file must be a PDF" in html
    html = client.post(url, _data(cast, rating_literacy="9")).content.decode()
    assert "Select a valid choice" in html
    foreign = categories(cast.other).first()
    html = client.post(url, _data(cast, categories=[foreign.pk])).content.decode()
    assert "Select a valid choice" in html
    assert not Concern.objects.exists() and not Evidence.objects.exists()


def test_only_adults_who_teach_the_pupil_can_raise(cast, client):
    for role in (Role.TEACHER, Role.TA):
        client.force_login(cast.user(role))
        assert client.get(reverse("concern-create", args=[cast.unlinked.pk])).status_code == 404
    for role in (Role.PARENT, Role.PROFESSIONAL, Role.EXAMS_OFFICER):
        client.force_login(cast.user(role))
        assert client.post(reverse("concern-create", args=[cast.pupil.pk]), _data(cast)).status_code == 404
    assert not Concern.objects.exists()


def test_raiser_can_change_the_concern_only_while_it_is_new(cast, client):
    teacher = cast.user(Role.TEACHER)
    client.force_login(teacher)
    client.post(reverse("concern-create", args=[cast.pupil.pk]), _data(cast))
    concern = Concern.objects.get()
    url = reverse("concern-edit", args=[concern.pk])
    response = client.post(url, _data(cast, subjects="All lessons", version=1))
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.subjects == "All lessons" and concern.version == 2
    stale = client.post(url, _data(cast, subjects="Maths", version=1)).content.decode()
    assert "Someone else changed this concern" in stale
    Concern.objects.filter(pk=concern.pk).update(status="awaiting_decision")
    assert client.get(url).status_code == 404


def test_evidence_download_is_checked_and_logged(cast, client):
    from sendco.audit.models import AccessLog

    from .helpers import add_evidence, make_concern

    concern = make_concern(cast.pupil, by=cast.user(Role.TEACHER))
    item = add_evidence(concern)
    url = reverse("concern-evidence", args=[concern.pk, item.pk])
    client.force_login(cast.user(Role.TEACHER))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessLog.objects.filter(action="download", pupil=cast.pupil).exists()
    client.force_login(cast.user(Role.HEAD))  # sees the pupil, but the concern is not theirs
    assert client.get(url).status_code == 404

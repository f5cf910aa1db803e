from django.core.files.base import ContentFile
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.plans import services
from sendco.plans.models import Passport
from tests.permissions.core import PNG


def _data(**changes):
    return {
        "about_me": "I love drawing",
        "how_to_help": "<ul><li><strong>Visual</strong> prompts</li></ul>",
    } | changes


def test_ta_writes_a_passport_the_teacher_reads_it(cast, client):
    client.force_login(cast.user(Role.TA))
    url = reverse("plans-passport-edit", args=[cast.pupil.pk])
    assert client.post(url, _data(version=0))["Location"] == reverse("plans-passport", args=[cast.pupil.pk])
    client.force_login(cast.user(Role.TEACHER))
    body = client.get(reverse("plans-passport", args=[cast.pupil.pk])).content.decode()
    assert "I love drawing" in body and "<li><strong>Visual</strong> prompts</li>" in body
    assert AccessLog.objects.filter(pupil=cast.pupil, what="Pupil passport").exists()


def test_passport_conflict_keeps_both(cast, client):
    services.save_passport(actor=cast.user(Role.TA), pupil=cast.pupil, data=_data(), expected_version=None)
    services.save_passport(
        actor=cast.user(Role.SENCO),
        pupil=cast.pupil,
        data=_data(about_me="SENCO version"),
        expected_version=1,
    )
    client.force_login(cast.user(Role.TA))
    body = client.post(
        reverse("plans-passport-edit", args=[cast.pupil.pk]), _data(about_me="TA version", version=1)
    ).content.decode()
    assert "Someone else changed this" in body and "SENCO version" in body and "TA version" in body
    assert "SENCO version" in Passport.objects.get().about_me


def test_passport_photo_is_served_through_the_policy(cast, client):
    passport = services.save_passport(
        actor=cast.user(Role.TA), pupil=cast.pupil, data=_data(), expected_version=None
    )
    passport.photo.save("p.png", ContentFile(PNG), save=True)
    client.force_login(cast.user(Role.PARENT))
    assert client.get(reverse("plans-passport-photo", args=[cast.pupil.pk])).status_code == 200
    client.force_login(cast.user(Role.GOVERNOR))
    assert client.get(reverse("plans-passport-photo", args=[cast.pupil.pk])).status_code == 404


def test_exams_officer_reads_but_cannot_edit(cast, client):
    client.force_login(cast.user(Role.EXAMS_OFFICER))
    assert client.get(reverse("plans-passport", args=[cast.pupil.pk])).status_code == 200
    assert client.get(reverse("plans-passport-edit", args=[cast.pupil.pk])).status_code == 404


def test_passport_photo_upload(cast, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.user(Role.TA))
    photo = SimpleUploadedFile("me.png", PNG, content_type="image/png")
    client.post(reverse("plans-passport-edit", args=[cast.pupil.pk]), _data(version=0) | {"photo": photo})
    passport = Passport.objects.get()
    assert passport.photo.name.startswith("passports/")
    page = client.get(reverse("plans-passport", args=[cast.pupil.pk])).content.decode()
    assert reverse("plans-passport-photo", args=[cast.pupil.pk]) in page


def test_passport_photo_is_checked_and_renamed(cast, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.files import GIF
    from tests.files import PNG as REAL_PNG

    client.force_login(cast.user(Role.TA))
    url = reverse("plans-passport-edit", args=[cast.pupil.pk])
    gif = SimpleUploadedFile("me.png", GIF, content_type="image/png")
    response = client.post(url, _data(version=0) | {"photo": gif})
    assert "The selected file must be a JPEG image or PNG image." in response.content.decode()
    assert not Passport.objects.exists()
    photo = SimpleUploadedFile("..\\evil.jpg", REAL_PNG, content_type="image/jpeg")
    response = client.post(url, _data(version=0) | {"photo": photo})
    assert response.status_code == 302, response.content.decode()[-3000:]
    name = Passport.objects.get().photo.name
    assert name.startswith("passports/") and name.endswith(".png") and "evil" not in name

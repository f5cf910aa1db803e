"""Per-LA settings: extra internal deadlines that add to the statutory ones."""

import pytest
from django.urls import reverse

from sendco.statutory.models import LaSetting

pytestmark = pytest.mark.django_db


def _post(client, url, **data):
    return client.post(url, {"la_name": "Leeds", "working_days": "0,1,2,3,4", **data})


def test_extra_working_day_deadline_appears_beside_the_statutory_one(senco_client, cast, records):
    LaSetting.objects.all().delete()
    response = _post(
        senco_client,
        reverse("statutory-la-setting-new"),
        review_paperwork_working_days=10,
        portal_url="ehc.leeds.example",
        school=cast.school.pk,
    )
    assert response.status_code == 302
    assert LaSetting.objects.get().portal_url == "https://ehc.leeds.example"
    body = senco_client.get(
        reverse("statutory-review", args=[cast.pupil.pk, records["review"].pk])
    ).content.decode()
    assert "Review paperwork to Leeds (10 working days)" in body
    assert "Review report sent" in body  # the statutory deadline stays


def test_bad_working_days_are_refused(senco_client, cast):
    response = _post(senco_client, reverse("statutory-la-setting-new"), working_days="Mon,Tue")
    assert "0 (Monday) to 6 (Sunday)" in response.content.decode()
    assert not LaSetting.objects.exists()


def test_one_setting_per_la_per_school(senco_client, cast, records):
    response = _post(senco_client, reverse("statutory-la-setting-new"), school=cast.school.pk)
    assert "already has settings" in response.content.decode()


def test_settings_list_and_edit_conflict(senco_client, cast, records):
    setting = records["setting"]
    assert "Leeds" in senco_client.get(reverse("statutory-la-settings")).content.decode()
    LaSetting.objects.filter(pk=setting.pk).update(version=9)
    response = _post(
        senco_client, reverse("statutory-la-setting-edit", args=[setting.pk]), version=1, contact_name="X"
    )
    assert "Someone else changed these settings" in response.content.decode()

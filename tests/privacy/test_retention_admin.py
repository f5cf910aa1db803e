"""A system administrator sets a school's retention period in the admin; out-of-range years
are refused, and the change is kept with who made it."""

import pytest
from django.urls import reverse

from sendco.privacy.models import RetentionSetting


@pytest.fixture
def admin_client(client, cast):
    from tests.factories import UserFactory

    root = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(root)
    client.root = root
    return client


def test_admin_sets_a_schools_retention_years_with_history(admin_client, cast):
    url = reverse("admin:privacy_retentionsetting_add")
    response = admin_client.post(url, {"school": cast.school.pk, "rule": "sen_file", "years": "35"})
    assert response.status_code == 302, response.content.decode()[:2000]
    setting = RetentionSetting.objects.get(school=cast.school, rule="sen_file")
    assert setting.years == 35
    assert setting.history.get().history_user == admin_client.root


@pytest.mark.parametrize("years", ["0", "101"])
def test_admin_refuses_years_out_of_range(admin_client, cast, years):
    url = reverse("admin:privacy_retentionsetting_add")
    response = admin_client.post(url, {"school": cast.school.pk, "rule": "sen_file", "years": years})
    assert response.status_code == 200
    assert "Enter a number of years from 1 to 100." in response.content.decode()
    assert not RetentionSetting.objects.exists()

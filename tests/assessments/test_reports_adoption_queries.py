"""The provision page that makes a recommendation a place costs a fixed number of queries,
however many groups the school runs, and offers only the pupil's school's groups."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendco.accounts.roles import Role
from tests.assessments.report_helpers import upload
from tests.provision.fixtures import make_group

pytestmark = pytest.mark.django_db


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_page_costs_the_same_with_one_group_or_many(cast, client):
    item = upload(cast).recommendations.order_by("pk").first()
    client.force_login(cast.user(Role.SENCO))
    url = reverse("provision-from-recommendation", args=[cast.pupil.pk, item.pk])
    make_group(cast.school, name="Group 0")
    make_group(cast.other, name="Other school's group")
    client.get(url)  # warm caches (sessions, roles) so both counts are alike
    one, page = _queries(client, url)
    assert "Group 0" in page and "Other school&#x27;s group" not in page
    for n in range(1, 6):
        make_group(cast.school, name=f"Group {n}")
    many, page = _queries(client, url)
    assert all(f"Group {n}" in page for n in range(6))
    assert many == one
    assert "Other school&#x27;s group" not in page

"""Pages of pupils cost a fixed number of queries, however many pupils they show."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role

from . import factories as f


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = fn()
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_pupils(cast, n):
    group = f.TeachingGroupFactory(school=cast.school)
    f.add_group_staff(group, cast.user(Role.TEACHER))
    for _ in range(n):
        pupil = f.put_on_register(f.PupilFactory(school=cast.school))
        f.put_in_group(group, pupil)


def test_pupil_list_constant_queries(cast, client):
    for role in (Role.SENCO, Role.TEACHER):
        client.force_login(cast.user(role))
        _add_pupils(cast, 3)
        few = _count(lambda: client.get(reverse("pupil-list")))
        _add_pupils(cast, 45)
        many = _count(lambda: client.get(reverse("pupil-list")))
        assert few == many, f"{role}: {few} queries for a few pupils, {many} for many"


def test_api_list_constant_queries(cast, client):
    _, key = ApiToken.issue(cast.user(Role.SENCO))
    _add_pupils(cast, 3)
    few = _count(lambda: client.get("/api/v1/pupils/", HTTP_AUTHORIZATION=f"Bearer {key}"))
    _add_pupils(cast, 45)
    many = _count(lambda: client.get("/api/v1/pupils/", HTTP_AUTHORIZATION=f"Bearer {key}"))
    assert few == many


def test_pupil_page_constant_queries(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("pupil-detail", args=[cast.pupil.pk])
    before = _count(lambda: client.get(url))
    for i in range(5):
        group = f.TeachingGroupFactory(school=cast.school, subject=f"Subject {i}")
        f.put_in_group(group, cast.pupil)
        f.add_group_staff(group, f.UserFactory())
        f.PupilContactFactory(pupil=cast.pupil, school=cast.school, priority=i + 2)
    assert _count(lambda: client.get(url)) == before


def test_search_constant_queries(cast, client):
    client.force_login(cast.user(Role.SENCO))
    _add_pupils(cast, 2)
    few = _count(lambda: client.get(reverse("pupil-search"), {"q": "Testperson"}))
    _add_pupils(cast, 20)
    assert _count(lambda: client.get(reverse("pupil-search"), {"q": "Testperson"})) == few

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.concerns.models import ConcernCategory
from tests import factories as f

from . import helpers as h


def test_triage_queue_shows_counts_ages_and_filters(cast, client):
    teacher = cast.user(Role.TEACHER)
    new = h.make_concern(cast.pupil, by=teacher)
    waiting = h.make_concern(cast.unlinked, by=cast.user(Role.SENCO), status="awaiting_input")
    h.ask(waiting, cast.user(Role.TA))
    h.make_concern(cast.other_pupil, by=cast.other_senco)  # another school: never listed
    client.force_login(cast.user(Role.SENCO))
    url = reverse("concern-list")
    response = client.get(url)
    html = response.content.decode()
    assert f"#{new.pk}" in html and f"#{waiting.pk}" in html and "1 of 1 replies awaited" in html
    assert response.context["counts"]["new"] == 1 and response.context["counts"]["awaiting_input"] == 1
    assert [c.pk for c in response.context["page"]] == [new.pk, waiting.pk]
    assert client.get(url, {"status": "awaiting_input"}).context["page"].paginator.count == 1
    assert client.get(url, {"year": 7}).context["page"].object_list[0] == waiting
    assert client.get(url, {"q": "Linked"}).context["page"].object_list[0] == new
    other_cat = (
        ConcernCategory.objects.filter(school=cast.school).exclude(pk__in=new.categories.all()).first()
    )
    assert client.get(url, {"category": other_cat.pk}).context["page"].paginator.count == 0
    assert [c.pk for c in client.get(url, {"order": "newest"}).context["page"]] == [waiting.pk, new.pk]


def test_teachers_see_their_own_concerns_only(cast, client):
    mine = h.make_concern(cast.pupil, by=cast.user(Role.TEACHER))
    h.make_concern(cast.pupil, by=cast.user(Role.SENCO))
    client.force_login(cast.user(Role.TEACHER))
    page = client.get(reverse("concern-list")).context["page"]
    assert [c.pk for c in page] == [mine.pk]
    tab = client.get(reverse("concern-pupil-list", args=[cast.pupil.pk])).content.decode()
    assert f"#{mine.pk}" in tab and "Raise a concern" in tab


def test_queue_costs_the_same_queries_for_5_and_50_concerns(cast, client):
    client.force_login(cast.user(Role.SENCO))

    def add(n):
        for _ in range(n):
            pupil = f.PupilFactory(school=cast.school)
            concern = h.make_concern(pupil, by=cast.user(Role.TEACHER))
            h.ask(concern, cast.user(Role.TA))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("concern-list")).status_code == 200
        return len(ctx.captured_queries)

    add(5)
    few = count()
    add(45)
    assert count() == few


def test_senco_manages_areas_of_concern(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("concern-categories")
    assert "Sensory and/or physical" in client.get(url).content.decode()
    assert (
        client.post(url, {"name": "Young carer", "description": "Caring duties at home"}).status_code == 302
    )
    assert "already has an area of concern" in client.post(url, {"name": "young carer"}).content.decode()
    category = ConcernCategory.objects.get(school=cast.school, name="Young carer")
    edit = reverse("concern-category-edit", args=[category.pk])
    assert client.post(edit, {"name": "Young carer", "description": ""}).status_code == 302
    category.refresh_from_db()
    assert not category.active
    assert "Young carer" not in client.get(reverse("concern-create", args=[cast.pupil.pk])).content.decode()
    client.force_login(cast.other_senco)
    assert client.get(edit).status_code == 404

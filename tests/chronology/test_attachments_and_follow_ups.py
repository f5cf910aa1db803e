from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.chronology.models import ChronologyCategory

from .helpers import PDF, attach, make_entry


def test_download_checks_the_policy_and_is_logged(cast, client):
    entry = make_entry(cast.pupil, by=cast.user(Role.SENCO), level="staff")
    attachment = attach(entry)
    url = reverse("chronology-attachment", args=[entry.pk, attachment.pk])
    client.force_login(cast.user(Role.TA))
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert AccessLog.objects.filter(action="download", pupil=cast.pupil, user=cast.user(Role.TA)).exists()
    client.force_login(cast.user(Role.PARENT))
    assert client.get(url).status_code == 404
    other = make_entry(cast.pupil, by=cast.user(Role.SENCO), level="staff")
    client.force_login(cast.user(Role.TA))
    assert client.get(reverse("chronology-attachment", args=[other.pk, attachment.pk])).status_code == 404


def test_follow_ups_appear_on_the_owners_home_page_until_done(cast, client):
    teacher = cast.user(Role.TEACHER)
    entry = make_entry(cast.pupil, by=cast.user(Role.SENCO), level="staff", owner=teacher)
    client.force_login(teacher)
    home = client.get(reverse("home")).content.decode()
    assert "Your follow-up actions (1)" in home and "Send the visual timetable home" in home
    client.force_login(cast.user(Role.TA))
    assert "Your follow-up actions" not in client.get(reverse("home")).content.decode()
    client.force_login(teacher)
    response = client.post(reverse("chronology-follow-up-done", args=[entry.pk]), {"next": "home"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    entry.refresh_from_db()
    assert entry.follow_up_done_at is not None
    assert "Your follow-up actions" not in client.get(reverse("home")).content.decode()


def test_home_panel_costs_the_same_queries_for_1_and_20_follow_ups(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    teacher = cast.user(Role.TEACHER)
    client.force_login(teacher)
    make_entry(cast.pupil, by=cast.user(Role.SENCO), level="staff", owner=teacher)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for _ in range(19):
        make_entry(cast.pupil, by=cast.user(Role.SENCO), level="staff", owner=teacher)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("home"))
    assert len(few.captured_queries) == len(many.captured_queries)


def test_senco_manages_categories(cast, client):
    client.force_login(cast.user(Role.SENCO))
    url = reverse("chronology-categories")
    html = client.get(url).content.decode()
    assert "Review meeting" in html  # seeded defaults
    assert client.post(url, {"name": "  Early   help "}).status_code == 302
    assert ChronologyCategory.objects.filter(school=cast.school, name="Early help").exists()
    html = client.post(url, {"name": "early help"}).content.decode()
    assert "already has a category with this name" in html
    category = ChronologyCategory.objects.get(school=cast.school, name="Early help")
    response = client.post(reverse("chronology-category-edit", args=[category.pk]), {"name": "Early help"})
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.active is False
    form = client.get(reverse("chronology-create", args=[cast.pupil.pk])).content.decode()
    assert "Early help" not in form

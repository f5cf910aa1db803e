from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.chronology.models import ChronologyEntry

from .helpers import make_entry


def _form(entry, **overrides):
    data = {
        "occurred_on": entry.occurred_on.isoformat(),
        "kind": entry.kind,
        "category": entry.category_id,
        "title": entry.title,
        "body": entry.body,
        "confidentiality": entry.confidentiality,
        "version": entry.version,
        "reason": "Wrong day recorded",
    }
    return data | overrides


def test_a_correction_keeps_the_original_and_shows_edited(cast, client):
    teacher = cast.user(Role.TEACHER)
    entry = make_entry(cast.pupil, by=teacher, level="staff", body="Said on Monday")
    client.force_login(teacher)
    response = client.post(reverse("chronology-edit", args=[entry.pk]), _form(entry, body="Said on Tuesday"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.body == "Said on Tuesday" and entry.version == 2 and entry.edited_at
    versions = list(entry.history.order_by("history_date"))
    assert [v.body for v in versions] == ["Said on Monday", "Said on Tuesday"]
    assert versions[-1].history_user == teacher and "Wrong day recorded" in versions[-1].history_change_reason
    detail = client.get(reverse("chronology-detail", args=[entry.pk])).content.decode()
    assert "Edited" in detail and "Said on Monday" in detail
    assert "Edited" in client.get(reverse("chronology-list", args=[cast.pupil.pk])).content.decode()


def test_a_stale_correction_is_refused_and_nothing_is_lost(cast, client):
    senco = cast.user(Role.SENCO)
    entry = make_entry(cast.pupil, by=senco)
    client.force_login(senco)
    url = reverse("chronology-edit", args=[entry.pk])
    stale = _form(entry, body="My version")
    assert client.post(url, _form(entry, body="Their version")).status_code == 302
    response = client.post(url, stale)
    html = response.content.decode()
    assert response.status_code == 200 and "Someone else corrected this entry" in html
    assert "My version" in html and "Their version" in html
    assert ChronologyEntry.objects.get().body == "Their version"


def test_a_correction_needs_a_reason(cast, client):
    senco = cast.user(Role.SENCO)
    entry = make_entry(cast.pupil, by=senco)
    client.force_login(senco)
    html = client.post(reverse("chronology-edit", args=[entry.pk]), _form(entry, reason="")).content.decode()
    assert "There is a problem" in html
    assert ChronologyEntry.objects.get().version == 1


def test_other_teachers_cannot_correct_someone_elses_entry(cast, client):
    entry = make_entry(cast.pupil, by=cast.user(Role.SENCO), level="staff")
    client.force_login(cast.user(Role.TEACHER))
    assert client.get(reverse("chronology-edit", args=[entry.pk])).status_code == 404
    assert client.post(reverse("chronology-edit", args=[entry.pk]), _form(entry)).status_code == 404

"""Correcting and deleting a recorded session in the browser: the register page filled in as
recorded, a stale save shown as a conflict with nothing lost, a confirmation step to delete."""

from datetime import date

import pytest
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.provision import services
from sendco.provision.models import Attendance, Session

from .fixtures import provision_setup

DAY = date(2026, 11, 3)


@pytest.fixture
def session(cast):
    return services.record_session(
        actor=cast.user(Role.TA),
        group=provision_setup(cast)["linked"],
        day=DAY,
        held=True,
        present=[cast.pupil.pk],
        notes={cast.pupil.pk: "Read 12 words"},
    )


def test_the_group_page_links_each_session_to_its_correction(client, cast, session):
    client.force_login(cast.user(Role.TA))
    page = client.get(reverse("provision-group", args=[session.group_id])).content.decode()
    assert reverse("provision-session-edit", args=[session.pk]) in page
    assert "the register for 3 November 2026" in page  # the link says which session


def test_the_correction_page_shows_the_register_as_recorded(client, cast, session):
    client.force_login(cast.user(Role.TA))
    page = client.get(reverse("provision-session-edit", args=[session.pk])).content.decode()
    assert "Correct the register for Tuesday 3 November 2026" in page
    assert f'value="{cast.pupil.pk}" checked' in page and 'value="Read 12 words"' in page
    assert 'name="version" value="1"' in page and 'name="date"' not in page


def test_a_ta_corrects_a_session(client, cast, session):
    client.force_login(cast.user(Role.TA))
    response = client.post(
        reverse("provision-session-edit", args=[session.pk]),
        {"version": "1", "held": "yes", f"note-{cast.pupil.pk}": "Arrived late"},
    )
    assert response["Location"] == reverse("provision-group", args=[session.group_id])
    mark = Attendance.objects.get(session=session)
    assert (mark.present, mark.note) == (False, "Arrived late")


def test_a_bad_correction_shows_the_error_and_saves_nothing(client, cast, session):
    client.force_login(cast.user(Role.TA))
    response = client.post(
        reverse("provision-session-edit", args=[session.pk]), {"version": "1", "held": "no"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Say why the session was cancelled" in page
    assert 'id="held-no" name="held" type="radio" value="no" checked' in page  # what they chose is kept
    session.refresh_from_db()
    assert (session.held, session.version, session.attendance.count()) == (True, 1, 1)


def test_a_stale_correction_shows_the_conflict_and_keeps_both_versions(client, cast, session):
    services.correct_session(actor=cast.user(Role.SENCO), session=session, held=False, cancel_reason="Trip")
    client.force_login(cast.user(Role.TA))
    response = client.post(
        reverse("provision-session-edit", args=[session.pk]),
        {"version": "1", "held": "yes", "present": [cast.pupil.pk], "note": "My note"},
    )
    page = response.content.decode()
    assert "Someone else corrected this register" in page and "cancelled (Trip)" in page
    assert 'value="My note"' in page and 'name="version" value="2"' in page  # saving again keeps theirs
    session.refresh_from_db()
    assert (session.held, session.note) == (False, "")


def test_deleting_asks_first_then_deletes(client, cast, session):
    client.force_login(cast.user(Role.TA))
    url = reverse("provision-session-delete", args=[session.pk])
    confirm = client.get(url).content.decode()
    assert "Delete the session on Tuesday 3 November 2026?" in confirm and "1 of 1 pupil present" in confirm
    assert Session.objects.filter(pk=session.pk).exists()
    response = client.post(url, {"version": "1"})
    assert response["Location"] == reverse("provision-group", args=[session.group_id])
    assert not Session.objects.filter(pk=session.pk).exists() and not Attendance.objects.exists()


def test_deleting_a_session_corrected_meanwhile_is_refused(client, cast, session):
    services.correct_session(actor=cast.user(Role.SENCO), session=session, held=True, present=[])
    client.force_login(cast.user(Role.TA))
    response = client.post(reverse("provision-session-delete", args=[session.pk]), {"version": "1"})
    assert "Someone else corrected this register" in response.content.decode()
    assert "0 of 1 pupil present" in response.content.decode()
    assert Session.objects.filter(pk=session.pk).exists()


def test_a_teacher_who_does_not_run_the_group_cannot_reach_either_page(client, cast, session):
    client.force_login(cast.user(Role.TEACHER))
    for name in ("provision-session-edit", "provision-session-delete"):
        assert client.get(reverse(name, args=[session.pk])).status_code == 404
        assert client.post(reverse(name, args=[session.pk]), {"version": "1"}).status_code == 404
    assert Session.objects.filter(pk=session.pk).exists()

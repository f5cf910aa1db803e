"""The session register: one request records the session and every mark; bad input saves nothing."""

from datetime import date

import pytest
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.provision.models import Attendance, Session

from .fixtures import make_group, provision_setup

DAY = date(2026, 11, 3)  # a Tuesday in term


@pytest.fixture
def group(cast):
    return provision_setup(cast)["linked"]


def _post(client, group, **data):
    data.setdefault("date", DAY.isoformat())
    data.setdefault("held", "yes")
    return client.post(reverse("provision-register", args=[group.pk]), data)


def test_register_lists_members_all_ticked(client, cast, group):
    client.force_login(cast.user(Role.TA))
    response = client.get(reverse("provision-register", args=[group.pk]), {"date": DAY.isoformat()})
    assert response.status_code == 200
    assert f'value="{cast.pupil.pk}" checked' in response.content.decode()


def test_ta_records_a_session_with_notes_in_one_request(client, cast, group):
    client.force_login(cast.user(Role.TA))
    response = _post(client, group, present=[cast.pupil.pk], **{f"note-{cast.pupil.pk}": "Read 12 words"})
    assert response.status_code == 302
    session = Session.objects.get(group=group)
    mark = Attendance.objects.get(session=session)
    assert (session.held, session.recorded_by, mark.present, mark.note) == (
        True,
        cast.user(Role.TA),
        True,
        "Read 12 words",
    )
    assert session.history.first().history_user == cast.user(Role.TA)


def test_unticked_pupil_is_marked_absent(client, cast, group):
    client.force_login(cast.user(Role.TA))
    _post(client, group)
    assert Attendance.objects.get(session__group=group).present is False


def test_a_second_register_for_the_same_day_is_refused(client, cast, group):
    client.force_login(cast.user(Role.TA))
    _post(client, group, present=[cast.pupil.pk])
    response = _post(client, group, present=[cast.pupil.pk])
    assert response.status_code == 200
    assert "already recorded for this group" in response.content.decode()
    assert Session.objects.filter(group=group).count() == 1
    assert Attendance.objects.count() == 1


def test_attendance_for_a_pupil_not_in_the_group_is_refused(client, cast, group):
    client.force_login(cast.user(Role.SENCO))
    response = _post(client, group, present=[cast.pupil.pk, cast.unlinked.pk])
    assert "only be recorded for pupils in the group" in response.content.decode()
    assert not Session.objects.exists() and not Attendance.objects.exists()


def test_a_cancelled_session_needs_a_reason_and_records_no_marks(client, cast, group):
    client.force_login(cast.user(Role.TA))
    response = _post(client, group, held="no")
    assert "Say why the session was cancelled" in response.content.decode()
    assert not Session.objects.exists()
    _post(client, group, held="no", cancel_reason="TA covering a class")
    session = Session.objects.get()
    assert (session.held, session.cancel_reason, session.attendance.count()) == (
        False,
        "TA covering a class",
        0,
    )


def test_a_date_outside_the_group_is_refused(client, cast, group):
    client.force_login(cast.user(Role.TA))
    response = _post(client, group, date="2026-08-01")
    assert "The group runs from" in response.content.decode()
    assert not Session.objects.exists()


def test_a_pupil_who_joined_later_is_not_on_an_earlier_register(client, cast):
    group = make_group(cast.school, [cast.pupil], [cast.user(Role.TA)])
    late = group.members.create(school=cast.school, pupil=cast.unlinked, joined=date(2026, 11, 10))
    client.force_login(cast.user(Role.SENCO))
    page = client.get(
        reverse("provision-register", args=[group.pk]), {"date": DAY.isoformat()}
    ).content.decode()
    assert cast.unlinked.full_name not in page
    _post(client, group, present=[cast.pupil.pk])
    assert list(Attendance.objects.values_list("pupil_id", flat=True)) == [cast.pupil.pk]
    assert late.pk


def test_register_goes_back_to_a_local_next_url_only(client, cast, group):
    client.force_login(cast.user(Role.TA))
    response = _post(client, group, next="https://evil.example/")
    assert response["Location"] == reverse("provision-group", args=[group.pk])
    response = _post(client, group, date="2026-11-05", next="/")
    assert response["Location"] == "/"


def test_a_register_cannot_be_taken_in_advance(client, cast, group):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(cast.user(Role.TA))
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = _post(client, group, date=tomorrow.isoformat(), present=[cast.pupil.pk])
    assert "not in advance" in response.content.decode()
    assert not Session.objects.exists()


def test_a_day_off_the_timetable_is_flagged_but_can_be_recorded(client, cast, group):
    client.force_login(cast.user(Role.TA))
    url = reverse("provision-register", args=[group.pk])
    wednesday = date(2026, 11, 4)  # the group meets on Tuesdays and Thursdays
    assert "is not one of this group" in client.get(url, {"date": wednesday.isoformat()}).content.decode()
    assert "is not one of this group" not in client.get(url, {"date": DAY.isoformat()}).content.decode()
    assert _post(client, group, date=wednesday.isoformat(), present=[cast.pupil.pk]).status_code == 302
    assert Session.objects.filter(date=wednesday).exists()

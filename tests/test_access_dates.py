"""Access follows dates: of the key-adult link, of the access grant, and of the pupil's time at
the school. Each boundary is tested on both sides, with dates chosen relative to today.

* key adult: from `start_date` to `end_date`, both days included;
* access grant: until `expires_on`, that day included;
* leavers (`leaving_date` before today) and pupils not yet admitted (`admission_date` after
  today): the whole-school roles (SENCO, assistant SENCO, head) keep them; teachers, TAs, exams
  officers, parents and professionals see a pupil only from the admission day to the leaving day.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from sendco.accounts.models import ApiToken
from sendco.accounts.roles import Role
from sendco.chronology.permissions import levels_for
from sendco.concerns.services import teachers_of
from sendco.core.access import policy
from sendco.core.models import AccessGrant, KeyAdult, Pupil

DAY = dt.timedelta(days=1)
CLASS_SIDE = [Role.TEACHER, Role.TA, Role.EXAMS_OFFICER, Role.PARENT, Role.PROFESSIONAL]
SEN_SIDE = [Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD]


def today():
    return timezone.localdate()


def fresh(user):
    """A new user object: the policy remembers roles and answers on the object it was given."""
    return get_user_model().objects.get(pk=user.pk)


def sees(user, pupil) -> bool:
    user = fresh(user)
    in_list = policy.pupils(user).filter(pk=pupil.pk).exists()
    assert in_list == policy.can_see(user, pupil), "pupils() and can_see() must agree"
    return in_list


def set_pupil(pupil, **dates):
    Pupil.objects.filter(pk=pupil.pk).update(**dates)
    pupil.refresh_from_db()


# --- key adult ---------------------------------------------------------------------------------


def test_key_adult_link_starting_tomorrow_gives_no_access_yet(cast):
    KeyAdult.objects.filter(user=cast.user(Role.TA)).update(start_date=today() + DAY)
    assert not sees(cast.user(Role.TA), cast.pupil)


def test_key_adult_link_gives_access_from_its_start_day(cast):
    KeyAdult.objects.filter(user=cast.user(Role.TA)).update(start_date=today())
    assert sees(cast.user(Role.TA), cast.pupil)


def test_key_adult_link_gives_access_on_its_end_day_and_not_the_day_after(cast):
    links = KeyAdult.objects.filter(user=cast.user(Role.TA))
    links.update(end_date=today())
    assert sees(cast.user(Role.TA), cast.pupil)
    links.update(end_date=today() - DAY)
    assert not sees(cast.user(Role.TA), cast.pupil)


# --- access grant ------------------------------------------------------------------------------


def test_access_grant_lasts_to_the_end_of_its_expiry_day(cast):
    grants = AccessGrant.objects.filter(user=cast.user(Role.PROFESSIONAL))
    grants.update(expires_on=today())
    assert sees(cast.user(Role.PROFESSIONAL), cast.pupil)
    grants.update(expires_on=today() - DAY)
    assert not sees(cast.user(Role.PROFESSIONAL), cast.pupil)


# --- leavers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", CLASS_SIDE)
def test_class_side_sees_a_leaver_on_the_leaving_day(cast, role):
    set_pupil(cast.pupil, leaving_date=today())
    assert sees(cast.user(role), cast.pupil)


@pytest.mark.parametrize("role", CLASS_SIDE)
def test_class_side_loses_a_leaver_the_day_after_the_leaving_day(cast, role):
    set_pupil(cast.pupil, leaving_date=today() - DAY)
    assert not sees(cast.user(role), cast.pupil)


@pytest.mark.parametrize("role", SEN_SIDE)
def test_sen_team_and_head_keep_leavers_for_transfer_and_retention(cast, role):
    set_pupil(cast.pupil, leaving_date=today() - 200 * DAY)
    assert sees(cast.user(role), cast.pupil)


def test_a_current_grant_does_not_outlast_the_leaving_date(cast):
    AccessGrant.objects.filter(user=cast.user(Role.PROFESSIONAL)).update(expires_on=today() + 100 * DAY)
    set_pupil(cast.pupil, leaving_date=today() - DAY)
    assert not sees(cast.user(Role.PROFESSIONAL), cast.pupil)


# --- pupils not yet admitted -------------------------------------------------------------------


@pytest.mark.parametrize("role", CLASS_SIDE)
def test_class_side_does_not_see_a_pupil_the_day_before_admission(cast, role):
    set_pupil(cast.pupil, admission_date=today() + DAY)
    assert not sees(cast.user(role), cast.pupil)


@pytest.mark.parametrize("role", CLASS_SIDE)
def test_class_side_sees_a_pupil_from_the_admission_day(cast, role):
    set_pupil(cast.pupil, admission_date=today())
    assert sees(cast.user(role), cast.pupil)


@pytest.mark.parametrize("role", SEN_SIDE)
def test_sen_team_and_head_see_a_pupil_before_admission_for_transition(cast, role):
    set_pupil(cast.pupil, admission_date=today() + 60 * DAY)
    assert sees(cast.user(role), cast.pupil)


# --- through the pupil page and the API --------------------------------------------------------


def page_status(client, user, pupil) -> int:
    client.force_login(user)
    return client.get(reverse("pupil-detail", args=[pupil.pk])).status_code


def api_ids(client, user) -> set[int]:
    _, key = ApiToken.issue(user)
    body = client.get("/api/v1/pupils/", {"limit": 100}, HTTP_AUTHORIZATION=f"Bearer {key}").json()
    return {p["id"] for p in body["items"]}


@pytest.mark.parametrize(
    "dates, teacher_sees",
    [
        ({"leaving_date": 0}, True),
        ({"leaving_date": -1}, False),
        ({"admission_date": 1}, False),
        ({"admission_date": 0}, True),
    ],
)
def test_pupil_page_and_api_list_follow_the_pupils_dates(cast, client, dates, teacher_sees):
    set_pupil(cast.pupil, **{k: today() + n * DAY for k, n in dates.items()})
    teacher, senco = cast.user(Role.TEACHER), cast.user(Role.SENCO)
    assert page_status(client, teacher, cast.pupil) == (200 if teacher_sees else 404)
    assert (cast.pupil.pk in api_ids(client, teacher)) is teacher_sees
    assert page_status(client, senco, cast.pupil) == 200
    assert cast.pupil.pk in api_ids(client, senco)


@pytest.mark.parametrize("start, ta_sees", [(1, False), (0, True)])
def test_pupil_page_and_api_list_follow_the_key_adult_start(cast, client, start, ta_sees):
    KeyAdult.objects.filter(user=cast.user(Role.TA)).update(start_date=today() + start * DAY)
    assert page_status(client, cast.user(Role.TA), cast.pupil) == (200 if ta_sees else 404)
    assert (cast.pupil.pk in api_ids(client, cast.user(Role.TA))) is ta_sees


@pytest.mark.parametrize("start, listed", [(1, False), (0, True)])
def test_pupil_page_lists_a_key_adult_from_the_start_of_the_link(cast, client, start, listed):
    KeyAdult.objects.filter(user=cast.user(Role.TA)).update(start_date=today() + start * DAY)
    client.force_login(cast.user(Role.SENCO))
    page = client.get(reverse("pupil-detail", args=[cast.pupil.pk])).content.decode()
    assert (f"{cast.user(Role.TA)} — Key adult" in page) is listed


# --- places that decide from the links themselves ------------------------------------------------


def test_chronology_gives_a_future_key_adult_no_staff_levels(cast):
    ta = cast.user(Role.TA)
    assert levels_for(fresh(ta), cast.pupil)
    KeyAdult.objects.filter(user=ta).update(start_date=today() + DAY)
    assert levels_for(fresh(ta), cast.pupil) == set()


def test_concern_input_is_asked_only_of_adults_linked_today(cast):
    ta, teacher = cast.user(Role.TA), cast.user(Role.TEACHER)
    assert set(teachers_of(cast.pupil)) == {ta, teacher}
    KeyAdult.objects.filter(user=ta).update(start_date=today() + DAY)
    assert set(teachers_of(cast.pupil)) == {teacher}


def test_concern_input_is_not_asked_about_a_leaver_after_the_leaving_day(cast):
    set_pupil(cast.pupil, leaving_date=today())
    assert set(teachers_of(cast.pupil)) == {cast.user(Role.TA), cast.user(Role.TEACHER)}
    set_pupil(cast.pupil, leaving_date=today() - DAY)
    assert list(teachers_of(cast.pupil)) == []

import datetime as dt

import pytest

from sendco.accounts.roles import Role
from sendco.core.access import policy
from sendco.core.models import KeyAdult

from . import factories as f


def visible(user):
    return set(policy.pupils(user).values_list("pk", flat=True))


def test_whole_school_roles_see_their_school_only(cast):
    for role in (Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD):
        seen = visible(cast.user(role))
        assert {cast.pupil.pk, cast.unlinked.pk} <= seen
        assert cast.other_pupil.pk not in seen and cast.sister_pupil.pk not in seen


def test_teacher_sees_only_pupils_they_teach(cast):
    assert visible(cast.user(Role.TEACHER)) == {cast.pupil.pk}


def test_teacher_sees_pupil_once_when_in_two_of_their_groups(cast):
    second = f.TeachingGroupFactory(school=cast.school, subject="Maths")
    f.put_in_group(second, cast.pupil)
    f.add_group_staff(second, cast.user(Role.TEACHER))
    assert list(policy.pupils(cast.user(Role.TEACHER)).values_list("pk", flat=True)) == [cast.pupil.pk]


def test_ta_key_adult_link_expires(cast):
    ta = cast.user(Role.TA)
    assert visible(ta) == {cast.pupil.pk}
    KeyAdult.objects.filter(user=ta).update(end_date=dt.date.today() - dt.timedelta(days=1))
    assert visible(ta) == set()


def test_parent_sees_only_children_with_parental_responsibility(cast):
    parent = cast.user(Role.PARENT)
    assert visible(parent) == {cast.pupil.pk}
    cast.pupil.contact_links.update(parental_responsibility=False)
    assert visible(parent) == set()


def test_professional_grant_expires(cast):
    pro = cast.user(Role.PROFESSIONAL)
    assert visible(pro) == {cast.pupil.pk}
    cast.pupil.access_grants.update(expires_on=dt.date.today() - dt.timedelta(days=1))
    assert visible(pro) == set()


def test_exams_officer_sees_year_9_and_above(cast):
    assert visible(cast.user(Role.EXAMS_OFFICER)) == {cast.pupil.pk}


@pytest.mark.parametrize("role", [Role.GOVERNOR, Role.TRUST_OFFICER, Role.ADMIN])
def test_aggregate_roles_see_no_named_pupil(cast, role):
    assert visible(cast.user(role)) == set()


def test_trust_officer_counts_cover_the_trust_only(cast):
    schools = set(policy.schools(cast.user(Role.TRUST_OFFICER), "school.aggregates"))
    assert schools == {cast.school, cast.sister}


def test_governor_counts_cover_their_school(cast):
    assert list(policy.schools(cast.user(Role.GOVERNOR), "school.aggregates")) == [cast.school]


def test_removed_pupils_leave_normal_views(cast):
    from django.utils import timezone

    cast.unlinked.deleted_at = timezone.now()
    cast.unlinked.save()
    assert cast.unlinked.pk not in visible(cast.user(Role.SENCO))


def test_inactive_membership_gives_nothing(cast):
    teacher = cast.user(Role.TEACHER)
    teacher.memberships.update(active=False)
    teacher._sendco_roles = None
    assert visible(teacher) == set()


def test_linked_link_at_another_school_gives_nothing(cast):
    # A teacher at school A who is (wrongly) staff of a group at another school sees nothing there.
    other_group = f.TeachingGroupFactory(school=cast.other)
    f.put_in_group(other_group, cast.other_pupil)
    f.add_group_staff(other_group, cast.user(Role.TEACHER))
    assert cast.other_pupil.pk not in visible(cast.user(Role.TEACHER))

"""The fixed cast every test can use: one trust with two schools, an unrelated school, a user
for every role, and pupils linked to those users in the ways the access policy cares about."""

import os
from dataclasses import dataclass, field

import pytest

from sendco.accounts.roles import Role

from . import factories as f

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@dataclass
class Cast:
    trust: object
    school: object  # school A: secondary in the trust, where every role user works
    sister: object  # another school in the same trust
    other: object  # a school outside the trust
    users: dict  # role value -> user at `school` (trust officer at the trust; admin system-wide)
    other_senco: object
    pupil: object  # linked to teacher (class), TA (key adult), parent, professional (grant); Year 10; K
    unlinked: object  # same school, Year 7, linked to nobody
    sister_pupil: object
    other_pupil: object
    extra: dict = field(default_factory=dict)  # records that app tests and matrix setups add

    def user(self, role) -> object:
        return self.users[Role(role).value]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "uploads"
    # The cast signs in with force_login; tests/test_mfa.py turns two-step verification back on.
    settings.SENDCO_MFA_REQUIRED = False


@pytest.fixture
def cast(db) -> Cast:
    trust = f.OrganisationFactory(name="Test Trust")
    school = f.SchoolFactory(organisation=trust, name="Alder Secondary", phase="secondary")
    sister = f.SchoolFactory(organisation=trust, name="Birch Primary", phase="primary")
    other = f.SchoolFactory(
        organisation=f.OrganisationFactory(name="Other LA", kind="la"), name="Cedar Academy"
    )

    users = {}
    for role in Role:
        user = f.UserFactory(
            username=role.value.replace("_", "-"), first_name=role.label.split()[0], last_name="Tester"
        )
        if role == Role.TRUST_OFFICER:
            f.MembershipFactory(user=user, role=role, school=None, organisation=trust)
        elif role == Role.ADMIN:
            f.MembershipFactory(user=user, role=role, school=None)
            user.is_staff = user.is_superuser = True
            user.save()
        else:
            f.MembershipFactory(user=user, role=role, school=school)
        users[role.value] = user
    other_senco = f.UserFactory(username="other-senco")
    f.MembershipFactory(user=other_senco, role=Role.SENCO, school=other)

    pupil = f.put_on_register(
        f.PupilFactory(school=school, nc_year=10, legal_forename="Linked", legal_surname="Learner")
    )
    unlinked = f.PupilFactory(school=school, nc_year=7, legal_forename="Unlinked", legal_surname="Learner")
    sister_pupil = f.PupilFactory(school=sister, nc_year=4)
    other_pupil = f.put_on_register(f.PupilFactory(school=other, nc_year=10), code="E", need="ASD")

    group = f.TeachingGroupFactory(school=school, name="10E1")
    f.put_in_group(group, pupil)
    f.add_group_staff(group, users["teacher"])
    f.make_key_adult(pupil, users["ta"])
    link = f.PupilContactFactory(pupil=pupil, school=school, parental_responsibility=True)
    link.contact.user = users["parent"]
    link.contact.save()
    f.grant_access(pupil, users["professional"])
    # Someone at the other school is linked to its pupil in every way, to prove school isolation.
    other_teacher = f.UserFactory(username="other-teacher")
    f.MembershipFactory(user=other_teacher, role=Role.TEACHER, school=other)
    other_group = f.TeachingGroupFactory(school=other)
    f.put_in_group(other_group, other_pupil)
    f.add_group_staff(other_group, other_teacher)
    return Cast(trust, school, sister, other, users, other_senco, pupil, unlinked, sister_pupil, other_pupil)

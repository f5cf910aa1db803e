"""factory-boy factories for synthetic test data (never a real child's details)."""

import datetime as dt
import itertools

import factory
from django.contrib.auth.hashers import make_password

from sendco.accounts.models import Membership, User
from sendco.core.models import (
    AccessGrant,
    Contact,
    KeyAdult,
    Organisation,
    Pupil,
    PupilContact,
    School,
    TeachingGroup,
    TeachingGroupPupil,
    TeachingGroupStaff,
)
from sendco.domain.upn import make_upn
from sendco.register.models import PupilNeed, SenStatus

_serial = itertools.count(1)
TEST_PASSWORD = "correct-horse-battery"
_TEST_HASH = None


def _password_hash():
    global _TEST_HASH
    if _TEST_HASH is None:
        _TEST_HASH = make_password(TEST_PASSWORD)
    return _TEST_HASH


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Trust {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    organisation = factory.SubFactory(OrganisationFactory)
    urn = factory.Sequence(lambda n: f"{900000 + n}")
    la_number = "801"
    establishment_number = factory.Sequence(lambda n: f"{4000 + n}")
    name = factory.Sequence(lambda n: f"Test School {n}")
    phase = School.Phase.SECONDARY


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.LazyFunction(_password_hash)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = "teacher"


class PupilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pupil

    school = factory.SubFactory(SchoolFactory)
    upn = factory.LazyAttribute(
        lambda o: make_upn(o.school.la_number, o.school.establishment_number, "20", next(_serial) % 1000)
    )
    legal_forename = factory.Sequence(lambda n: f"Pupil{n}")
    legal_surname = factory.Sequence(lambda n: f"Testperson{n}")
    date_of_birth = dt.date(2012, 3, 14)
    sex = "F"
    nc_year = 9
    reg_group = "9A"
    admission_date = dt.date(2023, 9, 4)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    school = factory.SubFactory(SchoolFactory)
    forename = "Alex"
    surname = factory.Sequence(lambda n: f"Carer{n}")
    phone = "07700 900123"
    email = factory.Sequence(lambda n: f"carer{n}@example.org")


class PupilContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PupilContact

    pupil = factory.SubFactory(PupilFactory)
    school = factory.SelfAttribute("pupil.school")
    contact = factory.SubFactory(ContactFactory, school=factory.SelfAttribute("..pupil.school"))
    relationship = "mother"


class TeachingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeachingGroup

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"10X{n}")
    subject = "English"
    academic_year = 2026


def put_in_group(group, *pupils):
    for p in pupils:
        TeachingGroupPupil.objects.create(group=group, pupil=p, school=group.school)


def add_group_staff(group, user, role="teacher"):
    return TeachingGroupStaff.objects.create(group=group, user=user, role=role, school=group.school)


def make_key_adult(pupil, user):
    return KeyAdult.objects.create(
        pupil=pupil, user=user, school=pupil.school, start_date=dt.date(2025, 9, 1)
    )


def grant_access(pupil, user, days=30):
    return AccessGrant.objects.create(
        pupil=pupil,
        user=user,
        school=pupil.school,
        reason="Assessment",
        expires_on=dt.date.today() + dt.timedelta(days=days),
    )


def put_on_register(pupil, code="K", need="SPLD", start=dt.date(2024, 9, 1)):
    SenStatus.objects.create(pupil=pupil, school=pupil.school, code=code, start_date=start)
    PupilNeed.objects.create(pupil=pupil, school=pupil.school, need_type=need, rank=1, start_date=start)
    Pupil.objects.filter(pk=pupil.pk).update(sen_status=code)
    pupil.refresh_from_db()
    return pupil

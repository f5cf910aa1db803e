"""The demo data generator: realistic shares, a consistent SEND register, working demo logins."""

from collections import Counter, defaultdict
from datetime import date

import pytest
from django.utils import timezone

from sendco.accounts.models import Membership, User
from sendco.accounts.roles import Role
from sendco.core.access import policy
from sendco.core.models import (
    AccessGrant,
    Contact,
    KeyAdult,
    Pupil,
    PupilContact,
    TeachingGroupPupil,
    TeachingGroupStaff,
)
from sendco.demo import generator
from sendco.demo.generator import DEMO_LOGINS, DEMO_PASSWORD, build_demo, plan_demo
from sendco.domain import upn
from sendco.domain.census import NeedPeriod, StatusPeriod
from sendco.domain.register_rules import census_problems, check_history
from sendco.register.models import PupilNeed, SenStatus

EXPECTED_ROLES = {
    "senco": Role.SENCO,
    "assistant-senco": Role.ASSISTANT_SENCO,
    "head": Role.HEAD,
    "teacher": Role.TEACHER,
    "ta": Role.TA,
    "exams": Role.EXAMS_OFFICER,
    "governor": Role.GOVERNOR,
    "parent": Role.PARENT,
    "professional": Role.PROFESSIONAL,
    "trust": Role.TRUST_OFFICER,
    "admin": Role.ADMIN,
}


@pytest.fixture
def small(db):
    return build_demo(size="small")


def _histories():
    statuses, needs = defaultdict(list), defaultdict(list)
    for s in SenStatus.objects.all():
        statuses[s.pupil_id].append(s)
    for n in PupilNeed.objects.all():
        needs[n.pupil_id].append(n)
    return statuses, needs


def test_small_has_national_prevalence(small):
    pupils = Pupil.objects.all()
    n = pupils.count()
    assert 190 <= n <= 210
    k = pupils.filter(sen_status="K").count() / n
    e = pupils.filter(sen_status="E").count() / n
    assert 0.10 <= k <= 0.19
    assert 0.02 <= e <= 0.09
    assert small.counts["pupils"] == n
    assert small.counts["sen_support"] + small.counts["ehc_plans"] == pupils.exclude(sen_status="N").count()
    assert [s.name for s in small.schools] == ["Northfield Academy"]
    assert small.organisation.kind == "trust"
    assert generator.demo_exists()


def test_register_is_consistent(small):
    today = timezone.localdate()
    statuses, needs = _histories()
    for pupil in Pupil.objects.all():
        periods = sorted(statuses[pupil.pk], key=lambda s: s.start_date)
        pupil_needs = needs[pupil.pk]
        if periods:
            open_periods = [s for s in periods if s.end_date is None]
            assert len(open_periods) == 1, pupil
            assert periods[-1].end_date is None
            assert pupil.sen_status == open_periods[0].code
            for a, b in zip(periods, periods[1:], strict=False):
                assert a.end_date is not None and a.end_date < b.start_date  # never overlapping
                assert a.code != b.code
            assert periods[0].start_date >= pupil.admission_date >= pupil.date_of_birth
            assert all(s.start_date <= today for s in periods)
        else:
            assert pupil.sen_status == "N"
            assert not pupil_needs
        assert all(n.start_date >= pupil.admission_date for n in pupil_needs)

        open_needs = [n for n in pupil_needs if n.end_date is None]
        if pupil.sen_status in ("K", "E"):
            assert [n.rank for n in open_needs].count(1) == 1, pupil
            assert len({n.need_type for n in open_needs}) == len(open_needs)
        else:
            assert not open_needs
        if pupil.sen_status == "E":
            assert "NSA" not in {n.need_type for n in open_needs}
        # Secondary needs are never NSA, and NSA never appears with an EHC plan.
        assert not [n for n in pupil_needs if n.need_type == "NSA" and n.rank > 1]
        e_periods = [s for s in periods if s.code == "E"]
        for n in pupil_needs:
            if n.need_type == "NSA":
                assert not any(
                    n.start_date <= (e.end_date or date.max) and e.start_date <= (n.end_date or date.max)
                    for e in e_periods
                )

        # The shared domain rules agree.
        status_periods = [StatusPeriod(s.code, s.start_date, s.end_date) for s in periods]
        need_periods = [NeedPeriod(n.need_type, n.rank, n.start_date, n.end_date) for n in pupil_needs]
        assert check_history(status_periods, need_periods, pupil.date_of_birth) == []
        assert census_problems(status_periods, need_periods, pupil.date_of_birth, today) == []


def test_history_reaches_back_and_includes_former_sen_support(small):
    statuses, needs = _histories()
    sen_pupils = Pupil.objects.exclude(sen_status="N")
    assert all(statuses[p.pk] for p in sen_pupils)
    former = [p for p in Pupil.objects.filter(sen_status="N") if statuses[p.pk]]
    assert former, "some pupils now on N were on SEN support before"
    assert all(
        [s.code for s in sorted(statuses[p.pk], key=lambda s: s.start_date)][-1] == "N" for p in former
    )
    years = [(timezone.localdate() - s.start_date).days / 365 for ss in statuses.values() for s in ss]
    assert max(years) > 3
    with_secondary = [p for p in sen_pupils if any(n.rank == 2 and n.end_date is None for n in needs[p.pk])]
    assert 0.35 <= len(with_secondary) / sen_pupils.count() <= 0.85
    assert Pupil.history.filter(history_change_reason="Demo data").count() == Pupil.objects.count()
    assert SenStatus.history.filter(history_type="+").count() == SenStatus.objects.count()


def test_pupils_are_plausible(small):
    today = timezone.localdate()
    year_start = today.year if today.month >= 9 else today.year - 1
    seen_upns = set()
    for pupil in Pupil.objects.select_related("school"):
        assert upn.validate(pupil.upn) == pupil.upn
        assert (
            pupil.upn[1:4] == pupil.school.la_number and pupil.upn[4:8] == pupil.school.establishment_number
        )
        seen_upns.add(pupil.upn)
        # Year 7 is 11 on 31 August before the school year starts.
        assert pupil.age_on(date(year_start, 8, 31)) == pupil.nc_year + 4
        assert pupil.date_of_birth < pupil.admission_date <= today
        assert pupil.reg_group.startswith(str(pupil.nc_year))
        if pupil.eal:
            assert pupil.first_language and pupil.first_language != "English"
    assert len(seen_upns) == Pupil.objects.count()
    # Every pupil has one or two contacts; contacts and links belong to the pupil's school.
    per_pupil = Counter(PupilContact.objects.values_list("pupil_id", flat=True))
    assert set(per_pupil.values()) <= {1, 2} and len(per_pupil) == Pupil.objects.count()
    for link in PupilContact.objects.select_related("pupil", "contact"):
        assert link.school_id == link.pupil.school_id == link.contact.school_id
    shared = Counter(PupilContact.objects.values_list("contact_id", flat=True))
    siblings = {
        link.pupil_id
        for link in PupilContact.objects.filter(contact_id__in=[c for c, n in shared.items() if n > 1])
    }
    assert 0.08 <= len(siblings) / Pupil.objects.count() <= 0.25
    assert all(c.phone.startswith("07700 900") for c in Contact.objects.exclude(phone=""))
    assert all(c.email.endswith(("@example.org", "@example.com")) for c in Contact.objects.exclude(email=""))
    for model in (TeachingGroupPupil, KeyAdult, AccessGrant, SenStatus, PupilNeed):
        for row in model.objects.select_related("pupil"):
            assert row.school_id == row.pupil.school_id
    for row in TeachingGroupPupil.objects.select_related("group"):
        assert row.school_id == row.group.school_id


def test_users_and_demo_logins(small):
    usernames = list(User.objects.values_list("username", flat=True))
    assert len(usernames) == len(set(usernames))
    for username, role in EXPECTED_ROLES.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
        assert Membership.objects.filter(user=user, role=role).exists(), username
        assert user.display_name
    school = small.schools[0]
    for username in ("senco", "assistant-senco", "head", "teacher", "ta", "exams", "governor", "parent"):
        assert Membership.objects.get(user__username=username).school == school
    trust = Membership.objects.get(user__username="trust")
    assert trust.organisation == small.organisation and trust.school is None
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert Membership.objects.get(user=admin).school is None
    # Everybody else cannot sign in with a password.
    others = User.objects.exclude(username__in=list(DEMO_LOGINS))
    assert others.exists() and not any(u.has_usable_password() for u in others)
    assert not others.filter(is_staff=True).exists()
    # Staff: one SENCO, teachers and TAs with grades.
    assert Membership.objects.filter(school=school, role=Role.SENCO).count() == 1
    teachers = Membership.objects.filter(school=school, role=Role.TEACHER)
    assert teachers.count() >= 200 / 20
    assert set(teachers.values_list("staff_grade", flat=True)) <= {"MPS", "UPS"}
    ta_grades = set(
        Membership.objects.filter(school=school, role=Role.TA).values_list("staff_grade", flat=True)
    )
    assert ta_grades <= {"TA Level 2", "TA Level 3", "HLTA"}
    assert [u for u, _, _ in small.logins] == list(DEMO_LOGINS)
    assert all(sees for _, _, sees in small.logins)


def test_each_login_sees_what_their_role_allows(small):
    parent = User.objects.get(username="parent")
    children = set(
        PupilContact.objects.filter(contact__user=parent, parental_responsibility=True).values_list(
            "pupil_id", flat=True
        )
    )
    seen = set(policy.pupils(parent).values_list("pk", flat=True))
    assert len(children) == 2 and seen == children
    kids = Pupil.objects.filter(pk__in=children)
    assert kids.exclude(sen_status="N").exists()
    assert kids.values("legal_surname").distinct().count() == 1

    teacher = User.objects.get(username="teacher")
    groups = TeachingGroupStaff.objects.filter(user=teacher).values("group_id")
    assert 4 <= groups.count() <= 6
    taught = set(TeachingGroupPupil.objects.filter(group_id__in=groups).values_list("pupil_id", flat=True))
    assert set(policy.pupils(teacher).values_list("pk", flat=True)) == taught
    best = max(
        Counter(
            TeachingGroupPupil.objects.filter(
                group_id__in=groups, pupil__sen_status__in=["K", "E"]
            ).values_list("group_id", flat=True)
        ).values()
    )
    assert best >= 4
    assert Pupil.objects.filter(pk__in=taught, sen_status="E").exists()
    assert Pupil.objects.filter(pk__in=taught, sen_status="K").exists()

    ta = User.objects.get(username="ta")
    assert TeachingGroupStaff.objects.filter(user=ta, role="ta").count() == 2
    keyed = set(KeyAdult.objects.filter(user=ta).values_list("pupil_id", flat=True))
    assert len(keyed) == 4 and not Pupil.objects.filter(pk__in=keyed, sen_status="N").exists()
    ta_groups = TeachingGroupStaff.objects.filter(user=ta).values("group_id")
    in_groups = set(
        TeachingGroupPupil.objects.filter(group_id__in=ta_groups).values_list("pupil_id", flat=True)
    )
    assert set(policy.pupils(ta).values_list("pk", flat=True)) == in_groups | keyed

    professional = User.objects.get(username="professional")
    granted = AccessGrant.objects.filter(user=professional)
    assert granted.count() == 3 and all(g.expires_on > timezone.localdate() for g in granted)
    assert set(policy.pupils(professional).values_list("pk", flat=True)) == {g.pupil_id for g in granted}
    assert not Pupil.objects.filter(pk__in=[g.pupil_id for g in granted], sen_status="N").exists()

    assert policy.pupils(User.objects.get(username="senco")).count() == Pupil.objects.count()
    for aggregate in ("governor", "trust", "admin"):
        assert not policy.pupils(User.objects.get(username=aggregate)).exists()
    exams = policy.pupils(User.objects.get(username="exams"))
    assert exams.exists() and not exams.filter(nc_year__lt=9).exists()


def test_same_seed_gives_the_same_data(small):
    today = timezone.localdate()
    first = plan_demo(size="small", seed=2026, today=today)
    again = plan_demo(size="small", seed=2026, today=today)
    other = plan_demo(size="small", seed=7, today=today)
    assert first.fingerprint() == again.fingerprint() != other.fingerprint()
    assert first.counts() == again.counts()
    assert list(first.users) == list(again.users)
    # The database holds exactly the planned pupils.
    stored = generator.fingerprint_rows(
        (p.school.urn, p.upn, p.legal_forename, p.legal_surname, p.date_of_birth.isoformat(), p.sen_status)
        for p in Pupil.objects.select_related("school")
    )
    assert stored == first.fingerprint()


def test_without_logins_there_are_no_demo_users(db):
    result = build_demo(size="small", with_logins=False)
    assert not User.objects.filter(username__in=list(DEMO_LOGINS)).exists()
    assert result.logins == []
    assert Membership.objects.filter(role=Role.SENCO, school=result.schools[0]).count() == 1
    assert not any(u.has_usable_password() for u in User.objects.all())


def test_delete_demo_removes_everything(small):
    generator.delete_demo()
    assert not generator.demo_exists()
    assert not Pupil.objects.exists() and not Contact.objects.exists() and not SenStatus.objects.exists()
    assert not Pupil.history.exists()
    assert not User.objects.exists()


def test_school_size_builds_with_every_app(db):
    # Build time is a benchmark figure (the closing note), not a test: timings flake under load.
    result = build_demo(size="school")
    assert 1800 <= Pupil.objects.count() <= 2000
    secondary, primary = result.schools
    assert (secondary.phase, primary.phase) == ("secondary", "primary") and secondary.has_sixth_form
    assert set(Pupil.objects.filter(school=secondary).values_list("nc_year", flat=True)) == set(range(7, 14))
    assert set(Pupil.objects.filter(school=primary).values_list("nc_year", flat=True)) == set(range(0, 7))
    parent = User.objects.get(username="parent")
    children = policy.pupils(parent)
    assert {p.school_id for p in children} == {secondary.pk, primary.pk}
    assert Membership.objects.filter(user=parent, role=Role.PARENT).count() == 2


def test_shares_match_the_national_picture():
    plan = plan_demo(size="school", today=date(2026, 3, 2))
    pupils = [p for s in plan.schools for p in s.pupils]
    n = len(pupils)

    def share(pred, among=pupils):
        return sum(1 for p in among if pred(p)) / len(among)

    assert 0.15 <= share(lambda p: p.eal) <= 0.26
    assert 0.19 <= share(lambda p: p.fsm) <= 0.31
    assert share(lambda p: p.pupil_premium) > share(lambda p: p.fsm)
    assert 0.05 <= share(lambda p: p.medical_needs) <= 0.11
    k = [p for p in pupils if p.sen_status == "K"]
    e = [p for p in pupils if p.sen_status == "E"]
    assert 0.11 <= len(k) / n <= 0.175 and 0.035 <= len(e) / n <= 0.075
    assert 0.52 <= share(lambda p: p.sex == "M", k) <= 0.70
    assert 0.58 <= share(lambda p: p.sex == "M", e) <= 0.84
    primary_needs = Counter(code for p in e for code, rank, _s, end in p.needs if rank == 1 and end is None)
    assert primary_needs.most_common(1)[0][0] == "ASD"
    assert all(code != "NSA" for p in e for code, *_ in p.needs)
    sexes_of_boys = {p.legal_forename for p in pupils if p.sex == "M"}
    assert len(sexes_of_boys) > 150  # diverse names
    languages = Counter(p.first_language for p in pupils if p.eal)
    assert len(languages) >= 8


def test_some_demo_groups_track_a_second_measure(small):
    from django.db.models import Count

    from sendco.provision.models import GroupMember, ProvisionGroup, Score

    groups = ProvisionGroup.objects.annotate(n=Count("measures"))
    shares = Counter(g.n for g in groups)
    assert set(shares) == {1, 2} and 0.15 <= shares[2] / groups.count() <= 0.4, shares
    # Every place has a score on each of its group's measures.
    expected = sum(g.n * GroupMember.objects.filter(group=g).count() for g in groups)
    assert Score.objects.count() == expected

"""Writing a demo plan to the database: bulk inserts, with history rows where the model keeps history."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

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
from sendco.register.models import PupilNeed, SenStatus

from .logins import DEMO_PASSWORD
from .plan_types import DemoPlan, ProgressFn

CHANGE_REASON = "Demo data"
BATCH_SIZE = 2000


def write_plan(plan: DemoPlan, *, history: bool, say: ProgressFn) -> tuple[Organisation, list[School]]:
    """Insert every row of ``plan`` (the caller holds the transaction): the organisation and its schools."""
    now = timezone.now()

    def create(model, objs: list, label: str) -> list:
        if not objs:
            return objs
        say(f"Writing {len(objs):,} {label}")
        if history and hasattr(model, "history"):
            created = bulk_create_with_history(
                objs, model, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON, default_date=now
            )
        else:
            created = model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        if created[0].pk is None:  # pragma: no cover - every supported database returns keys
            raise RuntimeError("The database did not return the keys of bulk-inserted rows.")
        return created

    organisation = Organisation.objects.create(name=plan.organisation_name, kind=Organisation.Kind.TRUST)
    schools = create(
        School,
        [
            School(
                organisation=organisation,
                urn=s.urn,
                la_number=s.la_number,
                establishment_number=s.establishment_number,
                name=s.name,
                phase=s.phase,
                has_sixth_form=s.has_sixth_form,
                financial_year_start=9,  # schools in a trust are academies: September–August
            )
            for s in plan.schools
        ],
        "schools",
    )

    login_hash = make_password(DEMO_PASSWORD) if any(u.login for u in plan.users.values()) else ""
    users = create(
        User,
        [
            User(
                username=u.username,
                first_name=u.first_name,
                last_name=u.last_name,
                display_name=u.display_name,
                email=u.email,
                password=login_hash if u.login else make_password(None),
                is_staff=u.superuser,
                is_superuser=u.superuser,
            )
            for u in plan.users.values()
        ],
        "users",
    )
    user = {u.username: u for u in users}
    create(
        Membership,
        [
            Membership(
                user=user[m.username],
                role=m.role,
                school=schools[m.school] if m.school is not None else None,
                organisation=organisation if m.organisation else None,
                job_title=m.job_title,
                staff_grade=m.staff_grade,
            )
            for m in plan.memberships
        ],
        "memberships",
    )

    pupil_objs: list[list[Pupil]] = []
    flat: list[Pupil] = []
    for s, sp in zip(schools, plan.schools, strict=True):
        objs = [
            Pupil(
                school=s,
                upn=p.upn,
                legal_forename=p.legal_forename,
                middle_names=p.middle_names,
                legal_surname=p.legal_surname,
                preferred_forename=p.preferred_forename,
                date_of_birth=p.date_of_birth,
                sex=p.sex,
                nc_year=p.nc_year,
                reg_group=p.reg_group,
                admission_date=p.admission_date,
                eal=p.eal,
                first_language=p.first_language,
                fsm=p.fsm,
                pupil_premium=p.pupil_premium,
                looked_after=p.looked_after,
                previously_looked_after=p.previously_looked_after,
                medical_needs=p.medical_needs,
                sen_status=p.sen_status,
            )
            for p in sp.pupils
        ]
        pupil_objs.append(objs)
        flat.extend(objs)
    create(Pupil, flat, "pupils")

    contact_objs: list[list[Contact]] = []
    flat_contacts: list[Contact] = []
    for s, sp in zip(schools, plan.schools, strict=True):
        objs = [
            Contact(
                school=s,
                title=c.title,
                forename=c.forename,
                surname=c.surname,
                phone=c.phone,
                email=c.email,
                address=c.address,
                postcode=c.postcode,
                preferred_language=c.preferred_language,
                needs_interpreter=c.needs_interpreter,
                user=user[c.username] if c.username else None,
            )
            for c in sp.contacts
        ]
        contact_objs.append(objs)
        flat_contacts.extend(objs)
    create(Contact, flat_contacts, "contacts")

    links, statuses, needs, key_adults, grants, groups = [], [], [], [], [], []
    for s, sp, pupils, contacts in zip(schools, plan.schools, pupil_objs, contact_objs, strict=True):
        recorder = user.get(sp.senco)
        links += [
            PupilContact(
                school=s,
                pupil=pupils[link.pupil],
                contact=contacts[link.contact],
                relationship=link.relationship,
                parental_responsibility=link.parental_responsibility,
                priority=link.priority,
                lives_with_pupil=link.lives_with_pupil,
            )
            for link in sp.links
        ]
        for p, obj in zip(sp.pupils, pupils, strict=True):
            statuses += [
                SenStatus(
                    school=s,
                    pupil=obj,
                    code=code,
                    start_date=start,
                    end_date=end,
                    reason=reason,
                    recorded_by=recorder,
                )
                for code, start, end, reason in p.statuses
            ]
            needs += [
                PupilNeed(school=s, pupil=obj, need_type=code, rank=rank, start_date=start, end_date=end)
                for code, rank, start, end in p.needs
            ]
        key_adults += [
            KeyAdult(
                school=s, pupil=pupils[k.pupil], user=user[k.username], role=k.role, start_date=k.start_date
            )
            for k in sp.key_adults
        ]
        grants += [
            AccessGrant(
                school=s,
                pupil=pupils[g.pupil],
                user=user[g.username],
                reason=g.reason,
                granted_by=user.get(g.granted_by),
                expires_on=g.expires_on,
            )
            for g in sp.grants
        ]
        groups += [
            TeachingGroup(
                school=s, name=g.name, subject=g.subject, kind=g.kind, academic_year=plan.academic_year
            )
            for g in sp.groups
        ]
    create(PupilContact, links, "pupil-contact links")
    create(SenStatus, statuses, "SEN status periods")
    create(PupilNeed, needs, "needs")
    create(KeyAdult, key_adults, "key adults")
    create(AccessGrant, grants, "access grants")
    create(TeachingGroup, groups, "teaching groups")

    members, staff, at = [], [], 0
    for s, sp, pupils in zip(schools, plan.schools, pupil_objs, strict=True):
        for g in sp.groups:
            obj = groups[at]
            at += 1
            members += [TeachingGroupPupil(school=s, group=obj, pupil=pupils[i]) for i in g.pupils]
            staff += [TeachingGroupStaff(school=s, group=obj, user=user[u], role=role) for u, role in g.staff]
    create(TeachingGroupPupil, members, "group places")
    create(TeachingGroupStaff, staff, "group staff links")
    return organisation, schools

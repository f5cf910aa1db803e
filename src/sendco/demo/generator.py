"""The demo dataset: a fictional trust with schools, pupils, families, staff and a SEND register.

``build_demo()`` first *plans* the whole dataset as plain Python data (``plan_demo()``: no
database, fully determined by ``seed`` and ``today``), then writes it in one transaction with
bulk inserts. Every person, address, phone number and school is made up: phone numbers are in
Ofcom's drama range (07700 900000-900999), e-mail addresses use example.org / example.com, and
postcodes use the area ``NF``, which does not exist.

Sizes: ``small`` (one secondary, ~200 pupils, for tests), ``school`` (the demo default) and
``trust`` (at least 50 schools and 50,000 pupils, for benchmarks); see ``schools``. How common
SEN support, EHC plans, needs, FSM, EAL and the rest are (and where the figures come from) is in
``shares``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps
from django.db import transaction
from django.db.models import ForeignKey, Q
from django.utils import timezone

from sendco.accounts.models import Membership, User
from sendco.accounts.roles import Role
from sendco.core.models import Organisation, School
from sendco.domain import sen_codes
from sendco.domain.upn import make_upn

from . import names, people
from .context import DemoContext, run_extensions
from .curriculum import (
    A_LEVELS,
    CORE_SUBJECTS,
    DEPARTMENTS,
    GCSE_OPTIONS,
    KS3_FORM_SUBJECTS,
    PROFESSIONALS,
    SUBJECTS,
    TA_GRADES,
)
from .draws import Picker, academic_year_of, any_day, autumn_start, school_day, weighted_choice
from .logins import DEMO_LOGINS, DEMO_PASSWORD, demo_logins
from .plan_types import (
    ContactPlan,
    DemoPlan,
    DemoResult,
    GrantPlan,
    GroupPlan,
    KeyAdultPlan,
    LinkPlan,
    MembershipPlan,
    ProgressFn,
    PupilPlan,
    SchoolPlan,
    UserPlan,
    fingerprint_rows,  # noqa: F401  (part of the interface: the tests use it)
)
from .schools import DEMO_ORGANISATION_NAME, SIZES, SchoolSpec, school_specs
from .shares import (
    BOY_SHARE_ALL,
    EXTRA_PUPIL_PREMIUM,
    FSM_BASE,
    FSM_SEN,
    KEY_ADULT_SHARE,
    LOOKED_AFTER,
    MEDICAL_BASE,
    MEDICAL_SEN,
    PAST_K_SHARE,
    PREVIOUSLY_LOOKED_AFTER,
    RANK3_SHARE,
    SECONDARY_NEED_SHARE,
    SIBLING_SHARE,
    sen_rates,
)
from .write import CHANGE_REASON, write_plan

__all__ = [
    "CHANGE_REASON",
    "DEMO_LOGINS",
    "DEMO_ORGANISATION_NAME",
    "DEMO_PASSWORD",
    "SIZES",
    "DemoPlan",
    "DemoResult",
    "build_demo",
    "delete_demo",
    "demo_exists",
    "demo_logins",
    "plan_demo",
]


ADDED_TO_K = "Added to SEN support after assess, plan, do, review"

# =========================================================================== the planner


@dataclass(frozen=True)
class _ForcedChild:
    school: int
    nc_year: int
    forename: str
    sex: str
    code: str
    needs: tuple[str, ...] = ()


class _Planner:
    def __init__(self, size: str, seed: int, today: date, with_logins: bool):
        if size not in SIZES:
            raise ValueError(f"Unknown demo size {size!r}; expected one of {', '.join(SIZES)}.")
        self.size, self.seed, self.today, self.with_logins = size, seed, today, with_logins
        self.year = academic_year_of(today)
        self.users: dict[str, UserPlan] = {}
        self.memberships: list[MembershipPlan] = []
        self.schools: list[SchoolPlan] = []
        self.specs = school_specs(size, random.Random(f"sendco-demo:{seed}:specs"))
        self.forced: list[_ForcedChild] = []
        self.forced_contacts: list[tuple[ContactPlan, str, bool, bool]] = []
        self._pickers: dict[float, Picker] = {}
        if with_logins:
            self._plan_parent_family()

    # ----------------------------------------------------------------- people and users

    def rng_for(self, key: str) -> random.Random:
        # A string seed is hashed with SHA-512: the same on every run and platform.
        return random.Random(f"sendco-demo:{self.seed}:{key}")

    def _unique_username(self, base: str) -> str:
        username, n = base, 1
        while username in self.users:
            n += 1
            username = f"{base}{n}"
        return username

    def add_login(self, username: str) -> str:
        role, title, first, last, what = DEMO_LOGINS[username]
        display = f"{title} {first} {last}".strip()
        self.users[username] = UserPlan(
            username,
            title,
            first,
            last,
            display,
            f"{first}.{last}@example.org".lower(),
            True,
            role == Role.ADMIN,
        )
        return username

    def add_staff(self, rng: random.Random, sp: SchoolPlan, job_title: str) -> str:
        sex = "F" if rng.random() < 0.68 else "M"  # school workforce: mostly women
        community = (
            people.COMMUNITY["english"]
            if rng.random() < 0.8
            else people.COMMUNITY[self._community_picker(1.0)(rng)]
        )
        first = people.adult_forename(rng, community, sex)
        last = people.gendered(people.surname(rng, community), community, sex)
        title = people.TITLES[sex](rng)
        username = self._unique_username(f"{sp.urn}-{names.ascii_slug(first)}.{names.ascii_slug(last)}")
        school_domain = names.ascii_slug(sp.name)[:20]
        email = f"{names.ascii_slug(first)[:1]}.{names.ascii_slug(last)}@{school_domain}.example.org"
        self.users[username] = UserPlan(username, title, first, last, f"{title} {first} {last}", email)
        return username

    def member(
        self, username: str, role: Role, school: int | None, job_title="", grade="", org=False
    ) -> None:
        self.memberships.append(MembershipPlan(username, role.value, school, org, job_title, grade))

    def _community_picker(self, diversity: float) -> Picker:
        if diversity not in self._pickers:
            weights = {c.key: c.weight * (1 if c.key == "english" else diversity) for c in names.COMMUNITIES}
            self._pickers[diversity] = Picker(weights)
        return self._pickers[diversity]

    # ----------------------------------------------------------------- the parent login's family

    def _plan_parent_family(self) -> None:
        """The `parent` login: Sarah Bennett, mother of two; one child has an EHC plan."""
        second_school = 1 if self.size == "school" else 0
        self.forced = [
            _ForcedChild(0, 8, "Leo", "M", "E", ("ASD", "SLCN")),
            _ForcedChild(second_school, 4 if second_school else 10, "Maisie", "F", "N"),
        ]
        rng = self.rng_for("parent-family")
        address, postcode = people.address(rng, 0)
        mother = ContactPlan(
            "Ms", "Sarah", "Bennett", "07700 900123", "sarah.bennett@example.org", address, postcode
        )
        mother.username = "parent"
        father = ContactPlan(
            "Mr", "Mark", "Bennett", "07700 900456", "mark.bennett@example.com", address, postcode
        )
        self.forced_contacts = [(mother, "mother", True, True), (father, "father", True, True)]

    # ----------------------------------------------------------------- whole plan

    def plan(self, progress: ProgressFn | None = None) -> DemoPlan:
        if self.with_logins:
            for username in DEMO_LOGINS:
                self.add_login(username)
        if progress:
            total = sum(s.total for s in self.specs)
            progress(f"Planning {len(self.specs)} schools and {total:,} pupils (seed {self.seed})")
        for i, spec in enumerate(self.specs):
            self.schools.append(self._plan_school(i, spec))
        if self.with_logins:
            self.member("trust", Role.TRUST_OFFICER, None, "Trust SEND Lead", org=True)
            self.member("admin", Role.ADMIN, None, "System administrator")
        return DemoPlan(
            self.size,
            self.seed,
            self.today,
            self.year,
            DEMO_ORGANISATION_NAME,
            self.schools,
            self.users,
            self.memberships,
        )

    def _plan_school(self, index: int, spec: SchoolSpec) -> SchoolPlan:
        rng = self.rng_for(f"school:{spec.urn}")
        sp = SchoolPlan(
            spec.urn, spec.la_number, spec.establishment_number, spec.name, spec.phase, spec.has_sixth_form
        )
        self._plan_pupils(rng, index, spec, sp)
        login_school = self.with_logins and index == 0
        if spec.phase == "secondary":
            self._plan_secondary_staff(rng, index, spec, sp, login_school)
        else:
            self._plan_primary_staff(rng, index, spec, sp)
        self._plan_professionals(rng, index, sp, login_school)
        if self.with_logins and any(c.school == index for c in self.forced):
            self.member("parent", Role.PARENT, index)
        return sp

    # ----------------------------------------------------------------- pupils and families

    def _plan_pupils(self, rng: random.Random, index: int, spec: SchoolSpec, sp: SchoolPlan) -> None:
        slot_years = [y for y, n in spec.year_counts for _ in range(n)]
        used = [False] * len(slot_years)
        forced_here = [c for c in self.forced if c.school == index]
        forced_slots = []
        for child in forced_here:
            slot = next(i for i, y in enumerate(slot_years) if y == child.nc_year and not used[i])
            used[slot] = True
            forced_slots.append(slot)

        # Brothers and sisters: pairs of pupils in different year groups.
        target = round(len(slot_years) * SIBLING_SHARE / 2) - (1 if len(forced_slots) > 1 else 0)
        waiting: list[int] = []
        pairs: list[list[int]] = []
        for slot in rng.sample(range(len(slot_years)), len(slot_years)):
            if len(pairs) >= target:
                break
            if used[slot]:
                continue
            partner = next((w for w in waiting if slot_years[w] != slot_years[slot]), None)
            if partner is None:
                waiting.append(slot)
            else:
                waiting.remove(partner)
                used[partner] = used[slot] = True
                pairs.append([partner, slot])
        families = ([forced_slots] if forced_slots else []) + pairs
        families += [[i] for i in range(len(slot_years)) if not used[i]]

        community_of = self._community_picker(spec.diversity)
        # Sex and SEN status come from their own stream, one draw each per pupil in a fixed
        # order, so that they do not depend on `today` (dates shift the main stream).
        draw = self.rng_for(f"census:{spec.urn}")
        rates = sen_rates(spec.sen_factor)
        for f_index, family in enumerate(families):
            forced = forced_here if f_index == 0 and forced_slots else None
            years = [slot_years[s] for s in family]
            self._plan_family(rng, draw, spec, sp, years, community_of, rates, forced)

        # Registration groups, UPNs.
        by_year: dict[int, list[int]] = {}
        for i, pupil in enumerate(sp.pupils):
            by_year.setdefault(pupil.nc_year, []).append(i)
        for year, members in sorted(by_year.items()):
            groups = self._reg_groups(spec, year, len(members))
            shuffled = rng.sample(members, len(members))
            serials = rng.sample(range(1000), len(members))
            year2 = f"{(self.year - max(year, 0)) % 100:02d}"  # allocated on entry to Reception
            for k, i in enumerate(shuffled):
                sp.pupils[i].reg_group = groups[k % len(groups)]
                sp.pupils[i].upn = make_upn(spec.la_number, spec.establishment_number, year2, serials[k])

    def _reg_groups(self, spec: SchoolSpec, year: int, count: int) -> list[str]:
        if spec.phase == "secondary":
            n = max(1, math.ceil(count / (20 if year >= 12 else 28)))
            return [f"{year}{names.FORM_LETTERS[k]}" for k in range(n)]
        # Primary: tree names, handed out in order from Reception up.
        before = sum(math.ceil(c / 30) for y, c in spec.year_counts if y < year)
        n = max(1, math.ceil(count / 30))
        return [names.PRIMARY_CLASS_NAMES[(before + k) % len(names.PRIMARY_CLASS_NAMES)] for k in range(n)]

    def _plan_family(self, rng, draw, spec, sp, years, community_of, rates, forced):
        community = people.COMMUNITY["english"] if forced else people.COMMUNITY[community_of(rng)]
        surname = "Bennett" if forced else people.surname(rng, community)
        eal = not forced and rng.random() < community.eal
        language = people.LANGUAGES[community.key](rng) if eal else "English"
        looked_after = not forced and rng.random() < LOOKED_AFTER
        previously = not forced and not looked_after and rng.random() < PREVIOUSLY_LOOKED_AFTER

        first_pupil = len(sp.pupils)
        taken: list[str] = []
        for k, year in enumerate(years):
            child = forced[k] if forced else None
            sex = child.sex if child else ("M" if draw.random() < BOY_SHARE_ALL else "F")
            pool = community.boys if sex == "M" else community.girls
            forename = child.forename if child else rng.choice([n for n in pool if n not in taken] or pool)
            taken.append(forename)
            middle = ""
            if not child and rng.random() < (0.45 if community.key == "english" else 0.15):
                middle = rng.choice([n for n in pool if n != forename])
            preferred = names.PREFERRED_FORMS.get(forename, "") if rng.random() < 0.5 else ""
            dob = any_day(rng, date(self.year - year - 5, 9, 1), date(self.year - year - 4, 8, 31))
            admission = self._admission(rng, spec, year)
            if child:
                code = child.code
            else:
                p_k, p_e = rates[sex]
                r = draw.random()
                code = "E" if r < p_e else "K" if r < p_e + p_k else "N"
            pupil = PupilPlan(
                upn="",
                legal_forename=forename,
                middle_names=middle,
                legal_surname=people.gendered(surname, community, sex),
                preferred_forename=preferred,
                date_of_birth=dob,
                sex=sex,
                nc_year=year,
                reg_group="",
                admission_date=admission,
                eal=eal,
                first_language=language,
                fsm=False,
                pupil_premium=False,
                looked_after=looked_after,
                previously_looked_after=previously,
                medical_needs=rng.random() < (MEDICAL_SEN if code != "N" else MEDICAL_BASE),
                sen_status=code,
            )
            self._sen_history(rng, pupil, spec.phase, child.needs if child else ())
            pupil.literacy = rng.gauss(0, 1) - _SEN_PENALTY[code] - (0.4 if eal else 0)
            pupil.numeracy = 0.6 * pupil.literacy + 0.8 * rng.gauss(0, 1)
            sp.pupils.append(pupil)

        children = sp.pupils[first_pupil:]
        any_sen = any(p.sen_status != "N" for p in children)
        fsm = not forced and not looked_after and rng.random() < (FSM_SEN if any_sen else FSM_BASE)
        for pupil in children:
            pupil.fsm = fsm
            pupil.pupil_premium = fsm or looked_after or previously or rng.random() < EXTRA_PUPIL_PREMIUM

        if forced:
            contacts = [(self._copy(c), rel, pr, lives) for c, rel, pr, lives in self.forced_contacts]
        else:
            contacts = self._family_contacts(
                rng, spec, community, surname, language, looked_after, previously
            )
        for priority, (contact, relationship, pr, lives) in enumerate(contacts, start=1):
            sp.contacts.append(contact)
            for i in range(first_pupil, len(sp.pupils)):
                sp.links.append(LinkPlan(i, len(sp.contacts) - 1, relationship, pr, priority, lives))

    @staticmethod
    def _copy(contact: ContactPlan) -> ContactPlan:
        return ContactPlan(**contact.__dict__)

    def _admission(self, rng: random.Random, spec: SchoolSpec, year: int) -> date:
        if spec.phase == "secondary":
            external_sixth = year >= 12 and rng.random() < 0.3
            entry = self.year - (year - 12 if external_sixth else year - 7)
            joiners = 0.06
        else:
            entry, joiners = self.year - year, 0.10
        start = min(autumn_start(entry), self.today)
        if rng.random() < joiners and start < self.today - timedelta(days=30):
            return school_day(rng, start + timedelta(days=14), self.today - timedelta(days=3))
        return start

    def _family_contacts(self, rng, spec, community, surname, language, looked_after, previously):
        """1-2 adults: (contact, relationship, parental responsibility, lives with the pupil)."""
        address, postcode = people.address(rng, spec.town)
        english = people.COMMUNITY["english"]

        def adult(sex: str, own_community=community, own_surname=None, home=True) -> ContactPlan:
            first = people.adult_forename(rng, own_community, sex)
            last = people.gendered(own_surname or surname, own_community, sex)
            where, code = (address, postcode) if home else people.address(rng, spec.town)
            contact = ContactPlan(
                title=people.TITLES[sex](rng),
                forename=first,
                surname=last,
                phone=people.phone(rng) if rng.random() < 0.97 else "",
                email=people.email(rng, first, last) if rng.random() < 0.85 else "",
                address=where,
                postcode=code,
            )
            if language != "English" and own_community is community and rng.random() < 0.6:
                contact.preferred_language = language
                contact.needs_interpreter = rng.random() < 0.45
            elif rng.random() < 0.0015:
                contact.preferred_language, contact.needs_interpreter = "British Sign Language", True
            return contact

        if looked_after:
            carer = adult("F", english, people.surname(rng, english))
            worker = adult(rng.choice("FM"), english, people.surname(rng, english), home=False)
            worker.email = people.email(rng, worker.forename, worker.surname)
            return [(carer, "foster_carer", False, True), (worker, "social_worker", False, False)]
        r = rng.random()
        if previously:  # adoptive parents hold parental responsibility
            r = min(r, 0.59)
        other = people.surname(rng, community) if rng.random() < 0.2 else None  # mother kept her own surname
        if r < 0.60:
            father_home = rng.random() < 0.88
            return [
                (adult("F", own_surname=other), "mother", True, True),
                (adult("M", home=father_home), "father", True, father_home),
            ]
        if r < 0.80:
            return [(adult("F", own_surname=other), "mother", True, True)]
        if r < 0.86:
            return [(adult("M"), "father", True, True)]
        if r < 0.91:
            step = adult("M", english, people.surname(rng, english))
            return [(adult("F", own_surname=other), "mother", True, True), (step, "step_parent", False, True)]
        if r < 0.95:
            return [(adult("F"), "grandparent", True, True)]  # e.g. a special guardianship order
        if r < 0.98:
            sex = rng.choice("FM")
            return [(adult(sex), "parent", True, True), (adult(sex, own_surname=other), "parent", True, True)]
        aunt = adult("F", own_surname=people.surname(rng, community))
        return [(adult("F", own_surname=other), "mother", True, True), (aunt, "carer", False, False)]

    # ----------------------------------------------------------------- SEN history

    def _sen_history(
        self, rng: random.Random, pupil: PupilPlan, phase: str, forced_needs: Sequence[str]
    ) -> None:
        """Dated status periods (never overlapping, the last one open) and needs."""
        today, admitted = self.today, pupil.admission_date
        span = (today - admitted).days
        days = timedelta
        steps: list[tuple[str, date, str]] = []  # (code, start, reason)
        if pupil.sen_status == "K":
            if span < 60 or rng.random() < 0.35:
                steps = [("K", admitted, "SEN support continued from previous setting")]
            else:
                steps = [
                    ("N", admitted, "No SEN identified on admission"),
                    ("K", school_day(rng, admitted + days(30), today - days(7)), ADDED_TO_K),
                ]
        elif pupil.sen_status == "E":
            if span < 240 or rng.random() < 0.3:
                steps = [("E", admitted, "Admitted with an EHC plan naming this school")]
            else:
                latest_k = today - days(150)
                if rng.random() < 0.5 or latest_k <= admitted + days(30):
                    k_start = admitted
                    steps = [("K", admitted, "SEN support continued from previous setting")]
                else:
                    k_start = school_day(rng, admitted + days(30), latest_k)
                    steps = [
                        ("N", admitted, "No SEN identified on admission"),
                        ("K", k_start, ADDED_TO_K),
                    ]
                e_start = school_day(rng, k_start + days(140), today - days(7))
                steps.append(("E", e_start, "EHC plan issued by the local authority"))
        elif span >= 365 and rng.random() < PAST_K_SHARE:
            latest_k = today - days(120)
            if rng.random() < 0.4:
                k_start = admitted
                steps = [("K", admitted, "SEN support continued from previous setting")]
            else:
                k_start = school_day(rng, admitted + days(30), latest_k)
                steps = [
                    ("N", admitted, "No SEN identified on admission"),
                    ("K", k_start, ADDED_TO_K),
                ]
            n_start = school_day(rng, k_start + days(90), today - days(14))
            steps.append(("N", n_start, "Removed from SEN support: needs now met by high-quality teaching"))

        for k, (code, start, reason) in enumerate(steps):
            end = steps[k + 1][1] - days(1) if k + 1 < len(steps) else None
            pupil.statuses.append((code, start, end, reason))
        if not steps:
            return

        if pupil.sen_status == "N":  # needs of the past K spell, closed when it ended
            k_periods = [(s, e) for c, s, e, _ in pupil.statuses if c == "K"]
            start, end = k_periods[-1]
            first = weighted_choice(rng, sen_codes.need_weights("K", phase))
            pupil.needs.append((first, 1, start, end))
            if first != "NSA" and rng.random() < 0.4:
                second = weighted_choice(rng, sen_codes.need_weights("K", phase), (first, "NSA"))
                pupil.needs.append((second, 2, start, end))
            return

        code = pupil.sen_status
        weights = sen_codes.need_weights(code, phase)
        spell_start = pupil.sen_start
        primary = forced_needs[0] if forced_needs else weighted_choice(rng, weights)
        used = [primary, "NSA"]
        e_start = pupil.statuses[-1][1]
        had_k = code == "E" and e_start > spell_start
        if had_k and not forced_needs and rng.random() < 0.2:
            # The assessment for the plan changed the primary need (e.g. SLCN, then ASD).
            earlier = weighted_choice(rng, sen_codes.need_weights("K", phase), used)
            used.append(earlier)
            pupil.needs.append((earlier, 1, spell_start, e_start - days(1)))
            pupil.needs.append((primary, 1, e_start, None))
        else:
            pupil.needs.append((primary, 1, spell_start, None))
        if len(forced_needs) > 1 or (
            not forced_needs and primary != "NSA" and rng.random() < SECONDARY_NEED_SHARE
        ):
            second = forced_needs[1] if len(forced_needs) > 1 else weighted_choice(rng, weights, used)
            used.append(second)
            second_start = spell_start if rng.random() < 0.7 else school_day(rng, spell_start, today)
            pupil.needs.append((second, 2, second_start, None))
            if not forced_needs and rng.random() < RANK3_SHARE:
                third = weighted_choice(rng, weights, used)
                pupil.needs.append((third, 3, school_day(rng, second_start, today), None))

    # ----------------------------------------------------------------- secondary staff and groups

    def _leaders(self, rng, index, sp, login_school, roles):
        """SENCO, head and the like: (login username or None, role, job title, grade)."""
        made = {}
        for login, role, title, grade in roles:
            if login_school and login:
                username = login
            else:
                username = self.add_staff(rng, sp, title)
            self.member(username, role, index, title, grade)
            made[role] = username
        sp.senco = made[Role.SENCO]
        return made

    def _plan_secondary_staff(self, rng, index, spec, sp, login_school) -> None:
        n = len(sp.pupils)
        self._leaders(
            rng,
            index,
            sp,
            login_school,
            [
                ("senco", Role.SENCO, "SENCO", "UPS"),
                ("assistant-senco", Role.ASSISTANT_SENCO, "Assistant SENCO", "UPS"),
                ("head", Role.HEAD, "Headteacher", ""),
                ("exams", Role.EXAMS_OFFICER, "Exams Officer", ""),
                ("governor", Role.GOVERNOR, "SEND Governor", ""),
                (None, Role.GOVERNOR, "Chair of Governors", ""),
            ],
        )
        # Teachers by department (largest remainder), at least one in English, Maths, Science.
        n_teachers = max(8, round(n / 16))
        total = sum(DEPARTMENTS.values())
        quotas = {d: n_teachers * w / total for d, w in DEPARTMENTS.items()}
        seats = {d: int(q) for d, q in quotas.items()}
        for d in sorted(quotas, key=lambda d: quotas[d] - seats[d], reverse=True)[
            : n_teachers - sum(seats.values())
        ]:
            seats[d] += 1
        teachers: dict[str, list[str]] = {}
        for dept, count in seats.items():
            for k in range(count):
                title = f"Head of {dept}" if k == 0 and count > 1 else f"Teacher of {dept}"
                username = self.add_staff(rng, sp, title)
                grade = "UPS" if k == 0 and count > 1 else ("UPS" if rng.random() < 0.4 else "MPS")
                self.member(username, Role.TEACHER, index, title, grade)
                teachers.setdefault(dept, []).append(username)
        if login_school:
            self.member("teacher", Role.TEACHER, index, "Teacher of English", "MPS")
        tas = []
        for _ in range(max(2, round(n / 60))):
            grade, title = Picker({f"{g}|{t}": w for g, t, w in TA_GRADES})(rng).split("|")
            username = self.add_staff(rng, sp, title)
            self.member(username, Role.TA, index, title, grade)
            tas.append(username)
        if login_school:
            self.member("ta", Role.TA, index, "Teaching Assistant", "TA Level 3")

        self._secondary_groups(rng, spec, sp)
        self._staff_groups(rng, sp, teachers, tas)
        self._key_adults(rng, sp, tas)
        if login_school:
            self._place_logins(rng, sp)

    def _secondary_groups(self, rng, spec, sp) -> None:
        pupils = sp.pupils
        by_year: dict[int, list[int]] = {}
        for i, p in enumerate(pupils):
            by_year.setdefault(p.nc_year, []).append(i)
        tutor = "tutor"
        for year, members in sorted(by_year.items()):
            forms: dict[str, list[int]] = {}
            for i in members:
                forms.setdefault(pupils[i].reg_group, []).append(i)
            for form in sorted(forms):
                sp.groups.append(GroupPlan(form, "", tutor, forms[form], nc_year=year))
            if year <= 11:
                for subject in CORE_SUBJECTS:
                    score = {
                        "English": lambda i: pupils[i].literacy,
                        "Maths": lambda i: pupils[i].numeracy,
                        "Science": lambda i: (pupils[i].literacy + pupils[i].numeracy) / 2,
                    }[subject]
                    ranked = sorted(members, key=lambda i: (-score(i), i))
                    for k, chunk in enumerate(_sets(ranked, math.ceil(len(members) / 30)), start=1):
                        abbr, dept = SUBJECTS[subject]
                        sp.groups.append(
                            GroupPlan(f"{year}/{abbr}{k}", subject, "set", chunk, [], dept, year)
                        )
            if year <= 9:
                for k, form in enumerate(sorted(forms)):
                    for subject in KS3_FORM_SUBJECTS:
                        if subject == "MFL":
                            subject = "French" if k % 2 == 0 else "Spanish"
                        abbr, dept = SUBJECTS[subject]
                        sp.groups.append(
                            GroupPlan(f"{form}/{abbr}", subject, "class", forms[form], [], dept, year)
                        )
            elif year <= 11:
                self._option_groups(rng, sp, year, members, GCSE_OPTIONS, 3, 26)
            else:
                self._option_groups(rng, sp, year, members, A_LEVELS, 3, 18)

    @staticmethod
    def _option_groups(rng, sp, year, members, options, per_pupil, size) -> None:
        chosen: dict[str, list[int]] = {s: [] for s in options}
        for i in members:
            picks: list[str] = []
            while len(picks) < per_pupil:
                subject = weighted_choice(rng, options, picks)
                picks.append(subject)
            for subject in picks:
                chosen[subject].append(i)
        for subject, group_members in chosen.items():
            if not group_members:
                continue
            abbr, dept = SUBJECTS[subject]
            n = math.ceil(len(group_members) / size)
            for k in range(n):
                chunk = group_members[k::n]
                sp.groups.append(GroupPlan(f"{year}/{abbr}{k + 1}", subject, "class", chunk, [], dept, year))

    def _staff_groups(self, rng, sp, teachers: dict[str, list[str]], tas: list[str]) -> None:
        load: dict[str, int] = {u: 0 for dept in teachers.values() for u in dept}
        all_teachers = list(load)
        tutors = rng.sample(all_teachers, len(all_teachers))
        next_in: dict[str, int] = {}
        n_tutor = 0
        for group in sp.groups:
            if group.kind == "tutor":
                username = tutors[n_tutor % len(tutors)]
                n_tutor += 1
            elif teachers.get(group.department):
                dept = teachers[group.department]
                k = next_in.get(group.department, 0)
                next_in[group.department] = k + 1
                username = dept[k % len(dept)]
            else:
                username = min(all_teachers, key=lambda u: (load[u], u))
            load[username] += 1
            group.staff.append((username, "teacher"))
        # TAs: the bottom set of each core subject, then groups with several EHC plans.
        bottom: dict[tuple[int | None, str], GroupPlan] = {}
        for group in sp.groups:
            if group.kind == "set":
                bottom[(group.nc_year, group.subject)] = group  # the last set is the bottom one
        wanted = list(bottom.values())
        picked = {id(g) for g in wanted}
        for group in sp.groups:
            if group.kind != "tutor" and id(group) not in picked:
                if sum(sp.pupils[i].sen_status == "E" for i in group.pupils) >= 3:
                    wanted.append(group)
        for k, group in enumerate(wanted[: max(len(tas) * 4, len(tas))]):
            group.staff.append((tas[k % len(tas)], "ta"))

    def _key_adults(self, rng, sp, tas: list[str]) -> None:
        if not tas:
            return
        ta_of: dict[int, str] = {}
        for group in sp.groups:
            for username, role in group.staff:
                if role == "ta":
                    for i in group.pupils:
                        ta_of.setdefault(i, username)
        turn = 0
        for i, pupil in enumerate(sp.pupils):
            share = KEY_ADULT_SHARE.get(pupil.sen_status, 0)
            if not share or rng.random() >= share:
                continue
            username = ta_of.get(i)
            if username is None:
                username = tas[turn % len(tas)]
                turn += 1
            role = "1:1 teaching assistant" if pupil.sen_status == "E" and rng.random() < 0.3 else "Key adult"
            start = school_day(
                rng, max(pupil.sen_start or pupil.admission_date, pupil.admission_date), self.today
            )
            sp.key_adults.append(KeyAdultPlan(i, username, role, start))

    def _place_logins(self, rng, sp) -> None:
        """Give `teacher` five English sets (one with several K and E pupils) and `ta` two groups."""
        english = [g for g in sp.groups if g.kind == "set" and g.subject == "English"]

        def sen(g: GroupPlan) -> tuple[int, int]:
            statuses = [sp.pupils[i].sen_status for i in g.pupils]
            return (min(statuses.count("E"), 1), statuses.count("K") + statuses.count("E"))

        focus = max(english, key=sen)
        others = [g for g in english if g is not focus]
        # Prefer one set from each other year, then fill up.
        chosen, years = [focus], {focus.nc_year}
        for g in rng.sample(others, len(others)):
            if len(chosen) < 5 and g.nc_year not in years:
                chosen.append(g)
                years.add(g.nc_year)
        for g in others:
            if len(chosen) < 5 and g not in chosen:
                chosen.append(g)
        for g in chosen:
            g.staff = [("teacher", "teacher")] + [s for s in g.staff if s[1] != "teacher"]

        maths = [
            g for g in sp.groups if g.kind == "set" and g.subject == "Maths" and g.nc_year == focus.nc_year
        ]
        ta_groups = [focus, maths[-1] if maths else chosen[1]]
        for g in ta_groups:
            g.staff = [s for s in g.staff if s[1] != "ta"] + [("ta", "ta")]
        # Key adult to four pupils of those groups: pupils with EHC plans first.
        candidates = sorted(
            {i for g in ta_groups for i in g.pupils if sp.pupils[i].sen_status != "N"},
            key=lambda i: (sp.pupils[i].sen_status != "E", i),
        )[:4]
        sp.key_adults = [k for k in sp.key_adults if k.pupil not in candidates]
        for i in candidates:
            pupil = sp.pupils[i]
            start = school_day(
                rng, max(pupil.sen_start or pupil.admission_date, pupil.admission_date), self.today
            )
            sp.key_adults.append(KeyAdultPlan(i, "ta", "Key adult", start))

    # ----------------------------------------------------------------- primary staff and classes

    def _plan_primary_staff(self, rng, index, spec, sp) -> None:
        self._leaders(
            rng,
            index,
            sp,
            False,
            [
                (None, Role.SENCO, "SENCO", "UPS"),
                (None, Role.HEAD, "Headteacher", ""),
                (None, Role.GOVERNOR, "SEND Governor", ""),
            ],
        )
        classes: dict[str, list[int]] = {}
        year_of: dict[str, int] = {}
        for i, p in enumerate(sp.pupils):
            classes.setdefault(p.reg_group, []).append(i)
            year_of[p.reg_group] = p.nc_year
        class_names = sorted(classes, key=lambda c: (year_of[c], names.PRIMARY_CLASS_NAMES.index(c)))
        tas = []
        for name in class_names:
            year = year_of[name]
            label = "Reception" if year == 0 else f"Year {year}"
            teacher = self.add_staff(rng, sp, f"{label} Class Teacher")
            self.member(
                teacher, Role.TEACHER, index, f"{label} Class Teacher", "UPS" if rng.random() < 0.4 else "MPS"
            )
            grade, title = Picker({f"{g}|{t}": w for g, t, w in TA_GRADES})(rng).split("|")
            ta = self.add_staff(rng, sp, title)
            self.member(ta, Role.TA, index, title, grade)
            tas.append(ta)
            sp.groups.append(
                GroupPlan(name, "", "class", classes[name], [(teacher, "teacher"), (ta, "ta")], nc_year=year)
            )
        # 1:1 teaching assistants for most pupils with EHC plans.
        group_of = {i: g for g in sp.groups for i in g.pupils}
        ehc = [i for i, p in enumerate(sp.pupils) if p.sen_status == "E"]
        one_to_one = []
        for k in range(math.ceil(len(ehc) * 0.6)):
            ta = self.add_staff(rng, sp, "1:1 Teaching Assistant")
            self.member(ta, Role.TA, index, "1:1 Teaching Assistant", "TA Level 2")
            one_to_one.append(ta)
            i = ehc[k]
            group = group_of[i]
            if (ta, "ta") not in group.staff:
                group.staff.append((ta, "ta"))
            pupil = sp.pupils[i]
            start = school_day(rng, pupil.sen_start or pupil.admission_date, self.today)
            sp.key_adults.append(KeyAdultPlan(i, ta, "1:1 teaching assistant", start))
        covered = {k.pupil for k in sp.key_adults}
        for i, pupil in enumerate(sp.pupils):
            if i in covered or pupil.sen_status == "N" or rng.random() >= KEY_ADULT_SHARE[pupil.sen_status]:
                continue
            ta = next(u for u, r in group_of[i].staff if r == "ta")
            start = school_day(rng, pupil.sen_start or pupil.admission_date, self.today)
            sp.key_adults.append(KeyAdultPlan(i, ta, "Key adult", start))

    # ----------------------------------------------------------------- external professionals

    def _plan_professionals(self, rng, index, sp, login_school) -> None:
        sen = [i for i, p in enumerate(sp.pupils) if p.sen_status != "N"]
        if not sen:
            return
        for job, reason, needs in PROFESSIONALS:
            username = self.add_staff(rng, sp, job)
            user = self.users[username]
            user.display_name = f"{user.display_name} ({job})"
            user.email = f"{names.ascii_slug(user.first_name)}.{names.ascii_slug(user.last_name)}@example.org"
            self.member(username, Role.PROFESSIONAL, index, job)
            pool = sen
            if needs != "any":
                wanted = needs.split()
                pool = [
                    i for i in sen if any(n[0] in wanted and n[3] is None for n in sp.pupils[i].needs)
                ] or sen
            for i in rng.sample(pool, min(len(pool), rng.randint(2, 4))):
                expires = self.today + timedelta(days=rng.randint(45, 300))
                sp.grants.append(GrantPlan(i, username, reason, sp.senco, expires))
        if login_school:
            self.member("professional", Role.PROFESSIONAL, index, "Educational Psychologist")
            k = [i for i in sen if sp.pupils[i].sen_status == "K"]
            e = [i for i in sen if sp.pupils[i].sen_status == "E"]
            picks = rng.sample(k, min(2, len(k))) + rng.sample(e, min(1, len(e)))
            for i in picks:
                sp.grants.append(
                    GrantPlan(
                        i,
                        "professional",
                        "Educational psychology advice for an EHC needs assessment",
                        sp.senco,
                        self.today + timedelta(days=120),
                    )
                )


_SEN_PENALTY = {"N": 0.0, "K": 0.9, "E": 1.4}


def _sets(ranked: list[int], n: int) -> list[list[int]]:
    """Split pupils ranked by attainment into n sets; the bottom set is smaller (more support)."""
    if n <= 1:
        return [ranked]
    weights = [1.0] * (n - 1) + [0.65]
    total = sum(weights)
    sizes = [round(len(ranked) * w / total) for w in weights]
    sizes[0] += len(ranked) - sum(sizes)
    out, at = [], 0
    for size in sizes:
        out.append(ranked[at : at + size])
        at += size
    return out


# =========================================================================== public API


def plan_demo(
    *,
    size: str = "school",
    seed: int = 2026,
    today: date | None = None,
    with_logins: bool = True,
    progress: ProgressFn | None = None,
) -> DemoPlan:
    """The whole demo dataset as plain data, without touching the database (deterministic)."""
    today = today or timezone.localdate()
    return _Planner(size, seed, today, with_logins).plan(progress)


def build_demo(
    *,
    size: str = "school",
    seed: int = 2026,
    today: date | None = None,
    with_logins: bool = True,
    progress: ProgressFn | None = None,
    history: bool = True,
) -> DemoResult:
    """Plan and write the demo dataset in one transaction.

    ``history``: write a "created" history row (change reason "Demo data") for each row of
    the history-tracked pupil models (on by default for every size; on SQLite it takes the
    ``trust`` build from about 65 s to about 115 s). Turn it off for quicker throwaway builds.

    After the core data, ``demo_data.build(ctx)`` of every sendco app that has one runs in the
    same transaction (see ``sendco.demo.context``).
    """
    say = progress or (lambda _msg: None)
    plan = plan_demo(size=size, seed=seed, today=today, with_logins=with_logins, progress=progress)
    with transaction.atomic():
        organisation, schools = write_plan(plan, history=history, say=say)
        # Each capability app adds its own records (plans, provision, ...) through demo_data.build.
        logins = User.objects.filter(username__in=list(DEMO_LOGINS)) if with_logins else []
        run_extensions(
            DemoContext(
                size=size,
                rng=random.Random(f"sendco-demo:{seed}:extensions"),
                today=plan.today,
                schools=schools,
                logins={u.username: u for u in logins},
                progress=say,
            )
        )
    counts = plan.counts()
    logins = demo_logins() if with_logins else []
    say("Done.")
    return DemoResult(organisation, schools, logins, counts)


def demo_exists() -> bool:
    return Organisation.objects.filter(name=DEMO_ORGANISATION_NAME).exists()


# =========================================================================== reset


def delete_demo() -> None:
    """Remove the demo organisation, its schools and everything recorded about them (history too)."""
    organisations = list(Organisation.objects.filter(name=DEMO_ORGANISATION_NAME))
    schools = list(School.objects.filter(organisation__in=organisations))
    school_ids = [s.pk for s in schools]
    with transaction.atomic():
        # Every table with a `school` column, including history tables and the access log.
        # Raw deletes: no per-row signals (which would write a history row per deletion); the
        # database checks the foreign keys at commit.
        for model in apps.get_models():
            fk = next(
                (
                    f
                    for f in model._meta.concrete_fields
                    if f.name == "school" and isinstance(f, ForeignKey) and f.related_model is School
                ),
                None,
            )
            if fk is not None:
                qs = model._base_manager.filter(**{f"{fk.attname}__in": school_ids})
                qs._raw_delete(qs.db)
        demo_users = Q(username__in=list(DEMO_LOGINS))
        for s in schools:
            demo_users |= Q(username__startswith=f"{s.urn}-")
        User.objects.filter(demo_users).delete()
        Membership.objects.filter(organisation__in=organisations).delete()
        School.objects.filter(pk__in=school_ids).delete()
        Organisation.objects.filter(pk__in=[o.pk for o in organisations]).delete()

"""Planning families: each family's children (with their SEN status and needs) and adults.

The `parent` login's family (Sarah Bennett and her two children, one with an EHC plan) is
planned first and placed into the schools like any other family.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import names, people
from ..draws import any_day
from ..plan_types import ContactPlan, LinkPlan, PupilPlan
from ..shares import (
    BOY_SHARE_ALL,
    EXTRA_PUPIL_PREMIUM,
    FSM_BASE,
    FSM_SEN,
    LOOKED_AFTER,
    MEDICAL_BASE,
    MEDICAL_SEN,
    PREVIOUSLY_LOOKED_AFTER,
)


@dataclass(frozen=True)
class ForcedChild:
    """A child of the `parent` login's family: placed at a given school and year, with a given status."""

    school: int
    nc_year: int
    forename: str
    sex: str
    code: str
    needs: tuple[str, ...] = ()


class FamiliesMixin:
    """Part of ``Planner``: a family's pupils, contacts and links."""

    def _plan_parent_family(self) -> None:
        """The `parent` login: Sarah Bennett, mother of two; one child has an EHC plan."""
        second_school = 1 if self.size == "school" else 0
        self.forced = [
            ForcedChild(0, 8, "Leo", "M", "E", ("ASD", "SLCN")),
            ForcedChild(second_school, 4 if second_school else 10, "Maisie", "F", "N"),
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


_SEN_PENALTY = {"N": 0.0, "K": 0.9, "E": 1.4}

"""Planning a secondary school's staff: leaders, teachers by department, TAs, who teaches which group
and the key adults of pupils on the SEND register.

At the first school the `teacher` and `ta` logins get real classes and key-adult pupils.
"""

from __future__ import annotations

from sendco.accounts.roles import Role

from ..curriculum import DEPARTMENTS, TA_GRADES
from ..draws import Picker, school_day
from ..plan_types import GroupPlan, KeyAdultPlan
from ..shares import KEY_ADULT_SHARE


class SecondaryStaffMixin:
    """Part of ``Planner``: a secondary school's staff and their groups."""

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

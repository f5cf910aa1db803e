"""Planning a primary school's staff: a teacher and a TA per class, and 1:1 TAs for pupils with EHC plans."""

from __future__ import annotations

import math

from sendco.accounts.roles import Role

from .. import names
from ..curriculum import TA_GRADES
from ..draws import Picker, school_day
from ..plan_types import GroupPlan, KeyAdultPlan
from ..shares import KEY_ADULT_SHARE


class PrimaryStaffMixin:
    """Part of ``Planner``: a primary school's staff, classes and key adults."""

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

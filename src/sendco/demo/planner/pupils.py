"""Planning the pupils of a school: year-group places, brothers and sisters, forms and UPNs."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from sendco.domain.upn import make_upn

from .. import names
from ..draws import autumn_start, school_day
from ..plan_types import SchoolPlan
from ..schools import SchoolSpec
from ..shares import SIBLING_SHARE, sen_rates


class PupilsMixin:
    """Part of ``Planner``: a school's pupils (family by family), forms and admission dates."""

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

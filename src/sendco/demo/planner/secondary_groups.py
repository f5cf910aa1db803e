"""Planning a secondary school's teaching groups: tutor groups, sets by attainment, classes and options."""

from __future__ import annotations

import math

from ..curriculum import A_LEVELS, CORE_SUBJECTS, GCSE_OPTIONS, KS3_FORM_SUBJECTS, SUBJECTS
from ..draws import weighted_choice
from ..plan_types import GroupPlan


class SecondaryGroupsMixin:
    """Part of ``Planner``: a secondary school's teaching groups."""

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

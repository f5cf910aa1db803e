"""The demo planner: the whole dataset as plain data, fully determined by ``seed`` and ``today``.

``Planner`` keeps the state (users, memberships, schools and the `parent` login's family) and
plans school by school; each area is a mixin in its own module:

- ``users``: demo logins, staff users, memberships, school leaders;
- ``pupils`` and ``families``: pupils family by family, their contacts, forms and UPNs;
- ``sen_history``: SEN status periods and needs;
- ``secondary_staff``, ``secondary_groups``, ``primary_staff``: staff, teaching groups, key adults;
- ``professionals``: visiting professionals and their access grants.

Every school draws from its own random streams (``rng_for``), so that the plan is the same on
every run and platform.
"""

from __future__ import annotations

import random
from datetime import date

from sendco.accounts.roles import Role

from ..draws import Picker, academic_year_of
from ..logins import DEMO_LOGINS
from ..plan_types import ContactPlan, DemoPlan, MembershipPlan, ProgressFn, SchoolPlan, UserPlan
from ..schools import DEMO_ORGANISATION_NAME, SIZES, SchoolSpec, school_specs
from .families import FamiliesMixin, ForcedChild
from .primary_staff import PrimaryStaffMixin
from .professionals import ProfessionalsMixin
from .pupils import PupilsMixin
from .secondary_groups import SecondaryGroupsMixin
from .secondary_staff import SecondaryStaffMixin
from .sen_history import SenHistoryMixin
from .users import UsersMixin

__all__ = ["Planner"]


class Planner(
    UsersMixin,
    PupilsMixin,
    FamiliesMixin,
    SenHistoryMixin,
    SecondaryStaffMixin,
    SecondaryGroupsMixin,
    PrimaryStaffMixin,
    ProfessionalsMixin,
):
    """``Planner(size, seed, today, with_logins).plan()``: the demo dataset as a ``DemoPlan``."""

    def __init__(self, size: str, seed: int, today: date, with_logins: bool):
        if size not in SIZES:
            raise ValueError(f"Unknown demo size {size!r}; expected one of {', '.join(SIZES)}.")
        self.size, self.seed, self.today, self.with_logins = size, seed, today, with_logins
        self.year = academic_year_of(today)
        self.users: dict[str, UserPlan] = {}
        self.memberships: list[MembershipPlan] = []
        self.schools: list[SchoolPlan] = []
        self.specs = school_specs(size, random.Random(f"sendco-demo:{seed}:specs"))
        self.forced: list[ForcedChild] = []
        self.forced_contacts: list[tuple[ContactPlan, str, bool, bool]] = []
        self._pickers: dict[float, Picker] = {}
        if with_logins:
            self._plan_parent_family()

    def rng_for(self, key: str) -> random.Random:
        # A string seed is hashed with SHA-512: the same on every run and platform.
        return random.Random(f"sendco-demo:{self.seed}:{key}")

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

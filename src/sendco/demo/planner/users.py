"""Planning people and their accounts: the demo logins, staff users and their memberships."""

from __future__ import annotations

import random

from sendco.accounts.roles import Role

from .. import names, people
from ..draws import Picker
from ..logins import DEMO_LOGINS
from ..plan_types import MembershipPlan, SchoolPlan, UserPlan


class UsersMixin:
    """Part of ``Planner``: users, memberships and the school leaders."""

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

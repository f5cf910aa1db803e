"""Planning visiting professionals (an educational psychologist, a speech and language therapist).

Each is granted access to a few pupils on the SEND register, as a school would for an assessment.
"""

from __future__ import annotations

from datetime import timedelta

from sendco.accounts.roles import Role

from .. import names
from ..curriculum import PROFESSIONALS
from ..plan_types import GrantPlan


class ProfessionalsMixin:
    """Part of ``Planner``: professionals and the pupils they were granted access to."""

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
            # The `professional` login's grants rest on parents' consent: the agencies app's demo
            # (agencies.demo_access) records it and grants access through its services.
            self.member("professional", Role.PROFESSIONAL, index, "Educational Psychologist")

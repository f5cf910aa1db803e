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

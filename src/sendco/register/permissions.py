"""Who may do what with the SEND register (rules predicates, built from core.access).

* The register, the census return: SENCO, assistant SENCO and head at that school.
* Changing a pupil's status and needs: "register.change" in core.access (SENCO and assistant).
* Importing from the MIS: the SENCO only (it can change every pupil of the school at once).
* A pupil's SEN history tab: school staff who may see the pupil (reasons can be sensitive, so
  parents and professionals keep the summary on the pupil's overview).
"""

import rules

from sendco.accounts.roles import STAFF_ROLES, WHOLE_SCHOOL_ROLES, Role
from sendco.core.access import _role_at, can_see_pupil

rules.add_rule("register.view", _role_at(*WHOLE_SCHOOL_ROLES))
rules.add_rule("register.census", _role_at(*WHOLE_SCHOOL_ROLES))
rules.add_rule("register.import", _role_at(Role.SENCO))
rules.add_rule("register.history", can_see_pupil & _role_at(*STAFF_ROLES))

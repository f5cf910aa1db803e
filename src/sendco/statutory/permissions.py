"""Who may do what with statutory records (rules predicates, built from core.access).

* Whole-school roles (SENCO, assistant SENCO, head) see every plan, request and review of
  their school; teachers and TAs see the plans of pupils they teach or support (they deliver
  section F); parents see their own child's plan, reviews and deadlines.
* Only the SENCO and assistant SENCO record statutory events, edit plans and build requests.
* The request document (a working draft) is for the SENCO team and head only.
* Trust officers and governors see counts only (the trust dashboard, through the core
  "school.aggregates" rule), never a pupil's name.
"""

import rules

from sendco.accounts.roles import Role
from sendco.core.access import _role_at, can_see_pupil

SEES_PLANS = (Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD, Role.TEACHER, Role.TA, Role.PARENT)
KEEPS_PLANS = (Role.SENCO, Role.ASSISTANT_SENCO)
DASHBOARD = (Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD)

sees_plans = _role_at(*SEES_PLANS)
keeps_plans = _role_at(*KEEPS_PLANS)

rules.add_rule("statutory.view", can_see_pupil & sees_plans)
rules.add_rule("statutory.change", can_see_pupil & keeps_plans)
rules.add_rule("statutory.request_document", can_see_pupil & _role_at(*DASHBOARD))
rules.add_rule("school.statutory_dashboard", _role_at(*DASHBOARD))
rules.add_rule("school.statutory_settings", keeps_plans)

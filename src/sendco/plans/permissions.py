"""Who may do what with passports and plans (rules predicates built on core.access).

* see a plan or passport: anyone at the school or in the family who may see the pupil (parents
  get the parent view); a visiting professional only while their grant allows reading plans;
* staff-only content: school staff who see the pupil (never parents or external professionals);
* SENCO-only notes: the SENCO and assistant SENCO;
* write plans, review them, send invitations: the SENCO team;
* edit a passport: the SENCO team, and the pupil's teachers and TAs (who write most passports);
* add views before a review, confirm having read the plan: the pupil's parents;
* strategy bank and templates: the SENCO team of the school; reviews due: staff of the school.
"""

import rules

from sendco.accounts.roles import STAFF_ROLES, Role
from sendco.core.access import _role_at, can_see_pupil, granted_to, policy

SENCO_TEAM = (Role.SENCO, Role.ASSISTANT_SENCO)

is_senco_team = _role_at(*SENCO_TEAM)
is_school_staff = _role_at(*STAFF_ROLES)
is_parent = _role_at(Role.PARENT)
is_class_staff = _role_at(Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD, Role.TEACHER, Role.TA)
# Seeing a pupil through a grant shows the overview only: the plan needs the grant's flag.
is_school_or_family = _role_at(*(set(Role) - {Role.PROFESSIONAL}))

rules.add_rule("plans.view", can_see_pupil & (is_school_or_family | granted_to("can_read_plans")))
rules.add_rule("plans.staff_content", can_see_pupil & is_school_staff)
rules.add_rule("plans.senco_content", can_see_pupil & is_senco_team)
rules.add_rule("plans.change", can_see_pupil & is_senco_team)
rules.add_rule("plans.passport_change", can_see_pupil & is_class_staff)
rules.add_rule("plans.parent_contribute", can_see_pupil & is_parent)
rules.add_rule("school.plans_settings", is_senco_team)
rules.add_rule("school.reviews_due", is_class_staff)


# The audit tab: staff-only notes and targets follow "plans.staff_content", SENCO-only notes
# "plans.senco_content" (the same audience as the pages, selectors.audience_for).
STAFF_NOTES = {"staff_notes": "plans.staff_content"}
CYCLE_NOTES = STAFF_NOTES | {"senco_notes": "plans.senco_content"}


def target_reader(user, pupil):
    """A target (or its history row) marked staff-only is for staff."""
    staff = policy.can(user, "plans.staff_content", pupil)
    return lambda row: staff or not row.staff_only


def rating_reader(user, pupil):
    """A rating is read with its target: not one of a target that was ever staff-only."""
    if policy.can(user, "plans.staff_content", pupil):
        return lambda row: True
    from .models import Target

    staff_only = set(Target.history.filter(pupil_id=pupil.pk, staff_only=True).values_list("id", flat=True))
    return lambda row: row.target_id not in staff_only

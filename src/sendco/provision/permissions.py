"""Who may do what with the provision map (rules predicates, built from core.access).

* Managers (SENCO, assistant SENCO, head) run the library, groups, term dates and reports.
* Staff who run a group (teacher or TA on ``GroupStaff``) see that group and record its
  register; running a group is the need-to-know that shows them its pupils' names there.
* Money: hourly rates AND every named cost (a pupil's, a group's) are for SENCO and head
  only. A 1:1's cost per session divided by its length *is* the TA's hourly rate, so showing
  named costs to anyone else would leak salaries. Governors see aggregate costs and the
  budget (no pupil names, no group figures).
"""

import rules

from sendco.accounts.roles import Role
from sendco.core.access import _role_at, can_see_pupil, roles_of

MANAGER_ROLES = (Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD)
MONEY_ROLES = (Role.SENCO, Role.HEAD)

is_manager = _role_at(*MANAGER_ROLES)
sees_money = _role_at(*MONEY_ROLES)
is_governor = _role_at(Role.GOVERNOR)
runs_groups = _role_at(Role.TEACHER, Role.TA)


@rules.predicate
def runs_group(user, group) -> bool:
    if group is None or not hasattr(group, "staff_links"):
        return False
    if not runs_groups(user, group):
        return False
    cached = getattr(group, "_staff_ids", None)
    if cached is None:
        cached = set(group.staff_links.values_list("user_id", flat=True))
        group._staff_ids = cached
    return user.pk in cached


@rules.predicate
def has_school_roles(user, obj) -> bool:
    return bool(roles_of(user).by_school)


rules.add_rule("provision.manage", is_manager)
rules.add_rule("provision.library", is_manager | runs_groups)
rules.add_rule("provision.money", sees_money)  # rates, named costs, per-pupil costs
rules.add_rule("provision.budget", sees_money | is_governor)  # governors: aggregate only
rules.add_rule("provision.impact", is_manager | is_governor)  # governors: no names in it anyway
rules.add_rule("provision.view_group", is_manager | runs_group)
rules.add_rule("provision.register", is_manager | runs_group)
rules.add_rule("provision.pupil", can_see_pupil & _role_at(*MANAGER_ROLES, Role.TEACHER, Role.TA))
rules.add_rule("provision.pupil_money", can_see_pupil & sees_money)

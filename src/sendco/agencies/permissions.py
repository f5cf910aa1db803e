"""Who may do what with agencies, referrals, consent and professionals' access.

* Directory: every member of staff at the school reads it (school's own entries and the trust's
  shared ones); the SENCO and assistant SENCO edit the school's entries; a trust officer edits
  the trust's shared entries.
* Referrals and consent: the SEN team and the head read them for the pupils they see; the SEN
  team records consent, refers and updates referrals.
* Professionals' access grants: the SENCO and assistant SENCO grant, extend and revoke.
* Dashboards: the SEN team and head for their school; waiting-time figures (counts, no names)
  for anyone with the school's aggregates (core's `school.aggregates`, trust officers included).
Parents, professionals, governors and exams officers see none of it here.
"""

import rules

from sendco.accounts.roles import STAFF_ROLES, Role
from sendco.core.access import _role_at, can_see_pupil, roles_of
from sendco.core.models import School

SEN_TEAM = frozenset({Role.SENCO, Role.ASSISTANT_SENCO})
READERS = SEN_TEAM | {Role.HEAD}

in_sen_team = _role_at(*SEN_TEAM)
reads_referrals = _role_at(*READERS)


@rules.predicate
def sees_directory_entry(user, agency) -> bool:
    """Staff at the entry's school, or at any school of the trust that shares it; the trust's
    officers for shared entries."""

    held = roles_of(user)
    if agency is None:
        return False
    if agency.school_id is not None:
        return bool(held.at(agency.school_id) & STAFF_ROLES)
    if agency.organisation_id in held.organisations:
        return True
    staff_schools = held.schools_with(STAFF_ROLES)
    return School.objects.filter(pk__in=staff_schools, organisation_id=agency.organisation_id).exists()


@rules.predicate
def edits_directory_entry(user, agency) -> bool:
    held = roles_of(user)
    if agency is None:
        return False
    if agency.school_id is not None:
        return bool(held.at(agency.school_id) & SEN_TEAM)
    return agency.organisation_id in held.organisations


rules.add_rule("agencies.view_directory", sees_directory_entry)
rules.add_rule("agencies.edit_directory", edits_directory_entry)
# School-level (obj is a School): may list the directory, add a school entry, see the school's
# referrals dashboard and calendar.
rules.add_rule("agencies.school_directory", _role_at(*STAFF_ROLES))
rules.add_rule("agencies.school_manage", in_sen_team)
rules.add_rule("agencies.school_referrals", reads_referrals)
# Pupil-level (obj is a Pupil).
rules.add_rule("agencies.view_referrals", can_see_pupil & reads_referrals)
rules.add_rule("agencies.refer", can_see_pupil & in_sen_team)
rules.add_rule("agencies.consent", can_see_pupil & in_sen_team)
rules.add_rule("agencies.grant", can_see_pupil & in_sen_team)

# --- professionals' access (services_access, views_access*) ------------------------------------
# The SENCO and assistant SENCO add professionals and grant, extend and revoke their access
# (rule "agencies.grant" above); the grants tab and pages are theirs too. A professional reads a
# pupil's overview while a grant is live (core.access.policy) and more as its flags allow.
rules.add_rule("agencies.school_professionals", in_sen_team)
rules.add_rule("agencies.view_grants", can_see_pupil & in_sen_team)

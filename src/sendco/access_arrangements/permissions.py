"""Who may do what with exam access arrangements.

* The SEN team (SENCO, assistant SENCO) keeps the record: arrangements, Form 8, evidence,
  assessors, teachers' evidence requests. The SENCO records delegated decisions and approvals.
* The head of centre (role head) reads everything and records the check of an assessor's
  qualification, which JCQ puts on the head of centre.
* The exams officer sees the arrangements of candidates from Year 9 (the policy's reach for the
  role) and the exam-day lists, never Form 8 scores, history of need or other SEN detail; the
  exams officer and the SEN team keep the exam series and papers.
* A teacher answers a request for evidence of normal way of working addressed to them.
"""

import rules

from sendco.accounts.roles import Role
from sendco.core.access import _role_at, can_see_pupil

SEN_TEAM = frozenset({Role.SENCO, Role.ASSISTANT_SENCO})
DETAIL_ROLES = SEN_TEAM | {Role.HEAD}
EXAMS_ROLES = DETAIL_ROLES | {Role.EXAMS_OFFICER}

is_sen_team = _role_at(*SEN_TEAM)
reads_detail = _role_at(*DETAIL_ROLES)
reads_arrangements = _role_at(*EXAMS_ROLES)
is_senco = _role_at(Role.SENCO)
is_head = _role_at(Role.HEAD)


@rules.predicate
def is_requested_teacher(user, request) -> bool:
    return getattr(request, "requested_from_id", None) == user.pk


@rules.predicate
def shows_tab(user, pupil) -> bool:
    """NC Year 9 and above, or a younger pupil who already has arrangements (a qualification
    that starts earlier)."""
    return (pupil.nc_year is not None and pupil.nc_year >= 9) or pupil.access_arrangements.exists()


# Pupil-level (obj: a Pupil).
rules.add_rule("aa.view", can_see_pupil & reads_arrangements)  # the arrangements themselves
rules.add_rule("aa.tab", can_see_pupil & reads_arrangements & shows_tab)
rules.add_rule("aa.detail", can_see_pupil & reads_detail)  # Form 8, scores, evidence, chain
rules.add_rule("aa.manage", can_see_pupil & is_sen_team)
rules.add_rule("aa.decide", can_see_pupil & is_senco)
# A request for evidence of normal way of working (obj: a NormalWayRequest).
rules.add_rule("aa.respond", is_requested_teacher)
# School-level (obj: a School).
rules.add_rule("aa.centre", reads_detail)  # the centre's evidence chain and inspection file
rules.add_rule("aa.exam_lists", reads_arrangements)
rules.add_rule("aa.series", is_sen_team | _role_at(Role.EXAMS_OFFICER))
rules.add_rule("aa.assessors", reads_detail)
rules.add_rule("aa.assessors.manage", is_sen_team)
rules.add_rule("aa.assessors.check", is_head)

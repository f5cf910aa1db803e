"""Who may read and record standardised assessment results.

* Read: staff who can see the pupil and teach or support them (SENCO, assistant SENCO, head,
  teachers and TAs linked to the pupil): scores shape how they teach.
* Record or correct: the SENCO and assistant SENCO.
Exams officers, parents, professionals, governors and trust officers do not see the scores
here (the exams officer sees only the arrangements that follow from them).
"""

import rules

from sendco.accounts.roles import Role
from sendco.core.access import _role_at, can_see_pupil

READ_ROLES = frozenset({Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD, Role.TEACHER, Role.TA})
RECORD_ROLES = frozenset({Role.SENCO, Role.ASSISTANT_SENCO})

reads_scores = _role_at(*READ_ROLES)
records_scores = _role_at(*RECORD_ROLES)

rules.add_rule("assessment.view", can_see_pupil & reads_scores)
rules.add_rule("assessment.record", can_see_pupil & records_scores)

"""Who may read and record standardised assessment results and professionals' reports.

* Read scores: staff who can see the pupil and teach or support them (SENCO, assistant SENCO,
  head, teachers and TAs linked to the pupil): scores shape how they teach. A professional
  reads them only while a live grant for the pupil allows it (``can_read_assessments``).
* Record or correct scores: the SENCO and assistant SENCO.
* Reports: read as the scores are (the same people, the same grant flag); uploaded by the SEN
  team or by a professional whose live grant allows it (``can_upload_reports``: their own
  report); what the school does with each recommendation is decided by the SEN team only.
Exams officers, parents, governors and trust officers see none of it here (the exams officer
sees only the arrangements that follow from the scores).
"""

import rules

from sendco.accounts.roles import Role
from sendco.core.access import _role_at, can_see_pupil, granted_to

READ_ROLES = frozenset({Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD, Role.TEACHER, Role.TA})
RECORD_ROLES = frozenset({Role.SENCO, Role.ASSISTANT_SENCO})

reads_scores = _role_at(*READ_ROLES)
records_scores = _role_at(*RECORD_ROLES)
grant_reads = granted_to("can_read_assessments")
grant_uploads = granted_to("can_upload_reports")

rules.add_rule("assessment.view", can_see_pupil & (reads_scores | grant_reads))
rules.add_rule("assessment.record", can_see_pupil & records_scores)
rules.add_rule("report.view", can_see_pupil & (reads_scores | grant_reads))
rules.add_rule("report.upload", can_see_pupil & (records_scores | grant_uploads))
rules.add_rule("report.decide", can_see_pupil & records_scores)

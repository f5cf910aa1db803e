"""Who handles retention and subject access: the SENCO of the pupil's school (the school's
record keeper for the SEN file; the reference's data-protection duties, section 9)."""

import rules

from sendco.core.access import can_see_pupil, is_senco

# A subject access export holds everything about the pupil, so only the SENCO, who already sees
# every record of the file (every chronology level, SENCO-only notes, money), may make one.
rules.add_rule("privacy.manage", can_see_pupil & is_senco)

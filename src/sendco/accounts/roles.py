"""The roles a person can hold, and what kind of reach each has.

Kept free of Django models so that the access policy, the demo generator and the tests
share one list.
"""

from enum import StrEnum


class Role(StrEnum):
    SENCO = "senco"
    ASSISTANT_SENCO = "assistant_senco"
    HEAD = "head"
    TEACHER = "teacher"
    TA = "ta"
    EXAMS_OFFICER = "exams_officer"
    GOVERNOR = "governor"
    PARENT = "parent"
    PROFESSIONAL = "professional"
    TRUST_OFFICER = "trust_officer"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.SENCO: "SENCO",
    Role.ASSISTANT_SENCO: "Assistant SENCO",
    Role.HEAD: "Headteacher / SLT",
    Role.TEACHER: "Teacher",
    Role.TA: "Teaching assistant",
    Role.EXAMS_OFFICER: "Exams officer",
    Role.GOVERNOR: "Governor",
    Role.PARENT: "Parent or carer",
    Role.PROFESSIONAL: "External professional",
    Role.TRUST_OFFICER: "Trust / LA officer",
    Role.ADMIN: "System administrator",
}
ROLE_CHOICES = [(r.value, r.label) for r in Role]

# Roles that see every pupil of the school they hold the role at.
WHOLE_SCHOOL_ROLES = frozenset({Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD})
# Roles that maintain pupil records (create, edit) at their school.
RECORD_KEEPER_ROLES = frozenset({Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD})
# Roles that see the audit trail of a pupil.
AUDITOR_ROLES = frozenset({Role.SENCO, Role.HEAD})
# Roles that see a named pupil only through a link to that pupil (class, key adult, grant).
LINKED_ROLES = frozenset({Role.TEACHER, Role.TA})
# Roles that see counts but never a named pupil.
AGGREGATE_ROLES = frozenset({Role.GOVERNOR, Role.TRUST_OFFICER})
# Roles held at an organisation (trust or LA) rather than at one school.
ORGANISATION_ROLES = frozenset({Role.TRUST_OFFICER})
STAFF_ROLES = frozenset(Role) - {Role.PARENT, Role.PROFESSIONAL, Role.GOVERNOR}

# Exam access arrangements start with assessments from the start of Year 9 (JCQ).
EXAMS_OFFICER_MIN_NC_YEAR = 9

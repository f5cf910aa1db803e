"""The demo plan: the whole dataset as plain data (no database), and what ``build_demo`` returns.

``plan_demo()`` fills these dataclasses and ``build_demo()`` writes them to the database. Numbers
such as ``MembershipPlan.school`` or ``LinkPlan.pupil`` are indexes into the plan's own lists.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sendco.core.models import Organisation, School

ProgressFn = Callable[[str], None]


@dataclass
class UserPlan:
    username: str
    title: str
    first_name: str
    last_name: str
    display_name: str
    email: str
    login: bool = False
    superuser: bool = False


@dataclass
class MembershipPlan:
    username: str
    role: str
    school: int | None  # index into DemoPlan.schools
    organisation: bool = False
    job_title: str = ""
    staff_grade: str = ""


@dataclass
class PupilPlan:
    upn: str
    legal_forename: str
    middle_names: str
    legal_surname: str
    preferred_forename: str
    date_of_birth: date
    sex: str
    nc_year: int
    reg_group: str
    admission_date: date
    eal: bool
    first_language: str
    fsm: bool
    pupil_premium: bool
    looked_after: bool
    previously_looked_after: bool
    medical_needs: bool
    sen_status: str
    statuses: list[tuple[str, date, date | None, str]] = field(default_factory=list)
    needs: list[tuple[str, int, date, date | None]] = field(default_factory=list)
    # Planning only (not stored): attainment scores used to set pupils by ability.
    literacy: float = 0.0
    numeracy: float = 0.0

    @property
    def name(self) -> str:
        return f"{self.preferred_forename or self.legal_forename} {self.legal_surname}"

    @property
    def sen_start(self) -> date | None:
        """Start of the current run of K/E periods (None for a pupil now on N)."""
        start = None
        for code, begin, _end, _reason in self.statuses:
            if code in ("K", "E"):
                start = start or begin
            else:
                start = None
        return start


@dataclass
class ContactPlan:
    title: str
    forename: str
    surname: str
    phone: str
    email: str
    address: str
    postcode: str
    preferred_language: str = "English"
    needs_interpreter: bool = False
    username: str | None = None


@dataclass
class LinkPlan:
    pupil: int
    contact: int
    relationship: str
    parental_responsibility: bool
    priority: int
    lives_with_pupil: bool


@dataclass
class GroupPlan:
    name: str
    subject: str
    kind: str
    pupils: list[int]
    staff: list[tuple[str, str]] = field(default_factory=list)  # (username, "teacher" | "ta")
    department: str = ""
    nc_year: int | None = None


@dataclass
class KeyAdultPlan:
    pupil: int
    username: str
    role: str
    start_date: date


@dataclass
class GrantPlan:
    pupil: int
    username: str
    reason: str
    granted_by: str
    expires_on: date


@dataclass
class SchoolPlan:
    urn: str
    la_number: str
    establishment_number: str
    name: str
    phase: str
    has_sixth_form: bool
    pupils: list[PupilPlan] = field(default_factory=list)
    contacts: list[ContactPlan] = field(default_factory=list)
    links: list[LinkPlan] = field(default_factory=list)
    groups: list[GroupPlan] = field(default_factory=list)
    key_adults: list[KeyAdultPlan] = field(default_factory=list)
    grants: list[GrantPlan] = field(default_factory=list)
    senco: str = ""


@dataclass
class DemoPlan:
    size: str
    seed: int
    today: date
    academic_year: int
    organisation_name: str
    schools: list[SchoolPlan]
    users: dict[str, UserPlan]
    memberships: list[MembershipPlan]

    def counts(self) -> dict[str, int]:
        pupils = [p for s in self.schools for p in s.pupils]
        return {
            "schools": len(self.schools),
            "pupils": len(pupils),
            "sen_support": sum(p.sen_status == "K" for p in pupils),
            "ehc_plans": sum(p.sen_status == "E" for p in pupils),
            "sen_status_periods": sum(len(p.statuses) for p in pupils),
            "needs": sum(len(p.needs) for p in pupils),
            "contacts": sum(len(s.contacts) for s in self.schools),
            "pupil_contacts": sum(len(s.links) for s in self.schools),
            "users": len(self.users),
            "memberships": len(self.memberships),
            "teaching_groups": sum(len(s.groups) for s in self.schools),
            "group_pupils": sum(len(g.pupils) for s in self.schools for g in s.groups),
            "group_staff": sum(len(g.staff) for s in self.schools for g in s.groups),
            "key_adults": sum(len(s.key_adults) for s in self.schools),
            "access_grants": sum(len(s.grants) for s in self.schools),
        }

    def fingerprint(self) -> str:
        """A hash of who is in the dataset: the same seed and day give the same fingerprint."""
        return fingerprint_rows(
            (s.urn, p.upn, p.legal_forename, p.legal_surname, p.date_of_birth.isoformat(), p.sen_status)
            for s in self.schools
            for p in s.pupils
        )


def fingerprint_rows(rows) -> str:
    digest = hashlib.sha256()
    for row in sorted(rows):
        digest.update("|".join(row).encode())
        digest.update(b"\n")
    return digest.hexdigest()


@dataclass
class DemoResult:
    organisation: Organisation
    schools: list[School]
    logins: list[tuple[str, str, str]]  # (username, role label, what they can see)
    counts: dict[str, int]

"""The demo logins: one per role, with the published password, and what each of them can see.

``sendco demo`` prints ``demo_logins()`` so that whoever tries the demo knows which login shows what.
"""

from __future__ import annotations

from sendco.accounts.models import User
from sendco.accounts.roles import EXAMS_OFFICER_MIN_NC_YEAR, ROLE_LABELS, Role
from sendco.core.models import AccessGrant, KeyAdult, Pupil, School, TeachingGroupStaff

# The published password of the demo logins (printed by `sendco demo`); never a real account.
DEMO_PASSWORD = "sendco-demo"  # noqa: S105

# The demo logins: username -> (role, title, forename, surname, what the display name adds).
DEMO_LOGINS: dict[str, tuple[Role, str, str, str, str]] = {
    "senco": (Role.SENCO, "Ms", "Priya", "Shah", "SENCO"),
    "assistant-senco": (Role.ASSISTANT_SENCO, "Mr", "Tom", "Okafor", "Assistant SENCO"),
    "head": (Role.HEAD, "Dr", "Helen", "Marsh", "Headteacher"),
    "teacher": (Role.TEACHER, "Mr", "Daniel", "Kowalski", "Teacher of English"),
    "ta": (Role.TA, "Mrs", "Aisha", "Rahman", "Teaching Assistant"),
    "exams": (Role.EXAMS_OFFICER, "Mr", "Gareth", "Lloyd", "Exams Officer"),
    "governor": (Role.GOVERNOR, "Mrs", "Janet", "Holt", "SEND Governor"),
    "parent": (Role.PARENT, "Ms", "Sarah", "Bennett", "Parent"),
    "professional": (Role.PROFESSIONAL, "Dr", "Femi", "Adeyemi", "Educational Psychologist"),
    "trust": (Role.TRUST_OFFICER, "Mr", "Chris", "Wong", "Trust SEND Lead"),
    "admin": (Role.ADMIN, "", "Sam", "Taylor", "System administrator"),
}


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, role label, what they can see) for each demo login that exists."""
    from sendco.core.access import policy

    found = {u.username: u for u in User.objects.filter(username__in=list(DEMO_LOGINS))}
    rows = []
    for username, (role, *_rest) in DEMO_LOGINS.items():
        u = found.get(username)
        if u is None:
            continue
        membership = u.memberships.filter(role=role).select_related("school", "organisation").first()
        school = membership.school if membership else None
        rows.append((username, ROLE_LABELS[role], _describe(u, role, school, membership, policy)))
    return rows


def _describe(user, role: Role, school, membership, policy) -> str:
    where = school.name if school else ""
    if role in (Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD):
        pupils = Pupil.objects.on_roll().filter(school=school)
        k = pupils.filter(sen_status="K").count()
        e = pupils.filter(sen_status="E").count()
        extra = {
            Role.SENCO: "; keeps the register and sees the audit trail",
            Role.ASSISTANT_SENCO: "; keeps the register (no audit trail)",
            Role.HEAD: "; sees the audit trail and whole-school figures",
        }[role]
        counts = f"{pupils.count():,}: {k:,} on SEN support, {e:,} with EHC plans"
        return f"every pupil at {where} ({counts}){extra}"
    if role == Role.TEACHER:
        groups = TeachingGroupStaff.objects.filter(user=user).count()
        seen = policy.pupils(user)
        sen = seen.exclude(sen_status="N").count()
        return (
            f"only the {seen.count():,} pupils in their {groups} classes at {where} "
            f"({sen} on the SEND register)"
        )
    if role == Role.TA:
        groups = TeachingGroupStaff.objects.filter(user=user).count()
        keyed = KeyAdult.objects.filter(user=user).count()
        seen = policy.pupils(user).count()
        return f"only the {seen:,} pupils in their {groups} groups at {where}; key adult to {keyed} of them"
    if role == Role.EXAMS_OFFICER:
        n = policy.pupils(user).count()
        year = EXAMS_OFFICER_MIN_NC_YEAR
        return f"pupils in Year {year} and above at {where} ({n:,}), for access arrangements"
    if role == Role.GOVERNOR:
        return f"counts and trends for {where}; no named pupils"
    if role == Role.PARENT:
        children = policy.pupils(user).select_related("school").order_by("date_of_birth")
        return "only their own children: " + ", ".join(f"{p.full_name} ({p.school.name})" for p in children)
    if role == Role.PROFESSIONAL:
        grants = AccessGrant.objects.filter(user=user).order_by("expires_on")
        until = grants.last().expires_on if grants else None
        return f"only the {grants.count()} pupils at {where} they were granted access to" + (
            f", until {until.day} {until:%B %Y}" if until else ""
        )
    if role == Role.TRUST_OFFICER:
        n = School.objects.filter(organisation=membership.organisation).count() if membership else 0
        return f"counts across the trust's {n} schools; no named pupils"
    return "users, schools and settings; no pupil records"

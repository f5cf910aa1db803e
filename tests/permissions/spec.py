"""The vocabulary of the permission matrix. Each app lists its pages and API operations in a
module of this package, `tests/permissions/<app>.py`, as PAGES and OPERATIONS dicts;
`tests/test_permission_matrix.py` checks every role against them.

A page or operation about one record names it through `record(cast, which)`, where `which` is
"linked" (a record of cast.pupil, whom every linked role can see), "unlinked" (a record of
cast.unlinked, same school, linked to nobody) or "other" (a record of another school's pupil);
it returns the URL kwargs (pages) or path parameters (API). `setup(cast)` may create records
first and keep them in `cast.extra`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sendco.accounts.roles import Role

R = Role
EVERYONE = frozenset(Role)
WHOLE_SCHOOL = frozenset({R.SENCO, R.ASSISTANT_SENCO, R.HEAD})
KEEPERS = WHOLE_SCHOOL
# Who sees cast.pupil: whole-school roles, its teacher, its key adult TA, the exams officer
# (Year 10), its parent and the professional with a grant. Never governor, trust, admin.
SEES_LINKED_PUPIL = WHOLE_SCHOOL | {R.TEACHER, R.TA, R.EXAMS_OFFICER, R.PARENT, R.PROFESSIONAL}
STAFF_SEEING_LINKED_PUPIL = WHOLE_SCHOOL | {R.TEACHER, R.TA, R.EXAMS_OFFICER}
SEES_NAMES = SEES_LINKED_PUPIL
PUBLIC = "public"


def pupil_pk(cast, which: str) -> dict:
    """The record is the pupil itself, named `pk` in the URL."""
    return {"pk": {"linked": cast.pupil, "unlinked": cast.unlinked, "other": cast.other_pupil}[which].pk}


@dataclass
class Page:
    allowed: frozenset | str
    method: str = "get"
    record: Callable | None = None
    # Who may open the page for the unlinked pupil's record (whole-school roles, usually).
    allowed_unlinked: frozenset | None = None
    data: dict | Callable = field(default_factory=dict)  # POST data, or cast -> POST data
    setup: Callable | None = None


@dataclass
class Operation:
    allowed: frozenset
    record: Callable | None = None  # (cast, which) -> path parameters
    body: Callable | None = None  # cast -> JSON body
    multipart: bool = False  # send the body as multipart/form-data (an upload), not JSON
    # For list operations, access shows in the content rather than the status: the linked
    # pupil's id (or `listed_id(cast)`) must be listed exactly for the allowed roles.
    lists_pupil: bool = False
    listed_id: Callable | None = None
    setup: Callable | None = None
    # After an allowed call changes state, undo it so the next role starts the same.
    cleanup: Callable | None = None
    # Statuses that count as a refusal for a role not allowed (404 always; 422 only where an
    # unknown parent record in the body is indistinguishable from a forbidden one).
    refusals: tuple = (404,)

"""Pages of a candidate's access arrangements.

cast.pupil (Year 10) and cast.unlinked (Year 7) each have an arrangement, a Form 8 and a
request for evidence addressed to the teacher. The SEN team keeps the record, the SENCO alone
records decisions, the head reads, the exams officer reads the arrangements of candidates from
Year 9 (never cast.unlinked); only the teacher asked answers, and nobody reaches another
school's record."""

from tests.access_arrangements.candidate_helpers import for_matrix

from .spec import Operation, Page, R, pupil_pk

SEN_TEAM = frozenset({R.SENCO, R.ASSISTANT_SENCO})
DETAIL = SEN_TEAM | {R.HEAD}
READERS = DETAIL | {R.EXAMS_OFFICER}
STAFF = DETAIL | {R.TEACHER, R.TA}
SENCO = frozenset({R.SENCO})
TEACHER = frozenset({R.TEACHER})


def _arrangement(cast, which):
    arr = cast.extra["aa"][which]["arrangement"]
    return {"pk": arr.pupil_id, "arrangement_id": arr.pk}


def _request(cast, which):
    return {"request_id": cast.extra["aa"][which]["request"].pk}


def _manage(record=pupil_pk):
    return Page(SEN_TEAM, record=record, setup=for_matrix, allowed_unlinked=SEN_TEAM)


PAGES = {
    "aa-pupil": Page(READERS, record=pupil_pk, setup=for_matrix, allowed_unlinked=DETAIL),
    "aa-arrangement-new": _manage(),
    "aa-arrangement-edit": _manage(_arrangement),
    "aa-decision": Page(SENCO, record=_arrangement, setup=for_matrix, allowed_unlinked=SENCO),
    "aa-normal-way-request": _manage(_arrangement),
    "aa-alternative-evidence": _manage(_arrangement),
    "aa-form8-part1": _manage(),
    "aa-form8-part2": _manage(),
    "aa-form8-part3": _manage(),
    "aa-my-requests": Page(STAFF, setup=for_matrix),
    "aa-normal-way-answer": Page(TEACHER, record=_request, setup=for_matrix, allowed_unlinked=TEACHER),
}


def _pupil_id(cast, which):
    return {"pupil_id": pupil_pk(cast, which)["pk"]}


def _arrangement_id(cast, which):
    return {"arrangement_id": cast.extra["aa"][which]["arrangement"].pk}


def _current_version(cast):
    from sendco.access_arrangements.models import Arrangement

    return Arrangement.objects.get(pk=cast.extra["aa"]["linked"]["arrangement"].pk).version


def _put(cast):
    return {"version": _current_version(cast), "kind": "extra_time_25", "status": "evidence"}


def _decision(cast):
    return {"version": _current_version(cast), "decided_on": "2025-09-10", "approval_reference": "A1"}


def _ask(cast):
    return {"requested_from_id": cast.user(R.TEACHER).pk, "subject": "Maths"}


A = "/api/v1/access-arrangements"
OPERATIONS = {
    ("get", A + "/pupils/{pupil_id}/arrangements"): Operation(READERS, record=_pupil_id, setup=for_matrix),
    ("post", A + "/pupils/{pupil_id}/arrangements"): Operation(
        SEN_TEAM, record=_pupil_id, setup=for_matrix, body=lambda cast: {"kind": "reader"}
    ),
    ("get", A + "/arrangements/{arrangement_id}"): Operation(
        DETAIL, record=_arrangement_id, setup=for_matrix
    ),
    ("put", A + "/arrangements/{arrangement_id}"): Operation(
        SEN_TEAM, record=_arrangement_id, setup=for_matrix, body=_put
    ),
    ("post", A + "/arrangements/{arrangement_id}/decision"): Operation(
        SENCO, record=_arrangement_id, setup=for_matrix, body=_decision
    ),
    ("post", A + "/arrangements/{arrangement_id}/normal-way-requests"): Operation(
        SEN_TEAM, record=_arrangement_id, setup=for_matrix, body=_ask
    ),
    ("get", A + "/pupils/{pupil_id}/form-8"): Operation(DETAIL, record=_pupil_id, setup=for_matrix),
    ("post", A + "/normal-way-requests/{request_id}/answer"): Operation(
        TEACHER,
        record=_request,
        setup=for_matrix,
        body=lambda cast: {"source": "mocks", "answer": "Used it in the mocks."},
    ),  # fmt: skip
}

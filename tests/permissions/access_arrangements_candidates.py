"""Pages of a candidate's access arrangements.

cast.pupil (Year 10) and cast.unlinked (Year 7) each have an arrangement, a Form 8 and a
request for evidence addressed to the teacher. The SEN team keeps the record, the SENCO alone
records decisions, the head reads, the exams officer reads the arrangements of candidates from
Year 9 (never cast.unlinked); only the teacher asked answers, and nobody reaches another
school's record."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.access_arrangements.candidate_helpers import assessor, days_ago, for_matrix
from tests.files import PDF

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


def _with_evidence(cast):
    """for_matrix plus a stored letter on each pupil's arrangement."""
    from sendco.access_arrangements.models import AlternativeEvidence

    for_matrix(cast)
    for made in cast.extra["aa"].values():
        if "evidence" in made:
            continue
        arr = made["arrangement"]
        made["evidence"] = AlternativeEvidence.objects.create(
            pupil_id=arr.pupil_id, school_id=arr.school_id, arrangement=arr, kind="professional_letter",
            author="Dr Patel", dated=days_ago(5), original_name="letter.pdf",
            file=ContentFile(PDF, name="letter.pdf"),
        )  # fmt: skip


def _evidence(cast, which):
    made = cast.extra["aa"][which]
    return _arrangement(cast, which) | {"evidence_id": made["evidence"].pk}


def _manage(record=pupil_pk):
    return Page(SEN_TEAM, record=record, setup=for_matrix, allowed_unlinked=SEN_TEAM)


PAGES = {
    "aa-pupil": Page(READERS, record=pupil_pk, setup=for_matrix, allowed_unlinked=DETAIL),
    "aa-arrangement-new": _manage(),
    "aa-arrangement-edit": _manage(_arrangement),
    "aa-decision": Page(SENCO, record=_arrangement, setup=for_matrix, allowed_unlinked=SENCO),
    "aa-normal-way-request": _manage(_arrangement),
    "aa-alternative-evidence": _manage(_arrangement),
    "aa-alternative-evidence-file": Page(
        DETAIL,
        record=lambda cast, which: _evidence(cast, which),
        setup=lambda cast: _with_evidence(cast),
        allowed_unlinked=DETAIL,
    ),  # fmt: skip
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


def _form8(cast):
    from sendco.access_arrangements.models import Form8

    return Form8.objects.filter(pupil=cast.pupil).latest("pk")


def _part1(cast):
    return {
        "version": _form8(cast).version, "history_of_need": "Slow reader.",
        "normal_way_of_working": "Extra time.", "part1_signed_on": str(days_ago(60)),
    }  # fmt: skip


def _with_assessor(cast):
    for_matrix(cast)
    if "assessor" not in cast.extra:
        cast.extra["assessor"] = assessor(cast.school)


def _part2(cast):
    return {
        "version": _form8(cast).version, "taken_on": str(days_ago(30)),
        "assessor_id": cast.extra["assessor"].pk,
        "scores": [{"test_name": "DASH", "area": "writing_speed", "standard_score": 80}],
    }  # fmt: skip


def _forget_part2(cast):
    # POST records Part 2 once; the next role starts from a Form 8 without one again.
    from sendco.access_arrangements.models import Form8

    Form8.objects.filter(pk=_form8(cast).pk).update(assessment=None, assessor=None)


def _with_part2(cast):
    from sendco.access_arrangements import services_form8

    _with_assessor(cast)
    if _form8(cast).assessment_id is None:
        services_form8.save_part2(
            actor=cast.user(R.SENCO), form8=_form8(cast), taken_on=days_ago(30),
            assessor=cast.extra["assessor"], scores=[], expected_version=None,
        )  # fmt: skip


def _upload(cast):
    letter = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    return {"kind": "ehc_plan", "author": "The local authority", "dated": str(days_ago(3)), "file": letter}


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
    ("put", A + "/pupils/{pupil_id}/form-8/part-1"): Operation(
        SEN_TEAM, record=_pupil_id, setup=for_matrix, body=_part1
    ),
    ("post", A + "/pupils/{pupil_id}/form-8/part-2"): Operation(
        SEN_TEAM, record=_pupil_id, setup=_with_assessor, body=_part2, cleanup=_forget_part2
    ),
    ("put", A + "/pupils/{pupil_id}/form-8/part-2"): Operation(
        SEN_TEAM, record=_pupil_id, setup=_with_part2, body=_part2
    ),
    ("put", A + "/pupils/{pupil_id}/form-8/part-3"): Operation(
        SEN_TEAM,
        record=_pupil_id,
        setup=for_matrix,
        body=lambda cast: {"version": _form8(cast).version, "part3_completed_on": str(days_ago(1))},
    ),  # fmt: skip
    ("get", A + "/arrangements/{arrangement_id}/alternative-evidence"): Operation(
        DETAIL, record=_arrangement_id, setup=_with_evidence
    ),
    ("post", A + "/arrangements/{arrangement_id}/alternative-evidence"): Operation(
        SEN_TEAM, record=_arrangement_id, setup=for_matrix, body=_upload, multipart=True
    ),
}

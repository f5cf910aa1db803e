"""Pages and API operations of the shared standardised assessments.

The SENCO and assistant SENCO record and correct; the head reads any pupil's scores, teachers
and TAs only those of pupils they teach or support; a professional only while their grant
allows reading assessments (the cast's grant does not: tests/assessments/test_reports_access.py
turns it on); the exams officer (who sees only the arrangements that follow), parents,
governors and trust officers never."""

from sendco.assessments.models import Assessment
from tests.assessments.helpers import TODAY, assessments_for_matrix, score

from .spec import Operation, Page, R, pupil_pk

RECORDERS = frozenset({R.SENCO, R.ASSISTANT_SENCO})
WHOLE = RECORDERS | {R.HEAD}
READERS = WHOLE | {R.TEACHER, R.TA}


def _assessment(cast, which):
    return {"assessment_id": cast.extra["assessments"][which].pk}


def _pupil(cast, which):
    return {"pupil_id": pupil_pk(cast, which)["pk"]}


def _form(cast) -> dict:
    return {
        "taken_on": TODAY.isoformat(),
        "assessor_name": "Ms Reid",
        "purpose": "general",
        "scores-TOTAL_FORMS": "1",
        "scores-INITIAL_FORMS": "0",
        "scores-0-test_name": "TOWRE-2",
        "scores-0-area": "reading_speed",
        "scores-0-standard_score": "82",
    }


PAGES = {
    "assessment-pupil-list": Page(READERS, record=pupil_pk, allowed_unlinked=WHOLE),
    "assessment-record": Page(RECORDERS, record=pupil_pk, allowed_unlinked=RECORDERS),
    "assessment-detail": Page(
        READERS, record=_assessment, setup=assessments_for_matrix, allowed_unlinked=WHOLE
    ),
    "assessment-correct": Page(
        RECORDERS, record=_assessment, setup=assessments_for_matrix, allowed_unlinked=RECORDERS
    ),
}


def _new(cast):
    return {
        "pupil_id": cast.pupil.pk,
        "taken_on": TODAY.isoformat(),
        "assessor_name": "Ms Reid",
        "scores": [score()],
    }


def _correction(cast):
    current = Assessment.objects.get(pk=cast.extra["assessments"]["linked"].pk)
    return {
        "version": current.version,
        "taken_on": current.taken_on.isoformat(),
        "assessor_name": "Dr Okafor",
        "scores": [score(standard_score=95)],
    }


OPERATIONS = {
    ("get", "/api/v1/assessments/pupils/{pupil_id}"): Operation(
        READERS, record=_pupil, setup=assessments_for_matrix
    ),
    ("get", "/api/v1/assessments/{assessment_id}"): Operation(
        READERS, record=_assessment, setup=assessments_for_matrix
    ),
    ("post", "/api/v1/assessments/"): Operation(RECORDERS, body=_new),
    ("put", "/api/v1/assessments/{assessment_id}"): Operation(
        RECORDERS, record=_assessment, setup=assessments_for_matrix, body=_correction
    ),
}

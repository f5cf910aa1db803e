"""Pages and API operations of concerns (identification of need).

The concern on cast.pupil was raised by the teacher and the TA was asked for input: those two,
the SENCO and the assistant SENCO read it; the head, exams officer, parent and professional
never do. Only the SENCO and assistant SENCO triage."""

from sendco.concerns.models import Concern, ConcernCategory
from sendco.concerns.selectors import categories
from tests.concerns.helpers import concerns_for_matrix

from .spec import Operation, Page, R, pupil_pk

TRIAGE = frozenset({R.SENCO, R.ASSISTANT_SENCO})
RAISERS = frozenset({R.SENCO, R.ASSISTANT_SENCO, R.HEAD, R.TEACHER, R.TA})
WHOLE = frozenset({R.SENCO, R.ASSISTANT_SENCO, R.HEAD})
READERS = TRIAGE | {R.TEACHER, R.TA}


def _concern(cast, which):
    return {"concern_id": cast.extra["concerns"][which].pk}


def _evidence(cast, which):
    return {"concern_id": cast.extra["concerns"][which].pk, "evidence_id": cast.extra["evidence"][which].pk}


def _request(cast, which):
    request = cast.extra["input_requests"][which]
    return {"concern_id": request.concern_id, "request_id": request.pk}


def _categories(cast):
    categories(cast.school)
    categories(cast.other)


def _category(cast, which):
    school = cast.other if which == "other" else cast.school
    return {"category_id": ConcernCategory.objects.filter(school=school).first().pk}


PAGES = {
    "concern-list": Page(RAISERS, setup=concerns_for_matrix),
    "concern-categories": Page(TRIAGE),
    "concern-category-edit": Page(TRIAGE, record=_category, setup=_categories, allowed_unlinked=TRIAGE),
    "concern-pupil-list": Page(RAISERS, record=pupil_pk, allowed_unlinked=WHOLE),
    "concern-create": Page(RAISERS, record=pupil_pk, allowed_unlinked=WHOLE),
    "concern-detail": Page(READERS, record=_concern, setup=concerns_for_matrix, allowed_unlinked=TRIAGE),
    # The raiser may change a concern only while it is new; the linked one awaits input.
    "concern-edit": Page(TRIAGE, record=_concern, setup=concerns_for_matrix, allowed_unlinked=TRIAGE),
    "concern-request-input": Page(
        TRIAGE, record=_concern, setup=concerns_for_matrix, allowed_unlinked=TRIAGE
    ),
    "concern-parents": Page(TRIAGE, record=_concern, setup=concerns_for_matrix, allowed_unlinked=TRIAGE),
    "concern-decide": Page(TRIAGE, record=_concern, setup=concerns_for_matrix, allowed_unlinked=TRIAGE),
    "concern-evidence": Page(READERS, record=_evidence, setup=concerns_for_matrix, allowed_unlinked=TRIAGE),
    # Only the adult asked answers, and only while they can see the pupil (never for cast.unlinked).
    "concern-respond": Page(
        frozenset({R.TA}), record=_request, setup=concerns_for_matrix, allowed_unlinked=frozenset()
    ),
}


def _new_concern(cast):
    return {
        "pupil_id": cast.pupil.pk,
        "categories": ["Cognition and learning"],
        "observations": "Struggles to decode unfamiliar words.",
        "strategies_tried": "Phonics catch-up for a term.",
        "rating_literacy": 3,
    }


def _patch(cast):
    concern = Concern.objects.get(pk=cast.extra["concerns"]["linked"].pk)
    return {"version": concern.version, "subjects": "All lessons"}


def _decision(cast):
    concern = Concern.objects.get(pk=cast.extra["concerns"]["linked"].pk)
    return {"version": concern.version, "decision": "no_action", "notes": "Progress is in line with peers."}


OPERATIONS = {
    ("get", "/api/v1/concerns/"): Operation(
        READERS,
        setup=concerns_for_matrix,
        lists_pupil=True,
        listed_id=lambda cast: cast.extra["concerns"]["linked"].pk,
    ),
    ("post", "/api/v1/concerns/"): Operation(RAISERS, body=_new_concern),
    ("get", "/api/v1/concerns/{concern_id}"): Operation(READERS, record=_concern, setup=concerns_for_matrix),
    ("patch", "/api/v1/concerns/{concern_id}"): Operation(
        TRIAGE, record=_concern, setup=concerns_for_matrix, body=_patch
    ),
    ("post", "/api/v1/concerns/{concern_id}/decision"): Operation(
        TRIAGE, record=_concern, setup=concerns_for_matrix, body=_decision
    ),
    ("get", "/api/v1/concerns/{concern_id}/evidence"): Operation(
        READERS, record=_concern, setup=concerns_for_matrix
    ),
}

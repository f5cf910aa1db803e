"""Pages and API operations of the SEND register."""

import datetime as dt

from sendco.core.models import Pupil
from sendco.register.models import PupilNeed, SenStatus
from sendco.register.selectors import register_version

from .. import factories as f
from .spec import STAFF_SEEING_LINKED_PUPIL, WHOLE_SCHOOL, Operation, Page, R, pupil_pk

CHANGERS = frozenset({R.SENCO, R.ASSISTANT_SENCO})


def _reset(cast):
    """Both school pupils on SEN support with SPLD since 2024, so any allowed role's change works."""
    for pupil in (cast.pupil, cast.unlinked):
        SenStatus.objects.filter(pupil=pupil).delete()
        PupilNeed.objects.filter(pupil=pupil).delete()
        Pupil.objects.filter(pk=pupil.pk).update(sen_status="N")
        f.put_on_register(pupil)


def _status_post(cast):
    _reset(cast)
    return {"code": "E", "start_date": dt.date.today().isoformat(), "reason": "Plan issued"}


def _needs_post(cast):
    _reset(cast)
    return {"primary": "ASD", "on": dt.date.today().isoformat(), "reason": "Diagnosis"}


def _pupil_id(cast, which):
    return {"pupil_id": pupil_pk(cast, which)["pk"]}


PAGES = {
    "register": Page(WHOLE_SCHOOL),
    "register-census": Page(WHOLE_SCHOOL),
    "register-import": Page({R.SENCO}),
    "register-import-commit": Page({R.SENCO}, method="post"),
    "register-pupil": Page(STAFF_SEEING_LINKED_PUPIL, record=pupil_pk, allowed_unlinked=WHOLE_SCHOOL),
    "register-pupil-status": Page(
        CHANGERS, method="post", record=pupil_pk, data=_status_post, allowed_unlinked=CHANGERS
    ),
    "register-pupil-needs": Page(
        CHANGERS, method="post", record=pupil_pk, data=_needs_post, allowed_unlinked=CHANGERS
    ),
}

OPERATIONS = {
    ("get", "/api/v1/register/"): Operation(WHOLE_SCHOOL, lists_pupil=True),
    ("get", "/api/v1/register/census"): Operation(WHOLE_SCHOOL),
    ("get", "/api/v1/register/pupils/{pupil_id}/statuses"): Operation(
        STAFF_SEEING_LINKED_PUPIL, record=_pupil_id
    ),
    ("post", "/api/v1/register/pupils/{pupil_id}/statuses"): Operation(
        CHANGERS,
        record=_pupil_id,
        body=lambda cast: {k: v for k, v in _status_post(cast).items()},
        cleanup=_reset,
    ),
    ("get", "/api/v1/register/pupils/{pupil_id}/needs"): Operation(
        STAFF_SEEING_LINKED_PUPIL, record=_pupil_id
    ),
    ("put", "/api/v1/register/pupils/{pupil_id}/needs"): Operation(
        CHANGERS,
        record=_pupil_id,
        body=lambda cast: (
            _reset(cast),
            {
                "needs": [{"need_type": "ASD", "rank": 1}],
                "on": dt.date.today().isoformat(),
                "reason": "Diagnosis",
                "version": register_version(cast.pupil.pk),
            },
        )[1],
        cleanup=_reset,
    ),
}

"""Pages and API operations of the provision map."""

from sendco.provision.models import Session
from tests.provision.fixtures import provision_setup

from .spec import WHOLE_SCHOOL, Operation, Page, R, pupil_pk

MANAGERS = WHOLE_SCHOOL
MONEY = frozenset({R.SENCO, R.HEAD})
RUNNERS = MANAGERS | {R.TEACHER, R.TA}
RUNS_LINKED_GROUP = MANAGERS | {R.TA}  # the cast's TA runs the linked group


def _group(cast, which):
    return {"pk": provision_setup(cast)[which].pk}


def _provision(cast, which):
    return {"pk": provision_setup(cast)[which].provision_id}


def _library_start(cast, which):
    return {"provision_pk": provision_setup(cast)[which].provision_id}


def _member(cast, which):
    return {"pk": provision_setup(cast)["members"][which].pk}


def _record(fn, allowed, **kw):
    return Page(allowed, record=fn, setup=provision_setup, allowed_unlinked=MANAGERS, **kw)


PAGES = {
    "provision-home": Page(RUNNERS | {R.GOVERNOR}, setup=provision_setup),
    "provision-library": Page(RUNNERS, setup=provision_setup),
    "provision-library-new": Page(MANAGERS),
    "provision-library-edit": _record(_provision, MANAGERS),
    "provision-group-new": _record(_library_start, MANAGERS),
    "provision-group-list": Page(RUNNERS, setup=provision_setup),
    "provision-group": _record(_group, RUNS_LINKED_GROUP),
    "provision-group-edit": _record(_group, MANAGERS),
    "provision-member-add": _record(_group, MANAGERS),
    "provision-register": _record(_group, RUNS_LINKED_GROUP),
    "provision-measures": _record(_group, RUNS_LINKED_GROUP),
    "provision-place-measures": _record(_member, RUNS_LINKED_GROUP),
    "provision-map": Page(MANAGERS, setup=provision_setup),
    "provision-map-xlsx": Page(MANAGERS, setup=provision_setup),
    "provision-map-pdf": Page(MANAGERS, setup=provision_setup),
    "provision-impact": Page(MANAGERS | {R.GOVERNOR}, setup=provision_setup),
    "provision-impact-xlsx": Page(MANAGERS | {R.GOVERNOR}, setup=provision_setup),
    "provision-shortfall": Page(MANAGERS, setup=provision_setup),
    "provision-rates": Page(MONEY, setup=provision_setup),
    "provision-terms": Page(MONEY),
    "provision-budget": Page(MONEY | {R.GOVERNOR}, setup=provision_setup),
    "provision-budget-pdf": Page(MONEY | {R.GOVERNOR}, setup=provision_setup),
    "provision-pupil": Page(RUNNERS, record=pupil_pk, setup=provision_setup, allowed_unlinked=MANAGERS),
    "provision-pupil-pdf": Page(RUNNERS, record=pupil_pk, setup=provision_setup, allowed_unlinked=MANAGERS),
    "provision-pupil-xlsx": Page(RUNNERS, record=pupil_pk, setup=provision_setup, allowed_unlinked=MANAGERS),
}


def _group_id(cast, which):
    return {"group_id": provision_setup(cast)[which].pk}


def _member_id(cast, which):
    return {"member_id": provision_setup(cast)["members"][which].pk}


def _session_body(cast):
    return {
        "date": "2026-11-03",
        "held": True,
        "present": [cast.pupil.pk],
        "notes": {str(cast.pupil.pk): "Good"},
    }


def _remove_session(cast):
    Session.objects.filter(group=provision_setup(cast)["linked"]).delete()


OPERATIONS = {
    ("get", "/api/v1/provision/library"): Operation(
        RUNNERS, lists_pupil=True, listed_id=lambda cast: provision_setup(cast)["linked"].provision_id
    ),
    ("get", "/api/v1/provision/groups"): Operation(
        RUNS_LINKED_GROUP, lists_pupil=True, listed_id=lambda cast: provision_setup(cast)["linked"].pk
    ),
    ("get", "/api/v1/provision/groups/{group_id}"): Operation(RUNS_LINKED_GROUP, record=_group_id),
    ("get", "/api/v1/provision/groups/{group_id}/members"): Operation(RUNS_LINKED_GROUP, record=_group_id),
    ("get", "/api/v1/provision/groups/{group_id}/sessions"): Operation(RUNS_LINKED_GROUP, record=_group_id),
    ("post", "/api/v1/provision/groups/{group_id}/sessions"): Operation(
        RUNS_LINKED_GROUP, record=_group_id, body=_session_body, cleanup=_remove_session
    ),
    ("patch", "/api/v1/provision/places/{member_id}"): Operation(
        RUNS_LINKED_GROUP, record=_member_id, body=lambda cast: {"exit_value": "101"}
    ),
}

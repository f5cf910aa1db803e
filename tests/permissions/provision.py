"""Pages and API operations of the provision map."""

from datetime import date

from sendco.provision.models import GroupMember, Measure, Provision, ProvisionGroup, Score, Session
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


def _measure(cast, which):
    return {"pk": provision_setup(cast)[which].first_measure.pk}


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
    "provision-measure-add": _record(_group, MANAGERS),
    "provision-measure-edit": _record(_measure, MANAGERS),
    "provision-measure-delete": _record(_measure, MANAGERS),
    "provision-session-edit": _record(
        lambda cast, which: {"pk": recorded_session(cast, which).pk}, RUNS_LINKED_GROUP
    ),
    "provision-session-delete": _record(
        lambda cast, which: {"pk": recorded_session(cast, which).pk}, RUNS_LINKED_GROUP
    ),
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


def _score_ids(cast, which):
    made = provision_setup(cast)
    return {"member_id": made["members"][which].pk, "measure_id": made[which].first_measure.pk}


def _session_body(cast):
    return {
        "date": "2026-11-03",
        "held": True,
        "present": [cast.pupil.pk],
        "notes": {str(cast.pupil.pk): "Good"},
    }


def _remove_session(cast):
    Session.objects.filter(group=provision_setup(cast)["linked"]).delete()


RECORDED_DAY = date(2026, 11, 5)


def recorded_session(cast, which) -> Session:
    """A session of the `which` group, recorded again if an allowed role deleted it."""
    group = provision_setup(cast)[which]
    return Session.objects.get_or_create(school=group.school, group=group, date=RECORDED_DAY)[0]


def _session_id(cast, which):
    return {"session_id": recorded_session(cast, which).pk}


def _library_id(cast, which):
    return {"provision_id": provision_setup(cast)[which].provision_id}


def _version_of(model, pk, **body):
    return lambda cast: {"version": model.objects.get(pk=pk(cast)).version, **body}


def _score_version(cast) -> int:
    ids = _score_ids(cast, "linked")
    score = Score.objects.filter(place_id=ids["member_id"], measure_id=ids["measure_id"]).first()
    return score.version if score else 0  # 0: no score yet


def _linked_group(cast):
    return provision_setup(cast)["linked"]


def _new_library_entry(cast):
    return {"school_id": cast.school.pk, "name": "Matrix entry", "need_area": "ci"}


def _new_group(cast):
    return {
        "provision_id": _linked_group(cast).provision_id,
        "name": "Matrix group",
        "weekdays": [0],
        "start_date": "2026-09-07",
        "end_date": "2026-12-18",
        "staff_ids": [cast.user(R.TA).pk],
    }


def _new_member(cast):
    return {"pupil_id": cast.unlinked.pk, "joined": "2026-10-01"}


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
        RUNS_LINKED_GROUP,
        record=_member_id,
        body=_version_of(GroupMember, lambda cast: _member_id(cast, "linked")["member_id"], left=None),
    ),
    ("put", "/api/v1/provision/places/{member_id}/scores/{measure_id}"): Operation(
        RUNS_LINKED_GROUP,
        record=_score_ids,
        body=lambda cast: {"exit_value": "101", "version": _score_version(cast)},
    ),
    ("post", "/api/v1/provision/groups/{group_id}/measures"): Operation(
        MANAGERS,
        record=_group_id,
        body=lambda cast: {"kind": "age_months", "name": "Matrix measure"},
        cleanup=lambda cast: Measure.objects.filter(name="Matrix measure").delete(),
    ),
    # Writes. A manager creates at their own school only; the body names the school or entry.
    ("post", "/api/v1/provision/library"): Operation(
        MANAGERS,
        body=_new_library_entry,
        setup=provision_setup,
        cleanup=lambda cast: Provision.objects.filter(name="Matrix entry").delete(),
    ),
    ("patch", "/api/v1/provision/library/{provision_id}"): Operation(
        MANAGERS,
        record=_library_id,
        body=_version_of(Provision, lambda cast: _linked_group(cast).provision_id, description="Checked"),
    ),
    ("post", "/api/v1/provision/groups"): Operation(
        MANAGERS,
        body=_new_group,
        setup=provision_setup,
        cleanup=lambda cast: ProvisionGroup.objects.filter(name="Matrix group").delete(),
    ),
    ("patch", "/api/v1/provision/groups/{group_id}"): Operation(
        MANAGERS,
        record=_group_id,
        body=_version_of(ProvisionGroup, lambda cast: _linked_group(cast).pk, room="Library"),
    ),
    ("post", "/api/v1/provision/groups/{group_id}/members"): Operation(
        MANAGERS,
        record=_group_id,
        body=_new_member,
        cleanup=lambda cast: GroupMember.objects.filter(
            pupil=cast.unlinked, group=_linked_group(cast)
        ).delete(),
    ),
    ("patch", "/api/v1/provision/sessions/{session_id}"): Operation(
        RUNS_LINKED_GROUP,
        record=_session_id,
        body=lambda cast: {
            "version": recorded_session(cast, "linked").version,
            "present": [cast.pupil.pk],
            "note": "Corrected",
        },
    ),
    ("delete", "/api/v1/provision/sessions/{session_id}"): Operation(RUNS_LINKED_GROUP, record=_session_id),
}

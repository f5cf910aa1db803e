"""Pages and API operations of professionals' access (agencies: views_access*, api_access).

Only the SENCO and assistant SENCO see a pupil's grants, grant, extend and revoke, list the
school's professionals and add one. The head, teachers, parents and the professional
themselves see none of it (the professional sees their own pupils on the home page). The
set-password page is public: the one-time token is the key, and a wrong one shows that the
link does not work."""

import datetime as dt
import itertools

from sendco.core.models import AccessGrant
from tests.agencies.access_helpers import access_for_matrix, unrevoke

from .spec import PUBLIC, Operation, Page, R, pupil_pk

SEN_TEAM = frozenset({R.SENCO, R.ASSISTANT_SENCO})
_emails = itertools.count(1)


def _grant(cast, which):
    made = cast.extra["access"][which]["grant"]
    return {"pk": made.pupil_id, "grant_id": made.pk}


def _pupil_page(record=pupil_pk):
    return Page(SEN_TEAM, record=record, setup=access_for_matrix, allowed_unlinked=SEN_TEAM)


PAGES = {
    "access-pupil-list": _pupil_page(),
    "access-grant": _pupil_page(),
    "access-extend": _pupil_page(_grant),
    "access-revoke": _pupil_page(_grant),
    "professional-list": Page(SEN_TEAM, setup=access_for_matrix),
    "professional-create": Page(SEN_TEAM, setup=access_for_matrix),
    "access-grant-list": Page(SEN_TEAM, setup=access_for_matrix),
    "professional-set-password": Page(
        PUBLIC, record=lambda cast, which: {"uidb64": "MQ", "token": "no-such"}
    ),
}


def _pupil(cast, which):
    return {"pupil_id": pupil_pk(cast, which)["pk"]}


def _grant_id(cast, which):
    return {"grant_id": cast.extra["access"][which]["grant"].pk}


def _new_grant(cast):
    made = cast.extra["access"]["linked"]
    return {
        "professional_id": made["professional"].pk,
        "consent_id": made["consent"].pk,
        "reason": "Speech and language assessment",
        "expires_on": (dt.date.today() + dt.timedelta(days=20)).isoformat(),
    }


def _extension(cast):
    current = AccessGrant.objects.get(pk=cast.extra["access"]["linked"]["grant"].pk)
    return {"version": current.version, "expires_on": (current.expires_on + dt.timedelta(days=1)).isoformat()}


def _revocation(cast):
    current = AccessGrant.objects.get(pk=cast.extra["access"]["linked"]["grant"].pk)
    return {"version": current.version, "reason": "Assessment finished"}


def _new_professional(cast):
    return {
        "first_name": "Ola",
        "last_name": "Therapist",
        "email": f"ola.{next(_emails)}@example.org",
        "agency_id": cast.extra["access"]["linked"]["agency"].pk,
    }


OPERATIONS = {
    ("get", "/api/v1/agencies/pupils/{pupil_id}/grants"): Operation(
        SEN_TEAM, record=_pupil, setup=access_for_matrix
    ),
    ("post", "/api/v1/agencies/pupils/{pupil_id}/grants"): Operation(
        SEN_TEAM, record=_pupil, setup=access_for_matrix, body=_new_grant
    ),
    ("post", "/api/v1/agencies/grants/{grant_id}/extend"): Operation(
        SEN_TEAM, record=_grant_id, setup=access_for_matrix, body=_extension
    ),
    ("post", "/api/v1/agencies/grants/{grant_id}/revoke"): Operation(
        SEN_TEAM, record=_grant_id, setup=access_for_matrix, body=_revocation, cleanup=unrevoke
    ),
    ("get", "/api/v1/agencies/professionals"): Operation(SEN_TEAM, setup=access_for_matrix),
    ("post", "/api/v1/agencies/professionals"): Operation(
        SEN_TEAM, setup=access_for_matrix, body=_new_professional
    ),
}

"""Pages and API operations of the core app (pupils, search, home), accounts and audit."""

import base64

from django.core.files.base import ContentFile
from django.utils import timezone

from sendco.core.models import Pupil

from .spec import EVERYONE, KEEPERS, PUBLIC, SEES_LINKED_PUPIL, SEES_NAMES, Operation, Page, R, pupil_pk

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _with_photo(cast):
    for pupil in (cast.pupil, cast.unlinked, cast.other_pupil):
        pupil.photo.save(f"{pupil.pk}.png", ContentFile(PNG), save=True)


def _removed(cast):
    Pupil.objects.filter(pk__in=[cast.pupil.pk, cast.unlinked.pk, cast.other_pupil.pk]).update(
        deleted_at=timezone.now()
    )


SENCO_HEAD = frozenset({R.SENCO, R.HEAD})


def _someone_elses_token(cast):
    from sendco.accounts.models import ApiToken

    cast.extra["token"], _ = ApiToken.issue(cast.other_senco)


def _token(cast, which):
    return {"pk": cast.extra["token"].pk}


PAGES: dict[str, Page] = {
    "healthz": Page(PUBLIC),
    "login": Page(PUBLIC),
    "logout": Page(PUBLIC, method="post"),
    # Two-step verification (tests/test_mfa.py): anyone signed in; verifying with no device
    # goes on to set-up, and set-up shows a new secret. Neither shows pupil data.
    "mfa-verify": Page(EVERYONE),
    "mfa-setup": Page(EVERYONE),
    # Your API tokens: everyone signed in has the page; a token is revoked only by its owner
    # (tests/test_api_tokens.py), so here, with another person's token, everyone gets 404.
    "account-tokens": Page(EVERYONE),
    "account-token-revoke": Page(
        frozenset(), method="post", record=_token, allowed_unlinked=frozenset(), setup=_someone_elses_token
    ),
    "home": Page(EVERYONE),
    "pupil-list": Page(SEES_NAMES),
    "pupil-search": Page(EVERYONE, data={"q": "Learner"}),  # governors, trust officers, admins: no results
    "pupil-create": Page(KEEPERS),
    "pupil-deleted-list": Page({R.SENCO}, setup=_removed),
    "pupil-detail": Page(SEES_LINKED_PUPIL, record=pupil_pk, allowed_unlinked=KEEPERS),
    "pupil-edit": Page(KEEPERS, record=pupil_pk, allowed_unlinked=KEEPERS),
    "pupil-photo": Page(SEES_LINKED_PUPIL, record=pupil_pk, setup=_with_photo, allowed_unlinked=KEEPERS),
    "pupil-audit": Page(SENCO_HEAD, record=pupil_pk, allowed_unlinked=SENCO_HEAD),
    "audit-access-changes": Page(SENCO_HEAD),  # names pupils (class places, key adults, grants)
    "audit-access-log": Page(SENCO_HEAD),
    # Another school's pupil: 404 (tests/test_access_log_export.py); logged as an export.
    "audit-access-log-export": Page(SENCO_HEAD, data=lambda cast: {"pupil": cast.pupil.pk}),
    "pupil-delete": Page(
        {R.SENCO}, method="post", record=pupil_pk, data={"reason": "test"}, allowed_unlinked={R.SENCO}
    ),
    "pupil-restore": Page(
        {R.SENCO}, method="post", record=pupil_pk, setup=_removed, allowed_unlinked={R.SENCO}
    ),
}


def _new_pupil(cast):
    return {
        "school_urn": cast.school.urn,
        "upn": "B801200005001",
        "legal_forename": "New",
        "legal_surname": "Starter",
        "date_of_birth": "2015-05-01",
        "sex": "M",
        "nc_year": 7,
        "admission_date": "2026-09-01",
    }


def _pupil_id(cast, which):
    return {"pupil_id": pupil_pk(cast, which)["pk"]}


OPERATIONS: dict[tuple[str, str], Operation] = {
    ("get", "/api/v1/pupils/"): Operation(SEES_LINKED_PUPIL, lists_pupil=True),
    ("post", "/api/v1/pupils/"): Operation(
        KEEPERS,
        body=_new_pupil,
        cleanup=lambda cast: Pupil.objects.filter(upn="B801200005001").delete(),
        refusals=(422,),  # "no school with this URN where you may add pupils"
    ),
    ("get", "/api/v1/pupils/{pupil_id}"): Operation(SEES_LINKED_PUPIL, record=_pupil_id),
    ("patch", "/api/v1/pupils/{pupil_id}"): Operation(
        KEEPERS,
        record=_pupil_id,
        body=lambda cast: {"version": Pupil.objects.get(pk=cast.pupil.pk).version, "reg_group": "10Z"},
    ),
}

"""Reads are logged by construction: the policy's fetch of a pupil takes `audit` (what is read),
keyword-only with no default, and writes the access-log row once its check passes."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.plans import selectors as plan_selectors
from sendco.statutory import lookups as statutory_lookups


def _request(user, method="get"):
    request = getattr(RequestFactory(), method)("/pupils/")
    request.user = user
    return request


@pytest.mark.parametrize(
    "fetch",
    [
        lambda user, pk: policy.get_pupil(user, pk),
        lambda user, pk: policy.get_deleted_pupil(user, pk),
        lambda user, pk: statutory_lookups.pupil_for(user, pk),
        lambda user, pk: statutory_lookups.plan_for(user, pk, 1),
        lambda user, pk: statutory_lookups.review_for(user, pk, 1),
        lambda user, pk: plan_selectors.get_cycle(user, pk, 1),
        lambda user, pk: plan_selectors.get_cycle_by_id(user, 1),
        lambda user, pk: plan_selectors.get_target_by_id(user, 1),
    ],
)
def test_a_fetch_without_audit_is_a_type_error(fetch, cast):
    with pytest.raises(TypeError, match="audit"):
        fetch(cast.user(Role.SENCO), cast.pupil.pk)


def test_get_pupil_logs_the_read_once_the_check_passes(cast):
    user = cast.user(Role.SENCO)
    pupil = policy.get_pupil(user, cast.pupil.pk, audit=Read.view(_request(user), "Pupil page"))
    row = AccessLog.objects.get()
    assert (row.user, row.pupil, row.school, row.action, row.what) == (
        user,
        pupil,
        cast.school,
        AccessLog.Action.VIEW,
        "Pupil page",
    )


def test_a_refused_fetch_leaves_no_row(cast):
    user = cast.user(Role.TEACHER)
    with pytest.raises(Http404):
        policy.get_pupil(user, cast.unlinked.pk, audit=Read.view(_request(user), "Pupil page"))
    assert not AccessLog.objects.exists()


def test_a_form_read_is_logged_on_get_only(cast):
    user = cast.user(Role.SENCO)
    policy.get_pupil(user, cast.pupil.pk, "pupil.change", audit=Read.form(_request(user, "post"), "Edit"))
    assert not AccessLog.objects.exists()
    policy.get_pupil(user, cast.pupil.pk, "pupil.change", audit=Read.form(_request(user), "Edit"))
    assert AccessLog.objects.get().what == "Edit"


def test_a_fetch_for_a_write_refuses_a_get(cast):
    with pytest.raises(TypeError, match="GET"):
        Read.for_write(_request(cast.user(Role.SENCO)))

"""Reads are logged by construction: the policy's fetch of a pupil takes `audit` (what is read),
keyword-only with no default, and writes the access-log row once its check passes."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.audit.services import Read
from sendco.chronology import selectors as chronology_selectors
from sendco.concerns import selectors as concern_selectors
from sendco.core.access import policy
from sendco.plans import selectors as plan_selectors
from sendco.provision import lookups as provision_lookups
from sendco.statutory import lookups as statutory_lookups
from tests.chronology.helpers import attach, make_entry
from tests.concerns.helpers import add_evidence, make_concern


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
        # Records fetched by their own id, checked through their pupil.
        lambda user, pk: concern_selectors.get_concern(user, 1),
        lambda user, pk: concern_selectors.get_evidence(user, 1, 1),
        lambda user, pk: concern_selectors.get_input_request(user, 1, 1),
        lambda user, pk: chronology_selectors.get_entry(user, 1),
        lambda user, pk: chronology_selectors.get_attachment(user, 1, 1),
        lambda user, pk: provision_lookups.place_for(user, 1),
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


def _row(row):
    return (row.user, row.pupil, row.school, row.action, row.what)


def test_a_concern_file_is_logged_once_found_and_a_missing_one_leaves_no_row(cast):
    user = cast.user(Role.SENCO)
    concern = make_concern(cast.pupil, by=user)
    item = add_evidence(concern)
    audit = Read.as_(_request(user), AccessLog.Action.DOWNLOAD, lambda e: f"evidence {e.original_name}")
    with pytest.raises(Http404):
        concern_selectors.get_evidence(user, concern.pk, item.pk + 1, audit=audit)
    assert not AccessLog.objects.exists()
    assert concern_selectors.get_evidence(user, concern.pk, item.pk, audit=audit) == item
    assert _row(AccessLog.objects.get()) == (
        user,
        cast.pupil,
        cast.school,
        AccessLog.Action.DOWNLOAD,
        "evidence reading-sample.pdf",
    )


def test_a_chronology_attachment_is_logged_once_found_and_a_missing_one_leaves_no_row(cast):
    user = cast.user(Role.SENCO)
    entry = make_entry(cast.pupil, by=user)
    attachment = attach(entry)
    audit = Read.as_(_request(user), AccessLog.Action.DOWNLOAD, lambda a: f"file {a.original_name}")
    with pytest.raises(Http404):
        chronology_selectors.get_attachment(user, entry.pk, attachment.pk + 1, audit=audit)
    assert not AccessLog.objects.exists()
    assert chronology_selectors.get_attachment(user, entry.pk, attachment.pk, audit=audit) == attachment
    assert _row(AccessLog.objects.get()) == (
        user,
        cast.pupil,
        cast.school,
        AccessLog.Action.DOWNLOAD,
        "file letter.pdf",
    )


def test_a_refused_concern_leaves_no_row(cast):
    teacher = cast.user(Role.TEACHER)
    concern = make_concern(cast.unlinked, by=cast.user(Role.SENCO))
    with pytest.raises(Http404):
        concern_selectors.get_concern(teacher, concern.pk, audit=Read.view(_request(teacher), "Concern"))
    assert not AccessLog.objects.exists()

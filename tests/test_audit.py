import pytest
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.audit.registry import audited_models
from sendco.core import services
from sendco.core.audit_trail import pupil_audit_trail
from sendco.core.forms import PupilForm


def _form_data(pupil, **changes):
    data = {name: getattr(pupil, name) for name in PupilForm.Meta.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    return data | changes


def test_view_of_pupil_page_is_logged_with_who_and_where(cast, client):
    client.force_login(cast.user(Role.TEACHER))
    client.get(
        reverse("pupil-detail", args=[cast.pupil.pk]), REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="TestBrowser"
    )
    log = AccessLog.objects.get(pupil=cast.pupil)
    assert (log.user, log.action, log.ip_address, log.user_agent, log.school) == (
        cast.user(Role.TEACHER),
        "view",
        "10.1.2.3",
        "TestBrowser",
        cast.school,
    )


def test_refused_view_is_not_logged_as_a_view(cast, client):
    client.force_login(cast.user(Role.GOVERNOR))
    assert client.get(reverse("pupil-detail", args=[cast.pupil.pk])).status_code == 404
    assert not AccessLog.objects.filter(pupil=cast.pupil).exists()


def test_change_is_recorded_with_field_level_before_and_after(cast):
    senco = cast.user(Role.SENCO)
    services.update_pupil(
        actor=senco,
        pupil=cast.pupil,
        data=_form_data(cast.pupil, reg_group="10Q", eal=True),
        expected_version=1,
    )
    changed = [e for e in pupil_audit_trail(cast.pupil, senco) if e.kind == "changed"]
    assert len(changed) == 1
    entry = changed[0]
    assert entry.who == str(senco)
    fields = {c.field: (c.old, c.new) for c in entry.changes}
    assert fields["Registration group"] == ("9A", "10Q")
    assert fields["English as an additional language"] == ("No", "Yes")


def test_audit_tab_shows_views_and_changes(cast, client):
    senco = cast.user(Role.SENCO)
    client.force_login(cast.user(Role.TEACHER))
    client.get(reverse("pupil-detail", args=[cast.pupil.pk]))
    services.update_pupil(
        actor=senco, pupil=cast.pupil, data=_form_data(cast.pupil, reg_group="10Q"), expected_version=1
    )
    client.force_login(senco)
    page = client.get(reverse("pupil-audit", args=[cast.pupil.pk])).content.decode()
    assert str(cast.user(Role.TEACHER)) in page and "Viewed record" in page
    assert "10Q" in page and "Registration group" in page and str(senco) in page
    assert "SEN status" in page  # the register rows made by put_on_register are part of the trail


def test_api_read_is_logged(cast, client):
    from sendco.accounts.models import ApiToken

    _, key = ApiToken.issue(cast.user(Role.SENCO))
    client.get(f"/api/v1/pupils/{cast.pupil.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert AccessLog.objects.filter(pupil=cast.pupil, action="api_view").count() == 1


def test_api_write_records_the_token_user(cast, client):
    from sendco.accounts.models import ApiToken

    senco = cast.user(Role.SENCO)
    _, key = ApiToken.issue(senco)
    client.patch(
        f"/api/v1/pupils/{cast.pupil.pk}",
        {"version": 1, "reg_group": "API"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    latest = cast.pupil.history.latest()
    assert latest.reg_group == "API" and latest.history_user == senco


def test_access_log_is_append_only(cast):
    log = AccessLog.objects.create(pupil=cast.pupil, school=cast.school, action="view")
    with pytest.raises(PermissionError):
        log.save()
    with pytest.raises(PermissionError):
        log.delete()
    with pytest.raises(PermissionError):
        AccessLog.objects.filter(pk=log.pk).update(action="export")


def test_soft_delete_and_restore_are_in_the_trail(cast):
    senco = cast.user(Role.SENCO)
    services.soft_delete_pupil(actor=senco, pupil=cast.unlinked, reason="Duplicate")
    services.restore_pupil(actor=senco, pupil=cast.unlinked)
    reasons = [e.reason for e in pupil_audit_trail(cast.unlinked, senco)]
    assert "Removed: Duplicate" in reasons and "Restored" in reasons


def test_every_history_tracked_pupil_model_is_on_the_audit_tab():
    from django.apps import apps

    registered = {a.model for a in audited_models()}
    for model in apps.get_models():
        has_history = hasattr(model, "history") and not model.__name__.startswith("Historical")
        fields = {f.name for f in model._meta.fields}
        if has_history and "pupil" in fields:
            assert model in registered, f"{model.__name__} has pupil history but is not on the audit tab"


def test_every_model_with_a_pupil_has_a_school_and_history():
    """Every table of pupil data carries its school, and its changes are kept."""
    from django.apps import apps

    for model in apps.get_models():
        names = {f.name for f in model._meta.fields}
        if model.__name__.startswith("Historical") or model._meta.app_label == "audit":
            continue
        if "pupil" in names:
            assert "school" in names, f"{model.__name__} holds pupil data without a school"
            assert hasattr(model, "history"), f"{model.__name__} holds pupil data without a history"

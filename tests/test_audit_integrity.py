"""The access log and the change history cannot be changed or deleted through the admin site,
the API or any view (issue 13 item 6)."""

import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as SignInLog
from django.apps import apps
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog

SRC = Path(__file__).resolve().parent.parent / "src" / "sendco"


def _historical_models():
    return [
        m for m in apps.get_models() if hasattr(m, "instance_type") and m.__name__.startswith("Historical")
    ]


def test_there_are_history_models_to_protect():
    assert len(_historical_models()) > 10


@pytest.mark.parametrize("model", [AccessLog, *_historical_models()], ids=lambda m: m.__name__)
def test_the_admin_has_no_page_for_the_log_or_history(model, cast, client):
    assert model not in admin.site._registry
    client.force_login(cast.user(Role.ADMIN))
    meta = model._meta
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")


def test_no_admin_offers_history_revert():
    """simple-history's admin adds a history page that can revert a record to an old version."""
    offenders = [m.__name__ for m, a in admin.site._registry.items() if isinstance(a, SimpleHistoryAdmin)]
    assert not offenders


def _sign_in_rows():
    log = SignInLog.objects.create(username="senco", ip_address="203.0.113.7", attempt_time=timezone.now())
    failure = AccessFailureLog.objects.create(
        username="senco", ip_address="203.0.113.7", attempt_time=timezone.now()
    )
    return {SignInLog: log, AccessFailureLog: failure}


@pytest.mark.parametrize("model", [SignInLog, AccessFailureLog], ids=lambda m: m.__name__)
def test_the_sign_in_logs_are_read_only_in_the_admin(model, cast, client):
    row = _sign_in_rows()[model]
    client.force_login(cast.user(Role.ADMIN))
    meta = model._meta
    changelist = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert changelist.status_code == 200  # administrators can read them
    form = changelist.context["action_form"]  # None when no action is offered at all
    assert form is None or "delete_selected" not in dict(form.fields["action"].choices)
    delete = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk])
    client.post(change, {"username": "someone-else", "ip_address": "192.0.2.1"})
    row.refresh_from_db()
    assert row.username == "senco"
    assert not client.get(change).context["has_change_permission"]


def test_an_administrator_can_still_lift_a_lockout_in_the_admin(cast, client):
    """The lockout itself (AccessAttempt) is not a log: deleting it is the reset."""
    attempt = AccessAttempt.objects.create(
        username="senco", ip_address="203.0.113.7", failures_since_start=5, attempt_time=timezone.now()
    )
    client.force_login(cast.user(Role.ADMIN))
    client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert not AccessAttempt.objects.exists()


# Writing the log or history outside the audit app: AccessLog rows are made only by
# audit.services; historical rows only by simple-history itself.
WRITES = re.compile(
    r"AccessLog\.objects\.(create|update|bulk_create|bulk_update|get_or_create|update_or_create)\b"
    r"|AccessLog\("
    r"|\bHistorical\w+\.objects\.(create|update|bulk_create|filter|all)\b"
    r"|\.history\.[^\n]*\.(delete|update)\("
    r"|AccessLog[^\n]*\.delete\("
    r"|_raw_delete"
)
# The demo's reset removes a whole demo school, its log with it (sendco demo --reset).
EXEMPT = {"demo"}


def test_no_view_or_api_module_writes_the_log_or_history():
    offenders = []
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).parts
        if parts[0] in {"audit", *EXEMPT} or "migrations" in parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if WRITES.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert not offenders, offenders

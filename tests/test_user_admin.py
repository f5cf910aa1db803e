"""Users leave by deactivation, never deletion, so that the access log and history keep who
did what (issue 20 item 5)."""

import pytest
from django.contrib.admin.models import LogEntry
from django.db.models import ProtectedError
from django.urls import reverse

from sendco.accounts.models import Membership
from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.audit.services import log_access

from . import factories as f


def test_a_user_with_access_log_rows_cannot_be_deleted(cast):
    teacher = cast.user(Role.TEACHER)
    log_access(user=teacher, action=AccessLog.Action.VIEW, pupil=cast.pupil)
    with pytest.raises(ProtectedError):
        teacher.delete()
    assert AccessLog.objects.get().user == teacher


def test_the_log_row_keeps_who_it_was_in_words(cast):
    teacher = cast.user(Role.TEACHER)
    row = log_access(user=teacher, action=AccessLog.Action.VIEW, pupil=cast.pupil)
    assert row.actor_label == "teacher (Teacher Tester)"
    assert AccessLog.objects.get(pk=row.pk).actor_label == "teacher (Teacher Tester)"
    assert log_access(user=None, action=AccessLog.Action.VIEW, pupil=cast.pupil).actor_label == ""


def test_the_admin_offers_no_delete_for_a_user_with_history(cast, client):
    client.force_login(cast.user(Role.ADMIN))
    teacher = cast.user(Role.TEACHER)
    log_access(user=teacher, action=AccessLog.Action.VIEW, pupil=cast.pupil)
    assert client.get(reverse("admin:accounts_user_delete", args=[teacher.pk])).status_code == 403
    changelist = client.get(reverse("admin:accounts_user_changelist"))
    actions = dict(changelist.context["action_form"].fields["action"].choices)
    assert "delete_selected" not in actions and "deactivate" in actions
    # someone who never signed in, holds no role and did nothing can still be removed
    mistake = f.UserFactory(username="typo")
    assert client.get(reverse("admin:accounts_user_delete", args=[mistake.pk])).status_code == 200


def test_a_user_with_a_role_history_cannot_be_deleted_in_the_admin(cast, client):
    client.force_login(cast.user(Role.ADMIN))
    newcomer = f.UserFactory(username="newcomer")
    Membership.objects.create(user=newcomer, role=Role.TEACHER, school=cast.school).delete()
    assert client.get(reverse("admin:accounts_user_delete", args=[newcomer.pk])).status_code == 403


def test_deactivating_in_the_admin_ends_their_roles_with_who_did_it(cast, client):
    admin = cast.user(Role.ADMIN)
    client.force_login(admin)
    ta = cast.user(Role.TA)
    response = client.post(
        reverse("admin:accounts_user_changelist"), {"action": "deactivate", "_selected_action": [ta.pk]}
    )
    assert response.status_code == 302
    ta.refresh_from_db()
    assert not ta.is_active
    membership = Membership.objects.get(user=ta)
    assert not membership.active
    latest = membership.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (admin, "User deactivated")
    assert LogEntry.objects.filter(object_id=str(ta.pk), change_message__icontains="deactivated").exists()


def test_is_active_is_not_edited_on_the_form(cast, client):
    """Deactivation goes through the audited action, so the form does not offer the tick box."""
    client.force_login(cast.user(Role.ADMIN))
    page = client.get(reverse("admin:accounts_user_change", args=[cast.user(Role.TA).pk]))
    assert 'name="is_active"' not in page.content.decode()

"""`sendco reminders`: a daily digest per responsible person, never twice the same day."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from sendco.accounts.roles import Role
from sendco.statutory import services
from sendco.statutory.models import EhcPlan, ReminderDigest

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(cast):
    for role in (Role.SENCO, Role.ASSISTANT_SENCO):
        user = cast.user(role)
        user.email = f"{role.value}@example.org"
        user.save()
    return EhcPlan.objects.create(
        pupil=cast.pupil,
        school=cast.school,
        la_name="Leeds",
        issued_on=timezone.localdate() - dt.timedelta(days=400),
    )


def test_digest_lists_overdue_with_rule(cast, overdue):
    sent = services.send_reminders()
    assert sent == 2
    message = next(m for m in mail.outbox if m.to == ["senco@example.org"])
    assert "1 overdue" in message.subject
    assert cast.pupil.full_name in message.body and "Children and Families Act 2014 s44(1)" in message.body


def test_running_twice_the_same_day_sends_nothing_more(cast, overdue):
    services.send_reminders()
    services.send_reminders()
    assert len(mail.outbox) == 2
    assert ReminderDigest.objects.count() == 2


def test_next_day_sends_again(cast, overdue):
    services.send_reminders()
    services.send_reminders(today=timezone.localdate() + dt.timedelta(days=1))
    assert len(mail.outbox) == 4


def test_nothing_due_sends_nothing(cast):
    assert services.send_reminders() == 0 and not mail.outbox


def test_cli_subcommand(cast, overdue, capsys):
    from sendco.cli import main

    assert main(["reminders"]) == 0
    assert "2 reminder digest(s) sent." in capsys.readouterr().out

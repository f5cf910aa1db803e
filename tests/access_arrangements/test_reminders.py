"""Access-arrangement rows in the daily reminder digest (core.reminders registry): expired
approvals, approvals that will not last the next series, and an application deadline close
with candidates not yet applied for; still one digest per person per day."""

import datetime as dt

import pytest
from django.core import mail

from sendco.access_arrangements.models import Arrangement, ExamSeries
from sendco.access_arrangements.reminders import access_arrangement_reminders
from sendco.accounts.roles import Role
from sendco.core import reminders as core_reminders
from sendco.statutory import services
from sendco.statutory.models import EhcPlan, ReminderDigest

from .. import factories as f

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 2, 10)


@pytest.fixture
def team(cast):
    for role in (Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD):
        user = cast.user(role)
        user.email = f"{role.value}@example.org"
        user.save()
    ExamSeries.objects.create(
        school=cast.school,
        name="Summer 2027",
        first_exam_on=dt.date(2027, 5, 10),
        last_exam_on=dt.date(2027, 6, 23),
        application_deadline=dt.date(2027, 2, 21),
    )
    return cast


def _arrangement(pupil, **kw):
    kw.setdefault("kind", "extra_time_25")
    kw.setdefault("status", "approved")
    return Arrangement.objects.create(pupil=pupil, school=pupil.school, **kw)


def test_expired_and_expiring_approvals_reach_the_sen_team(team):
    second = f.PupilFactory(school=team.school, nc_year=11)
    _arrangement(team.pupil, expires_on=dt.date(2027, 1, 31), approval_reference="AAO-EXPIRED1")
    _arrangement(second, kind="reader", expires_on=dt.date(2027, 6, 1))
    _arrangement(second, expires_on=dt.date(2028, 6, 1))  # lasts the series: no row
    _arrangement(second, kind="rest_breaks", status="expired", expires_on=dt.date(2026, 1, 1))  # ended

    assert services.send_reminders(today=TODAY) == 2  # SENCO and assistant SENCO, not the head
    message = next(m for m in mail.outbox if m.to == ["senco@example.org"])
    assert message.subject == "sendco: 1 overdue, 1 due this week (exam access arrangements)"
    body = message.body
    assert "Exam access arrangements (10 February 2027):" in body
    assert f"{team.pupil.full_name}: Approval expired: 25% extra time - OVERDUE, 31 January 2027" in body
    assert "Approval AAO-EXPIRED1. Reapply" in body
    assert (
        f"{second.full_name}: Approval expires before Summer 2027 ends: Reader - THIS WEEK, 1 June 2027"
        in body
    )
    assert "Reapply by the application deadline, 21 February 2027." in body
    assert "EHC deadlines need your attention" not in body
    assert ReminderDigest.objects.get(user=team.user(Role.SENCO), sent_on=TODAY).deadlines == 2


def test_deadline_within_14_days_lists_candidates_not_yet_applied(team):
    _arrangement(team.pupil, status="evidence")
    _arrangement(team.pupil, kind="scribe", status="proposed")  # the same candidate once
    delegated = f.PupilFactory(school=team.school, nc_year=10)
    _arrangement(delegated, kind="word_processor", status="proposed")  # no online application
    rows = access_arrangement_reminders(team.user(Role.SENCO), TODAY)
    assert [(r.label, r.pupil_name, r.due, r.bucket) for r in rows] == [
        (
            "Summer 2027: application deadline, 1 candidate(s) not yet applied for",
            team.pupil.full_name,
            dt.date(2027, 2, 21),
            "this_week",
        )
    ]
    # Fifteen days before the deadline there is nothing yet.
    assert access_arrangement_reminders(team.user(Role.SENCO), dt.date(2027, 2, 6)) == []
    services.send_reminders(today=TODAY)
    assert "not yet applied for" in mail.outbox[0].body


def test_other_roles_and_other_schools_get_nothing(team):
    _arrangement(team.other_pupil, expires_on=dt.date(2027, 1, 1))
    assert access_arrangement_reminders(team.user(Role.SENCO), TODAY) == []
    assert access_arrangement_reminders(team.user(Role.EXAMS_OFFICER), TODAY) == []
    assert access_arrangement_reminders(team.user(Role.HEAD), TODAY) == []
    assert access_arrangement_reminders(team.other_senco, TODAY)[0].bucket == "overdue"


def test_ehc_and_access_arrangement_rows_share_one_digest_a_day(team):
    EhcPlan.objects.create(
        pupil=team.pupil, school=team.school, la_name="Leeds", issued_on=TODAY - dt.timedelta(days=400)
    )
    _arrangement(team.pupil, expires_on=dt.date(2027, 1, 31))
    assert services.send_reminders(today=TODAY) == 2
    assert services.send_reminders(today=TODAY) == 0
    assert len(mail.outbox) == 2
    message = next(m for m in mail.outbox if m.to == ["senco@example.org"])
    assert message.subject == "sendco: 2 overdue, 0 due this week (EHC deadlines, exam access arrangements)"
    assert "Children and Families Act 2014 s44(1)" in message.body
    assert "Approval expired: 25% extra time" in message.body


def test_registry_registers_once_and_checks_buckets():
    before = list(core_reminders.REMINDER_SOURCES)
    core_reminders.add_reminder_source(access_arrangement_reminders, title="Exam access arrangements")
    assert core_reminders.REMINDER_SOURCES == before
    assert [s.title for s in before].count("Exam access arrangements") == 1
    with pytest.raises(ValueError, match="bucket"):
        core_reminders.ReminderRow(label="x", due=TODAY, bucket="later")

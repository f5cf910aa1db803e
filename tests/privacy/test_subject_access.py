import datetime as dt

from sendco.accounts.roles import Role
from sendco.core.access import policy
from sendco.privacy.models import SubjectAccessRequest


def test_request_due_one_calendar_month_after_receipt(cast):
    sar = SubjectAccessRequest.objects.create(
        pupil=cast.pupil, received_on=dt.date(2026, 1, 31), requested_by="The pupil"
    )
    assert sar.school_id == cast.pupil.school_id
    assert sar.due_on == dt.date(2026, 2, 28)
    sar.extended = True
    assert sar.due_on == dt.date(2026, 4, 30)


def test_only_the_senco_manages_retention_and_subject_access(cast):
    assert policy.can(cast.user(Role.SENCO), "privacy.manage", cast.pupil)
    for role in (Role.TEACHER, Role.ASSISTANT_SENCO, Role.HEAD, Role.PARENT, Role.GOVERNOR):
        assert not policy.can(cast.user(role), "privacy.manage", cast.pupil)
    assert not policy.can(cast.other_senco, "privacy.manage", cast.pupil)

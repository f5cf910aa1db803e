"""The demo gives the SENCO a realistic queue, the teacher their own concerns, the TA a request,
and SEN pupils a chronology at every confidentiality level, all deterministic."""

import pytest

from sendco.chronology.models import ChronologyEntry
from sendco.concerns.models import Concern, InputRequest
from sendco.core.access import policy
from sendco.demo.generator import build_demo


@pytest.fixture
def small(db):
    return build_demo(size="small")


def test_demo_concerns_and_chronology(small):
    from sendco.accounts.models import User

    teacher, ta = User.objects.get(username="teacher"), User.objects.get(username="ta")
    statuses = set(Concern.objects.values_list("status", flat=True))
    assert statuses == {"new", "awaiting_input", "awaiting_decision", "decided"}
    assert Concern.objects.filter(raised_by=teacher).count() >= 2
    assert InputRequest.objects.filter(
        requested_from=ta, responded_at__isnull=True, pupil__in=policy.pupils(ta)
    ).exists()
    assert all(c.categories.exists() for c in Concern.objects.all())
    levels = set(ChronologyEntry.objects.values_list("confidentiality", flat=True))
    assert levels == {"senco", "sen_team", "staff", "parents"}
    assert ChronologyEntry.history.count() == ChronologyEntry.objects.count()
    pupils = set(ChronologyEntry.objects.values_list("pupil__sen_status", flat=True))
    assert pupils <= {"K", "E"}

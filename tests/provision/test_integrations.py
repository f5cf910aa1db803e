"""The provision map's section of a request for an EHC needs assessment."""

from datetime import date

from sendco.accounts.roles import Role
from sendco.provision import services
from sendco.provision.integrations import provision_so_far
from sendco.provision.models import Measure
from sendco.statutory.request_document import document

from .fixtures import SECRET_RATE, add_scores, provision_setup


def test_request_lists_the_provision_without_money(cast):
    made = provision_setup(cast)
    place = made["members"]["linked"]
    add_scores(place, 82, entry_on=date(2026, 9, 8))
    second = Measure.objects.create(
        school=cast.school, group=place.group, kind="age_months", name="Spelling age", position=2
    )
    add_scores(place, 90, 97, measure=second)
    services.record_session(
        actor=cast.user(Role.SENCO), group=made["linked"], day=date(2026, 11, 3), held=True, present=[]
    )
    text = provision_so_far(cast.pupil, None)
    assert "- Toe by Toe: Tuesday, Thursday, 30 minutes, 1:1, led by a teaching assistant" in text
    assert "from 07/09/2026 onwards; attended 0% of sessions" in text
    assert (
        "Standardised score: 82 on entry, not yet measured at exit; Spelling age: 90 on entry, 97 at exit."
        in text
    )
    assert text.startswith("Additional provision from 01/09/2026 (1 hour a week now):")
    assert "£" in text and "6,000" in text  # the pointer to the costed PDF, not a cost
    assert str(SECRET_RATE) not in text and "14.67" not in text
    parts = {p["key"]: p for p in document(cast.pupil, type("R", (), {"document": {}})())}
    assert parts["provision_costs"]["title"] == "Provision so far"
    assert "Toe by Toe" in parts["provision_costs"]["text"]


def test_request_says_when_there_is_no_provision(cast):
    assert "No additional provision" in provision_so_far(cast.pupil, None)

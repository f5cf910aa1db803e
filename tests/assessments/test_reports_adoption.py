"""A recommendation made a plan target (plans) or provision (provision map), end to end: the
target or place and the recommendation's status are saved together."""

import pytest
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.assessments.models import Recommendation
from sendco.plans.models import Target
from sendco.provision.models import GroupMember
from tests.assessments.report_helpers import upload
from tests.plans.conftest import make_plan, target_data
from tests.provision.fixtures import make_group

pytestmark = pytest.mark.django_db


def _item(cast):
    return upload(cast).recommendations.order_by("pk").first()


def test_a_recommendation_becomes_a_target_of_the_current_cycle(cast, client):
    senco = cast.user(Role.SENCO)
    cycle = make_plan(cast.pupil, senco, targets=1)
    item = _item(cast)
    client.force_login(senco)
    url = reverse("plans-target-from-recommendation", args=[cast.pupil.pk, item.pk])
    page = client.get(url).content.decode()
    assert "Pre-teach key vocabulary before each topic" in page and "SMART" in page
    smart = target_data(description="Use 5 pre-taught topic words correctly in a paragraph")
    response = client.post(url, smart)
    assert response.status_code == 302 and response["Location"] == reverse(
        "report-detail", args=[item.report_id]
    )
    target = Target.objects.get(cycle=cycle, description__startswith="Use 5 pre-taught")
    item.refresh_from_db()
    assert item.status == Recommendation.Status.TARGET
    assert item.action_label == f"Target in plan cycle {cycle.number}"
    assert item.action_url == reverse("plans-cycle", args=[cast.pupil.pk, cycle.pk])
    assert target.pupil_id == cast.pupil.pk
    detail = client.get(response["Location"]).content.decode()
    assert f"Target in plan cycle {cycle.number}" in detail
    # Adopted once: the page now sends the SENCO back to the report.
    assert client.get(url).status_code == 302


def test_a_target_that_does_not_save_leaves_the_recommendation_open(cast, client):
    senco = cast.user(Role.SENCO)
    make_plan(cast.pupil, senco, targets=0)
    item = _item(cast)
    client.force_login(senco)
    url = reverse("plans-target-from-recommendation", args=[cast.pupil.pk, item.pk])
    response = client.post(url, target_data(measure="", description=""))
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == Recommendation.Status.OPEN and not Target.objects.exists()


def test_without_an_open_plan_the_page_says_start_one(cast, client):
    item = _item(cast)
    client.force_login(cast.user(Role.SENCO))
    page = client.get(reverse("plans-target-from-recommendation", args=[cast.pupil.pk, item.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "has no current support plan" in text
    assert reverse("plans-plan-start", args=[cast.pupil.pk]) in text


def test_the_recommendation_must_be_the_pupils(cast, client):
    item = _item(cast)
    client.force_login(cast.user(Role.SENCO))
    wrong = reverse("plans-target-from-recommendation", args=[cast.unlinked.pk, item.pk])
    assert client.get(wrong).status_code == 404
    wrong = reverse("provision-from-recommendation", args=[cast.unlinked.pk, item.pk])
    assert client.get(wrong).status_code == 404


def test_a_recommendation_becomes_a_place_in_a_group(cast, client):
    group = make_group(cast.school, name="Vocabulary group")
    make_group(cast.other, name="Elsewhere")
    item = _item(cast)
    client.force_login(cast.user(Role.SENCO))
    url = reverse("provision-from-recommendation", args=[cast.pupil.pk, item.pk])
    page = client.get(url).content.decode()
    assert "Vocabulary group" in page and "Elsewhere" not in page
    response = client.post(url, {"group": group.pk, "joined": cast.pupil.admission_date.isoformat()})
    # A joining date outside the group's dates is the provision map's own refusal.
    if response.status_code == 200:
        assert "Joining date must be within" in response.content.decode()
        response = client.post(
            url, {"group": group.pk, "joined": group.start_date.isoformat(), "reason": "EP"}
        )
    assert response.status_code == 302
    place = GroupMember.objects.get(group=group, pupil=cast.pupil)
    assert place.reason == "EP"
    item.refresh_from_db()
    assert (
        item.status == Recommendation.Status.PROVISION and item.action_label == "Provision: Vocabulary group"
    )
    assert item.action_url == reverse("provision-group", args=[group.pk])


def test_a_place_the_pupil_already_has_is_refused_and_the_recommendation_stays_open(cast, client):
    group = make_group(cast.school, [cast.pupil], name="Vocabulary group")
    item = _item(cast)
    client.force_login(cast.user(Role.SENCO))
    url = reverse("provision-from-recommendation", args=[cast.pupil.pk, item.pk])
    response = client.post(url, {"group": group.pk, "joined": group.start_date.isoformat()})
    assert response.status_code == 200 and "already has a place" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Recommendation.Status.OPEN

"""The EHC tab of a pupil: deadlines with their rules, logged views, least privilege."""

import pytest
from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog

pytestmark = pytest.mark.django_db


def test_tab_shows_each_deadline_with_its_citation(senco_client, cast, records):
    response = senco_client.get(reverse("statutory-pupil", args=[cast.pupil.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Annual review of the EHC plan" in body
    assert "Children and Families Act 2014 s44(1)" in body
    assert "SEND Regs 2014 reg 13(2)" in body  # the final plan's 20 weeks, met
    assert AccessLog.objects.filter(pupil=cast.pupil, action="view", what__icontains="EHC").exists()


def test_parent_sees_their_childs_plan_but_cannot_change_it(client, cast, records):
    client.force_login(cast.user(Role.PARENT))
    body = client.get(reverse("statutory-pupil", args=[cast.pupil.pk])).content.decode()
    assert "EHC plan from Leeds" in body
    assert "Record a request for an EHC needs assessment" not in body


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.EXAMS_OFFICER, Role.GOVERNOR, Role.TRUST_OFFICER])
def test_roles_without_plan_access_get_404(client, cast, records, role):
    client.force_login(cast.user(role))
    assert client.get(reverse("statutory-pupil", args=[cast.pupil.pk])).status_code == 404


def test_tab_appears_on_the_pupil_page(senco_client, cast, records):
    body = senco_client.get(reverse("pupil-detail", args=[cast.pupil.pk])).content.decode()
    assert reverse("statutory-pupil", args=[cast.pupil.pk]) in body


def test_ceased_plan_explains_why_its_deadlines_stopped(senco_client, cast, records):
    plan = records["plan"]
    plan.ceased_on = plan.issued_on.replace(year=plan.issued_on.year + 1)
    plan.ceased_reason = "Moved to another LA"
    plan.save()
    body = senco_client.get(reverse("statutory-plan", args=[cast.pupil.pk, plan.pk])).content.decode()
    assert "Stopped" in body
    assert "The plan ceased on 10 March 2026: Moved to another LA" in body


def test_pupil_who_left_shows_why(senco_client, cast, records):
    cast.pupil.leaving_date = records["plan"].issued_on.replace(year=2026, month=7, day=20)
    cast.pupil.save()
    body = senco_client.get(
        reverse("statutory-plan", args=[cast.pupil.pk, records["plan"].pk])
    ).content.decode()
    assert "The pupil left the school on 20 July 2026" in body

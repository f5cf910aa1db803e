"""The audit tab still answers when a record its history points at has been deleted (history
keeps the id of an EHC plan whose outcomes, provision and reviews went with it)."""

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.statutory.models import EhcPlan
from tests.statutory_records import make_records


def test_audit_tab_shows_the_history_of_a_deleted_ehc_plan(cast, client):
    make_records(cast.pupil)
    plan = EhcPlan.objects.get(pupil=cast.pupil)
    plan_id = plan.pk
    plan.delete()
    client.force_login(cast.user(Role.SENCO))
    response = client.get(reverse("pupil-audit", args=[cast.pupil.pk]))
    assert response.status_code == 200
    assert "Likes trains." in response.content.decode()  # the deleted plan's section A, from history
    assert str(plan_id) in response.content.decode()  # its outcomes name the plan by id

"""A visiting professional reads a pupil's plan and passport only while their grant allows
reading plans: a live grant alone opens the pupil's overview, not the plan."""

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.core.access import policy
from sendco.core.models import AccessGrant


def _allow(cast, allowed: bool) -> None:
    AccessGrant.objects.filter(user=cast.user(Role.PROFESSIONAL), pupil=cast.pupil).update(
        can_read_plans=allowed
    )


def test_a_grant_without_the_flag_shows_the_pupil_but_not_the_plan(cast, client):
    professional = cast.user(Role.PROFESSIONAL)
    _allow(cast, False)
    client.force_login(professional)
    assert client.get(reverse("pupil-detail", args=[cast.pupil.pk])).status_code == 200
    assert not policy.can(professional, "plans.view", cast.pupil)
    assert client.get(reverse("plans-plan", args=[cast.pupil.pk])).status_code == 404
    assert client.get(reverse("plans-passport", args=[cast.pupil.pk])).status_code == 404


def test_with_the_flag_the_professional_reads_the_plan(cast, client):
    professional = cast.user(Role.PROFESSIONAL)
    _allow(cast, True)
    client.force_login(professional)
    assert policy.can(professional, "plans.view", cast.pupil)
    assert client.get(reverse("plans-passport", args=[cast.pupil.pk])).status_code == 200
    # The flag reads plans of the granted pupil only.
    assert not policy.can(professional, "plans.view", cast.unlinked)


def test_the_flag_does_nothing_once_the_grant_is_revoked(cast):
    professional = cast.user(Role.PROFESSIONAL)
    _allow(cast, True)
    AccessGrant.objects.filter(user=professional, pupil=cast.pupil).update(revoked_at="2026-01-01T00:00Z")
    assert not policy.can(professional, "plans.view", cast.pupil)

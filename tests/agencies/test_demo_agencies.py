"""The agencies demo: a directory per school, referrals that need chasing, reports with
recommendations, and a professional who sees only the pupils granted on consent."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from sendco.accounts.models import User
from sendco.agencies import selectors_directory, selectors_referrals
from sendco.agencies.models import Agency, AgencyProfessional, AgencyPurchase, Consent, Referral, Visit
from sendco.assessments.models import Recommendation
from sendco.core.access import live_grants, policy
from sendco.core.models import AccessGrant
from sendco.demo.generator import build_demo
from sendco.domain import referrals as rules_


@pytest.fixture
def demo(db):
    return build_demo(size="small", history=False)


def test_the_directory_has_shared_and_school_entries_and_traded_time(demo):
    school = demo.schools[0]
    shared = Agency.objects.filter(organisation=demo.organisation)
    kinds = set(shared.values_list("kind", flat=True))
    assert {"ep", "salt", "ot", "camhs", "hearing", "vision", "specialist_teacher", "early_help",
            "school_nurse", "voluntary"} <= kinds  # fmt: skip
    ep = shared.get(kind="ep")
    assert ep.traded and ep.day_rate == Decimal("600.00")
    assert ep.local_offer_url.startswith("https://www.example-la.gov.uk/localoffer")
    assert Agency.objects.filter(school=school).count() == 2
    year = selectors_directory.current_year()
    bought = AgencyPurchase.objects.get(school=school, agency=ep, year_start=year)
    assert bought.days_bought == 6
    used = selectors_directory.days_used(school, ep, year)
    assert Decimal(0) < used < 6
    now = timezone.now()
    visits = Visit.objects.filter(school=school, cancelled=False)
    assert visits.filter(starts_at__lt=now, days_used__isnull=False).exists()
    assert visits.filter(starts_at__gte=now).exists()
    assert Visit.objects.filter(school=school, cancelled=True).count() == 1


def test_referrals_in_varied_statuses_with_consent_and_some_overdue(demo):
    referrals = Referral.objects.filter(school=demo.schools[0])
    assert 15 <= referrals.count() <= 25
    statuses = set(referrals.values_list("status", flat=True))
    assert statuses == set(rules_.STATUSES)
    assert not referrals.filter(consent__isnull=True).exists()
    assert referrals.filter(consent__withdrawn_on__isnull=False).count() == 1
    senco = User.objects.get(username="senco")
    overdue = selectors_referrals.overdue_for(senco, timezone.localdate())
    codes = {f.code for row in overdue for f in row.flags}
    assert {"no_response", "wait_exceeded", "appointment_passed", "report_awaited"} <= codes
    # Every referral's history starts with its sending (or its draft).
    for referral in referrals.prefetch_related("events"):
        assert referral.events.first().status in (rules_.SENT, rules_.DRAFT)


def test_reports_came_back_with_recommendations_linked_to_the_referral(demo):
    with_report = Referral.objects.filter(school=demo.schools[0], report__isnull=False)
    assert with_report.count() >= 3
    for referral in with_report.select_related("report"):
        assert referral.report.pupil_id == referral.pupil_id
        assert Recommendation.objects.filter(report=referral.report).count() >= 3
        assert referral.report.received_on >= referral.report.written_on


def test_the_professional_sees_only_the_pupils_granted_on_consent(demo):
    professional = User.objects.get(username="professional")
    link = AgencyProfessional.objects.get(user=professional)
    assert link.agency.kind == "ep"
    grants = live_grants(timezone.localdate()).filter(user=professional)
    assert 2 <= grants.count() <= 3
    granted = {g.pupil_id for g in grants}
    assert set(policy.pupils(professional).values_list("pk", flat=True)) == granted
    for grant in grants:
        assert Consent.objects.filter(
            pupil_id=grant.pupil_id, purpose="professional_access", agency=link.agency, withdrawn_on=None
        ).exists()
        assert grant.consent_given_by and grant.expires_on <= timezone.localdate() + dt.timedelta(days=180)
    assert AccessGrant.objects.filter(user=professional).count() == grants.count()


def test_deleting_the_demo_removes_the_trust_directory_too(demo):
    from sendco.demo import generator

    generator.delete_demo()
    assert not Agency.objects.exists() and not Agency.history.exists()
    assert not Referral.objects.exists() and not AgencyProfessional.objects.exists()

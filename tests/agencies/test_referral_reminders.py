"""The SEN team's home panel of referrals to chase and the reminder email's "Referrals" rows."""

import pytest

from sendco.accounts.roles import Role
from sendco.agencies import selectors_dashboard as dash
from sendco.core.home_panels import HOME_PANELS
from sendco.core.reminders import REMINDER_SOURCES, collect

from .referral_helpers import agency, consent, days_ago, referral, today


@pytest.fixture
def ep(cast):
    return agency(cast.school, wait=20)


def test_registered_once_by_setup_dashboards():
    assert [s.title for s in REMINDER_SOURCES if s.fn is dash.referral_reminders] == ["Referrals"]
    assert [p.template for p in HOME_PANELS if p.context is dash.home_panel] == ["agencies/_home_panel.html"]


def test_home_panel_lists_overdue_referrals_with_links(cast, client, ep):
    late = referral(cast.pupil, ep, consent(cast.pupil, ep), sent_days_ago=40)
    referral(cast.unlinked, ep, consent(cast.unlinked, ep), sent_days_ago=2)  # not yet due
    client.force_login(cast.user(Role.SENCO))
    html = client.get("/").content.decode()
    assert "Referrals to chase" in html
    assert f'href="/pupils/{cast.pupil.pk}/referrals/"' in html
    assert "No response from the service" in html
    panel = dash.home_panel(cast.user(Role.ASSISTANT_SENCO))
    assert panel["count"] == 1 and panel["rows"][0][0].referral == late


def test_home_panel_hidden_when_nothing_overdue_or_not_sen_team(cast, ep):
    referral(cast.pupil, ep, consent(cast.pupil, ep), sent_days_ago=2)
    assert dash.home_panel(cast.user(Role.SENCO)) is None
    referral(cast.pupil, ep, consent(cast.pupil, ep), sent_days_ago=40)
    for role in (Role.HEAD, Role.TEACHER, Role.TRUST_OFFICER, Role.PARENT):
        assert dash.home_panel(cast.user(role)) is None


def test_reminder_rows_for_the_sen_team(cast, ep):
    referral(cast.pupil, ep, consent(cast.pupil, ep), sent_days_ago=35)
    withdrawn = consent(cast.unlinked, ep, withdrawn_on=days_ago(3), withdrawn_by="Sam Parent")
    referral(cast.unlinked, ep, withdrawn, sent_days_ago=5)
    rows = [r for r in collect(cast.user(Role.SENCO), today()) if r.source == "Referrals"]
    by_pupil = {r.pupil_name: r for r in rows}
    late = by_pupil[cast.pupil.full_name]
    assert late.bucket == "overdue" and late.due == days_ago(15)
    assert late.label == f"Referral to {ep.name}: sent" and "No response" in late.detail
    assert by_pupil[cast.unlinked.full_name].due == days_ago(3)
    assert "Consent withdrawn" in by_pupil[cast.unlinked.full_name].detail
    assert dash.referral_reminders(cast.user(Role.TEACHER), today()) == []
    assert dash.referral_reminders(cast.other_senco, today()) == []

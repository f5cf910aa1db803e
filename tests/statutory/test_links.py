"""Links between the EHC plan, the SEN support plan and the provision map."""

import datetime as dt

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.plans.forms import TargetForm
from sendco.plans.models import Plan, PlanCycle, Target
from sendco.provision.models import GroupMember, Provision, ProvisionGroup
from sendco.statutory.forms import ProvisionForm
from sendco.statutory.models import EhcPlan, PlanOutcome, ProvisionItem


def _group(school, pupil, name, section_f=False):
    provision = Provision.objects.create(school=school, name=f"{name} programme")
    group = ProvisionGroup.objects.create(
        school=school,
        provision=provision,
        name=name,
        weekdays="0",
        minutes_per_session=30,
        start_date=dt.date(2025, 9, 1),
        end_date=dt.date(2026, 7, 17),
        is_section_f=section_f,
        promised_hours_per_week=5 if section_f else None,
    )
    if pupil is not None:
        GroupMember.objects.create(school=school, group=group, pupil=pupil, joined=dt.date(2025, 9, 1))
    return group


def _ehc_plan(pupil):
    return EhcPlan.objects.create(
        pupil=pupil, school=pupil.school, la_name="Northfield Council", issued_on=dt.date(2025, 3, 1)
    )


def _cycle(pupil):
    plan = Plan.objects.create(pupil=pupil, school=pupil.school)
    return PlanCycle.objects.create(
        plan=plan,
        pupil=pupil,
        school=pupil.school,
        number=1,
        start_date=dt.date(2025, 9, 8),
        review_date=dt.date(2025, 12, 12),
    )


def test_section_f_item_links_only_to_the_pupils_groups(cast):
    mine = _group(cast.school, cast.pupil, "1:1 TA support", section_f=True)
    other = _group(cast.school, cast.unlinked, "Lexia")
    plan = _ehc_plan(cast.pupil)
    form = ProvisionForm(plan=plan)
    assert list(form.fields["provision_group"].queryset) == [mine]
    data = {
        "what": "1:1 TA",
        "frequency": "daily",
        "duration": "1 hour",
        "group_size": "1:1",
        "delivered_by": "TA",
        "order": 0,
        "provision_group": other.pk,
    }
    bad = ProvisionForm(
        data, plan=plan, instance=ProvisionItem(plan=plan, pupil=cast.pupil, school=cast.school)
    )
    assert not bad.is_valid() and "provision_group" in bad.errors


def test_target_links_to_outcome_and_group_and_shows_on_ehc_page(cast, client):
    group = _group(cast.school, cast.pupil, "Talk Boost")
    plan = _ehc_plan(cast.pupil)
    outcome = PlanOutcome.objects.create(
        plan=plan, pupil=cast.pupil, school=cast.school, outcome="Speak in class"
    )
    other_outcome = PlanOutcome.objects.create(
        plan=_ehc_plan(cast.other_pupil), pupil=cast.other_pupil, school=cast.other, outcome="Not mine"
    )
    cycle = _cycle(cast.pupil)
    form = TargetForm(cycle=cycle)
    assert list(form.fields["ehc_outcome"].queryset) == [outcome]
    assert other_outcome not in form.fields["ehc_outcome"].queryset
    assert list(form.fields["provision_group"].queryset) == [group]
    Target.objects.create(
        cycle=cycle,
        pupil=cast.pupil,
        school=cast.school,
        area="CI",
        description="Answer a question in a group of four",
        measure="Observation",
        due_date=dt.date(2025, 12, 1),
        ehc_outcome=outcome,
        provision_group=group,
    )
    ProvisionItem.objects.create(
        plan=plan,
        pupil=cast.pupil,
        school=cast.school,
        what="Talk Boost",
        frequency="3 times a week",
        duration="30 minutes",
        group_size="up to 4",
        delivered_by="TA",
        provision_group=group,
    )
    client.force_login(cast.user(Role.SENCO))
    page = client.get(reverse("statutory-plan", args=[cast.pupil.pk, plan.pk])).content.decode()
    assert "Answer a question in a group of four" in page and "Provision map: Talk Boost" in page


def test_la_working_days_skip_bank_holidays(cast):
    from sendco.statutory.models import LaSetting
    from sendco.statutory.selectors import la_paperwork_by_school

    LaSetting.objects.create(
        school=cast.school, la_name="Northfield Council", review_paperwork_working_days=10
    )
    rule = la_paperwork_by_school([cast.school.pk])[cast.school.pk]["Northfield Council"]
    assert (
        dt.date(2026, 4, 3) in rule.holidays and dt.date(2026, 4, 6) in rule.holidays
    )  # Good Friday, Easter Monday
    from sendco.domain.deadlines import add_working_days

    # A meeting on Thursday 2 April 2026: 10 working days skip Easter's two bank holidays.
    assert add_working_days(dt.date(2026, 4, 2), 10, rule.holidays, rule.weekend) == dt.date(2026, 4, 20)

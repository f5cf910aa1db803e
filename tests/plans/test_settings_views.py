from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.plans.models import PlanCycle, PlanTemplate, Strategy

from .conftest import plan_data, target_data


def test_senco_loads_and_edits_the_strategy_bank(cast, client, senco):
    client.force_login(senco)
    client.post(reverse("plans-strategies"), {"school": cast.school.pk})
    body = client.get(reverse("plans-strategies")).content.decode()
    for area in (
        "Cognition and learning",
        "Communication and interaction",
        "Social, emotional and mental health",
        "Sensory and/or physical",
    ):
        assert area in body
    strategy = Strategy.objects.get(title="Visual timetable")
    client.post(
        reverse("plans-strategy-edit", args=[strategy.pk]),
        {"area": "CI", "title": "Visual timetable", "text": "<p>Now/next board<script>x</script></p>"},
    )
    strategy.refresh_from_db()
    assert strategy.text == "<p>Now/next board</p>" and not strategy.active
    add = client.post(reverse("plans-strategy-add"), {"area": "", "title": "", "text": ""})
    assert "There is a problem" in add.content.decode()


def test_template_changes_wording_and_fields_without_code(cast, client, senco):
    client.force_login(senco)
    client.post(
        reverse("plans-template-add"),
        {
            "name": "IEP",
            "is_default": "on",
            "document_title": "Individual education plan",
            "outcomes_heading": "Long-term outcomes",
            "targets_heading": "Short-term targets",
            "strategies_heading": "Teaching strategies",
            "parent_intro": "Hello family",
            "cycle_weeks": 10,
            "use_pupil_views": "on",
            "use_parent_views": "on",
        },
    )
    template = PlanTemplate.objects.get()
    assert template.cycle_weeks == 10 and not template.use_baseline
    client.post(reverse("plans-plan-start", args=[cast.pupil.pk]), plan_data() | {"template": template.pk})
    cycle = PlanCycle.objects.get()
    form = client.get(reverse("plans-target-add", args=[cast.pupil.pk, cycle.pk])).content.decode()
    assert 'name="baseline"' not in form and 'name="measure"' in form
    client.post(reverse("plans-target-add", args=[cast.pupil.pk, cycle.pk]), target_data())
    page = client.get(reverse("plans-plan", args=[cast.pupil.pk])).content.decode()
    assert "Individual education plan" in page and "Short-term targets" in page
    bad = client.post(
        reverse("plans-template-edit", args=[template.pk]),
        {
            "name": "IEP",
            "document_title": "x",
            "outcomes_heading": "x",
            "targets_heading": "x",
            "strategies_heading": "x",
            "cycle_weeks": 99,
        },
    ).content.decode()
    assert "Choose between 2 and 52 weeks." in bad
    template.refresh_from_db()
    assert template.cycle_weeks == 10


def test_teacher_cannot_open_settings(cast, client):
    client.force_login(cast.user(Role.TEACHER))
    assert client.get(reverse("plans-strategies")).status_code == 404
    assert client.get(reverse("plans-templates")).status_code == 404

"""The SENCO uploads a professional's PDF report with its recommendations, makes one a target
in the pupil's plan, and sees the target in the plan and the recommendation marked adopted."""

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.assessments.models import ProfessionalReport, Recommendation
from sendco.plans.models import Target
from tests.files import PDF
from tests.plans.conftest import make_plan, target_data

from .conftest import assert_accessible


def test_senco_uploads_a_report_and_turns_a_recommendation_into_a_target(
    cast, page, login, transactional_db, tmp_path
):
    senco = cast.user(Role.SENCO)
    cycle = make_plan(cast.pupil, senco, targets=1)
    report_file = tmp_path / "ep-report.pdf"
    report_file.write_bytes(PDF)
    login(senco)
    page.goto(reverse("report-upload", args=[cast.pupil.pk]))
    assert_accessible(page, "upload a report")
    page.get_by_role("button", name="Upload the report").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "upload a report with errors")
    page.get_by_label("Title").fill("Educational psychology report")
    page.get_by_label("Author", exact=True).fill("Dr Ruth Ellison")
    page.locator("[name=written_on]").fill(cycle.start_date.isoformat())
    page.locator("[name=received_on]").fill(cycle.start_date.isoformat())
    page.get_by_label("Recommendations").fill(
        "Pre-teach key vocabulary before each topic\nUse a visual timetable"
    )
    page.locator("input[type=file][name=file]").set_input_files(str(report_file))
    page.get_by_role("button", name="Upload the report").click()
    page.get_by_text("The report was uploaded.").wait_for()
    report = ProfessionalReport.objects.get()
    assert report.recommendations.count() == 2
    assert_accessible(page, "the report")

    page.get_by_role("link", name="Make a plan target from recommendation 1").click()
    assert_accessible(page, "target from a recommendation")
    data = target_data(description="Use 5 pre-taught topic words correctly in a paragraph")
    for name, value in data.items():
        field = page.locator(f"[name={name}]")
        if field.count() == 0:
            continue
        tag = field.first.evaluate("e => e.tagName.toLowerCase() + ':' + (e.type || '')")
        if tag.startswith("select"):
            field.first.select_option(value)
        elif field.first.is_visible():
            field.first.fill(value)
        else:  # a rich-text field's hidden input
            field.first.evaluate("(e, v) => { e.value = v; }", value)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**{reverse('report-detail', args=[report.pk])}")
    item = Recommendation.objects.filter(report=report).order_by("pk").first()
    assert item.status == Recommendation.Status.TARGET
    assert Target.objects.filter(cycle=cycle, description__startswith="Use 5 pre-taught").exists()
    assert f"Target in plan cycle {cycle.number}" in page.locator("main").inner_text()
    assert_accessible(page, "the report after adopting")
    page.goto(reverse("plans-cycle", args=[cast.pupil.pk, cycle.pk]))
    assert "Use 5 pre-taught topic words" in page.locator("main").inner_text()

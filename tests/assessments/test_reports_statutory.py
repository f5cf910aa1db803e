"""The EHC needs assessment request's "Assessments and advice from professionals" section is
built from the assessment records and professionals' reports, newest first."""

import datetime as dt

import pytest

from sendco.accounts.roles import Role
from sendco.assessments import services_reports
from sendco.statutory.request_assessments import NONE, assessments_section
from sendco.statutory.request_document import document
from tests.assessments.helpers import TODAY, record, score
from tests.assessments.report_helpers import upload

pytestmark = pytest.mark.django_db


class _Request:
    document: dict = {}


def test_no_records_says_so(cast):
    assert assessments_section(cast.pupil, _Request()) == NONE == "No assessments or reports recorded."


def test_assessments_and_reports_newest_first_with_what_was_done(cast):
    record(cast, taken_on=TODAY - dt.timedelta(days=40), assessor_role="Specialist teacher")
    report = upload(
        cast,
        written_on=TODAY - dt.timedelta(days=10),
        scores=[score(test_name="WISC-V", area="working_memory", standard_score=74)],
    )
    first, second = report.recommendations.order_by("pk")
    services_reports.mark_recommendation_adopted(
        actor=cast.user(Role.SENCO),
        recommendation=first,
        status="target",
        label="Target in plan cycle 2",
        url="/",
    )
    services_reports.decide_recommendation(
        actor=cast.user(Role.SENCO), recommendation=second, expected_version=1, status="not_adopted",
        note="Already in place",
    )  # fmt: skip
    text = assessments_section(cast.pupil, _Request())
    assert text.index("Educational psychology report") < text.index("General assessment of need")
    assert "Dr Amara Okafor (Educational psychologist), County Educational Psychology Service" in text
    assert "Key findings: Working memory well below" in text
    assert "WISC-V (Working memory): 74, below average, percentile 12" in text
    assert "TOWRE-2 (Speed of reading): 82, below average, percentile 12" in text
    assert "Pre-teach key vocabulary before each topic (Made a plan target: Target in plan cycle 2)" in text
    assert "Use a visual timetable (Not adopted: Already in place)" in text
    assert "Ms Reid (Specialist teacher)" in text
    # The report's scores are listed under the report only.
    assert text.count("WISC-V") == 1


def test_the_request_document_uses_the_section(cast):
    upload(cast)
    parts = {p["key"]: p for p in document(cast.pupil, _Request())}
    assert "Educational psychology report" in parts["assessments"]["text"]
    assert parts["assessments"]["title"] == "Assessments and advice from professionals"

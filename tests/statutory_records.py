"""Statutory records for the fixed cast (permission matrix and app tests share them)."""

import datetime as dt

from django.core.files.base import ContentFile

from sendco.statutory.models import (
    AdviceRequest,
    Amendment,
    AnnualReview,
    AssessmentRequest,
    EhcPlan,
    LaSetting,
    PlanDocument,
    PlanOutcome,
    ProvisionItem,
    ReviewInvitee,
)
from tests.files import PDF  # a real PDF that parses (re-exported for the tests)


def make_records(pupil, *, issued=dt.date(2025, 3, 10)) -> dict:
    school = pupil.school
    common = {"pupil": pupil, "school": school}
    request = AssessmentRequest.objects.create(
        la_name="Leeds",
        request_made=issued - dt.timedelta(weeks=22),
        request_received=issued - dt.timedelta(weeks=21),
        decision_made=issued - dt.timedelta(weeks=16),
        decided_to_assess=True,
        final_issued=issued,
        **common,
    )
    advice = AdviceRequest.objects.create(
        request=request,
        advice_from="Educational psychologist",
        requested_on=issued - dt.timedelta(weeks=15),
        **common,
    )
    plan = EhcPlan.objects.create(
        la_name="Leeds", issued_on=issued, request=request, section_a="Likes trains.", **common
    )
    outcome = PlanOutcome.objects.create(plan=plan, outcome="Reads a short text independently", **common)
    item = ProvisionItem.objects.create(
        plan=plan,
        what="Phonics",
        frequency="3 times a week",
        duration="20 minutes",
        group_size="1:1",
        delivered_by="Trained TA",
        **common,
    )
    document = PlanDocument(plan=plan, dated=issued, original_name="plan.pdf", size=len(PDF), **common)
    document.file.save("plan.pdf", ContentFile(PDF), save=True)
    review = AnnualReview.objects.create(plan=plan, meeting_date=issued + dt.timedelta(days=300), **common)
    invitee = ReviewInvitee.objects.create(review=review, kind="health", name="School nurse", **common)
    amendment = Amendment.objects.create(plan=plan, notice_sent=issued + dt.timedelta(days=320), **common)
    setting = LaSetting.objects.get_or_create(
        school=school, la_name="Leeds", defaults={"review_paperwork_working_days": 10}
    )[0]
    return {
        "request": request,
        "advice": advice,
        "plan": plan,
        "outcome": outcome,
        "item": item,
        "document": document,
        "review": review,
        "invitee": invitee,
        "amendment": amendment,
        "setting": setting,
    }

"""A professional report of a pupil (the shared record), for linking to a referral."""

from django.core.files.base import ContentFile

from sendco.assessments.models import ProfessionalReport
from tests.files import PDF

from .referral_helpers import days_ago


def report(pupil, title="Educational psychology report"):
    return ProfessionalReport.objects.create(
        pupil=pupil, school_id=pupil.school_id, title=title, author_name="Dr Ada Okafor",
        written_on=days_ago(5), received_on=days_ago(3), file=ContentFile(PDF, name="report.pdf"),
        original_name="report.pdf", content_type="application/pdf", size=len(PDF),
    )  # fmt: skip

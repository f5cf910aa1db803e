"""Records for professional-report tests and the permission matrix."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from sendco.accounts.roles import Role
from sendco.assessments import services_reports
from sendco.core.models import AccessGrant
from tests.files import DOCX, PDF

TODAY = dt.date.today()
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def pdf(name="ep-report.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def docx(name="salt-report.docx", data=DOCX):
    return SimpleUploadedFile(name, data, content_type=DOCX_TYPE)


def details(**extra) -> dict:
    return {
        "title": "Educational psychology report",
        "author_name": "Dr Amara Okafor",
        "author_role": "Educational psychologist",
        "agency_name": "County Educational Psychology Service",
        "written_on": TODAY - dt.timedelta(days=10),
        "received_on": TODAY - dt.timedelta(days=3),
        "summary": "Working memory well below the average range; verbal reasoning average.",
        "recommendations": "Pre-teach key vocabulary before each topic\nUse a visual timetable",
    } | extra


def upload(cast, pupil=None, *, by=None, file=None, **extra):
    pupil = pupil or cast.pupil
    actor = by or (cast.other_senco if pupil.school_id != cast.school.pk else cast.user(Role.SENCO))
    return services_reports.upload_report(actor=actor, pupil=pupil, upload=file or pdf(), **details(**extra))


def let_professional_read(cast, allowed: bool = True) -> None:
    """The cast's professional's grant (for cast.pupil) allows reading assessments and reports."""
    AccessGrant.objects.filter(user=cast.user(Role.PROFESSIONAL), pupil=cast.pupil).update(
        can_read_assessments=allowed
    )


def reports_for_matrix(cast):
    """A report with two recommendations for each of the matrix's pupils."""
    cast.extra["reports"] = {
        "linked": upload(cast, cast.pupil),
        "unlinked": upload(cast, cast.unlinked),
        "other": upload(cast, cast.other_pupil),
    }


def readable_reports_for_matrix(cast):
    reports_for_matrix(cast)
    let_professional_read(cast)

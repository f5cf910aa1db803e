"""Pages and API operations of professionals' reports and their recommendations.

Reports are read as scores are (SENCO, assistant SENCO, head; teachers and TAs of pupils they
teach or support) and by a professional only while their grant allows reading assessments
(the matrix's read entries turn that on for the cast's professional; by default the grant only
allows uploading). The SEN team and a professional with a live grant upload; only the SEN team
decides recommendations and turns them into plan targets or provision."""

from django.core.files.uploadedfile import SimpleUploadedFile

from sendco.assessments.models import ProfessionalReport, Recommendation
from tests.assessments.report_helpers import TODAY, readable_reports_for_matrix, reports_for_matrix
from tests.files import PDF

from .spec import Operation, Page, R, pupil_pk

SEN_TEAM = frozenset({R.SENCO, R.ASSISTANT_SENCO})
WHOLE = SEN_TEAM | {R.HEAD}
READERS = WHOLE | {R.TEACHER, R.TA}
READERS_AND_GRANT = READERS | {R.PROFESSIONAL}
UPLOADERS = SEN_TEAM | {R.PROFESSIONAL}


def _report(cast, which):
    return {"report_id": cast.extra["reports"][which].pk}


def _recommendation(cast, which):
    return {"recommendation_id": cast.extra["reports"][which].recommendations.order_by("pk")[0].pk}


def _adopt(cast, which):
    item = cast.extra["reports"][which].recommendations.order_by("pk")[0]
    return {"pk": item.pupil_id, "recommendation": item.pk}


def _pupil(cast, which):
    return {"pupil_id": pupil_pk(cast, which)["pk"]}


def _read(record):
    return Page(READERS_AND_GRANT, record=record, setup=readable_reports_for_matrix, allowed_unlinked=WHOLE)


def _sen(record):
    return Page(SEN_TEAM, record=record, setup=reports_for_matrix, allowed_unlinked=SEN_TEAM)


PAGES = {
    "report-pupil-list": _read(pupil_pk),
    "report-detail": _read(_report),
    "report-file": _read(_report),
    "report-upload": Page(UPLOADERS, record=pupil_pk, allowed_unlinked=SEN_TEAM),
    "report-edit": _sen(_report),
    "report-recommendation-decide": _sen(_recommendation),
    "plans-target-from-recommendation": _sen(_adopt),
    "provision-from-recommendation": _sen(_adopt),
}


def _upload(cast):
    return {
        "title": "Speech and language therapy report",
        "author_name": "Ms Priya Shah",
        "written_on": TODAY.isoformat(),
        "received_on": TODAY.isoformat(),
        "recommendations": "Small-group language work",
        "file": SimpleUploadedFile("salt.pdf", PDF, content_type="application/pdf"),
    }


def _correction(cast):
    current = ProfessionalReport.objects.get(pk=cast.extra["reports"]["linked"].pk)
    return {
        "version": current.version,
        "title": "Educational psychology report (corrected)",
        "author_name": current.author_name,
        "written_on": current.written_on.isoformat(),
        "received_on": current.received_on.isoformat(),
    }


def _decision(cast):
    item = Recommendation.objects.get(pk=_recommendation(cast, "linked")["recommendation_id"])
    return {"version": item.version, "status": "not_adopted", "note": "Already in place"}


def _readable(record):
    return Operation(READERS_AND_GRANT, record=record, setup=readable_reports_for_matrix)


OPERATIONS = {
    ("get", "/api/v1/assessments/reports/pupils/{pupil_id}"): _readable(_pupil),
    ("get", "/api/v1/assessments/reports/{report_id}"): _readable(_report),
    ("post", "/api/v1/assessments/reports/pupils/{pupil_id}"): Operation(
        UPLOADERS, record=_pupil, body=_upload, multipart=True
    ),
    ("put", "/api/v1/assessments/reports/{report_id}"): Operation(
        SEN_TEAM, record=_report, setup=reports_for_matrix, body=_correction
    ),
    ("put", "/api/v1/assessments/recommendations/{recommendation_id}"): Operation(
        SEN_TEAM, record=_recommendation, setup=reports_for_matrix, body=_decision
    ),
}

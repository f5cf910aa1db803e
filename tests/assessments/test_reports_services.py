"""Uploading, correcting and deciding professionals' reports: all or nothing, clear messages."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sendco.accounts.roles import Role
from sendco.assessments import services_reports as services
from sendco.assessments.models import Assessment, ProfessionalReport, Recommendation, Score
from sendco.core.models import AccessGrant
from tests.assessments.helpers import score
from tests.assessments.report_helpers import TODAY, details, docx, upload
from tests.files import PNG

pytestmark = pytest.mark.django_db

OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600  # an old binary Word .doc


def _nothing_saved(settings):
    assert not ProfessionalReport.objects.exists()
    assert not Recommendation.objects.exists()
    assert not Assessment.objects.exists() and not Score.objects.exists()
    stored = settings.MEDIA_ROOT / "reports"
    assert not stored.exists() or not any(stored.rglob("*.*"))


def test_a_pdf_report_is_saved_with_its_recommendations(cast):
    report = upload(cast)
    assert report.content_type == "application/pdf" and report.original_name == "ep-report.pdf"
    assert report.assessment is None
    assert [r.text for r in report.recommendations.order_by("pk")] == [
        "Pre-teach key vocabulary before each topic",
        "Use a visual timetable",
    ]
    assert all(r.status == Recommendation.Status.OPEN for r in report.recommendations.all())
    assert report.history.first().history_change_reason == "Report uploaded"


def test_a_word_report_is_accepted(cast):
    report = upload(cast, file=docx())
    assert report.file.name.endswith(".docx")


@pytest.mark.parametrize(
    "name,data", [("scan.png", PNG), ("old-report.doc", OLE_DOC), ("notes.txt", b"Just some text")]
)
def test_a_file_that_is_not_pdf_or_word_is_refused_and_nothing_saved(cast, settings, name, data):
    with pytest.raises(ValidationError) as exc:
        upload(cast, file=SimpleUploadedFile(name, data))
    assert "PDF or Word" in " ".join(exc.value.message_dict["file"])
    _nothing_saved(settings)


def test_an_oversize_file_is_refused_and_nothing_saved(cast, settings):
    big = SimpleUploadedFile("huge.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        upload(cast, file=big)
    assert "smaller than 10 MB" in " ".join(exc.value.message_dict["file"])
    _nothing_saved(settings)


def test_no_file_is_refused(cast):
    with pytest.raises(ValidationError) as exc:
        services.upload_report(actor=cast.user(Role.SENCO), pupil=cast.pupil, upload=None, **details())
    assert "file" in exc.value.message_dict


def test_scores_make_a_professional_report_assessment_in_the_same_save(cast):
    report = upload(
        cast, scores=[score(), score(test_name="WISC-V WMI", area="working_memory", standard_score=74)]
    )
    a = report.assessment
    assert a.purpose == Assessment.Purpose.PROFESSIONAL_REPORT
    assert a.taken_on == report.written_on and a.assessor_name == "Dr Amara Okafor"
    assert [s.standard_score for s in a.scores.order_by("pk")] == [82, 74]


@pytest.mark.parametrize("bad", [200, 39, "eighty"])
def test_a_score_out_of_range_is_refused_and_nothing_saved(cast, settings, bad):
    with pytest.raises(ValidationError) as exc:
        upload(cast, scores=[score(), score(standard_score=bad)])
    assert "scores-1-standard_score" in exc.value.message_dict
    _nothing_saved(settings)


def test_every_problem_is_reported_at_once(cast, settings):
    with pytest.raises(ValidationError) as exc:
        upload(
            cast,
            file=SimpleUploadedFile("x.png", PNG),
            title="",
            written_on=TODAY + dt.timedelta(days=1),
            scores=[score(standard_score=170)],
        )
    assert {"file", "title", "written_on", "scores-0-standard_score"} <= set(exc.value.message_dict)
    _nothing_saved(settings)


def test_received_before_written_is_refused(cast):
    with pytest.raises(ValidationError) as exc:
        upload(cast, received_on=TODAY - dt.timedelta(days=30))
    assert "received_on" in exc.value.message_dict


def test_a_professional_with_a_live_grant_uploads_their_report(cast):
    report = upload(cast, by=cast.user(Role.PROFESSIONAL), scores=[score()])
    assert report.uploaded_by == cast.user(Role.PROFESSIONAL)
    assert report.assessment.recorded_by == cast.user(Role.PROFESSIONAL)


def test_a_professional_whose_grant_does_not_allow_uploads_is_refused(cast):
    AccessGrant.objects.filter(user=cast.user(Role.PROFESSIONAL)).update(can_upload_reports=False)
    with pytest.raises(PermissionDenied):
        upload(cast, by=cast.user(Role.PROFESSIONAL))


def test_an_expired_grant_allows_nothing(cast):
    AccessGrant.objects.filter(user=cast.user(Role.PROFESSIONAL)).update(
        expires_on=TODAY - dt.timedelta(days=1)
    )
    with pytest.raises(PermissionDenied):
        upload(cast, by=cast.user(Role.PROFESSIONAL))


@pytest.mark.parametrize("role", [Role.HEAD, Role.TEACHER, Role.PARENT])
def test_others_cannot_upload(cast, role):
    with pytest.raises(PermissionDenied):
        upload(cast, by=cast.user(role))


def _correct(cast, report, version, **extra):
    fields = {k: v for k, v in details().items() if k != "recommendations"} | extra
    return services.correct_report(
        actor=cast.user(Role.SENCO), report=report, expected_version=version, **fields
    )


def test_correcting_a_report_moves_its_version(cast):
    report = upload(cast)
    corrected = _correct(cast, report, 1, title="EP report (corrected)")
    assert corrected.version == 2 and corrected.title == "EP report (corrected)"


def test_a_stale_correction_is_a_conflict(cast):
    from sendco.core.concurrency import ConflictError

    report = upload(cast)
    _correct(cast, report, 1, title="First")
    with pytest.raises(ConflictError):
        _correct(cast, report, 1, title="Second")
    report.refresh_from_db()
    assert report.title == "First"


def _first(report):
    return report.recommendations.order_by("pk").first()


def test_a_recommendation_not_adopted_keeps_the_note(cast):
    item = services.decide_recommendation(
        actor=cast.user(Role.SENCO), recommendation=_first(upload(cast)), expected_version=1,
        status="not_adopted", note="Already in the class's routines",
    )  # fmt: skip
    assert item.status == "not_adopted" and item.version == 2 and item.decided_on == TODAY


def test_a_decision_needs_a_note_and_a_known_status(cast):
    with pytest.raises(ValidationError) as exc:
        services.decide_recommendation(
            actor=cast.user(Role.SENCO), recommendation=_first(upload(cast)), expected_version=1,
            status="target", note="",
        )  # fmt: skip
    assert {"status", "note"} <= set(exc.value.message_dict)


def test_a_stale_decision_is_a_conflict(cast):
    from sendco.core.concurrency import ConflictError

    item = _first(upload(cast))
    senco = cast.user(Role.SENCO)
    services.decide_recommendation(
        actor=senco, recommendation=item, expected_version=1, status="other", note="A"
    )
    with pytest.raises(ConflictError):
        services.decide_recommendation(
            actor=senco, recommendation=item, expected_version=1, status="other", note="B"
        )


def test_an_adopted_recommendation_is_not_adopted_twice_nor_then_refused(cast):
    item = _first(upload(cast))
    senco = cast.user(Role.SENCO)
    services.mark_recommendation_adopted(
        actor=senco, recommendation=item, status="target", label="Target in plan cycle 1", url="/x/"
    )
    with pytest.raises(ValidationError):
        services.mark_recommendation_adopted(
            actor=senco, recommendation=item, status="provision", label="Provision: X", url="/y/"
        )
    with pytest.raises(ValidationError):
        services.decide_recommendation(
            actor=senco, recommendation=item, expected_version=2, status="not_adopted", note="No"
        )


def test_the_head_cannot_decide(cast):
    with pytest.raises(PermissionDenied):
        services.decide_recommendation(
            actor=cast.user(Role.HEAD), recommendation=_first(upload(cast)), expected_version=1,
            status="other", note="x",
        )  # fmt: skip

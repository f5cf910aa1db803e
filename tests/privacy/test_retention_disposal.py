import datetime as dt
import io

from sendco.accounts.roles import Role
from sendco.audit.models import AccessLog
from sendco.audit.services import log_access
from sendco.chronology.models import ChronologyAttachment, ChronologyEntry
from sendco.core.models import Pupil
from sendco.privacy.cli import run_retention
from sendco.privacy.models import DisposalLog, LegalHold, RetentionSetting, SubjectAccessRequest
from sendco.register.models import SenStatus
from tests import factories as f
from tests.chronology.helpers import attach, make_entry

TODAY = dt.date(2030, 6, 1)  # the cast's pupils (born 2012) are all kept


def _old_sen_pupil(cast, dob=dt.date(1995, 3, 14)):
    """Born 1995: DOB + 31 = 2026, so past retention in 2030; with a register row, an entry and
    an attachment (a file on disk)."""
    pupil = f.put_on_register(f.PupilFactory(school=cast.school, date_of_birth=dob))
    entry = make_entry(pupil, by=cast.user(Role.SENCO))
    attachment = attach(entry)
    log_access(user=cast.user(Role.SENCO), action=AccessLog.Action.VIEW, pupil=pupil, what="Pupil file")
    return pupil, entry, attachment


def _run(**kwargs):
    out = io.StringIO()
    code = run_retention(today=TODAY, out=out, by="Test runner", **kwargs)
    return code, out.getvalue()


def test_dry_run_lists_counts_and_changes_nothing(cast):
    pupil, entry, attachment = _old_sen_pupil(cast)
    path = attachment.file.path
    code, out = _run(commit=False, school_urn=cast.school.urn)
    assert code == 0
    assert "Pupil's SEN file (DOB + 31 years): 1 past retention, 0 kept (legal hold, open request)" in out
    assert "Dry run" in out
    assert Pupil.objects.filter(pk=pupil.pk).exists()
    assert ChronologyAttachment.objects.filter(pk=attachment.pk).exists()
    assert DisposalLog.objects.count() == 0
    import os

    assert os.path.exists(path)
    assert Pupil.objects.filter(pk=cast.pupil.pk).exists()


def test_commit_destroys_pupil_records_history_and_files(cast, django_capture_on_commit_callbacks):
    import os

    pupil, entry, attachment = _old_sen_pupil(cast)
    path = attachment.file.path
    with django_capture_on_commit_callbacks(execute=True):
        code, out = _run(commit=True, school_urn=cast.school.urn)
    assert code == 0
    assert not Pupil.objects.filter(pk=pupil.pk).exists()
    assert not ChronologyEntry.objects.filter(pk=entry.pk).exists()
    assert not SenStatus.objects.filter(pupil_id=pupil.pk).exists()
    assert not Pupil.history.filter(id=pupil.pk).exists()
    assert not ChronologyEntry.history.filter(pupil_id=pupil.pk).exists()
    assert not ChronologyAttachment.history.filter(pupil_id=pupil.pk).exists()
    assert not SenStatus.history.filter(pupil_id=pupil.pk).exists()
    assert not os.path.exists(path)
    # The access log is the audit: kept, without the pupil.
    kept = AccessLog.objects.get(what="Pupil file", user=cast.user(Role.SENCO))
    assert kept.pupil_id is None
    log = DisposalLog.objects.get(school=cast.school, rule="sen_file")
    assert log.by == "Test runner" and log.run_on == TODAY and log.files == 1
    assert log.records["Chronology entry"] >= 1 and log.history_rows > 0


def test_disposal_log_holds_no_pupil_data(cast, django_capture_on_commit_callbacks):
    pupil, _, _ = _old_sen_pupil(cast)
    name, upn, pk = pupil.legal_surname, pupil.upn, pupil.pk
    with django_capture_on_commit_callbacks(execute=True):
        _run(commit=True, school_urn=cast.school.urn)
    for log in DisposalLog.objects.all():
        text = " ".join(str(v) for v in vars(log).values())
        assert name not in text and upn not in text
        assert set(log.records) <= {
            "Pupil record",
            "SEN status",
            "Need",
            "Chronology entry",
            "Chronology attachment",
            "Contact link",
            "Class place",
            "Key adult",
            "Access grant",
        }
        assert log.pupils == 1 and str(pk) not in log.by
    field_names = {f.name for f in DisposalLog._meta.get_fields()}
    assert not field_names & {"pupil", "pupil_id", "upn", "name"}


def test_legal_hold_stops_disposal(cast, django_capture_on_commit_callbacks):
    pupil, _, attachment = _old_sen_pupil(cast)
    LegalHold.objects.create(pupil=pupil, reason="Tribunal claim", placed_by=cast.user(Role.SENCO))
    with django_capture_on_commit_callbacks(execute=True):
        code, out = _run(commit=True, school_urn=cast.school.urn)
    assert "1 kept (legal hold, open request)" in out
    assert Pupil.objects.filter(pk=pupil.pk).exists()
    assert ChronologyAttachment.objects.filter(pk=attachment.pk).exists()


def test_lifted_hold_no_longer_stops_it(cast, django_capture_on_commit_callbacks):
    pupil, _, _ = _old_sen_pupil(cast)
    LegalHold.objects.create(pupil=pupil, reason="Claim", lifted_on=dt.date(2044, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        _run(commit=True, school_urn=cast.school.urn)
    assert not Pupil.objects.filter(pk=pupil.pk).exists()


def test_pupil_within_retention_is_kept(cast, django_capture_on_commit_callbacks):
    young, _, _ = _old_sen_pupil(cast, dob=dt.date(2000, 1, 1))  # DOB + 31 = 2031
    with django_capture_on_commit_callbacks(execute=True):
        _run(commit=True, school_urn=cast.school.urn)
    assert Pupil.objects.filter(pk=young.pk).exists()


def test_pupil_without_sen_records_goes_at_dob_plus_25(cast, django_capture_on_commit_callbacks):
    plain = f.PupilFactory(school=cast.school, date_of_birth=dt.date(2004, 1, 1))  # + 25 = 2029
    sen, _, _ = _old_sen_pupil(cast, dob=dt.date(2004, 1, 1))  # + 31 = 2035
    with django_capture_on_commit_callbacks(execute=True):
        _, out = _run(commit=True, school_urn=cast.school.urn)
    assert not Pupil.objects.filter(pk=plain.pk).exists()
    assert Pupil.objects.filter(pk=sen.pk).exists()
    assert DisposalLog.objects.filter(rule="pupil_record", school=cast.school).exists()


def test_school_override_of_years(cast, django_capture_on_commit_callbacks):
    pupil, _, _ = _old_sen_pupil(cast, dob=dt.date(2000, 1, 1))  # default 2031: kept in 2030
    RetentionSetting.objects.create(school=cast.school, rule="sen_file", years=25)
    with django_capture_on_commit_callbacks(execute=True):
        _run(commit=True, school_urn=cast.school.urn)
    assert not Pupil.objects.filter(pk=pupil.pk).exists()


def test_other_schools_are_untouched_with_school(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _run(commit=True, school_urn=cast.school.urn)
    assert Pupil.objects.filter(pk=cast.other_pupil.pk).exists()


def test_unknown_school_is_an_error(cast):
    code, out = _run(commit=False, school_urn="999999")
    assert code == 2 and "No school" in out


def test_an_open_subject_access_request_stops_disposal(cast, django_capture_on_commit_callbacks):
    # Data asked for may not be destroyed while the request is being answered (ICO).
    pupil, _, _ = _old_sen_pupil(cast)
    sar = SubjectAccessRequest.objects.create(
        pupil=pupil, received_on=dt.date(2030, 5, 20), requested_by="Ex-pupil"
    )
    with django_capture_on_commit_callbacks(execute=True):
        _, out = _run(commit=True, school_urn=cast.school.urn)
    assert "1 kept (legal hold, open request)" in out
    assert Pupil.objects.filter(pk=pupil.pk).exists()
    SubjectAccessRequest.objects.filter(pk=sar.pk).update(completed_on=dt.date(2030, 5, 30))
    with django_capture_on_commit_callbacks(execute=True):
        _run(commit=True, school_urn=cast.school.urn)
    assert not Pupil.objects.filter(pk=pupil.pk).exists()

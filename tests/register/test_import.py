import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from sendco.accounts.roles import Role
from sendco.core.models import Contact, Pupil, PupilContact
from sendco.domain.upn import make_upn
from sendco.register import services
from sendco.register.cli import run_import
from sendco.register.importing import FileRejected, read_table
from sendco.register.models import PupilNeed, RegisterImport, SenStatus

UPLOAD = reverse("register-import")
COMMIT = reverse("register-import-commit")
HEADER = (
    "UPN,Legal Surname,Forename,Preferred Forename,DOB,Gender,NC Year Actual,Reg,Admission Date,"
    "SEN Status,Primary Need,Secondary Need,EAL,FSM,Pupil Premium,In Care,"
    "Contact 1 Name,Contact 1 Relationship,Contact 1 Phone,Contact 1 Email,Contact 1 Parental Responsibility"
)


def upn(n):
    return make_upn("801", "4000", "19", n)


def line(n, surname="Ash", sen="N", primary="", secondary="", dob="01/02/2014", year="7", **kw):
    values = [
        upn(n),
        surname,
        f"Kid{n}",
        "",
        dob,
        "F",
        year,
        "7A",
        "01/09/2025",
        sen,
        primary,
        secondary,
        "N",
        "N",
        "Y",
        "N",
        f"Mrs Jo Parent{n}",
        "Mother",
        "07700 900000",
        f"jo{n}@example.org",
        "Y",
    ]
    for k, v in kw.items():
        values[int(k.removeprefix("c"))] = v
    return ",".join(values)


def csv_bytes(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _import(cast, data, name="pupils.csv", full=False):
    return services.import_pupils(
        actor=cast.user(Role.SENCO), school=cast.school, data=data, filename=name, full=full
    )


def test_good_file_imports_then_reimport_changes_nothing(cast):
    data = csv_bytes(
        line(1), line(2, sen="K", primary="ASD", secondary="SLCN"), line(3, sen="E", primary="SEMH")
    )
    plan, record = _import(cast, data)
    assert plan.counts == {"new": 3, "changed": 0, "unchanged": 0, "leavers": 0, "rejected": 0}
    two = Pupil.objects.get(upn=upn(2))
    assert two.sen_status == "K" and two.pupil_premium and two.legal_forename == "Kid2"
    assert set(PupilNeed.objects.filter(pupil=two).values_list("need_type", "rank")) == {
        ("ASD", 1),
        ("SLCN", 2),
    }
    assert SenStatus.objects.get(pupil=two).history.latest().history_change_reason == "MIS import pupils.csv"
    link = PupilContact.objects.get(pupil=two)
    assert (
        link.relationship == "mother" and link.parental_responsibility and link.contact.surname == "Parent2"
    )
    assert record.new == 3 and record.user == cast.user(Role.SENCO) and len(record.sha256) == 64

    counts = (
        Pupil.objects.count(),
        SenStatus.objects.count(),
        PupilNeed.objects.count(),
        Contact.objects.count(),
    )
    histories = Pupil.history.count() + SenStatus.history.count() + PupilNeed.history.count()
    plan, _ = _import(cast, data)
    assert plan.counts["unchanged"] == 3 and plan.counts["changed"] == 0
    assert counts == (
        Pupil.objects.count(),
        SenStatus.objects.count(),
        PupilNeed.objects.count(),
        Contact.objects.count(),
    )
    assert histories == Pupil.history.count() + SenStatus.history.count() + PupilNeed.history.count()


def test_changes_show_field_diffs_and_apply(cast):
    _import(cast, csv_bytes(line(1), line(2, sen="K", primary="ASD")))
    plan, _ = _import(
        cast, csv_bytes(line(1, surname="Birch", sen="K", primary="MLD"), line(2, sen="K", primary="SPLD"))
    )
    diffs = {r.upn: r.diffs for r in plan.rows}
    assert ("Legal surname", "Ash", "Birch") in diffs[upn(1)]
    assert ("SEN provision", "N", "K") in diffs[upn(1)]
    assert any(label == "Needs" for label, _, _ in diffs[upn(2)])
    two = Pupil.objects.get(upn=upn(2))
    assert list(
        PupilNeed.objects.filter(pupil=two, end_date__isnull=True).values_list("need_type", flat=True)
    ) == ["SPLD"]
    assert Pupil.objects.get(upn=upn(1)).legal_surname == "Birch"


def test_full_import_marks_missing_pupils_as_leavers_never_deletes(cast):
    plan, record = _import(cast, csv_bytes(line(1)), full=True)
    left = {p.pk for p in plan.leavers}
    assert {cast.pupil.pk, cast.unlinked.pk} <= left
    cast.pupil.refresh_from_db()
    assert cast.pupil.leaving_date is not None and cast.pupil.deleted_at is None
    assert record.leavers == len(left)
    assert cast.other_pupil.pk not in left  # another school's pupils are untouched


@pytest.mark.parametrize(
    "bad_row, message",
    [
        (line(5, c0="A801400019005"), "check letter"),
        (line(5, sen="K", primary="XYZ"), "not a census need type"),
        (line(5, sen="K"), "primary need"),
        (line(5, dob="31/02/2014"), "not a date"),
        (line(5, sen="E", primary="NSA"), "NSA"),
        (line(5, year="Year 15"), "national curriculum year"),
        (line(5, dob="31/12/9999"), "between 1 January 1900"),  # issue 20.8: never a 500
        (line(5, c8="01/01/0001"), "between 1 January 1900"),
    ],
)
def test_each_bad_row_is_rejected_with_its_row_number_and_nothing_changes(cast, bad_row, message):
    before = Pupil.objects.count()
    with pytest.raises(services.ImportRefused) as exc:
        _import(cast, csv_bytes(line(1), line(2), bad_row))
    problems = exc.value.plan.rejected
    assert [p.row for p in problems] == [4], problems
    assert message in problems[0].message
    assert Pupil.objects.count() == before and not RegisterImport.objects.exists()


def test_duplicate_upn_in_file_reports_both_rows(cast):
    with pytest.raises(services.ImportRefused) as exc:
        _import(cast, csv_bytes(line(1), line(2), line(1, surname="Again")))
    assert exc.value.plan.rejected[0].row == 4 and "row 2" in exc.value.plan.rejected[0].message
    assert not Pupil.objects.filter(upn=upn(1)).exists()


def test_every_problem_is_reported(cast):
    with pytest.raises(services.ImportRefused) as exc:
        _import(cast, csv_bytes(line(1, dob="nope"), line(2), line(3, sen="K")))
    assert sorted({p.row for p in exc.value.plan.rejected}) == [2, 4]


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"", "p.csv", "empty"),
        (HEADER.encode() + b"\n" + "A801400019005,Zo\xeb".encode("latin-1"), "p.csv", "UTF-8"),
        (b"%PDF-1.4 binary\x00\x01", "p.csv", "not a CSV"),
        (b"PK\x03\x04rest-of-zip", "p.csv", "not a CSV"),
        (b"Name,Age\nx,1\n", "p.csv", "no UPN"),
        (b"\n\n", "p.csv", "no rows"),
    ],
)
def test_unreadable_files_are_refused(cast, data, name, message):
    with pytest.raises(FileRejected) as exc:
        read_table(data, name)
    assert message in " ".join(exc.value.problems)


def _xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_xlsx_import_and_formulas_refused(cast):
    header = HEADER.split(",")
    good = line(1).split(",")
    plan, _ = _import(cast, _xlsx([header, good]), name="pupils.xlsx")
    assert plan.counts["new"] == 1
    bad = list(good)
    bad[1] = '=HYPERLINK("http://evil","x")'
    with pytest.raises(FileRejected) as exc:
        read_table(_xlsx([header, bad]), "pupils.xlsx")
    assert "Row 2: cell B2 holds a formula." in exc.value.problems


# --------------------------------------------------------------------------- web


def _upload(client, data, name="pupils.csv", **extra):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data, "text/csv"), **extra})


def test_web_preview_then_commit(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = _upload(client, csv_bytes(line(1, sen="K", primary="ASD")))
    assert response.status_code == 200 and response.context["plan"].counts["new"] == 1
    assert not Pupil.objects.filter(upn=upn(1)).exists()  # a preview changes nothing
    response = client.post(COMMIT)
    assert response.status_code == 302
    assert Pupil.objects.get(upn=upn(1)).sen_status == "K"
    assert client.post(COMMIT).status_code == 302  # the kept file is gone: nothing imported twice
    assert RegisterImport.objects.count() == 1


def test_web_preview_with_bad_row_cannot_be_committed(cast, client):
    client.force_login(cast.user(Role.SENCO))
    response = _upload(client, csv_bytes(line(1), line(2, sen="K")))
    assert response.status_code == 422
    assert b"Row 3" in response.content and b"Import these changes" not in response.content
    client.post(COMMIT)
    assert not Pupil.objects.filter(upn=upn(1)).exists()


def test_web_refuses_50_mb_before_parsing(cast, client, monkeypatch):
    import sendco.register.views as views

    def never(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(views, "read_table", never)
    client.force_login(cast.user(Role.SENCO))
    response = _upload(client, b"a" * (50 * 1024 * 1024))
    assert response.status_code == 422 and b"the limit is 10 MB" in response.content


def test_another_senco_cannot_commit_my_upload(cast, client):
    client.force_login(cast.user(Role.SENCO))
    _upload(client, csv_bytes(line(1)))
    client.force_login(cast.other_senco)
    client.post(COMMIT)
    assert not Pupil.objects.filter(upn=upn(1)).exists()


# --------------------------------------------------------------------------- command line


def test_cli_preview_commit_and_failure(cast, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(line(1)))
    assert (
        run_import(path=str(good), school_urn=cast.school.urn, commit=False, full=False, username=None) == 0
    )
    assert not Pupil.objects.filter(upn=upn(1)).exists()
    assert run_import(path=str(good), school_urn=cast.school.urn, commit=True, full=False, username=None) == 0
    assert Pupil.objects.filter(upn=upn(1)).exists()
    assert RegisterImport.objects.get().via == "cli"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(line(2), line(3, sen="K")))
    assert run_import(path=str(bad), school_urn=cast.school.urn, commit=True, full=False, username=None) == 1
    assert "row 3" in capsys.readouterr().err
    assert not Pupil.objects.filter(upn=upn(2)).exists()
    assert run_import(path=str(good), school_urn="999999", commit=True, full=False, username=None) == 2


def test_cli_entry_point(cast, tmp_path):
    from sendco.cli import main

    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    assert main(["import", "pupils", str(bad), "--school", cast.school.urn, "--commit"]) == 1


def test_a_leaver_in_a_later_export_is_back_on_roll(cast):
    _import(cast, csv_bytes(line(1), line(2)))
    _import(cast, csv_bytes(line(1)), full=True)
    assert Pupil.objects.get(upn=upn(2)).leaving_date is not None
    plan, _ = _import(cast, csv_bytes(line(1), line(2)))
    assert [r.diffs for r in plan.rows if r.upn == upn(2)][0][0][0] == "Leaving date"
    assert Pupil.objects.get(upn=upn(2)).leaving_date is None
    assert _import(cast, csv_bytes(line(1), line(2)))[0].counts["unchanged"] == 2


def test_zip_bomb_xlsx_is_refused_before_it_is_unpacked(cast, client):
    from tests.files import zip_bomb_xlsx

    bomb = zip_bomb_xlsx(_xlsx([HEADER.split(","), line(1).split(",")]))
    assert len(bomb) < 400 * 1024  # a small upload that unpacks to 200 MB
    client.force_login(cast.user(Role.SENCO))
    started = time.monotonic()
    response = _upload(client, bomb, name="pupils.xlsx")
    assert time.monotonic() - started < 1.0
    assert "would unpack to more than 50 MB" in response.content.decode()
    assert response.context["plan"] is None
    assert client.post(COMMIT).status_code == 302 and not Pupil.objects.filter(upn=upn(1)).exists()


def test_macro_enabled_workbook_is_refused(cast):
    from tests.files import VBA, office_zip

    with zipfile.ZipFile(io.BytesIO(_xlsx([HEADER.split(",")]))) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macros"
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", f'<Default Extension="bin" ContentType="{VBA}"/></Types>'.encode()
    )
    with pytest.raises(FileRejected) as exc:
        read_table(office_zip(members), "pupils.xlsx")
    assert "macros" in " ".join(exc.value.problems)

import datetime as dt

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.core.models import Pupil
from sendco.domain.upn import make_upn

from .conftest import assert_accessible

HEADER = "UPN,Surname,Forename,DOB,Gender,Year,Reg,Admission Date,SEN Status,Primary Need"


def _csv(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    return path


def _row(n, sen="N", need=""):
    return f"{make_upn('801', '4000', '19', n)},Rowan,Kid{n},01/02/2014,M,7,7B,01/09/2025,{sen},{need}"


def test_import_with_a_bad_row_is_refused_and_a_good_file_is_committed(
    cast, page, login, transactional_db, tmp_path
):
    login(cast.user(Role.SENCO))
    page.goto(reverse("register-import"))
    page.get_by_label("MIS export (CSV or XLSX)").set_input_files(
        _csv(tmp_path, "bad.csv", [_row(1), _row(2, sen="K")])
    )
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_text("This file cannot be imported: 1 row rejected").wait_for()
    assert page.locator("#rejected-row-3").inner_text().startswith("3")
    assert page.get_by_role("button", name="Import these changes").count() == 0
    assert_accessible(page, "import preview with a rejected row")
    assert not Pupil.objects.filter(legal_surname="Rowan").exists()

    page.get_by_label("MIS export (CSV or XLSX)").set_input_files(
        _csv(tmp_path, "good.csv", [_row(1), _row(2, sen="K", need="MLD")])
    )
    page.get_by_role("button", name="Preview the import").click()
    assert page.locator('[data-count="new"]').inner_text() == "2"
    page.get_by_role("button", name="Import these changes").click()
    page.get_by_text("Imported good.csv: 2 new").wait_for()
    assert Pupil.objects.filter(legal_surname="Rowan").count() == 2


def test_senco_puts_a_pupil_on_sen_support_and_sees_them_on_the_register(cast, page, login, transactional_db):
    login(cast.user(Role.SENCO))
    page.goto(reverse("register-pupil", args=[cast.unlinked.pk]))
    page.get_by_label("K (SEN support)").check()
    page.locator("#id_start_date").fill(dt.date.today().isoformat())
    page.get_by_label("Reason for the change").fill("Speech and language assessment")
    page.locator("#status-form").get_by_label("Primary need (rank 1)").select_option("SLCN")
    page.get_by_role("button", name="Save the provision").click()
    page.get_by_text("is now on K (SEN support)").wait_for()
    assert "Speech and language assessment" in page.locator("#sen-timeline").inner_text()
    page.get_by_role("link", name="SEND register").click()
    row = page.get_by_role("row").filter(has_text=cast.unlinked.legal_surname + ", " + cast.unlinked.forename)
    assert row.locator("td[data-need]").inner_text() == "SLCN"
    page.get_by_label("Primary need").select_option("SLCN")
    page.locator("#register-table").get_by_role("row").nth(2).wait_for(state="detached")
    assert page.locator('[data-count="K"]').inner_text() == "1"


def test_register_pages_are_accessible(cast, page, login, transactional_db):
    login(cast.user(Role.SENCO))
    for name, args in [
        ("register", []),
        ("register-census", []),
        ("register-import", []),
        ("register-pupil", [cast.pupil.pk]),
    ]:
        page.goto(reverse(name, args=args))
        assert_accessible(page, name)
    page.goto(reverse("register-pupil", args=[cast.unlinked.pk]))
    page.get_by_role("button", name="Save the provision").click()
    page.get_by_text("There is a problem").first.wait_for()
    assert_accessible(page, "SEN form with errors")

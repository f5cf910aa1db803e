"""`sendco backup` / `sendco restore` (core/backup.py): a backup restored into a fresh database
gives back every row of every model and every uploaded file, byte for byte."""

import io
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command

from sendco import cli
from sendco.accounts.roles import Role
from sendco.core.backup import BackupError, restore_backup
from tests import factories as f
from tests.files import PNG

pytestmark = pytest.mark.django_db(transaction=True)


SEEDED = (ContentType, Permission)  # made by migrate in the new database, matched by natural key


def _snapshot():
    """Every row of every model, sorted by pk. Content types and permissions get the new
    database's own ids, so they and the foreign keys to them compare by natural key."""
    keys = {m: {o.pk: o.natural_key() for o in m.objects.all()} for m in SEEDED}
    rows = {}
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        fields = model._meta.concrete_fields
        seeded_fks = {f.attname: f.related_model for f in fields if f.related_model in SEEDED}
        values = list(model._base_manager.order_by("pk").values())
        for row in values:
            for attname, related in seeded_fks.items():
                row[attname] = keys[related].get(row[attname])
        if model in SEEDED:
            values = sorted((sorted((k, v) for k, v in r.items() if k != "id") for r in values), key=repr)
        rows[model._meta.label] = values
    return rows


def _files(root: Path):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def school_data(cast, client, settings):
    """The fixed cast, plus an upload, history rows and access-log rows; a user deleted first,
    so the users' ids have a gap (a restore must keep ids, not renumber from 1)."""
    f.UserFactory(username="gone").delete()
    f.UserFactory(username="late-joiner")
    cast.pupil.photo.save("linked.png", ContentFile(PNG))
    client.force_login(cast.user(Role.SENCO))
    assert client.get(f"/pupils/{cast.pupil.pk}/").status_code == 200  # an AccessLog row
    return cast


def _flush(settings):
    call_command("flush", interactive=False, verbosity=0)
    for p in sorted(Path(settings.MEDIA_ROOT).rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()


def test_restore_into_a_fresh_database_gives_back_every_row_and_file(school_data, settings, tmp_path, capsys):
    archive = tmp_path / "backup.tar.gz"
    before, files = _snapshot(), _files(Path(settings.MEDIA_ROOT))
    assert files and before["audit.AccessLog"] and before["core.HistoricalPupil"]
    assert cli.main(["backup", str(archive)]) == 0
    _flush(settings)
    assert not _snapshot()["core.Pupil"] and not _files(Path(settings.MEDIA_ROOT))

    assert cli.main(["restore", str(archive)]) == 0
    assert "counts and hashes verified" in capsys.readouterr().out
    after = _snapshot()
    for label, rows in before.items():
        assert after[label] == rows, label
    assert _files(Path(settings.MEDIA_ROOT)) == files


def test_restore_into_a_database_with_records_is_refused(school_data, tmp_path, capsys):
    archive = tmp_path / "backup.tar.gz"
    cli.main(["backup", str(archive)])
    before = _snapshot()
    assert cli.main(["restore", str(archive)]) == 2
    assert "The database is not empty" in capsys.readouterr().err
    assert _snapshot() == before


def test_a_corrupted_archive_is_refused_and_changes_nothing(school_data, settings, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    cli.main(["backup", str(archive)])
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for info in src.getmembers():
            body = src.extractfile(info).read()
            if info.name == "data.json":
                body = body.replace(b"Linked", b"Forged")
            dst.addfile(info, io.BytesIO(body))
    _flush(settings)
    empty = _snapshot()
    with pytest.raises(BackupError, match="data.json is corrupted"):
        restore_backup(tampered)
    assert _snapshot() == empty and not _files(Path(settings.MEDIA_ROOT))


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil", "media/../../evil", "elsewhere/evil"])
def test_an_archive_with_a_path_outside_the_uploads_is_refused(school_data, tmp_path, name):
    archive = tmp_path / "backup.tar.gz"
    cli.main(["backup", str(archive)])
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for info in src.getmembers():
            dst.addfile(info, src.extractfile(info))
        info = tarfile.TarInfo(name)
        info.size = 4
        dst.addfile(info, io.BytesIO(b"evil"))
    with pytest.raises(BackupError, match="unsafe entry"):
        restore_backup(tampered)
    assert not (tmp_path / "evil.txt").exists()

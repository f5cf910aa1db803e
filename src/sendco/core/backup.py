"""`sendco backup` / `sendco restore`: one .tar.gz holding the whole database as Django's
natural-key JSON (so it loads into SQLite or PostgreSQL alike), every uploaded file under
MEDIA_ROOT, and a manifest (version, migration state, rows per model, sha256 of each member).

Restore goes only into an empty, migrated database at the same migration state: it checks every
hash before it writes anything, loads the rows in one transaction, resets the sequences, puts the
files back and counts again. A failed check leaves the database and the files as they were."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JsonSerializer
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
DATA = "data.json"
MANIFEST = "manifest.json"
MEDIA = "media/"
# Rows `migrate` creates itself in a fresh database; the dump carries them by natural key, so
# they are matched, not duplicated, and do not make a database "non-empty".
SEEDED = {"contenttypes.contenttype", "auth.permission"}


class BackupError(Exception):
    """A backup that cannot be restored here; the message says why, nothing was changed."""


@dataclass
class Restored:
    rows: dict[str, int]
    files: int


def _label(model) -> str:
    return model._meta.label_lower


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sendco_version() -> str:
    try:
        return version("sendco")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def migration_state(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """Applied migrations per app, sorted: a backup loads only where this matches exactly."""
    state: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connections[using]).applied_migrations():
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return {
        _label(m): m._base_manager.using(using).count()
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy
    }


def _media_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder (and so `dumpdata`) cuts times to milliseconds; a backup keeps them whole."""

    def default(self, o):
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()
        return super().default(o)


class _Serializer(JsonSerializer):
    """Natural keys only for content types and permissions, the rows `migrate` makes itself
    with ids of its own: every other row keeps its id (a user or pupil restored under another
    id would break links, tokens and the audit trail), and its foreign keys stay plain ids
    (one lookup per access-log row on load otherwise)."""

    def get_dump_object(self, obj):
        self.use_natural_primary_keys = _label(obj) in SEEDED
        return super().get_dump_object(obj)

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = _label(field.remote_field.model) in SEEDED
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = _label(field.remote_field.model) in SEEDED
        super().handle_m2m_field(obj, field)


def _all_rows(using: str):
    """Every row of every model, through the base managers (soft-deleted and archived rows too),
    in the order dumpdata uses: models that others point to by natural key come first."""
    configs = [(c, None) for c in apps.get_app_configs() if c.models_module is not None]
    for model in serializers.sort_dependencies(configs, allow_cycles=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        yield from model._base_manager.using(using).order_by(model._meta.pk.name).iterator()


def create_backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write the archive to `path`; returns the manifest. Runs in one read transaction so the
    counts in the manifest are those of the dump."""
    media_root = Path(settings.MEDIA_ROOT)
    with transaction.atomic(using=using):
        out = io.StringIO()
        if connections[using].vendor == "postgresql":  # one snapshot for every table's query
            with connections[using].cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        _Serializer().serialize(_all_rows(using), stream=out, cls=_ExactEncoder)
        data = out.getvalue().encode()
        counts = row_counts(using)
        state = migration_state(using)
    files = {}
    for file in _media_files(media_root):
        files[MEDIA + file.relative_to(media_root).as_posix()] = file.read_bytes()
    manifest = {
        "format": FORMAT,
        "sendco_version": _sendco_version(),
        "engine": connections[using].vendor,
        "migrations": state,
        "counts": counts,
        "sha256": {DATA: _sha256(data), **{name: _sha256(body) for name, body in files.items()}},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w:gz") as tar:
        for name, body in [(MANIFEST, json.dumps(manifest, indent=2).encode()), (DATA, data), *files.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(body)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(body))
    return manifest


def _read_archive(path: Path) -> tuple[dict, bytes, dict[str, bytes]]:
    """Every member, checked: regular files only, no absolute or `..` names, each hash as the
    manifest says, and nothing in the archive the manifest does not list."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            members = {}
            for info in tar.getmembers():
                parts = PurePosixPath(info.name)
                outside = info.name not in (MANIFEST, DATA) and not info.name.startswith(MEDIA)
                if not info.isfile() or parts.is_absolute() or ".." in parts.parts or outside:
                    raise BackupError(f"The archive holds an unsafe entry: {info.name!r}.")
                extracted = tar.extractfile(info)
                assert extracted is not None  # a regular file, checked above
                members[info.name] = extracted.read()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"Not a readable backup archive: {exc}") from exc
    try:
        manifest = json.loads(members.pop(MANIFEST))
    except (KeyError, ValueError) as exc:
        raise BackupError("The archive has no readable manifest.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    hashes = manifest["sha256"]
    if set(members) != set(hashes):
        raise BackupError("The archive's files do not match its manifest.")
    for name, body in members.items():
        if _sha256(body) != hashes[name]:
            raise BackupError(f"{name} is corrupted: its sha256 does not match the manifest.")
    data = members.pop(DATA)
    return manifest, data, members


def _non_empty(using: str) -> list[str]:
    return [label for label, n in row_counts(using).items() if n and label not in SEEDED]


def restore_backup(path: Path, *, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> Restored:
    manifest, data, files = _read_archive(path)
    if manifest["migrations"] != migration_state(using):
        raise BackupError(
            "The database's migrations differ from the backup's: run `sendco manage migrate` to "
            "the same version of sendco the backup was made with."
        )
    filled = _non_empty(using)
    if filled and not force:
        raise BackupError(
            f"The database is not empty ({', '.join(filled[:5])}…): restore into a fresh, migrated "
            "database, or pass --force to load over what is there."
        )
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "backup.json"
        fixture.write_bytes(data)
        with transaction.atomic(using=using):
            call_command("loaddata", str(fixture), database=using, verbosity=0)
            _reset_sequences(using)
            counts = row_counts(using)
            expected = manifest["counts"]
            wrong = {k: (expected.get(k), counts.get(k)) for k in set(expected) | set(counts)}
            wrong = {k: v for k, v in wrong.items() if v[0] != v[1] and not force}
            if wrong:
                raise BackupError(f"Row counts differ after loading (expected, found): {wrong}")
            for name, body in files.items():
                target = media_root / PurePosixPath(name).relative_to(MEDIA.rstrip("/"))
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(body)
    return Restored(rows=counts, files=len(files))


def _reset_sequences(using: str) -> None:
    """PostgreSQL keeps a sequence per table that loaddata does not advance; without this the
    next new row would collide with a restored one. SQLite needs nothing."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    models = [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)

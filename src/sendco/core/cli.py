"""`sendco bench`: times the main pages of every app (each app's bench.py) on a demo dataset.
`sendco backup FILE` / `sendco restore FILE [--force]`: see core/backup.py."""

from __future__ import annotations


def cmd_bench(args) -> int:
    from sendco.bench import run_benchmarks
    from sendco.cli import migrate

    migrate()
    return run_benchmarks(size=args.size, runs=args.runs, only=args.only)


def register(subparsers) -> None:
    bench = subparsers.add_parser("bench", help="build the trust dataset if needed and time the main pages")
    bench.add_argument("--size", choices=["small", "school", "trust"], default="trust")
    bench.add_argument("--runs", type=int, default=30)
    bench.add_argument("--only", default="", help="comma-separated benchmark names")
    bench.set_defaults(func=cmd_bench)
    backup = subparsers.add_parser("backup", help="write the database and uploads to one .tar.gz")
    backup.add_argument("file", help="the archive to write, e.g. sendco-2026-12-07.tar.gz")
    backup.set_defaults(func=cmd_backup)
    restore = subparsers.add_parser("restore", help="load a backup into an empty, migrated database")
    restore.add_argument("file")
    restore.add_argument("--force", action="store_true", help="load even if the database is not empty")
    restore.set_defaults(func=cmd_restore)


def cmd_backup(args) -> int:
    from pathlib import Path

    from sendco.core.backup import create_backup

    manifest = create_backup(Path(args.file))
    rows = sum(manifest["counts"].values())
    files = len(manifest["sha256"]) - 1
    print(f"Backed up {rows:,} rows in {len(manifest['counts'])} tables and {files:,} files to {args.file}")
    return 0


def cmd_restore(args) -> int:
    import sys
    from pathlib import Path

    from sendco.core.backup import BackupError, restore_backup

    try:
        restored = restore_backup(Path(args.file), force=args.force)
    except BackupError as exc:
        print(f"Restore refused: {exc}", file=sys.stderr)
        return 2
    for label, n in sorted(restored.rows.items()):
        if n:
            print(f"  {label}: {n:,}")
    rows = sum(restored.rows.values())
    print(f"Restored {rows:,} rows and {restored.files:,} files; counts and hashes verified.")
    return 0

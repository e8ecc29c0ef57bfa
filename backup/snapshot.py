"""Backup and restore of the whole installation (docs/backup.md): the database and the attached files.

A backup is a directory (or the same directory as a .tar):

    database.sqlite3 | database.pgdump   the database (SQLite online backup / pg_dump custom format)
    attachments/...                      the files of the "attachments" storage
    meta.json                            engine, time, the applied migrations
    MANIFEST.sha256                      `sha256sum` lines for every other file

It is taken while the app serves: SQLite's online backup API and pg_dump each read one consistent
snapshot. The database is copied first and the files after it, so every attachment row of the
snapshot finds its file (a file is stored before its row is committed).

A restore checks everything before it changes anything: the manifest, the engine, the migrations
(the same as the target's), an empty target (no row in the project's tables, nothing in the files
folder). It then replaces the rows of every table but django_migrations in one transaction and
copies the files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "MANIFEST.sha256"
META = "meta.json"
FILES = "attachments"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
KEPT_TABLES = {"django_migrations"}  # the target's own, checked equal to the backup's


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, and nothing was changed."""


# --- shared ---------------------------------------------------------------------------------------


def engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in DUMPS:
        raise BackupError(f"Unsupported database engine: {vendor}.")
    return vendor


def files_dir() -> Path:
    """The folder of the "attachments" storage (a FileSystemStorage: ATTACHMENTS_DIR)."""
    storage = storages["attachments"]
    location = getattr(storage, "location", None)
    if not location:
        raise BackupError("The attachments storage is not a folder on disk; back its files up with its own tools.")
    return Path(location)


def applied_migrations(alias: str = "default") -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connections[alias]).applied_migrations())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() or p.is_symlink())


def project_models():
    """The models of the project's own apps (the packages next to manage.py), not Django's or a library's."""
    base = Path(settings.BASE_DIR).resolve()
    return [m for m in apps.get_models() if Path(m._meta.app_config.path).resolve().parent == base]


# --- backup ---------------------------------------------------------------------------------------


def make_backup(target: Path, alias: str = "default") -> dict:
    """Write a backup to `target` (a new or empty directory, or a path ending in .tar); answer its meta."""
    target = Path(target)
    as_tar = target.suffix == ".tar"
    if target.exists() and (as_tar or any(target.iterdir())):
        raise BackupError(f"{target} already exists and is not empty; choose a new path.")
    if as_tar:
        with tempfile.TemporaryDirectory(dir=target.parent) as work:
            meta = _write_backup(Path(work) / "backup", alias)
            with tarfile.open(str(target) + ".part", "w") as tar:
                tar.add(Path(work) / "backup", arcname=".")
            os.replace(str(target) + ".part", target)
        return meta
    target.mkdir(parents=True, exist_ok=True)
    try:
        return _write_backup(target, alias)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise


def _write_backup(root: Path, alias: str) -> dict:
    root.mkdir(parents=True, exist_ok=True)
    kind = engine(alias)
    migrations = applied_migrations(alias)
    started = dt.datetime.now(dt.UTC)
    dump = root / DUMPS[kind]
    if kind == "sqlite":
        _sqlite_backup(connections[alias].settings_dict["NAME"], dump)
    else:
        _pg_dump(connections[alias].settings_dict, dump)
    source = files_dir()
    copied = 0
    if source.is_dir():
        for path in _files_under(source):
            dest = root / FILES / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)
            copied += 1
    meta = {
        "format": FORMAT,
        "engine": kind,
        "created_at": started.isoformat(),
        "django": django.get_version(),
        "migrations": migrations,
        "files": copied,
    }
    (root / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    lines = [f"{sha256(p)}  {p.relative_to(root).as_posix()}\n" for p in _files_under(root) if p.name != MANIFEST or p.parent != root]
    (root / MANIFEST).write_text("".join(lines), encoding="utf-8")
    return meta


def _sqlite_backup(name: str, dump: Path) -> None:
    """SQLite's online backup API: one consistent copy, while other connections keep writing."""
    source = sqlite3.connect(f"file:{name}?mode=ro", uri=True)
    dest = sqlite3.connect(dump)
    try:
        source.backup(dest)
        # One self-contained file (the source's WAL mode would leave -wal files beside it when opened).
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
        source.close()


def _pg_env(settings_dict) -> dict:
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _pg_args(settings_dict) -> list[str]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    return args + ["--no-password"]


def _run(args: list[str], env: dict) -> str:
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(f"{args[0]} is not installed (Debian: apt-get install postgresql-client).") from exc
    if done.returncode != 0:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()}")
    return done.stdout


def _pg_dump(settings_dict, dump: Path) -> None:
    _run(
        ["pg_dump", *_pg_args(settings_dict), "--format=custom", "--no-owner", "--no-privileges",
         "--file", str(dump), str(settings_dict["NAME"])],
        _pg_env(settings_dict),
    )


# --- verifying --------------------------------------------------------------------------------------


@contextmanager
def opened(path: Path):
    """The backup's directory: `path` itself, or a .tar unpacked into a temporary directory."""
    path = Path(path)
    if not path.exists():
        raise BackupError(f"{path} does not exist.")
    if path.is_dir():
        yield path
        return
    with tempfile.TemporaryDirectory() as work:
        try:
            with tarfile.open(path) as tar:
                tar.extractall(work, filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise BackupError(f"{path} is not a readable backup archive: {exc}") from exc
        yield Path(work)


def verify(root: Path) -> dict:
    """Check every file against MANIFEST.sha256 (none missing, changed or added); answer the meta."""
    manifest = root / MANIFEST
    if not manifest.is_file():
        raise BackupError(f"The backup is damaged: {MANIFEST} is missing.")
    listed: dict[str, str] = {}
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name or name.startswith("/") or ".." in Path(name).parts:
            raise BackupError(f"The backup is damaged: line {number} of {MANIFEST} is malformed.")
        listed[name] = digest
    present = {p.relative_to(root).as_posix() for p in _files_under(root)} - {MANIFEST}
    problems = []
    for name in sorted(set(listed) - present):
        problems.append(f"missing: {name}")
    for name in sorted(present - set(listed)):
        problems.append(f"not in the manifest: {name}")
    for name in sorted(set(listed) & present):
        if sha256(root / name) != listed[name]:
            problems.append(f"checksum mismatch: {name}")
    if problems:
        raise BackupError("The backup is damaged; nothing was restored.\n  " + "\n  ".join(problems))
    try:
        meta = json.loads((root / META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"The backup is damaged: {META} is unreadable ({exc}).") from exc
    if meta.get("format") != FORMAT or meta.get("engine") not in DUMPS or not (root / DUMPS[meta["engine"]]).is_file():
        raise BackupError(f"The backup is damaged or of an unknown format: {META} says {meta!r}.")
    return meta


# --- restoring --------------------------------------------------------------------------------------


def check_target(meta: dict, alias: str = "default") -> None:
    """Refuse a target the backup cannot go into: another engine, other migrations, any data."""
    kind = engine(alias)
    if meta["engine"] != kind:
        raise BackupError(f"The backup is of a {meta['engine']} database; this installation uses {kind}.")
    ours = applied_migrations(alias)
    if not ours:
        raise BackupError("The database is not migrated: run `manage.py migrate` first (and load nothing else).")
    if ours != meta["migrations"]:
        missing = [f"{a}.{n}" for a, n in meta["migrations"] if [a, n] not in ours]
        extra = [f"{a}.{n}" for a, n in ours if [a, n] not in meta["migrations"]]
        raise BackupError(
            "The database's migrations differ from the backup's: restore with the version of the code that made it."
            + (f"\n  not applied here: {', '.join(missing)}" if missing else "")
            + (f"\n  applied here only: {', '.join(extra)}" if extra else "")
        )
    filled = [m._meta.db_table for m in project_models() if m._base_manager.using(alias).exists()]
    if filled:
        raise BackupError(
            "The database is not empty (rows in " + ", ".join(filled[:5]) + (", ..." if len(filled) > 5 else "")
            + "): restore only into a new, migrated database."
        )
    folder = files_dir()
    if folder.is_dir() and _files_under(folder):
        raise BackupError(f"The attachments folder {folder} is not empty: restore only into an empty one.")


def restore(root: Path, meta: dict, alias: str = "default") -> None:
    """Put the verified backup at `root` into the checked target (see check_target)."""
    dump = root / DUMPS[meta["engine"]]
    if meta["engine"] == "sqlite":
        _sqlite_restore(dump, alias)
    else:
        _pg_restore(dump, alias)
    source = root / FILES
    if source.is_dir():
        folder = files_dir()
        for path in _files_under(source):
            dest = folder / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)


def _sqlite_restore(dump: Path, alias: str) -> None:
    """Copy every table's rows from the attached backup file, in one transaction, constraints checked at the end."""
    connection = connections[alias]
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("ATTACH DATABASE %s AS bak", [f"file:{dump.resolve()}?mode=ro"])
    try:
        with connection.constraint_checks_disabled(), transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute("SELECT name FROM bak.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            tables = [row[0] for row in cursor.fetchall() if row[0] not in KEPT_TABLES]
            ours = set(connection.introspection.table_names(cursor))
            for table in tables:
                if table not in ours:
                    raise BackupError(f"The backup has a table this database lacks: {table}.")
                columns = ", ".join(connection.ops.quote_name(c.name) for c in connection.introspection.get_table_description(cursor, table))
                name = connection.ops.quote_name(table)
                cursor.execute(f"DELETE FROM main.{name}")
                cursor.execute(f"INSERT INTO main.{name} ({columns}) SELECT {columns} FROM bak.{name}")
            cursor.execute("SELECT 1 FROM bak.sqlite_master WHERE name = 'sqlite_sequence'")
            if cursor.fetchone():
                cursor.execute("DELETE FROM main.sqlite_sequence")
                cursor.execute("INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM bak.sqlite_sequence")
            cursor.execute("PRAGMA main.foreign_key_check")
            broken = cursor.fetchall()
            if broken:
                raise BackupError(f"The backup's rows break {len(broken)} foreign keys (first: {broken[0]}); nothing was restored.")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DETACH DATABASE bak")


def _pg_restore(dump: Path, alias: str) -> None:
    """Empty the few tables migrate filled (content types, permissions), pg_restore the data into the
    migrated schema (triggers off, so rows come in any order), then set every sequence past its rows."""
    connection = connections[alias]
    settings_dict = connection.settings_dict
    env = _pg_env(settings_dict)
    listing = _run(["pg_restore", "--list", str(dump)], env)
    kept = [line for line in listing.splitlines() if not any(f" TABLE DATA public {t} " in line for t in KEPT_TABLES)]
    with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False) as handle:
        handle.write("\n".join(kept) + "\n")
    try:
        tables = [t for t in connection.introspection.table_names() if t not in KEPT_TABLES]
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " RESTART IDENTITY CASCADE")
        connection.close()  # pg_restore must not wait on a lock this connection holds
        _run(
            ["pg_restore", *_pg_args(settings_dict), "--data-only", "--disable-triggers", "--no-owner",
             "--single-transaction", "--exit-on-error", "--use-list", handle.name,
             "--dbname", str(settings_dict["NAME"]), str(dump)],
            env,
        )
    finally:
        os.unlink(handle.name)
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)

"""`manage.py backup` and `manage.py restore` (docs/backup.md): a populated installation (the demo data
and an attached file) goes through a backup into a new migrated database and an empty files folder,
and every row of every table and every file comes back; a damaged backup, a non-empty database and a
"no" at the prompt change nothing. Runs on the suite's database engine (SQLite or PostgreSQL)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from backup.snapshot import BackupError, opened, verify
from backup.tests.rows import all_rows

pytestmark = pytest.mark.django_db(transaction=True)

BASE = Path(settings.BASE_DIR)


@pytest.fixture
def files(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "files")}},
    }
    return tmp_path / "files"


@pytest.fixture
def populated(settings, reference, files):
    """The demo data set and one real attachment on a demo Work Day, through the services."""
    from attachments.services import attachment_add
    from attachments.tests.conftest import png_bytes, upload
    from workdays.models import WorkDay

    settings.DEBUG = True
    call_command("load_demo", stdout=open(os.devnull, "w"))
    day = WorkDay.objects.filter(host_unit__name="巴川街道").exclude(status__in=["archived", "voided", "cancelled"]).first()
    clerk = day.host_unit.users.filter(role="clerk").first()
    attachment = attachment_add(actor=clerk, target=day, file=upload("现场照片.png", png_bytes(), "image/png"))
    assert (files / attachment.path).is_file()
    return attachment


def file_contents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


class Target:
    """A second installation: a new database (a temp SQLite file, or a scratch PostgreSQL database) and
    an empty files folder, driven through manage.py in subprocesses as an operator would."""

    def __init__(self, tmp_path: Path):
        self.files = tmp_path / "restored-files"
        ours = connection.settings_dict
        if connection.vendor == "sqlite":
            self.url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
            self.pg_name = None
        else:
            import psycopg

            self.pg_name = f"backup_test_{os.getpid()}"
            self.admin = dict(host=ours["HOST"] or None, port=ours["PORT"] or None, user=ours["USER"] or None,
                              password=ours["PASSWORD"] or None, dbname=ours["NAME"], autocommit=True)
            with psycopg.connect(**self.admin) as pg:
                pg.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
                pg.execute(f'CREATE DATABASE "{self.pg_name}"')
            auth = ours["USER"] + (f":{ours['PASSWORD']}" if ours["PASSWORD"] else "")
            self.url = f"postgres://{auth}@{ours['HOST'] or '127.0.0.1'}:{ours['PORT'] or 5432}/{self.pg_name}"
        self.env = {**os.environ, "DEBUG": "1", "DATABASE_URL": self.url, "ATTACHMENTS_DIR": str(self.files)}

    def run(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *args], cwd=BASE, env=self.env, input=stdin, capture_output=True, text=True, timeout=300)

    def manage(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return self.run("manage.py", *args, stdin=stdin)

    def rows(self) -> dict:
        done = self.run("-m", "backup.tests.rows")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def drop(self) -> None:
        if self.pg_name:
            import psycopg

            with psycopg.connect(**self.admin) as pg:
                pg.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


@pytest.fixture
def target(tmp_path):
    made = Target(tmp_path)
    yield made
    made.drop()


def project_rows(rows: dict) -> int:
    return sum(len(v) for k, v in rows.items() if k.split(".")[0] in {m._meta.app_label for m in _project_models()})


def _project_models():
    from backup.snapshot import project_models

    return project_models()


def test_round_trip_keeps_every_row_and_file(populated, files, target, tmp_path):
    backup_dir, backup_tar = tmp_path / "backup", tmp_path / "backup.tar"
    call_command("backup", str(backup_dir), stdout=open(os.devnull, "w"))
    call_command("backup", str(backup_tar), stdout=open(os.devnull, "w"))
    expected_rows, expected_files = all_rows(), file_contents(files)
    assert expected_files and sum(len(v) for v in expected_rows.values()) > 500
    assert (backup_dir / "MANIFEST.sha256").read_text().count("\n") == len(expected_files) + 2  # the dump, meta.json

    migrated = target.manage("migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    empty = target.rows()
    assert project_rows(empty) == 0

    # A damaged backup: one byte of the attached file changed. Refused before anything changes.
    damaged = tmp_path / "damaged"
    shutil.copytree(backup_dir, damaged)
    (stored,) = (damaged / "attachments").rglob("*.png")
    stored.write_bytes(stored.read_bytes()[:-1] + b"\x00")
    refused = target.manage("restore", str(damaged), "--noinput")
    assert refused.returncode != 0
    assert "The backup is damaged" in refused.stderr and "checksum mismatch: attachments/" in refused.stderr
    assert target.rows() == empty and not target.files.exists()

    # The operator answers "no" at the prompt: nothing changes.
    declined = target.manage("restore", str(backup_dir), stdin="no\n")
    assert declined.returncode != 0 and "nothing was changed" in declined.stderr
    assert target.rows() == empty and not target.files.exists()

    restored = target.manage("restore", str(backup_tar), "--noinput")
    assert restored.returncode == 0, restored.stderr
    assert target.rows() == expected_rows
    assert file_contents(target.files) == expected_files

    # The restored database takes new rows (its sequences are past the restored ones).
    added = target.manage("create_user", "new_clerk", "--unit", "巴川街道", "--role", "clerk", "--password", "Restored-2026-pass")
    assert added.returncode == 0, added.stderr

    # A second restore into the now populated database is refused and changes nothing.
    before = target.rows()
    again = target.manage("restore", str(backup_dir), "--noinput")
    assert again.returncode != 0 and "The database is not empty" in again.stderr
    assert target.rows() == before


def test_the_manifest_catches_a_changed_missing_or_added_file(reference, files, tmp_path):
    (files / "case").mkdir(parents=True)
    (files / "case" / "scan.pdf").write_bytes(b"%PDF-1.4 original")
    call_command("backup", str(tmp_path / "b"), stdout=open(os.devnull, "w"))
    with opened(tmp_path / "b") as root:
        assert verify(root)["files"] == 1
    for name, damage, says in [
        ("changed", lambda r: (r / "attachments/case/scan.pdf").write_bytes(b"%PDF-1.4 altered!"), "checksum mismatch: attachments/case/scan.pdf"),
        ("missing", lambda r: (r / "meta.json").unlink(), "missing: meta.json"),
        ("added", lambda r: (r / "attachments/case/extra.pdf").write_bytes(b"x"), "not in the manifest: attachments/case/extra.pdf"),
        ("no manifest", lambda r: (r / "MANIFEST.sha256").unlink(), "MANIFEST.sha256 is missing"),
    ]:
        copy = tmp_path / name
        shutil.copytree(tmp_path / "b", copy)
        damage(copy)
        with pytest.raises(BackupError, match="damaged") as refused:
            verify(copy)
        assert says in str(refused.value)


def test_restore_refuses_a_database_with_data_and_changes_nothing(populated, files, tmp_path):
    call_command("backup", str(tmp_path / "b"), stdout=open(os.devnull, "w"))
    before_rows, before_files = all_rows(), file_contents(files)
    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(tmp_path / "b"), "--noinput", stdout=open(os.devnull, "w"))
    assert all_rows() == before_rows and file_contents(files) == before_files


def test_backup_refuses_an_existing_non_empty_path(reference, files, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "keep.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "b"))
    assert os.listdir(tmp_path / "b") == ["keep.txt"]

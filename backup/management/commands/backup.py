from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backup.snapshot import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database and the attached files to PATH (a new directory, or a "
        "path ending in .tar), with a SHA-256 manifest. Safe while the app is serving. docs/backup.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            meta = make_backup(options["path"], options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backup written to {options['path']} ({meta['engine']}, {len(meta['migrations'])} migrations, "
            f"{meta['files']} attached files)."
        )

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backup.snapshot import BackupError, check_target, opened, restore, verify


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into a new, migrated, empty database (and an empty "
        "attachments folder). The manifest is checked first; a damaged backup changes nothing. docs/backup.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="do not ask for confirmation")
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        alias = options["database"]
        try:
            with opened(options["path"]) as root:
                meta = verify(root)
                check_target(meta, alias)
                self.stdout.write(
                    f"Backup verified: {meta['engine']}, made {meta['created_at']}, {meta['files']} attached files."
                )
                if options["interactive"]:
                    answer = input("Restore it into this database? Type 'yes' to continue: ")
                    if answer.strip().lower() != "yes":
                        raise CommandError("Restore cancelled; nothing was changed.")
                restore(root, meta, alias)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Restored.")

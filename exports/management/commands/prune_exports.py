from django.core.management.base import BaseCommand, CommandError

from exports.jobs import prune_exports


class Command(BaseCommand):
    help = "Delete the export files of jobs finished more than --days days ago (default 7); the jobs are marked expired."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Keep the files of the last N days (default 7).")

    def handle(self, *args, days=7, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        deleted, expired = prune_exports(days)
        self.stdout.write(f"{deleted} file(s) deleted, {expired} job(s) marked expired.")

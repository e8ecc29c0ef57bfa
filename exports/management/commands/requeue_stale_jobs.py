from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from exports.jobs import requeue_stale_jobs


class Command(BaseCommand):
    help = (
        "Queue again the background jobs a killed worker left running: no progress for --minutes "
        "(default EXPORT_STALE_MINUTES). `make run` runs it with --minutes 0 before it starts the only worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=None, help="No progress for this long (default: EXPORT_STALE_MINUTES).")

    def handle(self, *args, minutes=None, **options):
        minutes = settings.EXPORT_STALE_MINUTES if minutes is None else minutes
        if minutes < 0:
            raise CommandError("--minutes must be 0 or more.")
        requeued = requeue_stale_jobs(timedelta(minutes=minutes))
        self.stdout.write(f"{len(requeued)} export job(s) queued again" + (f": {', '.join(map(str, requeued))}." if requeued else "."))

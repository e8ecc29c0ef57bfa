from django.core.management.base import BaseCommand

from cases.models import Reminder
from cases.reminders import REMINDERS_KEPT_DAYS, scan_deadlines, summary_by_unit


class Command(BaseCommand):
    help = (
        "The daily deadline scan (for cron): cases due within 2 working days and overdue, per unit. "
        "It also prunes the reminders of scans older than a week (superseded by the later scans)."
    )

    def handle(self, *args, **options):
        scan = scan_deadlines()
        rows = summary_by_unit(scan)
        self.stdout.write(f"Deadline scan for {scan.for_date}: {scan.reminders.count()} reminders in {len(rows)} units.")
        for unit, counts in rows:
            labels = dict(Reminder.Kind.choices)
            parts = "；".join(f"{labels[kind]} {n}" for kind, n in sorted(counts.items()))
            self.stdout.write(f"  {unit}: {parts}")
        self.stdout.write(f"Pruned {scan.pruned} reminders of scans older than {REMINDERS_KEPT_DAYS} days.")

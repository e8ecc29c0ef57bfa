from django.core.management.base import BaseCommand

from supervision.proposals import propose_orders


class Command(BaseCommand):
    help = "The daily supervision-order proposals (for cron, after scan_deadlines): each trigger once per case and stage."

    def handle(self, *args, **options):
        new = propose_orders()
        self.stdout.write(f"{len(new)} new supervision order proposal(s).")

"""Attempt the outbound deliveries that are pending or whose retry is due; for cron (every minute)."""

from django.core.management.base import BaseCommand

from notifications.services import send_due


class Command(BaseCommand):
    help = "Send pending notification deliveries and retry the failed ones that are due."

    def handle(self, *args, **options):
        sent, failed = send_due()
        self.stdout.write(f"sent {sent}, failed {failed}")

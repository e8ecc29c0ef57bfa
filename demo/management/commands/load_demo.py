from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.scenario import load_scenario
from demo.services import load_demo


class Command(BaseCommand):
    help = "Load the demo data set (sample district leaders, one account per role). Idempotent."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # The demo accounts, an administrator among them, share a password printed below.
            raise CommandError(
                "load_demo creates accounts with a known password (an administrator among them) and runs only "
                "in development: set DEBUG=1. Never load the demo into a production database."
            )
        logins = load_demo()
        if load_scenario():
            self.stdout.write("Demo Work Days, registrations and cases loaded.")
        self.stdout.write("Demo logins (username / password / role · unit):")
        for username, password, what in logins:
            self.stdout.write(f"  {username:<16} {password:<12} {what}")

from django.core.management.base import BaseCommand

from demo.scenario import load_scenario
from demo.services import load_demo


class Command(BaseCommand):
    help = "Load the demo data set (sample district leaders, one account per role). Idempotent."

    def handle(self, *args, **options):
        logins = load_demo()
        if load_scenario():
            self.stdout.write("Demo Work Days, registrations and cases loaded.")
        self.stdout.write("Demo logins (username / password / role · unit):")
        for username, password, what in logins:
            self.stdout.write(f"  {username:<16} {password:<12} {what}")

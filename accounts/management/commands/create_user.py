from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import AccountError, user_create


class Command(BaseCommand):
    help = "Create a user in a unit with a role."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--unit", required=True, help="the unit's name, e.g. 巴川街道")
        parser.add_argument("--role", required=True, help=" | ".join(Role.values))
        parser.add_argument("--password", required=True)
        parser.add_argument("--full-name", default="")
        parser.add_argument(
            "--superuser", action="store_true",
            help="every permission, for installation only; refused for admin, security_admin and auditor",
        )

    def handle(self, *args, **options):
        try:
            user = user_create(
                username=options["username"],
                unit_name=options["unit"],
                role=options["role"],
                password=options["password"],
                full_name=options["full_name"],
                superuser=options["superuser"],
            )
        except AccountError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Created {user.username} ({user.get_role_display()}, {user.unit.name}).")

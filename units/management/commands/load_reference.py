from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from units.services import ReferenceDataError, load_reference
from workcal.services import seed_from_package


class Command(BaseCommand):
    help = "Load (or refresh) the district's reference data: units, categories, reference lists. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None, help="a district's JSON file (default: Tongliang)")

    def handle(self, *args, path=None, **options):
        path = Path(path) if path else Path(settings.REFERENCE_DATA_FILE)
        try:
            counts = load_reference(path)
        except ReferenceDataError as exc:
            raise CommandError(f"Nothing was changed. {exc}") from exc
        self.stdout.write(
            f"Reference data loaded from {path}: {counts['units']} units, {counts['categories']} categories, "
            f"{counts['list_items']} list items, {counts['leaders']} district leaders."
        )
        for hook in _after_load_hooks():
            hook(self.stdout)


def _after_load_hooks():
    """Other reference apps that seed from load_reference (the working-day calendar)."""
    return [seed_from_package]

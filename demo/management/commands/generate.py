import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from demo.generator import generate


class Command(BaseCommand):
    help = (
        "Add generated data for measurements: Work Days of every unit over several years, their registrations "
        "and cases with their handling, notifications and history. Run after migrate and load_reference, on a "
        "database the application is not serving. Deterministic for a seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True, help="number of cases (one registration each)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--busiest-day", type=int, default=None, help="registrations of one busy joint-office Work Day")
        parser.add_argument("--years", type=int, default=5, help="years of Work Days up to today (default 5)")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="fix the clock (YYYY-MM-DD) for a reproducible run")

    def handle(self, *args, cases, seed, busiest_day, years, today, **options):
        if cases < 1:
            raise CommandError("--cases must be at least 1")
        if busiest_day is not None and not 1 <= busiest_day <= cases:
            raise CommandError("--busiest-day must be between 1 and --cases")
        if years < 1:
            raise CommandError("--years must be at least 1")
        try:
            result = generate(cases=cases, seed=seed, busiest_day=busiest_day, years=years, today=today,
                              progress=self.stdout.write)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Rows added per table:")
        for table, count in result.counts.items():
            self.stdout.write(f"  {table:<40} {count:>12,}")
        if result.busiest_workday_id:
            self.stdout.write(f"Busiest Work Day: #{result.busiest_workday_id}")
        self.stdout.write(f"Elapsed: {result.elapsed:.1f} s")

"""python manage.py workdays add|between|import-notice|status — the calendar from the command line.

The output is for scripts: `add` prints the date (and " provisional" when it is), `between` the
number, `import-notice --dry-run` one `YYYY-MM-DD off|work` line per date that differs from the
weekday rule. Bad input: the message on stderr and exit status 1.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from workcal import services
from workcal.calendar import CalendarInputError, add_workdays, parse_date, parse_days, workdays_between
from workcal.notice import NoticeError, parse_notice
from workcal.selectors import year_statuses


def read_text(path: str) -> str:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(
            _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror or exc}
        ) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CommandError(_("%(path)s is not UTF-8 or GBK text.") % {"path": path})


class Command(BaseCommand):
    help = "Working-day arithmetic and the calendar: add, between, import-notice, status."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        add = actions.add_parser("add", help="the N-th working day after DATE (DATE not counted)")
        add.add_argument("date", help="YYYY-MM-DD")
        add.add_argument("days", help="number of working days, 0 or more")
        between = actions.add_parser("between", help="working days from START to END, both included")
        between.add_argument("start", help="YYYY-MM-DD")
        between.add_argument("end", help="YYYY-MM-DD")
        notice = actions.add_parser("import-notice", help="store the days of a State Council notice, confirm its year")
        notice.add_argument("file", help="the notice as a text file (UTF-8 or GBK)")
        notice.add_argument("--dry-run", action="store_true", help="only print the dates it would store")
        notice.add_argument("--by", metavar="USERNAME", help="the user the change is recorded for")
        actions.add_parser("status", help="one line per year: confirmed or provisional, and the source")

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, f"do_{action.replace('-', '_')}")(**options)
        except (CalendarInputError, NoticeError) as exc:
            raise CommandError(exc.message) from None

    def do_add(self, *, date: str, days: str, **_):
        result = add_workdays(parse_date(date, "date"), parse_days(days))
        self.stdout.write(f"{result.date.isoformat()}{' provisional' if result.provisional else ''}")

    def do_between(self, *, start: str, end: str, **_):
        result = workdays_between(parse_date(start, "start"), parse_date(end, "end"))
        self.stdout.write(f"{result.count}{' provisional' if result.provisional else ''}")

    def do_import_notice(self, *, file: str, dry_run: bool, by: str | None, **_):
        text = read_text(file)
        if dry_run:
            for day in parse_notice(text).differences():
                self.stdout.write(f"{day.date.isoformat()} {day.kind}")
            return
        actor = None
        if by:
            actor = get_user_model().objects.filter(username=by).first()
            if actor is None:
                raise CommandError(_("There is no user “%(name)s”.") % {"name": by})
        change = services.import_notice(text=text, actor=actor)
        self.stdout.write(
            f"{change.year} confirmed: {change.days} dates differ from the weekday rule; "
            f"{change.deadlines_moved} deadlines moved."
        )

    def do_status(self, **_):
        this_year = timezone.localdate().year
        for year, status, source in year_statuses(extra_years=(this_year, this_year + 1)):
            self.stdout.write(f"{year} {status} {source}")

"""Reading the calendar for the pages, the command and the home page."""

from __future__ import annotations

import calendar as month_calendar
import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import is_supervisor
from accounts.home import TodoItem
from workcal.calendar import year_exceptions
from workcal.models import CalendarYear, Source, YearStatus


@dataclass
class DayCell:
    date: datetime.date
    kind: str  # "work", "weekend", "off" (a weekday off) or "makeup" (a weekend day at work)
    note: str = ""
    source: str = ""

    @property
    def is_workday(self) -> bool:
        return self.kind in ("work", "makeup")


@dataclass
class Month:
    number: int
    weeks: list[list[DayCell | None]]


@dataclass
class YearOverview:
    year: int
    row: CalendarYear | None
    months: list[Month] = field(default_factory=list)
    exceptions: list[DayCell] = field(default_factory=list)
    workdays: int = 0

    @property
    def is_confirmed(self) -> bool:
        return self.row is not None and self.row.status == YearStatus.CONFIRMED

    @property
    def is_estimated(self) -> bool:
        return self.row is None

    @property
    def source(self) -> str:
        return self.row.source if self.row else Source.ESTIMATE

    @property
    def source_label(self) -> str:
        return Source(self.source).label


def year_overview(year: int) -> YearOverview:
    """A year as twelve month grids (weeks from Monday), with its status."""
    overview = YearOverview(
        year=year, row=CalendarYear.objects.filter(year=year).select_related("confirmed_by").first()
    )
    exceptions = year_exceptions(year)
    grid = month_calendar.Calendar(firstweekday=0)
    for number in range(1, 13):
        weeks = []
        for week in grid.monthdatescalendar(year, number):
            cells: list[DayCell | None] = []
            for day in week:
                if day.month != number:
                    cells.append(None)
                    continue
                weekend = day.weekday() >= 5
                is_workday, note, source = exceptions.get(day, (not weekend, "", ""))
                if is_workday:
                    kind = "makeup" if weekend else "work"
                else:
                    kind = "weekend" if weekend and day not in exceptions else "off"
                cell = DayCell(day, kind, note, source)
                cells.append(cell)
                overview.workdays += is_workday
                if day in exceptions:
                    overview.exceptions.append(cell)
            weeks.append(cells)
        overview.months.append(Month(number, weeks))
    return overview


def year_statuses(extra_years: tuple[int, ...] = ()) -> list[tuple[int, str, str]]:
    """(year, status, source) of every stored year and of `extra_years`, in order."""
    rows = {row.year: (row.status, row.source) for row in CalendarYear.objects.all()}
    for year in extra_years:
        rows.setdefault(year, (YearStatus.PROVISIONAL, Source.ESTIMATE))
    return [(year, *rows[year]) for year in sorted(rows)]


def home_todo(user) -> list[TodoItem]:
    """From November on, warn the joint office while next year's calendar is not confirmed."""
    if not is_supervisor(user):
        return []
    today = timezone.localdate()
    if today.month < 11:
        return []
    year = today.year + 1
    if CalendarYear.objects.filter(year=year, status=YearStatus.CONFIRMED).exists():
        return []
    text = _(
        "The working-day calendar for %(year)d is not confirmed: import the State Council's holiday notice. "
        "Until then deadlines in %(year)d are provisional."
    ) % {"year": year}
    return [TodoItem(text=text, url=f"{reverse('workcal:year')}?year={year}", level="warning")]

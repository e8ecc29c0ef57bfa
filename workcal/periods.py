"""Reporting periods, parsed and named in one place: a quarter (2026Q4), a half-year (2026H1), a
month (2026-11) or a year (2026). The years are the calendar's own (1900–2100), so a period the
system accepts is one whose working days it knows."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workcal.calendar import FIRST_YEAR, LAST_YEAR

QUARTER, HALF_YEAR, MONTH, YEAR = "quarter", "half_year", "month", "year"  # QUARTER, HALF_YEAR as units.Period

_PARTS = {
    "Q1": gettext_lazy("first quarter"),
    "Q2": gettext_lazy("second quarter"),
    "Q3": gettext_lazy("third quarter"),
    "Q4": gettext_lazy("fourth quarter"),
    "H1": gettext_lazy("first half"),
    "H2": gettext_lazy("second half"),
}


class PeriodError(ValidationError):
    """A malformed period or year, or one outside the calendar's years. It is a field error (on
    `period` unless told otherwise), so the API answers 400 {"errors": {"period": [...]}}; a page
    shows str(error)."""

    def __init__(self, message: str, field: str = "period"):
        super().__init__({field: [message]})
        self.text = message

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Period:
    code: str  # 2026Q4, 2026H1, 2026-11, 2026
    kind: str
    start: datetime.date  # the first day
    end: datetime.date  # the last day

    def __str__(self) -> str:
        return self.code


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)


def _check_year(year: int, field: str = "period") -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(_("Choose a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}, field)


def _make(year: int, kind: str, n: int = 1) -> Period:
    if kind == QUARTER:
        return Period(f"{year}Q{n}", kind, datetime.date(year, 3 * n - 2, 1), _month_end(year, 3 * n))
    if kind == HALF_YEAR:
        return Period(f"{year}H{n}", kind, datetime.date(year, 6 * n - 5, 1), _month_end(year, 6 * n))
    if kind == MONTH:
        return Period(f"{year}-{n:02d}", kind, datetime.date(year, n, 1), _month_end(year, n))
    return Period(str(year), YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def parse(text: str | None) -> Period:
    """2026Q4, 2026h1, 2026-11 or 2026 → the Period; anything else raises PeriodError."""
    code = (text or "").strip().upper()
    m = re.fullmatch(r"(\d{4})(?:Q([1-4])|H([12])|-(0[1-9]|1[0-2]))?", code)
    if m is None:
        raise PeriodError(_("Write the period as 2026Q4, 2026H2, 2026-11 or 2026."))
    year = int(m[1])
    _check_year(year)
    if m[2]:
        return _make(year, QUARTER, int(m[2]))
    if m[3]:
        return _make(year, HALF_YEAR, int(m[3]))
    if m[4]:
        return _make(year, MONTH, int(m[4]))
    return _make(year, YEAR)


def parse_year(text: str | None, field: str = "year") -> int:
    """A year written as four digits, within the calendar's years."""
    raw = (text or "").strip()
    if not raw:
        raise PeriodError(_("Enter a year, for example 2026."), field)
    if not raw.isdigit() or len(raw) != 4:
        raise PeriodError(_("“%(value)s” is not a year. Enter four digits, for example 2026.") % {"value": raw[:20]}, field)
    _check_year(int(raw), field)
    return int(raw)


def label(period: Period) -> str:
    """2026Q4 → 2026年第四季度, 2026H1 → 2026年上半年 (in the active language)."""
    year = period.start.year
    if period.kind in (QUARTER, HALF_YEAR):
        return _("%(part)s of %(year)s") % {"year": year, "part": _PARTS[period.code[4:]]}
    if period.kind == MONTH:
        return _("%(month)s/%(year)s") % {"year": year, "month": period.start.month}
    return _("the year %(year)s") % {"year": year}


def contains(period: Period, day: datetime.date) -> bool:
    return period.start <= day <= period.end


def of_date(day: datetime.date, kind: str) -> Period:
    """The quarter, half-year, month or year that `day` lies in."""
    n = {QUARTER: (day.month + 2) // 3, HALF_YEAR: (day.month + 5) // 6, MONTH: day.month}.get(kind, 1)
    return _make(day.year, kind, n)


def of_year(year: int, kind: str) -> list[Period]:
    """The quarters (or half-years, months) of a year, in order."""
    count = {QUARTER: 4, HALF_YEAR: 2, MONTH: 12}.get(kind, 1)
    return [_make(year, kind, n) for n in range(1, count + 1)]


def current(kind: str = QUARTER) -> Period:
    return of_date(timezone.localdate(), kind)

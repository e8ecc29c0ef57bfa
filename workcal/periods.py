"""Reporting periods, parsed and named in one place: a quarter (2026Q4), a half-year (2026H1), a
month (2026-11) or a year (2026), within the years 2000–2100 (the
calendar's years from the first the product can have records of)."""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workcal.calendar import LAST_YEAR

# No record predates the year 2000; a period before it is a typing error (0000Q1), not a question.
FIRST_YEAR = 2000

QUARTER, HALF_YEAR, MONTH, YEAR = "quarter", "half_year", "month", "year"  # the first two as units.Period
_MONTHS = {QUARTER: 3, HALF_YEAR: 6, MONTH: 1, YEAR: 12}  # months per period
_PARTS = {"Q1": gettext_lazy("first quarter"), "Q2": gettext_lazy("second quarter"), "Q3": gettext_lazy("third quarter"),
          "Q4": gettext_lazy("fourth quarter"), "H1": gettext_lazy("first half"), "H2": gettext_lazy("second half")}


class PeriodError(ValidationError):
    """A malformed period or year, or one outside 2000–2100: a field error (`period`
    unless told otherwise), so the API answers 400 {"errors": {"period": [...]}}; pages show str()."""

    def __init__(self, message: str, field: str = "period"):
        super().__init__({field: [message]})
        self.text = message

    def __str__(self) -> str:
        return self.text


class Period(NamedTuple):
    code: str  # 2026Q4, 2026H1, 2026-11, 2026
    kind: str
    start: datetime.date  # the first day
    end: datetime.date  # the last day


def _make(year: int, kind: str, n: int = 1) -> Period:
    months = _MONTHS[kind]
    code = {QUARTER: f"{year}Q{n}", HALF_YEAR: f"{year}H{n}", MONTH: f"{year}-{n:02d}"}.get(kind, str(year))
    last_month = n * months
    end = datetime.date(year + last_month // 12, last_month % 12 + 1, 1) - datetime.timedelta(days=1)
    return Period(code, kind, datetime.date(year, last_month - months + 1, 1), end)


def _check_year(year: int, field: str = "period") -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(_("Choose a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}, field)
    return year


def parse(text: str | None) -> Period:
    """2026Q4, 2026h1, 2026-11 or 2026 → the Period; anything else raises PeriodError."""
    m = re.fullmatch(r"(\d{4})(?:Q([1-4])|H([12])|-(0[1-9]|1[0-2]))?", (text or "").strip().upper())
    if m is None:
        raise PeriodError(_("Write the period as 2026Q4, 2026H2, 2026-11 or 2026."))
    year = _check_year(int(m[1]))
    kind, n = next(((k, int(v)) for k, v in zip((QUARTER, HALF_YEAR, MONTH), m.groups()[1:], strict=True) if v), (YEAR, 1))
    return _make(year, kind, n)


def parse_year(text: str | None, field: str = "year") -> int:
    """A year written as four digits, within the calendar's years."""
    raw = (text or "").strip()
    if not raw:
        raise PeriodError(_("Enter a year, for example 2026."), field)
    if not raw.isdigit() or len(raw) != 4:
        raise PeriodError(_("“%(value)s” is not a year. Enter four digits, for example 2026.") % {"value": raw[:20]}, field)
    return _check_year(int(raw), field)


def label(period: Period) -> str:
    """2026Q4 → 2026年第四季度, 2026H1 → 2026年上半年 (in the active language)."""
    year = period.start.year
    if period.kind == MONTH:
        return _("%(month)s/%(year)s") % {"year": year, "month": period.start.month}
    if period.kind == YEAR:
        return _("the year %(year)s") % {"year": year}
    return _("%(part)s of %(year)s") % {"year": year, "part": _PARTS[period.code[4:]]}


def contains(period: Period, day: datetime.date) -> bool:
    return period.start <= day <= period.end


def of_date(day: datetime.date, kind: str) -> Period:
    """The quarter, half-year, month or year that `day` lies in."""
    return _make(day.year, kind, (day.month - 1) // _MONTHS[kind] + 1)


def of_year(year: int, kind: str) -> list[Period]:
    """The quarters (half-years, months) of a year, in order."""
    return [_make(year, kind, n) for n in range(1, 12 // _MONTHS[kind] + 1)]


def current(kind: str = QUARTER) -> Period:
    return of_date(timezone.localdate(), kind)

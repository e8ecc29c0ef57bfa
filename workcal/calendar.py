"""Working-day arithmetic: `add_workdays`, `workdays_between`, `is_workday`.

How days are counted (docs/adr/0006-counting-days.md, Civil Code art. 201): "N working days from D"
does not count D itself; the answer is the N-th working day after D. Example: Monday 2026-11-23
plus 7 working days is Wednesday 2026-12-02. `add_workdays(day, 0)` is `day` itself.

Every answer says whether it is provisional: it depends on a year whose calendar the joint office
has not confirmed (no notice imported). Such a year is estimated from the statutory holidays the
`holidays` package computes, without the make-up working days that only the notice can tell.

The index
---------
The answers come from an in-memory index over 1900-01-01..2100-12-31: one byte per date (working
or not), the number of working days before each date, and the position of every working day.
`add_workdays` and `workdays_between` are then two or three list look-ups, with no loop over days.

Several app processes share one database, so a process must notice when another one changes the
calendar. Every change renews the token in `CalendarVersion` in the same transaction. The index
compares its token with the database's at most once every CHECK_INTERVAL seconds (a one-row
primary-key read) and rebuilds when they differ; the writing process also invalidates its own
index at once, so its next call checks. A per-call query would make each call a database round
trip; a check per second bounds how long another process may answer from the old calendar. Code
that stores a deadline and must not be a second late calls `refresh()` first (one query).

While a calendar service runs its `calendar_changed` hook, the callbacks see the calendar as changed
by the still-open transaction (`transaction_view`), whatever other threads rebuild meanwhile. The
token is random, not a counter: if a process rebuilt from a change that was then rolled back (a
service called inside a larger transaction that failed), the database's token differs from the
index's, so the next check rebuilds.
"""

from __future__ import annotations

import datetime
import operator
import re
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from itertools import accumulate
from typing import NamedTuple

import holidays
from django.utils.translation import gettext as _

from workcal.models import CalendarDay, CalendarVersion, CalendarYear, Source, YearStatus

FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)
FIRST_YEAR, LAST_YEAR = FIRST_DAY.year, LAST_DAY.year
CHECK_INTERVAL = 1.0  # seconds between two looks at the database's calendar token

_BASE = FIRST_DAY.toordinal()
_SIZE = LAST_DAY.toordinal() - _BASE + 1
_monotonic = time.monotonic  # tests move this clock


class CalendarInputError(ValueError):
    """Bad input: a malformed or out-of-range date, a negative or non-integer number of days.
    `field` names the argument at fault; the message is in the active language."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message, self.field = message, field


class Deadline(NamedTuple):
    date: datetime.date
    provisional: bool


class WorkdayCount(NamedTuple):
    count: int
    provisional: bool


class DayStatus(NamedTuple):
    date: datetime.date
    is_workday: bool
    provisional: bool
    note: str


# --- the estimate for years the notice has not fixed -------------------------------------------------


def estimated_days_off(year: int) -> dict[datetime.date, str]:
    """The weekdays off in `year` as estimated from the statutory holidays (the `holidays` package's
    China calendar), with their Chinese names.

    Kept: the statutory holidays and the package's "observed" days (a statutory holiday that falls
    on a weekend is made up on a weekday; the State Council always does so). Left out: the package's
    "Day off (substituted from ...)" days, which pair with make-up working weekends that only the
    notice can fix. So the estimate loses as many working days as the notice will, in most years on
    other dates. Years before 1950 have no estimate (weekday rule only).
    """
    return _estimates().get(year, {})


def year_exceptions(year: int) -> dict[datetime.date, tuple[bool, str, str]]:
    """The dates of `year` that differ from the weekday rule: (is_workday, note, source)."""
    days: dict[datetime.date, tuple[bool, str, str]] = {}
    if not CalendarYear.objects.filter(year=year).exists():
        days = {day: (False, name, Source.ESTIMATE) for day, name in estimated_days_off(year).items()}
    rows = CalendarDay.objects.filter(date__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    for day, is_workday, note, source in rows.values_list("date", "is_workday", "note", "source"):
        days[day] = (is_workday, note, source)
    return days


@cache
def _estimates() -> dict[int, dict[datetime.date, str]]:
    # One object per language for all years: far quicker than one per year.
    years = range(1950, LAST_YEAR + 1)
    english = holidays.China(years=years, language="en_US")
    chinese = holidays.China(years=years, language="zh_CN")
    estimates: dict[int, dict[datetime.date, str]] = {}
    for day, name in sorted(english.items()):
        if day.weekday() < 5 and not name.startswith("Day off"):
            estimates.setdefault(day.year, {})[day] = chinese.get(day, name)
    return estimates


# --- the index -------------------------------------------------------------------------------------


class CalendarIndex:
    """The calendar of 1900..2100 as look-up tables, built from a snapshot of the database.

    Position i is the date FIRST_DAY + i days. work[i] is 1 on a working day; before[i] counts the
    working days among the first i positions and prov_before[i] the provisional ones; nth[k] is the
    position of the (k+1)-th working day; days[i] is the date itself.
    """

    __slots__ = ("token", "days", "work", "before", "nth", "prov_before", "notes", "next_check")

    def __init__(
        self,
        *,
        token: str | None,
        exceptions: dict[datetime.date, bool],
        notes: dict[datetime.date, str],
        provisional_years: set[int],
    ):
        self.token = token
        self.days = _days()
        work = bytearray(_SIZE)
        first_weekday = FIRST_DAY.weekday()
        for i in range(7):
            if (first_weekday + i) % 7 < 5:
                work[i::7] = b"\x01" * len(range(i, _SIZE, 7))
        for day, is_work in exceptions.items():
            if FIRST_DAY <= day <= LAST_DAY:
                work[day.toordinal() - _BASE] = 1 if is_work else 0
        self.work = bytes(work)
        self.before = [0, *accumulate(work)]
        self.nth = [i for i, w in enumerate(work) if w]
        provisional = bytearray(_SIZE)
        for year in provisional_years:
            first = datetime.date(year, 1, 1).toordinal() - _BASE
            last = datetime.date(year, 12, 31).toordinal() - _BASE
            provisional[first : last + 1] = b"\x01" * (last - first + 1)
        self.prov_before = [0, *accumulate(provisional)]
        self.notes = notes
        self.next_check = 0.0

    def add(self, i: int, n: int) -> Deadline:
        """The n-th working day after position i (n >= 0)."""
        p = self.prov_before
        if n == 0:
            return _new(Deadline, (self.days[i], p[i + 1] > p[i]))
        k = self.before[i + 1] + n - 1
        nth = self.nth
        if k >= len(nth):
            raise CalendarInputError(_("The result would fall after %(last)s.") % {"last": LAST_DAY}, "days")
        j = nth[k]
        return _new(Deadline, (self.days[j], p[j + 1] > p[i + 1]))

    def between(self, i: int, j: int) -> WorkdayCount:
        b, p = self.before, self.prov_before
        return _new(WorkdayCount, (b[j + 1] - b[i], p[j + 1] > p[i]))

    def status(self, i: int) -> DayStatus:
        p = self.prov_before
        day = self.days[i]
        return DayStatus(day, bool(self.work[i]), p[i + 1] > p[i], self.notes.get(day, ""))


_new = tuple.__new__  # builds the result tuples without the NamedTuple's Python-level __new__


@cache
def _days() -> list[datetime.date]:
    """Every date of the range, by position: a list look-up is cheaper than date.fromordinal."""
    return [datetime.date.fromordinal(_BASE + i) for i in range(_SIZE)]


def build_index() -> CalendarIndex:
    """Read the calendar from the database (through the current connection, so inside a transaction
    it includes that transaction's changes)."""
    # The token first: a change committed between the two reads gives new rows under the old token,
    # which the next check corrects; the other order could keep old rows under the new token.
    token = CalendarVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    exceptions: dict[datetime.date, bool] = {}
    notes: dict[datetime.date, str] = {}
    stored = dict(CalendarYear.objects.values_list("year", "status"))
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        if year not in stored:
            for day, name in estimated_days_off(year).items():
                exceptions[day] = False
                notes[day] = name
    for day, is_work, note in CalendarDay.objects.values_list("date", "is_workday", "note"):
        exceptions[day] = is_work
        if note:
            notes[day] = note
    provisional = {
        y for y in range(FIRST_YEAR, LAST_YEAR + 1) if stored.get(y, YearStatus.PROVISIONAL) != YearStatus.CONFIRMED
    }
    return CalendarIndex(token=token, exceptions=exceptions, notes=notes, provisional_years=provisional)


def _read_token() -> str | None:
    return CalendarVersion.objects.filter(pk=1).values_list("token", flat=True).first()


class _Shared:
    index: CalendarIndex | None = None
    lock = threading.Lock()


_pinned: ContextVar[CalendarIndex | None] = ContextVar("workcal_pinned_index", default=None)


def _check() -> CalendarIndex:
    with _Shared.lock:
        current = _Shared.index
        if current is not None and _monotonic() < current.next_check:
            return current  # another thread checked while this one waited for the lock
        token = _read_token()
        if current is None or current.token != token:
            current = build_index()
        current.next_check = _monotonic() + CHECK_INTERVAL
        _Shared.index = current
        return current


def current_index() -> CalendarIndex:
    """The index to answer from: checked against the database at most every CHECK_INTERVAL seconds."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    index = _Shared.index
    if index is None or index.next_check <= _monotonic():
        return _check()
    return index


def invalidate() -> None:
    """Make this process look at the database's token on its next call (writers call this)."""
    index = _Shared.index
    if index is not None:
        index.next_check = 0.0


def reset() -> None:
    """Forget this process's index (tests: each test's database starts afresh)."""
    with _Shared.lock:
        _Shared.index = None


def refresh() -> None:
    """Check the database's token now: for code about to store a deadline."""
    invalidate()
    current_index()


@contextmanager
def transaction_view():
    """Within the block, this thread answers from the calendar as its open transaction sees it."""
    marker = _pinned.set(build_index())
    try:
        yield
    finally:
        _pinned.reset(marker)


# --- the public functions --------------------------------------------------------------------------
# add_workdays is called for every deadline and in bulk when deadlines move: its common path is kept
# to a few list look-ups, with the checks of unusual input in _position().


def check_date(day, field: str = "date") -> datetime.date:
    """`day` if it is a date (not a datetime) within 1900..2100; CalendarInputError otherwise."""
    if type(day) is not datetime.date:
        if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
            raise CalendarInputError(_("Expected a date (YYYY-MM-DD)."), field)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CalendarInputError(
            _("The date must lie between %(first)s and %(last)s.") % {"first": FIRST_DAY, "last": LAST_DAY}, field
        )
    return day


def _position(day, field: str) -> int:
    return check_date(day, field).toordinal() - _BASE


def _whole_days(n) -> int:
    if type(n) is not int:
        try:
            if isinstance(n, bool):
                raise TypeError
            n = operator.index(n)
        except TypeError:
            raise CalendarInputError(_("The number of days must be a whole number."), "days") from None
    if n < 0:
        raise CalendarInputError(_("The number of days must not be negative."), "days")
    return n


def _index() -> CalendarIndex:
    index = _pinned.get() or _Shared.index
    if index is None or index.next_check <= _monotonic():
        return current_index()
    return index


def add_workdays(day: datetime.date, n: int) -> Deadline:
    """The n-th working day after `day` (`day` itself not counted), and whether it is provisional:
    whether any day from the day after `day` to the result lies in an unconfirmed year.

    n must be a non-negative integer; n == 0 gives `day` itself. Raises CalendarInputError for bad
    input or a result after 2100-12-31.
    """
    if type(day) is datetime.date and type(n) is int and n > 0:
        i = day.toordinal() - _BASE
        if 0 <= i < _SIZE:
            index = _pinned.get() or _Shared.index
            if index is None or index.next_check <= _monotonic():
                index = current_index()
            k = index.before[i + 1] + n - 1
            nth = index.nth
            if k < len(nth):
                j = nth[k]
                p = index.prov_before
                return _new(Deadline, (index.days[j], p[j + 1] > p[i + 1]))
    return _index().add(_position(day, "start"), _whole_days(n))


def workdays_between(start: datetime.date, end: datetime.date) -> WorkdayCount:
    """The number of working days from `start` to `end`, both included, and whether it is
    provisional. `end` before `start` is bad input."""
    i, j = _position(start, "start"), _position(end, "end")
    if j < i:
        raise CalendarInputError(_("The end date is before the start date."), "end")
    return _index().between(i, j)


def is_workday(day: datetime.date) -> DayStatus:
    """Whether `day` is a working day, whether that is provisional, and the holiday's name if any."""
    return _index().status(_position(day, "date"))


_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_INTEGER_TEXT = re.compile(r"[+-]?\d+", re.ASCII)


def parse_date(text, field: str = "date") -> datetime.date:
    """A YYYY-MM-DD string as a date in the calendar's range, or CalendarInputError."""
    value = str(text).strip()
    try:
        if not _DATE_TEXT.fullmatch(value):
            raise ValueError
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise CalendarInputError(
            _("“%(value)s” is not a valid date in the form YYYY-MM-DD.") % {"value": text}, field
        ) from None
    return check_date(day, field)


def parse_days(text, field: str = "days") -> int:
    """A non-negative whole number of days, or CalendarInputError."""
    value = str(text).strip()
    if not _INTEGER_TEXT.fullmatch(value):
        raise CalendarInputError(_("The number of days must be a whole number."), field)
    digits = value.lstrip("+-").lstrip("0")
    if value.startswith("-") and digits:
        raise CalendarInputError(_("The number of days must not be negative."), field)
    if len(digits) > 6:  # far beyond 2100 anyway; keeps int() away from huge strings
        raise CalendarInputError(_("The result would fall after %(last)s.") % {"last": LAST_DAY}, field)
    return int(digits or "0")

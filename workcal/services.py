"""Changing the working-day calendar: the only writes to it.

Each service runs in one transaction that takes the calendar's lock (the `CalendarVersion` row),
writes the days, records the change in the year's history, renews the version token (so every
process rebuilds its index) and calls the `calendar_changed` hook, whose callbacks move the open
deadlines in the same transaction. Each returns a `CalendarChange` saying how many deadlines moved.

A year without a `CalendarYear` row is estimated from the statutory holidays. The first edit or the
confirmation of such a year stores the estimate first, so that what the joint office saw on the page
is what it edits or confirms.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

import chinese_calendar
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.services import record, snapshot
from workcal import calendar
from workcal.calendar import CalendarInputError, estimated_days_off, year_exceptions
from workcal.hooks import calendar_changed
from workcal.models import CalendarDay, CalendarVersion, CalendarYear, Source, YearStatus
from workcal.notice import parse_notice

# chinesecalendar names its holidays in English; the notice and the pages use the Chinese names.
PACKAGE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


@dataclass(frozen=True)
class CalendarChange:
    """What a calendar service did: the year, the dates whose answers changed, and how many open
    deadlines the `calendar_changed` callbacks moved."""

    year: int | None
    changed_dates: frozenset[datetime.date]
    deadlines_moved: int
    days: int = 0  # dates differing from the weekday rule that were stored (import, seed)


def _kind(is_workday: bool) -> str:
    return "work" if is_workday else "off"


def _weekday_rule(day: datetime.date) -> bool:
    return day.weekday() < 5


def _year_dates(year: int) -> set[datetime.date]:
    first = datetime.date(year, 1, 1)
    return {first + datetime.timedelta(days=i) for i in range((datetime.date(year, 12, 31) - first).days + 1)}


def _check_year(year: int) -> None:
    if not calendar.FIRST_YEAR <= year <= calendar.LAST_YEAR:
        raise CalendarInputError(
            _("The year must lie between %(first)d and %(last)d.")
            % {"first": calendar.FIRST_YEAR, "last": calendar.LAST_YEAR},
            "year",
        )


def _lock() -> None:
    """Serialise calendar writers: they all lock the version row first."""
    CalendarVersion.objects.select_for_update().get_or_create(
        pk=1, defaults={"token": uuid.uuid4().hex, "changed_at": timezone.now()}
    )


def _exceptions(year: int) -> dict[datetime.date, bool]:
    """The dates of `year` that differ from the weekday rule, as the index sees them now."""
    return {day: is_workday for day, (is_workday, _note, _source) in year_exceptions(year).items()}


def _changed(before: dict[datetime.date, bool], after: dict[datetime.date, bool]) -> dict[datetime.date, list[str]]:
    changes = {}
    for day in sorted(set(before) | set(after)):
        old, new = before.get(day, _weekday_rule(day)), after.get(day, _weekday_rule(day))
        if old != new:
            changes[day] = [_kind(old), _kind(new)]
    return changes


def _store_estimate(year: int, actor) -> CalendarYear:
    """The year's row, creating it (provisional) with the estimated days if it is not stored yet."""
    row = CalendarYear.objects.filter(year=year).first()
    if row is not None:
        return row
    row = CalendarYear.objects.create(year=year, status=YearStatus.PROVISIONAL, source=Source.ESTIMATE)
    taken = set(CalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
    CalendarDay.objects.bulk_create(
        CalendarDay(date=day, is_workday=False, note=name[:100], source=Source.ESTIMATE)
        for day, name in estimated_days_off(year).items()
        if day not in taken
    )
    record(instance=row, actor=actor, action="created", before={}, note=_("Estimated from the statutory holidays."))
    return row


def renew_version() -> None:
    """Tell every process that the calendar changed: a new token, in the caller's transaction."""
    CalendarVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex, "changed_at": timezone.now()})
    calendar.invalidate()
    transaction.on_commit(calendar.invalidate)


def _finish(*, year: int | None, changed: set[datetime.date], actor, days: int = 0) -> CalendarChange:
    """Renew the version token and let the higher apps move their deadlines, in this transaction."""
    renew_version()
    moved = 0
    if changed and calendar_changed.callbacks:
        with calendar.transaction_view():
            moved = calendar_changed.send(changed, actor)
    return CalendarChange(year=year, changed_dates=frozenset(changed), deadlines_moved=moved, days=days)


def seed_from_package(stdout=None) -> int:
    """Store every year the chinesecalendar package knows (2004–2026) that is not stored yet, as
    confirmed. Idempotent: a stored year (seeded, imported or edited) is left alone. Returns the
    number of years seeded. Called by `manage.py load_reference`."""
    known = sorted({day.year for day in chinese_calendar.holidays})
    with transaction.atomic():
        _lock()
        stored = set(CalendarYear.objects.values_list("year", flat=True))
        years = [year for year in known if year not in stored]
        if years:
            wanted = set(years)
            taken = set(
                CalendarDay.objects.filter(date__year__in=years).values_list("date", flat=True)
            )  # e.g. a December make-up day stated by the next year's notice: that one wins
            rows = [
                CalendarDay(date=day, is_workday=False, note=PACKAGE_NAMES.get(name, name), source=Source.PACKAGE)
                for day, name in chinese_calendar.holidays.items()
                if day.year in wanted and day.weekday() < 5 and day not in taken
            ] + [
                CalendarDay(date=day, is_workday=True, note=PACKAGE_NAMES.get(name, name), source=Source.PACKAGE)
                for day, name in chinese_calendar.workdays.items()
                if day.year in wanted and day.weekday() >= 5 and day not in taken
            ]
            CalendarDay.objects.bulk_create(rows)
            now = timezone.now()
            changed: set[datetime.date] = set()
            for year in years:
                row = CalendarYear.objects.create(
                    year=year, status=YearStatus.CONFIRMED, source=Source.PACKAGE, confirmed_at=now
                )
                record(instance=row, actor=None, action="seeded", before={}, note="chinesecalendar")
                changed |= _year_dates(year)
            _finish(year=None, changed=changed, actor=None, days=len(rows))
    if stdout is not None:
        if years:
            stdout.write(
                f"Working-day calendar: {len(years)} years seeded from chinesecalendar ({years[0]}-{years[-1]})."
            )
        else:
            stdout.write("Working-day calendar: already seeded.")
    return len(years)


def set_day(*, date: datetime.date, is_workday: bool, actor, note: str = "") -> CalendarChange:
    """Make one date a working day or a day off (the joint office's correction), with a note such as
    the festival's name. A date set back to the weekday rule is no longer stored. The year keeps its
    status."""
    calendar.check_date(date)
    note = (note or "").strip()[:100]
    with transaction.atomic():
        _lock()
        rows = year_exceptions(date.year)  # stored, or else estimated
        before = {day: row[0] for day, row in rows.items()}
        rule = _weekday_rule(date)
        old_note = rows[date][1] if date in rows else ""
        if before.get(date, rule) == is_workday and (is_workday == rule or old_note == note):
            return CalendarChange(year=date.year, changed_dates=frozenset(), deadlines_moved=0)
        row = _store_estimate(date.year, actor)
        day = CalendarDay.objects.filter(date=date).first()
        if is_workday == rule:
            note = ""
            if day is not None:
                day.delete()
        elif day is None:
            CalendarDay.objects.create(date=date, is_workday=is_workday, note=note, source=Source.MANUAL)
        elif (day.is_workday, day.note) != (is_workday, note):
            day.is_workday, day.note, day.source = is_workday, note, Source.MANUAL
            day.save(update_fields=["is_workday", "note", "source", "updated_at"])
        changes = {d.isoformat(): pair for d, pair in _changed(before, _exceptions(date.year)).items()}
        if note != old_note:
            changes[f"{date.isoformat()} note"] = [old_note, note]
        record(instance=row, actor=actor, action="day_changed", changes=changes)
        changed = {datetime.date.fromisoformat(key) for key in changes if " " not in key}
        return _finish(year=date.year, changed=changed, actor=actor)


def confirm_year(*, year: int, actor) -> CalendarChange:
    """Confirm the year as it stands (the estimate, if it was never edited): its answers stop being
    provisional. Confirming a confirmed year changes nothing."""
    _check_year(year)
    with transaction.atomic():
        _lock()
        row = _store_estimate(year, actor)
        if row.is_confirmed:
            return CalendarChange(year=year, changed_dates=frozenset(), deadlines_moved=0)
        before = snapshot(row)
        row.status, row.confirmed_at, row.confirmed_by = YearStatus.CONFIRMED, timezone.now(), actor
        row.save(update_fields=["status", "confirmed_at", "confirmed_by"])
        record(instance=row, actor=actor, action="confirmed", before=before)
        return _finish(year=year, changed=_year_dates(year), actor=actor)


def import_notice(*, text: str, actor) -> CalendarChange:
    """Store the days of a State Council notice and confirm its year, or change nothing.

    The notice replaces every stored day of its year; a day of the previous December that it states
    (a make-up working day before New Year) is stored too. Raises `NoticeError` for text that is not
    understood completely.
    """
    parsed = parse_notice(text)
    year = parsed.year
    _check_year(year)
    days = parsed.differences()
    with transaction.atomic():
        _lock()
        years = sorted({year} | {day.date.year for day in days})
        before = {y: _exceptions(y) for y in years}
        row = CalendarYear.objects.filter(year=year).first()
        was = snapshot(row) if row else {}
        if row is None:
            row = CalendarYear(year=year)
        row.status, row.source = YearStatus.CONFIRMED, Source.NOTICE
        row.confirmed_at, row.confirmed_by = timezone.now(), actor
        row.save()
        CalendarDay.objects.filter(date__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31))).delete()
        CalendarDay.objects.filter(date__in=[d.date for d in days]).delete()
        CalendarDay.objects.bulk_create(
            CalendarDay(date=d.date, is_workday=d.is_workday, note=d.note[:100], source=Source.NOTICE) for d in days
        )
        changes: dict[datetime.date, list[str]] = {}
        for y in years:
            changes.update(_changed(before[y], _exceptions(y)))
        status_changed = was.get("status") != YearStatus.CONFIRMED
        record(
            instance=row,
            actor=actor,
            action="notice_imported",
            changes={**_diff_fields(was, snapshot(row)), **{d.isoformat(): pair for d, pair in changes.items()}},
        )
        changed = set(changes) | (_year_dates(year) if status_changed else set())
        return _finish(year=year, changed=changed, actor=actor, days=len(days))


def _diff_fields(before: dict, after: dict) -> dict[str, list]:
    return {k: [before.get(k), after.get(k)] for k in ("status", "source") if before.get(k) != after.get(k)}

"""The date rules of a Work Day, in one place (R4, R6; docs/adr/0006-counting-days.md).

Calendar days: screening at least 7 days before (day−7 or earlier), notice published from day−7 to
day−5, results published within 30 days after. Working days: the report within 2 working days after
the day, on the official calendar.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from workcal.calendar import add_workdays
from workdays.attendance import principal_absent
from workdays.models import CALLED_OFF

SCREENING_DAYS_BEFORE = 7
NOTICE_EARLIEST_DAYS_BEFORE = 7
NOTICE_LATEST_DAYS_BEFORE = 5
REPORT_WORKDAYS_AFTER = 2
PUBLICATION_DAYS_AFTER = 30


@dataclass(frozen=True)
class Deadlines:
    screening_due: datetime.date
    notice_earliest: datetime.date
    notice_latest: datetime.date
    report_due: datetime.date
    report_due_provisional: bool
    publication_due: datetime.date


def deadlines_for(day: datetime.date) -> Deadlines:
    report = add_workdays(day, REPORT_WORKDAYS_AFTER)
    return Deadlines(
        screening_due=day - datetime.timedelta(days=SCREENING_DAYS_BEFORE),
        notice_earliest=day - datetime.timedelta(days=NOTICE_EARLIEST_DAYS_BEFORE),
        notice_latest=day - datetime.timedelta(days=NOTICE_LATEST_DAYS_BEFORE),
        report_due=report.date,
        report_due_provisional=report.provisional,
        publication_due=day + datetime.timedelta(days=PUBLICATION_DAYS_AFTER),
    )


def local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def screening_on_time(day: datetime.date, recorded_at: datetime.datetime) -> bool:
    return local_date(recorded_at) <= deadlines_for(day).screening_due


def notice_on_time(day: datetime.date, published_at: datetime.datetime | None) -> bool | None:
    if published_at is None:
        return None
    d = deadlines_for(day)
    return d.notice_earliest <= local_date(published_at) <= d.notice_latest


def report_on_time(day: datetime.date, submitted_at: datetime.datetime | None) -> bool | None:
    if submitted_at is None:
        return None
    return local_date(submitted_at) <= deadlines_for(day).report_due


def results_on_time(day: datetime.date, published_at: datetime.datetime | None) -> bool | None:
    if published_at is None:
        return None
    return local_date(published_at) <= deadlines_for(day).publication_due


def notice_on_time_for(workday) -> bool | None:
    """`notice_on_time` of a day whose date may have moved. A new date announced by a change or
    postponement notice counts as published at that notice, and the window is checked again for the
    new date: a notice that leaves the public less than 5 days is late and flagged; one published
    more than 7 days ahead is not (the change had to be announced when it was made)."""
    on_time = notice_on_time(workday.date, workday.notice_published_at)
    if on_time is False and local_date(workday.notice_published_at) < deadlines_for(workday.date).notice_earliest:
        moved = any(
            "date" in (change.changes or {}) and change.published_at == workday.notice_published_at
            for change in workday.notice_changes.all()
        )
        return True if moved else on_time
    return on_time


@dataclass(frozen=True)
class Flag:
    code: str
    message: str
    level: str = "warning"  # warning | danger


PRINCIPAL_ABSENT = "principal_absent"


def flags_for(workday, today: datetime.date | None = None) -> list[Flag]:
    """Missing or late steps of a Work Day, as of `today`. They never block: the day still happens.
    A voided or cancelled day owes nothing."""
    if workday.status in CALLED_OFF:
        return []
    today = today or timezone.localdate()
    d = deadlines_for(workday.date)
    flags: list[Flag] = []
    items = list(workday.screening_items.all())
    if not items and today > d.screening_due:
        flags.append(Flag("screening_missing", _("No dispute screening recorded by %(date)s (7 days before the day).") % {"date": d.screening_due}))
    elif any(not screening_on_time(workday.date, i.recorded_at) for i in items):
        flags.append(Flag("screening_late", _("Some screening was recorded later than 7 days before the day.")))
    if workday.leader_informed_at is None and today >= workday.date:
        flags.append(Flag("leader_not_informed", _("The overseeing district leader was not recorded as informed before the day.")))
    on_time = notice_on_time_for(workday)
    if on_time is None and today > d.notice_latest:
        flags.append(Flag("notice_missing", _("The public notice was not published by %(date)s (5 days before the day).") % {"date": d.notice_latest}, "danger"))
    elif on_time is False:
        flags.append(Flag("notice_outside_window", _("The public notice was published outside the window %(start)s – %(end)s.") % {"start": d.notice_earliest, "end": d.notice_latest}))
    report = getattr(workday, "report", None)
    submitted = report.submitted_at if report else None
    if submitted is None and today > d.report_due and today >= workday.date:
        flags.append(Flag("report_overdue", _("The report to the joint office was due on %(date)s.") % {"date": d.report_due}, "danger"))
    elif report_on_time(workday.date, submitted) is False:
        flags.append(Flag("report_late", _("The report was submitted after the deadline %(date)s.") % {"date": d.report_due}))
    principal = principal_absent(workday)
    if principal is not None:
        flags.append(Flag(PRINCIPAL_ABSENT, _("The principal leader (%(name)s) did not sign in.") % {"name": principal.name}))
    if workday.results_published_at is None and today > d.publication_due:
        flags.append(Flag("results_overdue", _("The results were due to be published by %(date)s.") % {"date": d.publication_due}, "danger"))
    elif results_on_time(workday.date, workday.results_published_at) is False:
        flags.append(Flag("results_late", _("The results were published after the deadline %(date)s.") % {"date": d.publication_due}))
    return flags

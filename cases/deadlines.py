"""When a case is late, defined once (DESIGN §2 "How days are counted", §4 supervision signals).

Each fact is written once as a queryset condition (`*_q`: the ledger tabs, `?overdue=true`, the
deadline scan, supervision counts) and once as a predicate on a loaded case (a row, a badge, an
API field). Both are built from the same constants, and cases/tests/test_deadlines.py checks that
they select exactly the same cases in every status and date situation.

- overdue (逾期): open and past its reply deadline, today;
- replied late (逾期答复): replied after the deadline; frozen at the reply, never "overdue" again;
- due soon: open and due between today and 2 working days ahead;
- feedback overdue: a referred matter whose host unit still owes the citizen feedback past its due;
- on time: `Reply.on_time`, frozen by `is_late` at the reply (supervision reads it);
- provisional: `Case.due_provisional`, stored with the deadline and recomputed (workcal.hooks)
  when the calendar of a year it falls in or crosses is confirmed or edited.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import OPEN_STATUSES, Case, CaseStatus
from workcal.calendar import add_workdays

DUE_SOON_WORKDAYS = 2


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def is_late(moment: datetime.datetime | datetime.date, due: datetime.date) -> bool:
    """Done (or still not done) at `moment`, after the end of the due day, Beijing time."""
    day = timezone.localdate(moment) if isinstance(moment, datetime.datetime) else moment
    return day > due


def due_soon_limit(today: datetime.date | None = None) -> datetime.date:
    return add_workdays(_today(today), DUE_SOON_WORKDAYS).date


def overdue_q(today: datetime.date | None = None) -> Q:
    return Q(status__in=OPEN_STATUSES, due_date__lt=_today(today))


def is_overdue(case: Case, today: datetime.date | None = None) -> bool:
    return case.status in OPEN_STATUSES and case.due_date is not None and is_late(_today(today), case.due_date)


def replied_late_q() -> Q:
    # `__date` truncates in the current time zone, as timezone.localdate() does. Never open, so a
    # case is never both overdue and replied late.
    return Q(replied_at__date__gt=F("due_date")) & ~Q(status__in=OPEN_STATUSES)


def is_replied_late(case: Case) -> bool:
    return (
        case.replied_at is not None and case.due_date is not None and case.status not in OPEN_STATUSES
        and is_late(case.replied_at, case.due_date)
    )


def due_soon_q(today: datetime.date | None = None) -> Q:
    today = _today(today)
    return Q(status__in=OPEN_STATUSES, due_date__gte=today, due_date__lte=due_soon_limit(today))


def is_due_soon(case: Case, today: datetime.date | None = None, limit: datetime.date | None = None) -> bool:
    today = _today(today)
    limit = limit or due_soon_limit(today)
    return case.status in OPEN_STATUSES and case.due_date is not None and today <= case.due_date <= limit


def _feedback_owed_q() -> Q:
    return Q(feedback_due__isnull=False, feedback_at__isnull=True) & ~Q(status=CaseStatus.VOIDED)


def _feedback_owed(case: Case) -> bool:
    return case.feedback_due is not None and case.feedback_at is None and case.status != CaseStatus.VOIDED


def feedback_overdue_q(today: datetime.date | None = None) -> Q:
    return _feedback_owed_q() & Q(feedback_due__lt=_today(today))


def is_feedback_overdue(case: Case, today: datetime.date | None = None) -> bool:
    return _feedback_owed(case) and is_late(_today(today), case.feedback_due)


def feedback_due_soon_q(today: datetime.date | None = None) -> Q:
    today = _today(today)
    return _feedback_owed_q() & Q(feedback_due__gte=today, feedback_due__lte=due_soon_limit(today))


def is_feedback_due_soon(case: Case, today: datetime.date | None = None, limit: datetime.date | None = None) -> bool:
    today = _today(today)
    return _feedback_owed(case) and today <= case.feedback_due <= (limit or due_soon_limit(today))


@dataclass(frozen=True)
class Badge:
    key: str  # overdue | replied_late | due_soon
    label: str
    css: str


BADGES = {
    "overdue": (_("overdue"), "bad"),
    "replied_late": (_("replied late"), "bad"),
    "due_soon": (_("due soon"), "warn"),
}


def badge(case: Case, today: datetime.date | None = None, limit: datetime.date | None = None) -> Badge | None:
    """The one deadline badge of a case: the Overdue tab lists exactly the cases badged "overdue"."""
    today = _today(today)
    if is_overdue(case, today):
        key = "overdue"
    elif is_replied_late(case):
        key = "replied_late"
    elif is_due_soon(case, today, limit):
        key = "due_soon"
    else:
        return None
    label, css = BADGES[key]
    return Badge(key, str(label), css)

"""When a case is late, defined once (DESIGN §2 "How days are counted", §4 supervision signals).

Each fact is a queryset condition (`*_q`: ledger tabs, `?overdue=true`, the deadline scan,
supervision) and a predicate on a loaded case (`is_*`: rows, badges, API fields), written side by
side from the same constants; cases/tests/test_deadlines.py checks they select the same cases.
- overdue (逾期): open and past the reply deadline today;
- replied late (逾期答复): replied after the deadline, frozen at the reply (never open again);
- due soon: open and due from today to 2 working days ahead;
- feedback overdue / due soon: a referred matter's host unit still owes the citizen feedback;
- promise kept / broken / due soon (承诺解决时限): a concluding reply on or before the promised date
  keeps the promise; the date passing without one breaks it (承诺未兑现, a supervision signal);
- on time: `Reply.on_time`, frozen by `is_late` at the reply; provisional: `Case.due_provisional`,
  recomputed through workcal.hooks when the calendar of its year changes.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import OPEN_STATUSES, OWES_FEEDBACK, Case, CaseStatus, Reply
from workcal.calendar import add_workdays

DUE_SOON_WORKDAYS = 2
_OWES_FEEDBACK = OWES_FEEDBACK  # the condition of the partial index on feedback_due


def _owes_feedback(case: Case) -> bool:
    return case.feedback_due is not None and case.feedback_at is None and case.status != CaseStatus.VOIDED


def is_late(moment: datetime.datetime | datetime.date, due: datetime.date) -> bool:
    """Done (or still not done) at `moment`, after the end of the due day, Beijing time."""
    return (timezone.localdate(moment) if isinstance(moment, datetime.datetime) else moment) > due


def due_soon_limit(today: datetime.date | None = None) -> datetime.date:
    return add_workdays(today or timezone.localdate(), DUE_SOON_WORKDAYS).date


def overdue_q(today: datetime.date | None = None) -> Q:
    return Q(status__in=OPEN_STATUSES, due_date__lt=today or timezone.localdate())


def is_overdue(case: Case, today: datetime.date | None = None) -> bool:
    return case.status in OPEN_STATUSES and case.due_date is not None and is_late(today or timezone.localdate(), case.due_date)


def replied_late_q() -> Q:
    # `__date` truncates in the current time zone, as timezone.localdate() does.
    return Q(replied_at__date__gt=F("due_date")) & ~Q(status__in=OPEN_STATUSES)


def is_replied_late(case: Case) -> bool:
    return (case.status not in OPEN_STATUSES and case.replied_at is not None and case.due_date is not None
            and is_late(case.replied_at, case.due_date))


def due_soon_q(today: datetime.date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(status__in=OPEN_STATUSES, due_date__gte=today, due_date__lte=due_soon_limit(today))


def is_due_soon(case: Case, today: datetime.date | None = None, limit: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return case.status in OPEN_STATUSES and case.due_date is not None and today <= case.due_date <= (limit or due_soon_limit(today))


def feedback_overdue_q(today: datetime.date | None = None) -> Q:
    return _OWES_FEEDBACK & Q(feedback_due__lt=today or timezone.localdate())


def is_feedback_overdue(case: Case, today: datetime.date | None = None) -> bool:
    return _owes_feedback(case) and is_late(today or timezone.localdate(), case.feedback_due)


def feedback_due_soon_q(today: datetime.date | None = None) -> Q:
    today = today or timezone.localdate()
    return _OWES_FEEDBACK & Q(feedback_due__gte=today, feedback_due__lte=due_soon_limit(today))


def is_feedback_due_soon(case: Case, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return _owes_feedback(case) and today <= case.feedback_due <= due_soon_limit(today)


def promise_kept_q() -> Exists:
    resolved = Reply.objects.filter(case=OuterRef("pk"), concluded=True, replied_at__date__lte=OuterRef("promised_due"))
    return Exists(resolved)


def promise_broken_q(today: datetime.date | None = None) -> Q:
    return Q(promised_due__lt=today or timezone.localdate()) & ~Q(promise_kept_q()) & ~Q(status=CaseStatus.VOIDED)


def promise_due_soon_q(today: datetime.date | None = None) -> Q:
    today = today or timezone.localdate()
    waiting = Q(promised_due__gte=today, promised_due__lte=due_soon_limit(today)) & ~Q(status=CaseStatus.VOIDED)
    return waiting & ~Q(promise_kept_q())


def _kept_by(case: Case) -> bool:
    return any(r.concluded and not is_late(r.replied_at, case.promised_due) for r in case.replies.all())


def promise_kept(case: Case, today: datetime.date | None = None) -> bool | None:
    """True once a concluding reply came by the promised date, False once the date passed without one,
    None while the promise still runs (or there is none)."""
    if case.promised_due is None or case.status == CaseStatus.VOIDED:
        return None
    if _kept_by(case):
        return True
    return False if is_late(today or timezone.localdate(), case.promised_due) else None


def is_promise_broken(case: Case, today: datetime.date | None = None) -> bool:
    return promise_kept(case, today) is False


def is_promise_due_soon(case: Case, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (case.promised_due is not None and case.status != CaseStatus.VOIDED and not _kept_by(case)
            and today <= case.promised_due <= due_soon_limit(today))


class Badge(NamedTuple):
    key: str  # overdue | replied_late | due_soon
    label: str
    css: str


def badge(case: Case, today: datetime.date | None = None, limit: datetime.date | None = None) -> Badge | None:
    """The one deadline badge of a case: the Overdue tab lists exactly the cases badged "overdue"."""
    if is_overdue(case, today):
        return Badge("overdue", _("overdue"), "bad")
    if is_replied_late(case):
        return Badge("replied_late", _("replied late"), "bad")
    if is_due_soon(case, today, limit):
        return Badge("due_soon", _("due soon"), "warn")
    return None

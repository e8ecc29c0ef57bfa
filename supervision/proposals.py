"""The daily proposal of supervision orders (督办建议), computed from the record by
`manage.py propose_orders` (after `scan_deadlines`) or the joint office's button on the orders page.

Six triggers, each proposed at most once per case and stage (the assignment it fired for, or the
start of self-handling), so a repeated scan never duplicates a proposal and a new assignment can
trigger again:
- unsigned: an assignment not signed for after 1 working day from delivery;
- half_time: half the reply time (working days from delivery to the deadline) passed with no
  progress — no history event on the case by the lead unit's users other than signing for it, and
  no assisting opinion, since delivery;
- due_tomorrow: 1 working day (or less) before the deadline, with no reply;
- overdue: open past the deadline (cases.deadlines);
- not_reassigned: a returned case not assigned again within 2 working days of the return;
- not_rehandled: a revisit found the citizen unsatisfied or contradicting the reply, and the case was
  not sent back for handling (cases' `rehandle` step) within 2 working days; the joint office acts on
  this one itself, on the case page.
Of the three deadline triggers only the latest that holds is proposed (an overdue case is not also
proposed as due tomorrow).
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases import deadlines
from cases.models import RECEIVE_WORKDAYS, AssistOpinion, Case, CaseStatus
from cases.transitions import TABLE as CASE_TABLE
from history.models import Event
from supervision.models import OrderProposal
from workcal.calendar import add_workdays, workdays_between

T = OrderProposal.Trigger
REASSIGN_WORKDAYS = 2
REHANDLE_WORKDAYS = 2
DUE_TOMORROW_WORKDAYS = 1


def _progressed(case: Case, since: datetime.datetime | datetime.date) -> bool:
    at = {"at__gte": since} if isinstance(since, datetime.datetime) else {"at__date__gte": since}
    created = {"created_at__gte": since} if isinstance(since, datetime.datetime) else {"created_at__date__gte": since}
    events = Event.objects.filter(
        content_type=ContentType.objects.get_for_model(Case), object_id=case.pk, actor__unit_id=case.lead_unit_id, **at
    ).exclude(action="received")
    return events.exists() or AssistOpinion.objects.filter(case=case, **created).exists()


def _half_time(start: datetime.date, due: datetime.date) -> datetime.date:
    total = workdays_between(start + datetime.timedelta(days=1), due).count if due > start else 0
    return add_workdays(start, (total + 1) // 2).date


def _triggers_in_handling(case: Case, today: datetime.date) -> list[tuple[str, str]]:
    assignment = next((a for a in reversed(case.assignments.all()) if a.returned_at is None), None)
    if assignment is not None:
        since = assignment.delivered_at
        start, stage = timezone.localdate(since), f"assignment:{assignment.pk}"
    elif case.clock_start is not None:
        since = start = case.clock_start
        stage = f"start:{start.isoformat()}"
    else:
        return []
    found = []
    if (case.status == CaseStatus.ASSIGNED and assignment is not None and assignment.received_at is None
            and today > add_workdays(start, RECEIVE_WORKDAYS).date):
        found.append((T.UNSIGNED, stage))
    if deadlines.is_overdue(case, today):
        found.append((T.OVERDUE, stage))
    elif add_workdays(today, DUE_TOMORROW_WORKDAYS).date >= case.due_date:
        found.append((T.DUE_TOMORROW, stage))
    elif today >= _half_time(start, case.due_date) and not _progressed(case, since):
        found.append((T.HALF_TIME, stage))
    return found


def _trigger_returned(case: Case, today: datetime.date) -> list[tuple[str, str]]:
    last = max(case.assignments.all(), key=lambda a: (a.delivered_at, a.pk), default=None)
    if last is None or last.returned_at is None:
        return []
    if today > add_workdays(timezone.localdate(last.returned_at), REASSIGN_WORKDAYS).date:
        return [(T.NOT_REASSIGNED, f"return:{last.pk}")]
    return []


def _trigger_failed_revisit(case: Case, today: datetime.date) -> list[tuple[str, str]]:
    if CASE_TABLE["rehandle"].refused_by_state(case):  # not found wanting, or already handled again
        return []
    failed = case.revisits.filter(reached=True).filter(Q(satisfied=False) | Q(confirms_reply=False)).order_by("-created_at").first()
    if failed is not None and today > add_workdays(timezone.localdate(failed.created_at), REHANDLE_WORKDAYS).date:
        return [(T.NOT_REHANDLED, f"revisit:{failed.pk}")]
    return []


@transaction.atomic
def propose_orders(today: datetime.date | None = None) -> list[OrderProposal]:
    """The proposals new today (those already made are kept, never made twice)."""
    today = today or timezone.localdate()
    wanted: list[tuple[int, str, str]] = []
    handling = Case.objects.filter(
        status__in=(CaseStatus.ASSIGNED, CaseStatus.HANDLING), lead_unit__isnull=False, due_date__isnull=False
    ).prefetch_related("assignments")
    for case in handling:
        wanted += [(case.pk, trigger, stage) for trigger, stage in _triggers_in_handling(case, today)]
    revisited = Case.objects.filter(status__in=(CaseStatus.REPLIED, CaseStatus.CLOSED), revisits__reached=True).filter(
        Q(revisits__satisfied=False) | Q(revisits__confirms_reply=False)
    ).distinct()
    for case in revisited:
        wanted += [(case.pk, trigger, stage) for trigger, stage in _trigger_failed_revisit(case, today)]
    returned = Case.objects.filter(status=CaseStatus.AWAITING_ASSIGNMENT, return_count__gt=0).prefetch_related("assignments")
    for case in returned:
        wanted += [(case.pk, trigger, stage) for trigger, stage in _trigger_returned(case, today)]
    existing = set(
        OrderProposal.objects.filter(case_id__in={w[0] for w in wanted}).values_list("case_id", "trigger", "stage")
    )
    now = timezone.now()
    new = [
        OrderProposal(case_id=c, trigger=t, stage=s, proposed_for=today, created_at=now)
        for c, t, s in wanted if (c, t, s) not in existing
    ]
    # ignore_conflicts: a scan running at the same moment made the same proposal; the constraint keeps one.
    OrderProposal.objects.bulk_create(new, ignore_conflicts=True)
    return new

"""Every change to a case. Each service checks its guard and writes the change with its history
entry in one transaction."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q

from cases.models import OPEN_STATUSES, REPLY_WORKDAYS, Case, CaseStatus, Handling
from history.services import record, snapshot
from intake.models import Disposition, Registration
from workcal.calendar import add_workdays


@transaction.atomic
def case_open_for_registration(*, registration: Registration, actor) -> Case:
    """R6a: every registered matter becomes a ledger entry with a named responsible person.

    Self-handled matters (answered on the spot, or a committed time limit) are due 7 working days
    after the reception day (R8). A matter beyond the unit's authority goes to the joint office at
    once, awaiting assignment; its reply clock starts at delivery, but the host unit owes the citizen
    feedback within 7 working days of the reception.
    """
    workday = registration.workday
    reception = workday.date
    deadline = add_workdays(reception, REPLY_WORKDAYS)
    case = Case(
        registration=registration,
        workday=workday,
        host_unit=workday.host_unit,
        category=registration.category,
        territory=registration.territory,
        responsible_person=registration.responsible_person,
        responsible_user=registration.responsible_user,
    )
    if registration.disposition == Disposition.REFER:
        case.handling = Handling.ASSIGNED
        case.status = CaseStatus.AWAITING_ASSIGNMENT
        case.feedback_due, case.feedback_provisional = deadline.date, deadline.provisional
    else:
        case.handling = Handling.SELF
        case.lead_unit = workday.host_unit
        case.clock_start = reception
        case.due_date, case.due_provisional = deadline.date, deadline.provisional
        if registration.promised_days:
            promised = add_workdays(reception, registration.promised_days)
            case.promised_due, case.promised_provisional = promised.date, promised.provisional
        if registration.disposition == Disposition.ON_THE_SPOT:
            case.status = CaseStatus.ANSWERED
            case.replied_at = registration.registered_at
            case.due_provisional = False  # answered: the deadline is met whatever the calendar says
        else:
            case.status = CaseStatus.HANDLING
    case.save()
    record(instance=case, actor=actor, action="case_created", before={})
    return case


def recompute_deadlines(changed_dates: set[datetime.date], actor) -> int:
    """Registered on workcal.hooks.calendar_changed: move every open deadline whose counting window
    (clock start + 1 .. due date) holds a changed date, with an entry in each case's timeline."""
    if not changed_dates:
        return 0
    first, last = min(changed_dates), max(changed_dates)
    moved = 0
    reply_window = Q(status__in=OPEN_STATUSES, clock_start__lt=last, due_date__gte=first)
    feedback_window = Q(feedback_at__isnull=True, feedback_due__gte=first, workday__date__lt=last) & ~Q(
        status__in=[CaseStatus.CLOSED, CaseStatus.VOIDED]
    )
    promise_window = Q(status__in=OPEN_STATUSES, promised_due__gte=first, workday__date__lt=last)
    windows = reply_window | feedback_window | promise_window
    for case in Case.objects.select_for_update().select_related("workday", "registration").filter(windows):
        before = snapshot(case)
        if case.status in OPEN_STATUSES and case.clock_start and case.due_date:
            new = add_workdays(case.clock_start, REPLY_WORKDAYS)
            case.due_date, case.due_provisional = new.date, new.provisional
            if case.handling == Handling.ASSIGNED:
                case.assignments.filter(returned_at__isnull=True).update(due_date=new.date)
        if case.feedback_due and case.feedback_at is None:
            new = add_workdays(case.workday.date, REPLY_WORKDAYS)
            case.feedback_due, case.feedback_provisional = new.date, new.provisional
        if case.status in OPEN_STATUSES and case.promised_due:
            new = add_workdays(case.workday.date, case.registration.promised_days)
            case.promised_due, case.promised_provisional = new.date, new.provisional
        after = snapshot(case)
        if after != before:
            case.version += 1
            case.save(update_fields=[
                "due_date", "due_provisional", "feedback_due", "feedback_provisional", "promised_due",
                "promised_provisional", "version",
            ])
            record(instance=case, actor=actor, action="deadline_moved", before=before)
            moved += 1
    return moved

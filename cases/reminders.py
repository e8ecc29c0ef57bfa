"""The daily deadline scan: per unit, the cases due within 2 working days and the overdue ones
(replies for the lead unit, feedback to the citizen for the host unit of a referred matter).
Run by cron (`manage.py scan_deadlines`) or from the ledger page; the home page shows the latest.

Each scan writes the whole list anew, so a reminder of an earlier scan is superseded the next day:
the scan prunes the reminders of scans older than REMINDERS_KEPT_DAYS (the scans themselves stay,
as the record that they ran)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import filter_by_units, is_supervisor
from accounts.home import TodoItem
from cases import deadlines
from cases.models import Case, CaseStatus, DeadlineScan, Reminder
from cases.selectors import unsigned_assignments

# A broken promise is reminded for a month after its date; after that it stays a supervision signal.
PROMISE_REMINDED_DAYS = datetime.timedelta(days=30)
# How long the reminders of a superseded scan are kept (to look back a week); then they are pruned.
REMINDERS_KEPT_DAYS = 7


@transaction.atomic
def scan_deadlines(*, actor=None) -> DeadlineScan:
    today = timezone.localdate()
    scan = DeadlineScan.objects.create(ran_at=timezone.now(), for_date=today, ran_by=actor if getattr(actor, "pk", None) else None)
    reminders = []
    replies = Case.objects.filter(deadlines.overdue_q(today) | deadlines.due_soon_q(today), lead_unit__isnull=False)
    for case in replies.only("id", "lead_unit_id", "status", "due_date"):
        kind = Reminder.Kind.OVERDUE if deadlines.is_overdue(case, today) else Reminder.Kind.DUE_SOON
        reminders.append(Reminder(scan=scan, unit_id=case.lead_unit_id, case_id=case.pk, kind=kind, due_date=case.due_date))
    feedback = Case.objects.filter(deadlines.feedback_overdue_q(today) | deadlines.feedback_due_soon_q(today))
    for case in feedback.only("id", "host_unit_id", "status", "feedback_due", "feedback_at"):
        overdue = deadlines.is_feedback_overdue(case, today)
        kind = Reminder.Kind.FEEDBACK_OVERDUE if overdue else Reminder.Kind.FEEDBACK_DUE_SOON
        reminders.append(Reminder(scan=scan, unit_id=case.host_unit_id, case_id=case.pk, kind=kind, due_date=case.feedback_due))
    promises = Case.objects.filter(deadlines.promise_broken_q(today) | deadlines.promise_due_soon_q(today))
    for case in promises.filter(promised_due__gte=today - PROMISE_REMINDED_DAYS).prefetch_related("replies"):
        broken = deadlines.is_promise_broken(case, today)
        kind = Reminder.Kind.PROMISE_BROKEN if broken else Reminder.Kind.PROMISE_DUE_SOON
        reminders.append(Reminder(scan=scan, unit_id=case.lead_unit_id, case_id=case.pk, kind=kind, due_date=case.promised_due))
    Reminder.objects.bulk_create(reminders, batch_size=1000)
    scan.pruned = prune_reminders(before=today - datetime.timedelta(days=REMINDERS_KEPT_DAYS))
    return scan


def prune_reminders(*, before: datetime.date) -> int:
    """Delete the reminders of the scans run for a date before `before`, never the latest scan's
    (the current list, however old). One DELETE; returns how many reminders went."""
    latest = latest_scan()
    old_scans = DeadlineScan.objects.filter(for_date__lt=before)
    if latest is not None:
        old_scans = old_scans.exclude(pk=latest.pk)
    deleted, _by_model = Reminder.objects.filter(scan__in=old_scans.values("pk")).delete()
    return deleted


def latest_scan() -> DeadlineScan | None:
    return DeadlineScan.objects.first()


def reminders_for(user, scan: DeadlineScan | None = None):
    scan = scan or latest_scan()
    if scan is None:
        return Reminder.objects.none()
    return filter_by_units(user, scan.reminders.select_related("unit", "case__registration"), "unit_id")


def count_by_kind(reminders: QuerySet[Reminder]) -> dict[str, int]:
    """How many of `reminders` of each kind, counted in the database (one GROUP BY)."""
    rows = reminders.order_by().values("kind").annotate(n=Count("id")).values_list("kind", "n")
    return dict(rows)


def count_by_unit(reminders: QuerySet[Reminder]) -> list[tuple[int, str, int]]:
    """(unit id, unit name, how many) of `reminders` per unit, by unit name (one GROUP BY)."""
    rows = reminders.order_by().values("unit_id", "unit__name").annotate(n=Count("id"))
    return sorted((row["unit_id"], row["unit__name"], row["n"]) for row in rows)


def summary_by_unit(scan: DeadlineScan) -> list[tuple[str, dict[str, int]]]:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    rows = scan.reminders.order_by().values("unit__name", "kind").annotate(n=Count("id"))
    for row in rows:
        counts[row["unit__name"]][row["kind"]] = row["n"]
    return sorted(counts.items())


def home_todo(user) -> list:
    """Home-page items: the latest scan's reminders for the user's units, and for the joint office
    the cases awaiting assignment."""
    items: list[TodoItem] = []
    if is_supervisor(user):
        waiting = Case.objects.filter(status=CaseStatus.AWAITING_ASSIGNMENT).count()
        if waiting:
            items.append(TodoItem(_("%(n)s case(s) await assignment by the joint office") % {"n": waiting},
                                  reverse("cases:list") + "?status=awaiting_assignment", "warning"))
    unsigned = unsigned_assignments(user).count()
    if unsigned:
        items.append(TodoItem(_("%(n)s assignment(s) from the joint office wait to be signed for") % {"n": unsigned},
                              reverse("cases:list") + "#inbox", "danger"))
    scan = latest_scan()
    if scan is None:
        return items
    counts = count_by_kind(reminders_for(user, scan))
    url = reverse("cases:list")
    labels = {
        Reminder.Kind.OVERDUE: (_("%(n)s case(s) past the reply deadline"), url + "?overdue=1", "danger"),
        Reminder.Kind.DUE_SOON: (_("%(n)s case(s) due for reply within 2 working days"), url + "?due_soon=1", "warning"),
        Reminder.Kind.FEEDBACK_OVERDUE: (_("%(n)s referred matter(s) past the deadline for feedback to the citizen"), url, "danger"),
        Reminder.Kind.FEEDBACK_DUE_SOON: (_("%(n)s referred matter(s) owe the citizen feedback within 2 working days"), url, "warning"),
        Reminder.Kind.PROMISE_BROKEN: (_("%(n)s promised resolution date(s) passed without resolution"), url, "danger"),
        Reminder.Kind.PROMISE_DUE_SOON: (_("%(n)s promised resolution date(s) within 2 working days"), url, "warning"),
    }
    for kind, (text, link, level) in labels.items():
        if counts.get(kind):
            items.append(TodoItem(text % {"n": counts[kind]}, link, level))
    if items and scan.for_date != timezone.localdate():
        items.append(TodoItem(_("Reminders are from the scan of %(date)s.") % {"date": scan.for_date}, "", "info"))
    return items

"""R11 supervision signals, computed from the record and never typed in.

For a unit and a period, each signal is the set of cases behind it (so every number drills down):
- replied_on_time: replies the unit gave within the deadline, dated in the period;
- overdue (DESIGN §4 "open past due, or replied late, frozen at each stage"): the sum of three
  facts from cases.deadlines — cases it leads that are overdue now with a due date in the period,
  replies it gave late in the period (`Reply.on_time`, frozen at the reply) and assignments it
  returned in the period when already past due (`overdue_when_returned`, frozen at the return).
  It is wider than the ledger's "overdue" (open past due only), which is the first of the three;
- returns: assignments the unit returned (退回) in the period — a return counts against the unit
  that returned the case;
- bounced: cases returned two or more times (推诿) that the unit returned in the period;
- unsatisfied: revisits in the period where the citizen was not satisfied;
- contradicted: revisits where the citizen contradicts the reported reply (虚报/瞒报/谎报 signal);
- poor_quality: replies the joint office rated not acceptable in the period;
- promises_broken (承诺未兑现): cases it leads whose promised resolution date fell in the period and
  passed without a concluding reply (cases.deadlines.promise_broken_q);
- orders_overdue (督办逾期未复): supervision orders to the unit whose respond_by fell in the period
  and that were not answered by it (answered late, or not yet and the day has passed).
Revisit signals count against the unit that gave the latest reply before the revisit (the lead
unit when there is no reply).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from cases import deadlines
from cases.models import BOUNCED_RETURNS, Assignment, Case, CaseStatus, Reply, Revisit
from supervision.models import SupervisionOrder
from workcal import periods

SIGNALS = (
    "cases", "replied_on_time", "overdue", "returns", "bounced", "unsatisfied", "contradicted", "poor_quality",
    "promises_broken", "orders_overdue",
)


# Signals counted per event rather than per case: a case returned twice by one unit is two returns.
COUNTED_PER_EVENT = ("returns",)


@dataclass
class UnitSignals:
    unit_id: int
    cases: dict[str, set[int]] = field(default_factory=lambda: {s: set() for s in SIGNALS})
    events: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIGNALS, 0))

    def count(self, signal: str) -> int:
        return self.events[signal] if signal in COUNTED_PER_EVENT else len(self.cases[signal])

    def as_row(self) -> dict:
        return {"unit_id": self.unit_id, **{s: self.count(s) for s in SIGNALS}}

    @property
    def any_problem(self) -> bool:
        return any(self.cases[s] for s in SIGNALS if s not in ("cases", "replied_on_time"))


def day_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The period's first moment and the first moment after it, in the current time zone (Beijing):
    a filter `at >= first, at < after` uses the column's index, where `at__date__range` (a cast of
    every row) cannot."""
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    after = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min))
    return first, after


def signals_for_period(period: str, unit_ids: set[int] | None = None) -> dict[int, UnitSignals]:
    """Signals per unit for the period (raises periods.PeriodError), limited to `unit_ids` when
    given (None: all units). A fixed number of queries, each on an index of its time column."""
    parsed = periods.parse(period)
    start, end = parsed.start, parsed.end
    first, after = day_bounds(start, end)
    today = timezone.localdate()
    result: dict[int, UnitSignals] = {}

    def add(unit_id: int | None, signal: str, case_id: int) -> None:
        if unit_id is None or (unit_ids is not None and unit_id not in unit_ids):
            return
        signals = result.get(unit_id)
        if signals is None:
            signals = result[unit_id] = UnitSignals(unit_id)
        signals.cases[signal].add(case_id)
        signals.events[signal] += 1

    live = Case.objects.exclude(status=CaseStatus.VOIDED)
    # The voided cases (a few entries made in error; an index-only scan of a partial index). The
    # rows of the period are read from their own time index and those of voided cases dropped
    # here, instead of joining every row to its case or testing `case__in` over every case.
    voided = set(Case.objects.filter(status=CaseStatus.VOIDED).order_by().values_list("id", flat=True))

    def add_live(unit_id: int | None, signal: str, case_id: int) -> None:
        if case_id not in voided:
            add(unit_id, signal, case_id)

    for case_id, lead_id in live.filter(clock_start__range=(start, end)).order_by().values_list("id", "lead_unit_id"):
        add(lead_id, "cases", case_id)
    delivered = Assignment.objects.filter(delivered_at__gte=first, delivered_at__lt=after).order_by()
    for case_id, lead_id in delivered.values_list("case_id", "lead_unit_id"):
        add_live(lead_id, "cases", case_id)

    # Two indexed ranges (replied, rated) instead of one OR over two casts.
    replied = Reply.objects.filter(replied_at__gte=first, replied_at__lt=after).order_by()
    for case_id, unit_id, on_time in replied.values_list("case_id", "unit_id", "on_time"):
        add_live(unit_id, "replied_on_time" if on_time else "overdue", case_id)  # replied late
    rated_poor = Reply.objects.filter(acceptable=False, rated_at__gte=first, rated_at__lt=after).order_by()
    for case_id, unit_id in rated_poor.values_list("case_id", "unit_id"):
        add_live(unit_id, "poor_quality", case_id)

    overdue_now = live.filter(deadlines.overdue_q(today), due_date__range=(start, end))
    for case_id, lead_id in overdue_now.values_list("id", "lead_unit_id"):
        add(lead_id, "overdue", case_id)

    broken = live.filter(deadlines.promise_broken_q(today), promised_due__range=(start, end))
    for case_id, lead_id in broken.values_list("id", "lead_unit_id"):
        add(lead_id, "promises_broken", case_id)

    due_orders = SupervisionOrder.objects.filter(respond_by__range=(start, min(end, today - datetime.timedelta(days=1))))
    for o in due_orders.order_by().values("case_id", "unit_id", "respond_by", "responded_at"):
        if o["responded_at"] is None or timezone.localdate(o["responded_at"]) > o["respond_by"]:
            add_live(o["unit_id"], "orders_overdue", o["case_id"])

    returned = Assignment.objects.filter(returned_at__gte=first, returned_at__lt=after).order_by().values_list(
        "case_id", "lead_unit_id", "overdue_when_returned", "case__return_count"
    )
    for case_id, lead_id, overdue_when_returned, return_count in returned:
        if case_id in voided:
            continue
        add(lead_id, "returns", case_id)
        if overdue_when_returned:  # returned late
            add(lead_id, "overdue", case_id)
        if return_count >= BOUNCED_RETURNS:
            add(lead_id, "bounced", case_id)

    revisits = (
        Revisit.objects.filter(reached=True, created_at__gte=first, created_at__lt=after)
        .filter(Q(satisfied=False) | Q(confirms_reply=False))
        .select_related("case")
        .only("id", "case_id", "satisfied", "confirms_reply", "created_at", "case__id", "case__lead_unit_id")
        # the replies of each case, newest first, in one query (not one per revisit)
        .prefetch_related(Prefetch("case__replies", queryset=Reply.objects.only("id", "case_id", "unit_id", "replied_at").order_by("-replied_at", "-id")))
    )
    for v in revisits:
        if v.case_id in voided:
            continue
        reply = next((r for r in v.case.replies.all() if r.replied_at <= v.created_at), None)
        unit_id = reply.unit_id if reply else v.case.lead_unit_id
        if v.satisfied is False:
            add(unit_id, "unsatisfied", v.case_id)
        if v.confirms_reply is False:
            add(unit_id, "contradicted", v.case_id)
    return result

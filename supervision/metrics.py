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
from cases.models import BOUNCED_RETURNS, Assignment, Case, Reply, Revisit
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


def _in(moment: datetime.datetime | None, start: datetime.date, end: datetime.date) -> bool:
    return moment is not None and start <= timezone.localdate(moment) <= end


def signals_for_period(period: str, unit_ids: set[int] | None = None) -> dict[int, UnitSignals]:
    """Signals per unit for the period (raises periods.PeriodError), limited to `unit_ids` when
    given (None: all units)."""
    parsed = periods.parse(period)
    start, end = parsed.start, parsed.end
    today = timezone.localdate()
    result: dict[int, UnitSignals] = {}

    def add(unit_id: int | None, signal: str, case_id: int) -> None:
        if unit_id is None or (unit_ids is not None and unit_id not in unit_ids):
            return
        signals = result.setdefault(unit_id, UnitSignals(unit_id))
        signals.cases[signal].add(case_id)
        signals.events[signal] += 1

    live = Case.objects.exclude(status="voided")
    for case_id, lead_id in live.filter(clock_start__range=(start, end)).values_list("id", "lead_unit_id"):
        add(lead_id, "cases", case_id)
    for a in Assignment.objects.filter(delivered_at__date__range=(start, end), case__in=live).values(
        "case_id", "lead_unit_id"
    ):
        add(a["lead_unit_id"], "cases", a["case_id"])

    in_period = Q(replied_at__date__range=(start, end)) | Q(rated_at__date__range=(start, end))
    replies = Reply.objects.filter(in_period, case__in=live).values(
        "case_id", "unit_id", "replied_at", "on_time", "acceptable", "rated_at"
    )
    for r in replies:
        if _in(r["replied_at"], start, end):
            add(r["unit_id"], "replied_on_time" if r["on_time"] else "overdue", r["case_id"])  # replied late
        if r["acceptable"] is False and _in(r["rated_at"], start, end):
            add(r["unit_id"], "poor_quality", r["case_id"])

    overdue_now = live.filter(deadlines.overdue_q(today), due_date__range=(start, end))
    for case_id, lead_id in overdue_now.values_list("id", "lead_unit_id"):
        add(lead_id, "overdue", case_id)

    broken = live.filter(deadlines.promise_broken_q(today), promised_due__range=(start, end))
    for case_id, lead_id in broken.values_list("id", "lead_unit_id"):
        add(lead_id, "promises_broken", case_id)

    due_orders = SupervisionOrder.objects.filter(respond_by__range=(start, min(end, today - datetime.timedelta(days=1))))
    for o in due_orders.filter(case__in=live).values("case_id", "unit_id", "respond_by", "responded_at"):
        if o["responded_at"] is None or timezone.localdate(o["responded_at"]) > o["respond_by"]:
            add(o["unit_id"], "orders_overdue", o["case_id"])

    returned = Assignment.objects.filter(returned_at__date__range=(start, end), case__in=live).values(
        "case_id", "lead_unit_id", "returned_at", "overdue_when_returned", "case__return_count"
    )
    for a in returned:
        if not _in(a["returned_at"], start, end):
            continue
        add(a["lead_unit_id"], "returns", a["case_id"])
        if a["overdue_when_returned"]:  # returned late
            add(a["lead_unit_id"], "overdue", a["case_id"])
        if a["case__return_count"] >= BOUNCED_RETURNS:
            add(a["lead_unit_id"], "bounced", a["case_id"])

    revisits = (
        Revisit.objects.filter(case__in=live, reached=True, created_at__date__range=(start, end))
        .filter(Q(satisfied=False) | Q(confirms_reply=False))
        .select_related("case")
        # the replies of each case, newest first, in one query (not one per revisit)
        .prefetch_related(Prefetch("case__replies", queryset=Reply.objects.only("id", "case_id", "unit_id", "replied_at").order_by("-replied_at", "-id")))
    )
    for v in revisits:
        if not _in(v.created_at, start, end) or (v.satisfied is not False and v.confirms_reply is not False):
            continue
        reply = next((r for r in v.case.replies.all() if r.replied_at <= v.created_at), None)
        unit_id = reply.unit_id if reply else v.case.lead_unit_id
        if v.satisfied is False:
            add(unit_id, "unsatisfied", v.case_id)
        if v.confirms_reply is False:
            add(unit_id, "contradicted", v.case_id)
    return result

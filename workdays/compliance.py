"""R1 compliance: for every unit and period, how many Work Days were required, planned and held.
Computed from the Work Days themselves, never stored."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from units.models import FrequencyRule, Unit
from workcal import periods
from workcal.periods import Period
from workdays.models import CALLED_OFF, HELD_OR_LATER, ScreeningItem, WorkDay
from workdays.rules import PRINCIPAL_ABSENT, flags_for


@dataclass
class Cell:
    unit: Unit
    period: Period
    required: int
    planned: int = 0
    held: int = 0
    flagged: int = 0
    # Days held without the host unit's principal leader in the sign-in book (R3): shown beside the
    # cell; they still count as held (R1).
    principal_absent: int = 0
    workdays: list[WorkDay] = field(default_factory=list)

    @property
    def compliant(self) -> bool:
        return self.held >= self.required

    @property
    def state(self) -> str:
        """ok | missing (period over, not enough held) | pending (planned enough) | unplanned."""
        if self.compliant:
            return "ok"
        if timezone.localdate() > self.period.end:
            return "missing"
        return "pending" if self.planned >= self.required else "unplanned"


@dataclass
class Row:
    unit: Unit
    cells: list[Cell]


def compliance_rows(year: int, unit_ids: set[int] | None = None) -> list[Row]:
    """One row per unit that a frequency rule applies to (limited to `unit_ids` when given)."""
    rules = list(FrequencyRule.objects.all())
    units = Unit.objects.filter(kind__in={r.unit_kind for r in rules}).order_by("order", "id")
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    days = (
        WorkDay.objects.filter(date__year=year, host_unit__in=units).exclude(status__in=CALLED_OFF)
        .select_related("report", "host_unit")
        .prefetch_related(
            Prefetch("screening_items", queryset=ScreeningItem.objects.all()), "notice_changes", "sign_ins", "host_unit__officials"
        )
    )
    by_unit: dict[int, list[WorkDay]] = {}
    for day in days:
        by_unit.setdefault(day.host_unit_id, []).append(day)
    rows = []
    for unit in units:
        rule = next((r for r in rules if r.applies_to(unit)), None)
        if rule is None:
            continue
        cells = []
        for span in periods.of_year(year, rule.period):
            cell = Cell(unit=unit, period=span, required=rule.required)
            for day in by_unit.get(unit.pk, []):
                if periods.contains(span, day.date):
                    cell.workdays.append(day)
                    cell.planned += 1
                    cell.held += day.status in HELD_OR_LATER
                    flags = flags_for(day)
                    cell.flagged += bool(flags)
                    cell.principal_absent += any(f.code == PRINCIPAL_ABSENT for f in flags)
            cells.append(cell)
        rows.append(Row(unit=unit, cells=cells))
    return rows

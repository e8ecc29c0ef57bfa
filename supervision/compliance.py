"""R1 compliance as the supervision page and the API show it: the rows of
`workdays.compliance.compliance_rows`, limited to the units the viewer may see, grouped by kind of
unit. Nothing is stored: every figure comes from the Work Days as they are now."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from accounts.access import visible_unit_ids
from units.models import UnitKind
from workcal import periods
from workdays.compliance import Cell, Row, compliance_rows

STATE_LABELS = {
    "ok": gettext_lazy("Compliant"),
    "missing": gettext_lazy("Missing"),
    "pending": gettext_lazy("Planned, not held yet"),
    "unplanned": gettext_lazy("Not planned yet"),
}

# The page's row groups, in the order of the plan: the joint office (half-years), the towns and
# streets (quarters), the key departments (quarters). A kind a district adds a rule for gets its own.
GROUPS = [
    ("joint_office", gettext_lazy("Joint office"), {UnitKind.JOINT_OFFICE}),
    ("territories", gettext_lazy("Streets and towns"), {UnitKind.STREET, UnitKind.TOWN}),
    ("departments", gettext_lazy("Key petition departments"), {UnitKind.DEPARTMENT}),
]


def visible_compliance(user, year: int) -> list[Row]:
    """The rows `user` may see: all units for the joint office, the linked units for a district
    leader, the own unit for its staff, nothing for anyone else."""
    unit_ids = visible_unit_ids(user)
    if unit_ids is not None and not unit_ids:
        return []
    return compliance_rows(year, unit_ids)


@dataclass
class Group:
    key: str
    label: str
    periods: list[tuple[str, str]]  # (code, label)
    rows: list[Row]


def grouped(rows: list[Row]) -> list[Group]:
    groups: dict[tuple[str, tuple[str, ...]], Group] = {}
    order = {key: i for i, (key, _label, _kinds) in enumerate(GROUPS)}
    for row in rows:
        key, label = next(
            ((k, str(lbl)) for k, lbl, kinds in GROUPS if row.unit.kind in kinds),
            (row.unit.kind, row.unit.get_kind_display()),
        )
        spans = [cell.period for cell in row.cells]
        codes = tuple(p.code for p in spans)
        group = groups.get((key, codes))
        if group is None:
            group = groups[(key, codes)] = Group(key, label, [(p.code, periods.label(p)) for p in spans], [])
        group.rows.append(row)
    return sorted(groups.values(), key=lambda g: order.get(g.key, len(order)))


def state_totals(rows: list[Row]) -> dict[str, int]:
    totals = dict.fromkeys(STATE_LABELS, 0)
    for row in rows:
        for cell in row.cells:
            totals[cell.state] += 1
    return totals


def cell_as_dict(cell: Cell) -> dict:
    return {
        "unit_id": cell.unit.pk,
        "unit_name": cell.unit.name,
        "period": cell.period.code,
        "start": cell.period.start,
        "end": cell.period.end,
        "required": cell.required,
        "planned": cell.planned,
        "held": cell.held,
        "flagged": cell.flagged,
        "principal_absent": cell.principal_absent,
        "compliant": cell.compliant,
        "state": cell.state,
    }

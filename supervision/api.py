"""Supervision endpoints, mounted at /api/v1/. Same visibility as the pages."""

from __future__ import annotations

import datetime

from ninja import Router, Schema

from supervision.compliance import cell_as_dict, visible_compliance
from workcal import periods

router = Router(tags=["supervision"])


class ComplianceOut(Schema):
    unit_id: int
    unit_name: str
    period: str  # 2026Q1 or 2026H1
    start: datetime.date
    end: datetime.date
    required: int
    planned: int
    held: int
    flagged: int  # days of the period with a missing or late step
    principal_absent: int  # days held without the host unit's principal leader signed in (R3)
    compliant: bool
    state: str  # ok | missing | pending | unplanned


@router.get("/compliance", response=list[ComplianceOut])
def compliance(request, year: str | None = None):
    """R1 compliance per unit and period: the joint office sees every unit, a district leader the
    linked units, a unit's staff their own unit."""
    parsed = periods.parse_year(year)  # a bad year: PeriodError on "year", a 400
    return [cell_as_dict(cell) for row in visible_compliance(request.user, parsed) for cell in row.cells]

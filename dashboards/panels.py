"""The dashboard's panels: each a chart and the table of the same numbers, built from figures
computed elsewhere (exports.periodic for the period's tables and the monthly trend, which take their
counts from supervision.metrics, workdays.compliance and cases.deadlines; supervision.compliance
for R1 by unit and quarter). Nothing is counted here: a panel only chooses columns and draws them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from dashboards import charts
from exports.periodic import Report, Table, display
from supervision.compliance import STATE_LABELS, grouped
from workdays.compliance import Row

STATE_TONES = {"ok": "ok", "missing": "bad", "pending": "warn", "unplanned": ""}


@dataclass
class Value:
    text: str
    badge: str = ""
    tone: str = ""


@dataclass
class Panel:
    key: str
    title: str
    note: str
    svg: SafeString
    columns: list[str]
    rows: list[list[Value]]
    total: list[Value] | None = None


def _table_panel(table: Table, keys: list[str], svg: SafeString, *, key: str = "", title: str = "", note: str = "",
                 rows: list[dict] | None = None) -> Panel:
    """The columns `keys` of a report table (its rows, or the `rows` given), and its total row."""
    columns = [c for c in table.columns if c.key in keys]
    line = lambda row: [Value(display(row.get(c.key), c.kind)) for c in columns]  # noqa: E731
    return Panel(
        key or table.key, title or table.title, note, svg, [c.label for c in columns],
        [line(r) for r in (table.rows if rows is None else rows)], line(table.total) if table.total else None,
    )


def _series(table: Table, rows: list[dict], keys: list[str]) -> list[tuple[str, list]]:
    labels = {c.key: c.label for c in table.columns}
    return [(labels[k], [r[k] for r in rows]) for k in keys]


def compliance_panels(rows: list[Row], year: int) -> list[Panel]:
    """R1 by unit and quarter (half-year for the joint office), one panel per group of units: the
    days held in each period stacked per unit; the table gives held / required and the state."""
    panels = []
    for group in grouped(rows):
        labels = [label for _code, label in group.periods]
        series = [(label, [row.cells[i].held for row in group.rows]) for i, label in enumerate(labels)]
        svg = charts.horizontal_bars(_("Work Days held"), [row.unit.name for row in group.rows], series, stacked=True)
        table_rows = [
            [Value(row.unit.name)] + [
                Value(f"{cell.held} / {cell.required}", str(STATE_LABELS[cell.state]), STATE_TONES[cell.state])
                for cell in row.cells
            ]
            for row in group.rows
        ]
        panels.append(Panel(
            f"compliance-{group.key}", _("Work Days in %(year)s: %(group)s") % {"year": year, "group": group.label},
            _("Each cell: Work Days held / required in the period."),
            svg, [_("Unit"), *labels], table_rows,
        ))
    return panels


def report_panels(report: Report, trend: Table) -> list[Panel]:
    tables = {t.key: t for t in report.tables}
    panels = []

    units = tables["units"]
    judged = [r for r in units.rows if r["on_time_rate"] is not None]
    keys = ["replied_on_time", "overdue", "on_time_rate", "overdue_rate"]
    panels.append(_table_panel(
        units, ["unit", *keys],
        charts.horizontal_bars(_("On-time and overdue rates"), [r["unit"] for r in judged],
                               _series(units, judged, ["on_time_rate", "overdue_rate"]), percent=True),
        key="rates", title=_("On-time and overdue rates by unit"), rows=judged,
        note=_("Units with at least one reply judged in the period. Overdue: open past due, replied late or returned late."),
    ))

    category = tables["category"]
    panels.append(_table_panel(
        category, ["category", "cases", "overdue_now", "replied_late"],
        charts.horizontal_bars(category.title, [r["category"] for r in category.rows],
                               _series(category, category.rows, ["cases", "overdue_now"])),
        note=_("Cases registered in the period."),
    ))

    status = tables["status"]
    panels.append(_table_panel(
        status, ["status", "cases", "overdue_now", "replied_late"],
        charts.pie(status.title, [(r["status"], r["cases"]) for r in status.rows]),
        note=_("Cases registered in the period, by their status now."),
    ))

    satisfaction = tables["satisfaction"]
    panels.append(_table_panel(
        satisfaction, ["unit", "revisits", "reached", "satisfied", "unsatisfied", "satisfaction_rate"],
        charts.horizontal_bars(satisfaction.title, [r["unit"] for r in satisfaction.rows],
                               _series(satisfaction, satisfaction.rows, ["satisfied", "unsatisfied"]), stacked=True),
        note=_("Revisits made in the period, by the lead unit of the case."),
    ))

    panels.append(_table_panel(
        trend, ["month", "cases", "replied_on_time", "replied_late", "workdays_held"],
        charts.lines(trend.title, [r["month"] for r in trend.rows],
                     _series(trend, trend.rows, ["cases", "replied_on_time", "replied_late", "workdays_held"])),
        note=_("The twelve months up to the end of the period."),
    ))
    return panels

"""The joint office's periodic report (月报/季报/年报): the figures of a month, quarter, half-year or
year, computed once here and shown three ways: the JSON API, the .xlsx and the page.

Nothing is counted anew: R1 compliance comes from workdays.compliance, the per-unit handling figures
(cases, replied on time, overdue, returns, bounced, unsatisfied) from supervision.metrics, lateness
from the predicates of cases.deadlines and overdue 督办 from supervision.orders. Each table is a
handful of aggregate queries: the number of queries does not grow with the cases.

Whose figures: the whole district (the joint office's report), or, for a viewer, the units the
viewer may see (accounts.access) and the cases the viewer may see (cases.selectors): the dashboards
show a unit its own figures with these same functions.

Which cases a table counts:
- units: as supervision.metrics defines each signal for the period (a case assigned in the period
  counts for its lead unit); on-time rate = replied on time / (replied on time + overdue), overdue
  rate = overdue / (replied on time + overdue); compliance over the rule periods (quarter, half-year)
  that overlap the report's period;
- by category, kind, territory and status: the cases registered in the period (voided entries left
  out), with those overdue now and those replied late;
- satisfaction: the revisits made in the period, by the lead unit of the case;
- 督办: the orders issued in the period, by the unit they were issued to;
- the monthly trend (not in the report, on the dashboards): for each of the twelve months up to the
  period's end, the cases registered, the replies given on time and late (as the units table counts
  them) and the Work Days held (as R1 counts them).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import xlsxwriter
from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.access import visible_unit_ids
from cases import deadlines
from cases.models import Case, CaseStatus, Reply, Revisit
from cases.revisits import SATISFACTION_COUNTS, satisfaction_rate, satisfaction_row
from cases.selectors import visible_cases
from intake.models import Kind
from supervision import orders
from supervision.metrics import COUNTED_PER_EVENT, signals_for_period
from supervision.models import SupervisionOrder
from units.models import Unit
from workcal import periods
from workcal.periods import Period
from workdays.compliance import compliance_rows
from workdays.models import HELD_OR_LATER, WorkDay


@dataclass
class Column:
    key: str
    label: str
    kind: str = "count"  # label | count | rate (percent, one decimal) | flag (yes/no)


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    total: dict | None = None

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "columns": [{"key": c.key, "label": c.label} for c in self.columns],
            "rows": self.rows,
            "total": self.total,
        }


@dataclass
class Report:
    period: Period
    title: str
    tables: list[Table]

    def as_json(self) -> dict:
        return {
            "period": self.period.code,
            "label": periods.label(self.period),
            "start": self.period.start,
            "end": self.period.end,
            "title": self.title,
            "tables": {t.key: t.as_json() for t in self.tables},
        }


@dataclass(frozen=True)
class Scope:
    """Whose figures a report holds: the units (None: all, the district) and the cases counted."""

    unit_ids: set[int] | None
    cases: QuerySet[Case]

    @classmethod
    def of(cls, viewer=None) -> Scope:
        """The district for no viewer; else what the viewer may see (all for the joint office)."""
        if viewer is None:
            return cls(None, Case.objects.all())
        return cls(visible_unit_ids(viewer), visible_cases(viewer))

    @property
    def district(self) -> bool:
        return self.unit_ids is None

    def units(self, queryset: QuerySet, field: str) -> QuerySet:
        return queryset if self.unit_ids is None else queryset.filter(**{f"{field}__in": self.unit_ids})


def rate(part: int, whole: int) -> float | None:
    """A percentage with one decimal, or None when there is nothing to divide by."""
    return round(part * 100 / whole, 1) if whole else None


def _total_label(scope: Scope) -> str:
    return _("District total") if scope.district else pgettext("report", "Total")


def _sum_total(rows: list[dict], columns: list[Column], label_key: str, scope: Scope) -> dict:
    total = {label_key: _total_label(scope)}
    for c in columns:
        if c.kind == "count":
            total[c.key] = sum(r[c.key] or 0 for r in rows)
    return total


# --- The units: compliance (R1) and the handling signals -------------------------------------------


def _units_table(period: Period, scope: Scope) -> Table:
    columns = [
        Column("unit", _("Unit"), "label"),
        Column("workdays_required", _("Work Days required"), "count"),
        Column("workdays_held", _("Work Days held"), "count"),
        Column("compliant", pgettext("export", "Compliant"), "flag"),
        Column("cases", _("Cases"), "count"),
        Column("replied_on_time", _("Replied on time"), "count"),
        Column("overdue", pgettext("export", "Overdue"), "count"),
        Column("on_time_rate", _("On-time rate (%)"), "rate"),
        Column("overdue_rate", _("Overdue rate (%)"), "rate"),
        Column("returns", pgettext("export", "Returns"), "count"),
        Column("bounced", _("Buck-passing (returned twice or more)"), "count"),
        Column("unsatisfied", _("Not satisfied at revisit"), "count"),
    ]
    compliance: dict[int, tuple[int, int, bool]] = {}
    for row in compliance_rows(period.start.year, scope.unit_ids):
        cells = [c for c in row.cells if c.period.start <= period.end and c.period.end >= period.start]
        if cells:
            compliance[row.unit.pk] = (sum(c.required for c in cells), sum(c.held for c in cells), all(c.compliant for c in cells))
    signals = signals_for_period(period.code, scope.unit_ids)
    units = Unit.objects.filter(pk__in=set(compliance) | set(signals)).order_by("order", "id")
    rows, union = [], {s: set() for s in ("cases", "replied_on_time", "overdue", "bounced", "unsatisfied")}
    for unit in units:
        required, held, compliant = compliance.get(unit.pk, (0, 0, None))
        s = signals.get(unit.pk)
        counts = {k: (s.count(k) if s else 0) for k in ("cases", "replied_on_time", "overdue", "returns", "bounced", "unsatisfied")}
        for k in union:
            if s:
                union[k] |= s.cases[k]
        judged = counts["replied_on_time"] + counts["overdue"]
        rows.append({
            "unit_id": unit.pk, "unit": unit.name, "workdays_required": required, "workdays_held": held,
            "compliant": compliant, **counts,
            "on_time_rate": rate(counts["replied_on_time"], judged), "overdue_rate": rate(counts["overdue"], judged),
        })
    total = _sum_total(rows, columns, "unit", scope)
    # A case can count for two units (assigned on): the district counts it once; returns are events.
    total.update({k: len(v) for k, v in union.items() if k not in COUNTED_PER_EVENT})
    judged = total["replied_on_time"] + total["overdue"]
    total["compliant"] = sum(1 for r in rows if r["compliant"])  # units compliant
    total["on_time_rate"], total["overdue_rate"] = rate(total["replied_on_time"], judged), rate(total["overdue"], judged)
    return Table("units", _("Work Days (R1) and handling by unit"), columns, rows, total)


# --- The cases registered in the period, by category, kind, territory and status ---------------------


def _registered(period: Period, scope: Scope):
    return scope.cases.exclude(status=CaseStatus.VOIDED).filter(
        registration__registered_at__date__range=(period.start, period.end)
    )


def _grouped(period: Period, scope: Scope, key: str, title: str, label: str, group_by, name: Callable[[object], str]) -> Table:
    today = timezone.localdate()
    columns = [
        Column(key, label, "label"),
        Column("cases", _("Cases"), "count"),
        Column("overdue_now", _("Overdue (open past due)"), "count"),
        Column("replied_late", _("Replied late"), "count"),
    ]
    found = (
        _registered(period, scope).annotate(group=group_by).values("group")
        .annotate(
            cases=Count("id"),
            overdue_now=Count("id", filter=deadlines.overdue_q(today)),
            replied_late=Count("id", filter=deadlines.replied_late_q()),
        )
        .order_by("-cases", "group")
    )
    rows = [{key: name(r["group"]), "cases": r["cases"], "overdue_now": r["overdue_now"], "replied_late": r["replied_late"]} for r in found]
    return Table(key, title, columns, rows, _sum_total(rows, columns, key, scope))


def _by_category(period: Period, scope: Scope) -> Table:
    return _grouped(
        period, scope, "category", _("Cases by category"), _("Category"),
        Coalesce(F("category__parent__name"), F("category__name")), lambda g: g,
    )


def _by_kind(period: Period, scope: Scope) -> Table:
    labels = dict(Kind.choices)
    return _grouped(period, scope, "kind", _("Cases by kind"), _("Kind"), F("registration__kind"), lambda g: str(labels.get(g, g)))


def _by_territory(period: Period, scope: Scope) -> Table:
    return _grouped(
        period, scope, "territory", _("Cases by territory"), _("Territory"),
        Coalesce(F("territory__name"), Value("")), lambda g: g or _("Not given"),
    )


def _by_status(period: Period, scope: Scope) -> Table:
    labels = dict(CaseStatus.choices)
    return _grouped(period, scope, "status", _("Cases by status"), _("Status"), F("status"), lambda g: str(labels.get(g, g)))


# --- Revisits and 督办 ------------------------------------------------------------------------------


def _by_unit_order(found: list[dict], key: str) -> tuple[list[dict], dict[int | None, str]]:
    """The aggregate rows in the units' order (no case's unit: last), and the units' names."""
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[r[key] for r in found if r[key] is not None]).only("id", "name", "order")}
    found = sorted(found, key=lambda r: (units[r[key]].order, r[key]) if r[key] in units else (float("inf"), 0))
    names: dict[int | None, str] = {pk: u.name for pk, u in units.items()}
    names[None] = _("Not assigned")
    return found, names


def _satisfaction(period: Period, scope: Scope) -> Table:
    columns = [
        Column("unit", pgettext("case", "Lead unit"), "label"),
        Column("revisits", pgettext("export", "Revisits"), "count"),
        Column("reached", pgettext("export", "Citizen reached"), "count"),
        Column("satisfied", _("Satisfied"), "count"),
        Column("unsatisfied", _("Not satisfied"), "count"),
        Column("satisfaction_rate", _("Satisfaction rate (%)"), "rate"),
    ]
    found = list(
        scope.units(Revisit.objects.filter(created_at__date__range=(period.start, period.end)), "case__lead_unit_id")
        .exclude(case__status=CaseStatus.VOIDED)
        .values("case__lead_unit_id")
        .annotate(**SATISFACTION_COUNTS)
        .order_by()
    )
    found, names = _by_unit_order(found, "case__lead_unit_id")
    rows = [
        {"unit_id": r["case__lead_unit_id"], "unit": names[r["case__lead_unit_id"]], **satisfaction_row(r)} for r in found
    ]
    total = _sum_total(rows, columns, "unit", scope)
    total["satisfaction_rate"] = satisfaction_rate(total["satisfied"], total["unsatisfied"])
    return Table("satisfaction", _("Revisit satisfaction"), columns, rows, total)


def _orders(period: Period, scope: Scope) -> Table:
    today = timezone.localdate()
    columns = [
        Column("unit", _("Unit"), "label"),
        Column("issued", _("Supervision orders issued"), "count"),
        Column("answered", _("Answered"), "count"),
        Column("answered_on_time", _("Answered on time"), "count"),
        Column("overdue", _("Unanswered past the date"), "count"),
    ]
    found = list(
        scope.units(SupervisionOrder.objects.filter(issued_at__date__range=(period.start, period.end)), "unit_id")
        .values("unit_id")
        .annotate(
            issued=Count("id"),
            answered=Count("id", filter=Q(responded_at__isnull=False)),
            answered_on_time=Count("id", filter=Q(responded_at__date__lte=F("respond_by"))),
            overdue=Count("id", filter=orders.overdue_q(today)),
        )
        .order_by()
    )
    found, names = _by_unit_order(found, "unit_id")
    rows = [{"unit_id": r["unit_id"], "unit": names[r["unit_id"]], **{c.key: r[c.key] for c in columns[1:]}} for r in found]
    return Table("orders", _("Supervision orders"), columns, rows, _sum_total(rows, columns, "unit", scope))


def periodic_report(period_text: str | None, viewer=None) -> Report:
    """The report of a period written as 2026Q4, 2026H1, 2026-11 or 2026 (else PeriodError, a 400):
    the district's, or only what `viewer` may see (see Scope)."""
    period = periods.parse(period_text)
    scope = Scope.of(viewer)
    title = _("Masses Work Day report of the joint office, %(period)s") % {"period": periods.label(period)}
    tables = [
        _units_table(period, scope), _by_category(period, scope), _by_kind(period, scope), _by_territory(period, scope),
        _by_status(period, scope), _satisfaction(period, scope), _orders(period, scope),
    ]
    return Report(period, title, tables)


# --- The monthly trend (the dashboards) -------------------------------------------------------------


TREND_MONTHS = 12


def trend_months(period: Period) -> list[Period]:
    """The twelve months up to the period's last month, oldest first."""
    last = periods.of_date(period.end, periods.MONTH)
    months = [last]
    while len(months) < TREND_MONTHS:
        months.insert(0, periods.of_date(months[0].start - datetime.timedelta(days=1), periods.MONTH))
    return months


def _per_month(queryset: QuerySet, moment: str, **counts) -> dict[datetime.date, dict]:
    """One aggregate query: the counts per month of `moment` (a date or a datetime, read as a Beijing
    date), keyed by the month's first day."""
    found = queryset.annotate(month=TruncMonth(moment)).values("month").annotate(**counts).order_by()
    return {(r["month"].date() if isinstance(r["month"], datetime.datetime) else r["month"]): r for r in found}


def monthly_trend(period_text: str | None, viewer=None) -> Table:
    """Per month, for the twelve months up to the end of the period: the cases registered (as the
    tables by category count them), the replies given on time and late (as the units table counts
    them) and the Work Days held (held or later, by host unit); the district's or what `viewer` may see."""
    period = periods.parse(period_text)
    scope = Scope.of(viewer)
    months = trend_months(period)
    start, end = months[0].start, months[-1].end
    columns = [
        Column("month", _("Month"), "label"),
        Column("cases", _("Cases registered"), "count"),
        Column("replied_on_time", _("Replied on time"), "count"),
        Column("replied_late", _("Replied late"), "count"),
        Column("workdays_held", _("Work Days held"), "count"),
    ]
    live = Case.objects.exclude(status=CaseStatus.VOIDED)
    registered = _per_month(
        _registered(Period("", periods.YEAR, start, end), scope), "registration__registered_at", n=Count("id")
    )
    replies = _per_month(
        scope.units(Reply.objects.filter(replied_at__date__range=(start, end), case__in=live), "unit_id"), "replied_at",
        n_on_time=Count("id", filter=Q(on_time=True)), n_late=Count("id", filter=Q(on_time=False)),
    )
    held = _per_month(
        scope.units(WorkDay.objects.filter(date__range=(start, end), status__in=HELD_OR_LATER), "host_unit_id"), "date",
        n=Count("id"),
    )
    rows = []
    for month in months:
        reply = replies.get(month.start, {})
        rows.append({
            "period": month.code, "month": periods.label(month),
            "cases": registered.get(month.start, {}).get("n", 0),
            "replied_on_time": reply.get("n_on_time", 0), "replied_late": reply.get("n_late", 0),
            "workdays_held": held.get(month.start, {}).get("n", 0),
        })
    return Table("trend", _("Trend by month"), columns, rows, _sum_total(rows, columns, "month", scope))


# --- The same figures as .xlsx -----------------------------------------------------------------------


def display(value, kind: str) -> str:
    """How the page shows a figure (the .xlsx writes numbers as numbers)."""
    if value is None:
        return "—"
    if kind == "flag":
        return _("Yes") if value is True else (_("No") if value is False else str(value))
    if kind == "rate":
        return f"{value:.1f}%"
    return str(value)


def report_xlsx(report: Report) -> bytes:
    """One sheet per table: the report's title, the table's title, the header, the rows and the
    district total; frozen header, column widths, A4 landscape."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    workbook.set_properties({"title": report.title})
    title_format = workbook.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    subtitle_format = workbook.add_format({"bold": True, "font_size": 12, "align": "center"})
    header_format = workbook.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#DDEBF7"}
    )
    cell = workbook.add_format({"border": 1})
    number = workbook.add_format({"border": 1, "align": "right"})
    percent = workbook.add_format({"border": 1, "num_format": "0.0"})
    total_format = workbook.add_format({"border": 1, "bold": True, "bg_color": "#F2F2F2"})
    total_percent = workbook.add_format({"border": 1, "bold": True, "bg_color": "#F2F2F2", "num_format": "0.0"})
    for table in report.tables:
        sheet = workbook.add_worksheet(table.title[:31].replace("/", "、"))
        width = len(table.columns)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(2)
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, width - 1, 12)
        sheet.merge_range(0, 0, 0, width - 1, report.title, title_format)
        sheet.set_row(0, 28)
        sheet.merge_range(1, 0, 1, width - 1, table.title, subtitle_format)
        sheet.set_row(2, 32)
        for i, column in enumerate(table.columns):
            sheet.write_string(2, i, column.label, header_format)
        sheet.freeze_panes(3, 1)
        lines = [(r, False) for r in table.rows] + ([(table.total, True)] if table.total else [])
        for n, (row, is_total) in enumerate(lines, start=3):
            for i, column in enumerate(table.columns):
                value = row.get(column.key)
                if column.kind == "label":
                    sheet.write_string(n, i, str(value), total_format if is_total else cell)
                elif column.kind == "flag" and not is_total:
                    sheet.write_string(n, i, display(value, "flag") if value is not None else "", cell)
                elif value is None:
                    sheet.write_blank(n, i, None, total_format if is_total else cell)
                else:
                    fmt = (total_percent if is_total else percent) if column.kind == "rate" else (total_format if is_total else number)
                    sheet.write_number(n, i, value, fmt)
    workbook.close()
    return out.getvalue()


def report_filename(report: Report) -> str:
    return _("Periodic report %(period)s.xlsx") % {"period": report.period.code}

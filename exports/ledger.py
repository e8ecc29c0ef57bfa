"""The case ledger (台账) as .xlsx: one row per case of any filter of the case list.

Written with xlsxwriter in constant memory: each row goes to a temporary file as soon as it is
written and the cases are read from the database in chunks (`.iterator(chunk_size=...)`, with the
names of the related units and petitioners prefetched per chunk), so 100,000 cases never sit in
memory. A title row, the frozen header, column widths and A4 landscape print settings as an office
prints it. No ID numbers or phones: the file holds names only (the full view stays the logged view on
the page).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

import xlsxwriter
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cases import deadlines
from cases.models import Case
from intake.models import Petitioner, Registration

CHUNK_SIZE = 2000
MAX_CELL = 32_767  # Excel's limit for the text of one cell


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]
    width: float
    value: Callable[[Case, datetime.date], object]
    kind: str = "text"  # text | date | number | wrap


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment is not None else None


def _names(objects) -> str:
    return "、".join(o.name for o in objects)


_labels: dict[tuple, str] = {}


def _label(model, field: str, value: str) -> str:
    """The display of a choice in the active language, looked up once per language (get_FOO_display
    is slow per row)."""
    key = (translation.get_language(), model, field, value)
    if key not in _labels:
        _labels[key] = str(dict(model._meta.get_field(field).flatchoices).get(value, value))
    return _labels[key]


def _lateness(case: Case, today: datetime.date) -> str:
    if deadlines.is_overdue(case, today):
        return pgettext("export", "Overdue")
    if deadlines.is_replied_late(case):
        return _("Replied late")
    return ""


COLUMNS = [
    Column(lambda: pgettext("export", "No."), 8, lambda c, t: c.pk, "number"),
    Column(lambda: _("Registered on"), 12, lambda c, t: _local_date(c.registration.registered_at), "date"),
    Column(lambda: _("Host unit"), 16, lambda c, t: c.host_unit.name),
    Column(lambda: _("Work Day"), 12, lambda c, t: c.workday.date, "date"),
    Column(lambda: _("Petitioner"), 12, lambda c, t: _names(c.registration.petitioners.all())),
    Column(lambda: _("Kind"), 8, lambda c, t: _label(Registration, "kind", c.registration.kind)),
    Column(lambda: _("Category"), 18, lambda c, t: str(c.category)),
    Column(lambda: _("Territory"), 12, lambda c, t: c.territory.name if c.territory_id else ""),
    Column(lambda: pgettext("export", "Content"), 48, lambda c, t: c.registration.content, "wrap"),
    Column(lambda: _("Disposition"), 12, lambda c, t: _label(Registration, "disposition", c.registration.disposition)),
    Column(lambda: pgettext("case", "Lead unit"), 16, lambda c, t: c.lead_unit.name if c.lead_unit_id else ""),
    Column(lambda: _("Assisting units"), 18, lambda c, t: _names(c.assisting_units.all())),
    Column(lambda: _("Responsible person"), 10, lambda c, t: c.responsible_person),
    Column(lambda: _("Status"), 12, lambda c, t: _label(Case, "status", c.status)),
    Column(lambda: _("Reply due"), 12, lambda c, t: c.due_date, "date"),
    Column(lambda: _("Promised resolution date"), 12, lambda c, t: c.promised_due, "date"),
    Column(lambda: _("Replied on"), 12, lambda c, t: _local_date(c.replied_at), "date"),
    Column(lambda: _("Deadline kept"), 10, _lateness),
    Column(lambda: pgettext("export", "Returns"), 8, lambda c, t: c.return_count, "number"),
]


def headers() -> list[str]:
    return [column.header() for column in COLUMNS]


def ledger_queryset(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with everything a row shows, in the ledger's order (newest first): the foreign keys
    joined, the assisting units and petitioners' names prefetched per chunk."""
    return (
        cases.select_related("registration", "workday", "host_unit", "lead_unit", "territory", "category__parent")
        .prefetch_related(
            "assisting_units",
            Prefetch("registration__petitioners", queryset=Petitioner.objects.only("id", "name", "registration_id").order_by("id")),
        )
        .order_by("-id")
    )


def write_ledger(
    cases: QuerySet[Case],
    out: str | IO[bytes],
    *,
    title: str,
    total: int | None = None,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> int:
    """Write the ledger of `cases` (already filtered and access-checked) to a path or binary file;
    `progress(rows_written)` is called after each chunk. Returns the number of rows."""
    today = timezone.localdate()
    workbook = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": False, "remove_timezone": True})
    workbook.set_properties({"title": title})
    sheet = workbook.add_worksheet(_("Case ledger"))
    title_format = workbook.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    header_format = workbook.add_format(
        {"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": "#DDEBF7"}
    )
    formats = {
        "text": workbook.add_format({"border": 1, "valign": "top"}),
        "wrap": workbook.add_format({"border": 1, "valign": "top", "text_wrap": True}),
        "date": workbook.add_format({"border": 1, "valign": "top", "num_format": "yyyy-mm-dd"}),
        "number": workbook.add_format({"border": 1, "valign": "top"}),
    }
    for i, column in enumerate(COLUMNS):
        sheet.set_column(i, i, column.width)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(1)  # the header row on every printed page
    sheet.fit_to_pages(1, 0)  # all columns on the page's width
    sheet.set_footer("&C&P / &N")
    sheet.freeze_panes(2, 0)

    # Rows are written strictly in order (constant memory): title, header, cases.
    sheet.set_row(0, 30)
    sheet.merge_range(0, 0, 0, len(COLUMNS) - 1, title, title_format)
    sheet.set_row(1, 30)
    for i, text in enumerate(headers()):
        sheet.write_string(1, i, text, header_format)

    rows = 0
    for case in ledger_queryset(cases).iterator(chunk_size=chunk_size):
        row = rows + 2
        for i, column in enumerate(COLUMNS):
            value = column.value(case, today)
            fmt = formats[column.kind]
            if value is None or value == "":
                sheet.write_blank(row, i, None, fmt)
            elif column.kind == "date":
                sheet.write_datetime(row, i, datetime.datetime.combine(value, datetime.time()), fmt)
            elif column.kind == "number":
                sheet.write_number(row, i, value, fmt)
            else:
                # write_string, never write(): a content starting with "=" stays text, not a formula.
                sheet.write_string(row, i, str(value)[:MAX_CELL], fmt)
        rows += 1
        if progress is not None and rows % chunk_size == 0:
            progress(rows)
    if rows:
        sheet.autofilter(1, 0, rows + 1, len(COLUMNS) - 1)
    workbook.close()
    if progress is not None:
        progress(rows)
    return rows


def ledger_title(total: int) -> str:
    return _("Case ledger (%(count)s cases, exported %(date)s)") % {
        "count": total, "date": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }

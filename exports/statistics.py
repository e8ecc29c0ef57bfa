"""《铜梁区“群众工作日”活动开展情况统计表》: one Work Day's statistics as .xlsx, laid out as a
government office prints it (title rows, merged headers, column widths, frozen header, A4 landscape,
the header repeated on each printed page).

Two sheets:
- the summary (汇总): one row for the day — unit, date, place and sites, leader, staff attending,
  citizens received, matters by kind, by disposition (answered on the spot, promised, referred),
  group visits, repeat petitioners, publicity materials, concluded so far and revisit satisfaction —
  then the figures per site and lines for the signatures;
- the detail (明细): one row per counted registration with its content.

Every figure is `workdays.analysis.statistics_for`'s; nothing is counted here. ID numbers and phones
are ALWAYS masked (intake.masking), whoever exports the file: the full view stays the logged view on
the page. The caller fetched the day through its access helper. The queries are a fixed number,
whatever the number of registrations.
"""

from __future__ import annotations

import datetime
import io

import xlsxwriter
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from exports.documents import district_name
from intake.masking import masked_petitioner
from intake.models import Disposition, Kind, Petitioner
from workdays.analysis import category_full_names, counted_registrations, statistics_for
from workdays.models import WorkDay
from workdays.sites import site_name

MAX_CELL = 32_767  # Excel's limit for the text of one cell


def statistics_title() -> str:
    """铜梁区“群众工作日”活动开展情况统计表 (the district's name from its settings)."""
    return _("%(district)s Masses Work Day activities statistics") % {"district": district_name()}


def statistics_filename(workday: WorkDay) -> str:
    """群众工作日统计表-巴川街道-2026-12-10.xlsx"""
    return f"{_('Work Day statistics')}-{workday.host_unit.name}-{workday.date:%Y-%m-%d}.xlsx"


def statistics_fallback(workday: WorkDay) -> str:
    return f"workday-statistics-{workday.date:%Y-%m-%d}.xlsx"


def _leader(workday: WorkDay) -> str:
    leader = workday.leader
    district_leader = workday.leading_district_leader
    if district_leader is not None:
        leader = f"{leader}（{district_leader.title}{district_leader.name}）" if leader else f"{district_leader.title}{district_leader.name}"
    return leader


def _when(workday: WorkDay) -> str:
    return f"{workday.date:%Y-%m-%d} {workday.start_time:%H:%M}—{workday.end_time:%H:%M}"


def summary_columns() -> list[tuple[str | None, str, float]]:
    """(group header or None, header, width) of the summary's columns, in order; a column without a
    group has its header merged over both header rows."""
    kinds, dispositions = dict(Kind.choices), dict(Disposition.choices)
    matters, handled, revisits = _("Matters received (items)"), _("Handled (items)"), _("Revisit satisfaction")
    return [
        (None, _("Unit"), 14),
        (None, pgettext("statistics", "Date and time"), 13),
        (None, _("Place and sites"), 18),
        (None, pgettext("statistics", "Leader in charge"), 12),
        (None, _("Staff attending (persons)"), 8),
        (None, _("Citizens received (persons)"), 8),
        (matters, pgettext("statistics", "Total"), 6),
        (matters, str(kinds[Kind.REQUEST]), 6),
        (matters, str(kinds[Kind.OPINION]), 6),
        (matters, str(kinds[Kind.SUGGESTION]), 6),
        (handled, str(dispositions[Disposition.ON_THE_SPOT]), 8),
        (handled, _("Promised a time limit"), 8),
        (handled, _("Referred to the joint office"), 8),
        (None, _("Group visits (batches)"), 8),
        (None, _("Repeat petitioners (persons)"), 8),
        (None, _("Publicity materials (copies)"), 8),
        (None, _("Concluded so far (items)"), 8),
        (revisits, pgettext("export", "Revisits"), 6),
        (revisits, _("Satisfied"), 6),
        (revisits, _("Not satisfied"), 6),
        (revisits, _("Satisfaction rate (%)"), 8),
    ]


def summary_values(workday: WorkDay, figures: dict) -> list:
    """The day's row of the summary, in the order of `summary_columns`."""
    by_kind, by_disposition, satisfaction = figures["by_kind"], figures["by_disposition"], figures["satisfaction"]
    return [
        workday.host_unit.name,
        _when(workday),
        "、".join(site["site"] for site in figures["sites"]),
        _leader(workday),
        figures["staff_attending"],
        figures["people"],
        figures["registrations"],
        by_kind[Kind.REQUEST],
        by_kind[Kind.OPINION],
        by_kind[Kind.SUGGESTION],
        by_disposition[Disposition.ON_THE_SPOT],
        by_disposition[Disposition.TIME_LIMIT],
        by_disposition[Disposition.REFER],
        figures["group_visits"],
        figures["repeat_petitioners"],
        figures["materials"],
        figures["concluded"],
        satisfaction["revisits"],
        satisfaction["satisfied"],
        satisfaction["unsatisfied"],
        satisfaction["satisfaction_rate"],
    ]


def detail_columns() -> list[tuple[str, float]]:
    return [
        (pgettext("export", "No."), 6),
        (_("Registered at"), 16),
        (_("Site"), 14),
        (_("Petitioner"), 12),
        (_("ID number (masked)"), 21),
        (_("Phone (masked)"), 14),
        (_("Number of people"), 7),
        (_("Kind"), 7),
        (_("Category"), 20),
        (_("Territory"), 12),
        (pgettext("export", "Content"), 44),
        (_("Disposition"), 14),
        (_("Answer or channel told"), 30),
        (_("Promised period (working days)"), 9),
        (_("Responsible person"), 10),
        (_("Case number"), 8),
        (_("Case status"), 12),
    ]


def detail_rows(workday: WorkDay) -> list[list]:
    """One row per counted registration (the ones every figure counts), in the order registered;
    the petitioners' ID numbers and phones masked."""
    full_name = category_full_names()
    kinds, dispositions = dict(Kind.choices), dict(Disposition.choices)
    registrations = (
        counted_registrations(workday)
        .select_related("case", "case__territory", "territory")
        .prefetch_related(Prefetch("petitioners", queryset=Petitioner.objects.order_by("id")))
        .order_by("registered_at", "id")
    )
    rows = []
    for number, registration in enumerate(registrations, start=1):
        case = getattr(registration, "case", None)
        petitioners = [masked_petitioner(p) for p in registration.petitioners.all()]
        territory = case.territory if case is not None else registration.territory
        category_id = case.category_id if case is not None else registration.category_id
        rows.append([
            number,
            timezone.localtime(registration.registered_at).strftime("%Y-%m-%d %H:%M"),
            site_name(workday, registration.site),
            "、".join(p["name"] for p in petitioners),
            "\n".join(p["id_number"] for p in petitioners if p["id_number"]),
            "\n".join(p["phone"] for p in petitioners if p["phone"]),
            registration.people_count,
            str(kinds.get(registration.kind, registration.kind)),
            full_name.get(category_id, ""),
            territory.name if territory is not None else "",
            registration.content,
            str(dispositions.get(registration.disposition, registration.disposition)),
            registration.answer if registration.disposition == Disposition.ON_THE_SPOT else registration.channel,
            registration.promised_days,
            registration.responsible_person,
            case.pk if case is not None else None,
            case.get_status_display() if case is not None else "",
        ])
    return rows


def statistics_xlsx(workday: WorkDay) -> bytes:
    """The workbook of the day (fetched through `access_workday_by_id`)."""
    figures = statistics_for(workday)
    title = statistics_title()
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    # The time of the export as the file's creation time (else xlsxwriter's clock): one export, one file.
    workbook.set_properties({"title": title, "subject": workday.host_unit.name, "created": timezone.now().astimezone(datetime.UTC)})
    base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter"}
    fmt = {
        "title": workbook.add_format({**base, "font_name": "方正小标宋简体", "font_size": 18, "align": "center"}),
        "subtitle": workbook.add_format({**base, "font_size": 11}),
        "subtitle_right": workbook.add_format({**base, "font_size": 11, "align": "right"}),
        "section": workbook.add_format({**base, "font_name": "黑体", "font_size": 12}),
        "header": workbook.add_format({**base, "font_name": "黑体", "bold": True, "border": 1, "align": "center", "text_wrap": True}),
        "text": workbook.add_format({**base, "border": 1, "text_wrap": True}),
        "center": workbook.add_format({**base, "border": 1, "align": "center", "text_wrap": True}),
        "number": workbook.add_format({**base, "border": 1, "align": "center"}),
        "rate": workbook.add_format({**base, "border": 1, "align": "center", "num_format": "0.0"}),
        "signature": workbook.add_format({**base, "font_size": 11}),
    }
    exported = timezone.localtime().strftime("%Y-%m-%d")

    # --- The summary ---------------------------------------------------------------------------------
    sheet = workbook.add_worksheet(pgettext("statistics", "Summary"))
    columns = summary_columns()
    last = len(columns) - 1
    _print_setup(sheet, header_rows=(2, 3), title=title)
    for i, (_group, _header, width) in enumerate(columns):
        sheet.set_column(i, i, width)
    sheet.set_row(0, 36)
    sheet.merge_range(0, 0, 0, last, title, fmt["title"])
    sheet.merge_range(1, 0, 1, last // 2, _("Reporting unit: %(unit)s") % {"unit": workday.host_unit.name}, fmt["subtitle"])
    sheet.merge_range(1, last // 2 + 1, 1, last, _("Filled in on: %(date)s") % {"date": exported}, fmt["subtitle_right"])
    sheet.set_row(2, 24)
    sheet.set_row(3, 48)
    i = 0
    while i < len(columns):
        group, header, _width = columns[i]
        if group is None:
            sheet.merge_range(2, i, 3, i, header, fmt["header"])
            i += 1
            continue
        end = i
        while end + 1 < len(columns) and columns[end + 1][0] == group:
            end += 1
        sheet.merge_range(2, i, 2, end, group, fmt["header"])
        for j in range(i, end + 1):
            sheet.write_string(3, j, columns[j][1], fmt["header"])
        i = end + 1
    sheet.freeze_panes(4, 0)
    sheet.set_row(4, 48)
    for i, value in enumerate(summary_values(workday, figures)):
        _write(sheet, 4, i, value, fmt["rate"] if i == last else fmt["number"] if isinstance(value, int) else fmt["center"])

    row = 6
    sheet.merge_range(row, 0, row, last, pgettext("statistics", "By site"), fmt["section"])
    row += 1
    site_headers = [_("Site"), _("Matters registered (items)"), _("Citizens received (persons)"), _("Group visits (batches)")]
    spans = [(0, 2), (3, 4), (5, 6), (7, 9)]  # the site's name over three columns, each figure over two or three
    for (start, end), text in zip(spans, site_headers, strict=True):
        sheet.merge_range(row, start, row, end, text, fmt["header"])
    for site in figures["sites"]:
        row += 1
        values = [site["site"], site["registrations"], site["people"], site["group_visits"]]
        for (start, end), value in zip(spans, values, strict=True):
            cell = fmt["center"] if isinstance(value, str) else fmt["number"]
            sheet.merge_range(row, start, row, end, "", cell)
            _write(sheet, row, start, value, cell)
    row += 2
    sheet.merge_range(row, 0, row, 5, _("Filled in by:"), fmt["signature"])
    sheet.merge_range(row, 6, row, 12, _("Checked by:"), fmt["signature"])
    sheet.merge_range(row, 13, row, last, _("Unit leader:"), fmt["signature"])
    row += 1
    sheet.merge_range(
        row, 0, row, last,
        _("Figures as of %(date)s, from the registrations of the day (withdrawn and voided ones not counted).") % {"date": exported},
        fmt["subtitle"],
    )

    # --- The detail ----------------------------------------------------------------------------------
    sheet = workbook.add_worksheet(pgettext("statistics", "Detail"))
    columns = detail_columns()
    last = len(columns) - 1
    _print_setup(sheet, header_rows=(2, 2), title=title)
    for i, (_header, width) in enumerate(columns):
        sheet.set_column(i, i, width)
    sheet.set_row(0, 36)
    sheet.merge_range(0, 0, 0, last, _("%(title)s: registrations") % {"title": title}, fmt["title"])
    sheet.merge_range(
        1, 0, 1, last,
        _("Reporting unit: %(unit)s    Date: %(date)s    ID numbers and phones are masked.")
        % {"unit": workday.host_unit.name, "date": f"{workday.date:%Y-%m-%d}"},
        fmt["subtitle"],
    )
    sheet.set_row(2, 36)
    for i, (header, _width) in enumerate(columns):
        sheet.write_string(2, i, header, fmt["header"])
    sheet.freeze_panes(3, 0)
    wide = {3, 4, 5, 8, 10, 12}  # text columns aligned left
    for n, values in enumerate(detail_rows(workday), start=3):
        for i, value in enumerate(values):
            _write(sheet, n, i, value, fmt["text"] if i in wide else fmt["number"] if isinstance(value, int) else fmt["center"])
    workbook.close()
    return out.getvalue()


def _print_setup(sheet, *, header_rows: tuple[int, int], title: str) -> None:
    """A4 landscape, all columns on the page's width, the header repeated on every page, the title in
    the page header and page numbers in the footer."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    sheet.center_horizontally()
    sheet.repeat_rows(*header_rows)
    sheet.set_header("&C&\"黑体\"&10" + title.replace("&", "&&"))
    sheet.set_footer("&C&P / &N")


def _write(sheet, row: int, column: int, value, cell_format) -> None:
    if value is None or value == "":
        sheet.write_blank(row, column, None, cell_format)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(row, column, value, cell_format)
    else:
        # write_string, never write(): a content starting with "=" stays text, not a formula.
        sheet.write_string(row, column, str(value)[:MAX_CELL], cell_format)

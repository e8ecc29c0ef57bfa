"""A Work Day's official documents as .docx (公文 layout, exports/docx.py): the public notice, each
change / postponement / cancellation notice on its own, and the unit's report to the joint office
with its analysis. Each is composed here once as a `documents.Document`; the pages, the API and the
archive dossier (exports/dossier.py) all call these builders.

The figures of the report are those of workdays/analysis.py (`report_figures`, as the day's page
shows them): the ones stored with the report when it was submitted, else computed now.
"""

from __future__ import annotations

import datetime

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from exports.documents import Document
from exports.docx import Body, FieldTable, Heading
from public.notice import NOTICE_PREFETCH, ChangeNotice, change_notice, long_date, notice_filename, notice_for, numbered
from workdays.analysis import labelled, report_figures
from workdays.models import NoticeChange, WorkDay
from workdays.selectors import access_workday_by_id

# --- The public notice ------------------------------------------------------------------------------


def notice_document(workday: WorkDay) -> Document:
    """The notice as the public reads it, its change notices at the end; a draft, a voided or a
    cancelled day says so in the page header."""
    prefetch_related_objects([workday], *NOTICE_PREFETCH)
    notice = notice_for(workday)
    blocks = [Body(notice.intro)]
    for section in notice.sections:
        blocks.append(Heading(section.heading))
        blocks.extend(Body(line) for line in section.lines)
    blocks.append(Body(notice.closing))
    for change in notice.changes:  # the change, postponement and cancellation notices, at the end
        blocks.append(Heading(f"{change.title}（{long_date(change.published_on)}）"))
        blocks.extend(change_lines(change))
    if notice.voided:
        mark = _("Voided")
    elif notice.cancelled:
        mark = pgettext("notice", "Cancelled")
    else:
        mark = "" if notice.published else _("Draft")
    return Document(
        title=notice.title,
        filename=notice_filename(workday, "docx"),
        fallback=f"workday-notice-{workday.date:%Y-%m-%d}.docx",
        blocks=blocks,
        issuer=notice.issuer,
        issued_on=notice.issued_on,
        draft_mark=mark,
    )


# --- Change, postponement and cancellation notices --------------------------------------------------


def change_lines(change: ChangeNotice) -> list[Body]:
    """The reason and what changed (from → to), as the public notice lists them."""
    lines = []
    if change.reason:
        lines.append(Body(_("Reason: %(reason)s") % {"reason": change.reason}))
    lines.extend(Body(line) for line in change.lines)
    return lines


def change_of(user, workday_id, change_id) -> tuple[WorkDay, NoticeChange]:
    """The day as its page shows it and one of its change notices; 404 for another day's."""
    workday = access_workday_by_id(user, workday_id)
    return workday, get_object_or_404(workday.notice_changes.all(), pk=change_id)


def _announced_date(workday: WorkDay, change: NoticeChange):
    """The date the public knew before this change: the one it moved, else the day's."""
    before = (change.changes or {}).get("date", [None])[0]
    try:
        return datetime.date.fromisoformat(before) if before else workday.date
    except (TypeError, ValueError):
        return workday.date


def change_document(workday: WorkDay, change: NoticeChange) -> Document:
    """变更公告 / 延期公告 / 取消公告 on its own, signed by the host unit on the day it was published."""
    notice = change_notice(change)
    unit = workday.host_unit.name
    announced = long_date(_announced_date(workday, change))
    intro = {
        NoticeChange.Kind.CHANGED: _("The arrangements of the “Masses Work Day” that %(unit)s announced for %(date)s are changed as follows:"),
        NoticeChange.Kind.POSTPONED: _("The “Masses Work Day” that %(unit)s announced for %(date)s is postponed."),
        NoticeChange.Kind.CANCELLED: _("The “Masses Work Day” that %(unit)s announced for %(date)s is cancelled."),
    }.get(change.kind, _("The arrangements of the “Masses Work Day” that %(unit)s announced for %(date)s are changed as follows:"))
    blocks = [Body(intro % {"unit": unit, "date": announced}), *change_lines(notice)]
    blocks.append(Body(_("We apologise for any inconvenience. Hereby announced.")))
    return Document(
        title=_("%(unit)s: %(notice)s on the “Masses Work Day”") % {"unit": unit, "notice": notice.title},
        filename=f"{notice.title}-{unit}-{notice.published_on:%Y-%m-%d}-{change.pk}.docx",
        fallback=f"workday-{change.kind}-notice-{change.pk}.docx",
        blocks=blocks,
        issuer=unit,
        issued_on=notice.published_on,
    )


# --- The report to the joint office -----------------------------------------------------------------


def _table_or_none(rows) -> list:
    rows = [(str(label), str(n)) for label, n in rows]
    return [FieldTable(rows, label_width_mm=60)] if rows else [Body(_("None."))]


def _text_or_none(text: str) -> list[Body]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return [Body(line) for line in lines] or [Body(_("None."))]


def report_document(workday: WorkDay) -> Document:
    """The unit's report on the day with its 分析研判: the figures stored at submission (or as they
    stand now before that, marked 草稿), the matters referred to the joint office, the visits, research
    and relief, the unit's judgement and proposed measures."""
    report = getattr(workday, "report", None)
    figures = labelled(report.figures if report and report.figures else report_figures(workday))
    unit = workday.host_unit.name
    day = long_date(workday.date)
    sections: list[tuple[str, list]] = []
    if report and report.summary:
        sections.append((_("The unit's summary"), _text_or_none(report.summary)))
    overview = [
        Body(_("Matters registered: %(n)s; group visits: %(groups)s; repeat petitioners: %(repeats)s.") % {
            "n": figures.get("registrations", 0), "groups": figures.get("group_visits", 0),
            "repeats": figures.get("repeat_petitioners", 0),
        }),
        *_table_or_none([*figures["kind_rows"], *figures["disposition_rows"]]),
    ]
    sections.append((_("Matters received"), overview))
    sections.append((_("Matters by category"), _table_or_none(figures["category_rows"])))
    sections.append((_("Matters by territory"), _table_or_none(figures["territory_rows"])))
    if len(figures["site_rows"]) > 1:
        sections.append((_("Matters by site"), _table_or_none(figures["site_rows"])))
    hot = [Body(_("%(category)s: %(n)s matters") % {"category": h["category"], "n": h["count"]}) for h in figures.get("hot_issues", [])]
    sections.append((_("Hot issues"), hot or [Body(_("None."))]))
    referred = [
        Body(
            _("Case %(id)s, %(category)s, %(territory)s: %(summary)s (channel told: %(channel)s)") % {
                "id": r.get("case_id") or "—", "category": r.get("category") or "—", "territory": r.get("territory") or "—",
                "summary": r.get("summary", ""), "channel": r.get("channel") or "—",
            }
        )
        for r in figures.get("referred", [])
    ]
    sections.append((_("Matters needing assignment by the joint office"), referred or [Body(_("None."))]))
    activities = [
        Body(" · ".join(str(v) for v in (a["done_on"], a["kind_label"], a["subject"], a.get("target"), a.get("done"), a.get("outcome")) if v))
        for a in figures["activity_list"]
    ]
    sections.append((_("Visits, research and relief"), [*_table_or_none(figures["activity_rows"]), *activities]))
    sections.append((_("Analysis and judgement"), _text_or_none(figures.get("judgement", ""))))
    sections.append((_("Proposed measures"), _text_or_none(figures.get("measures", ""))))

    blocks: list = [
        Body(
            _("%(unit)s held a “Masses Work Day” on %(date)s at %(place)s, led by %(leader)s. The situation is reported as follows:")
            % {"unit": unit, "date": day, "place": workday.place, "leader": workday.leader}
        )
    ]
    for index, (heading, content) in enumerate(sections, start=1):
        blocks.append(Heading(numbered(index, heading)))
        blocks.extend(content)
    submitted = report.submitted_at if report else None
    return Document(
        title=_("%(unit)s: report on the “Masses Work Day” of %(date)s") % {"unit": unit, "date": day},
        filename=_("Work Day report-%(unit)s-%(date)s.docx") % {"unit": unit, "date": f"{workday.date:%Y-%m-%d}"},
        fallback=f"workday-report-{workday.date:%Y-%m-%d}.docx",
        blocks=blocks,
        issuer=unit,
        issued_on=timezone.localdate(submitted) if submitted else timezone.localdate(),
        draft_mark="" if report else _("Draft"),
    )


def report_of(user, workday_id) -> WorkDay:
    """The day as its page shows it, with its report (if any) joined."""
    workday = access_workday_by_id(user, workday_id)
    return WorkDay.objects.select_related("host_unit", "report").get(pk=workday.pk)

"""The public notice of a Work Day (R4c: time, place, participants, agenda and procedure), composed
once and rendered three ways: the public page, the A4 poster and the .docx."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from workdays.models import Status, WorkDay

CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Section:
    heading: str
    lines: list[str]


@dataclass(frozen=True)
class Notice:
    workday: WorkDay
    title: str
    intro: str
    sections: list[Section]
    closing: str
    issuer: str
    issued_on: datetime.date
    published: bool
    voided: bool


def long_date(day: datetime.date) -> str:
    """2026年12月10日 in Chinese, the locale's long date otherwise."""
    return date_format(day, "DATE_FORMAT")


def when_text(workday: WorkDay) -> str:
    return _("%(date)s (%(weekday)s), %(start)s–%(end)s") % {
        "date": long_date(workday.date),
        "weekday": date_format(workday.date, "l"),
        "start": workday.start_time.strftime("%H:%M"),
        "end": workday.end_time.strftime("%H:%M"),
    }


def _numbered(index: int, heading: str) -> str:
    if (get_language() or "").startswith("zh") and index <= len(CHINESE_NUMERALS):
        return f"{CHINESE_NUMERALS[index - 1]}、{heading}"
    return f"{index}. {heading}"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _joined(values) -> str:
    return _(", ").join(values)


def notice_for(workday: WorkDay) -> Notice:
    """The notice as it reads today; unpublished notices are drafts dated today."""
    unit = workday.host_unit.name
    place_lines = [_("Main site: %(place)s") % {"place": workday.place}]
    if workday.extension_sites:
        place_lines.append(_("Extension sites: %(sites)s") % {"sites": _joined(workday.extension_sites)})

    people = [_("Leader in charge: %(name)s") % {"name": workday.leader}]
    if workday.leading_district_leader_id:
        lead = workday.leading_district_leader
        people.append(_("Led by district leader: %(name)s (%(title)s)") % {"name": lead.name, "title": lead.title})
    if workday.participants:
        people.append(_("Participants: %(names)s") % {"names": _joined(workday.participants)})
    invited = [
        _("%(name)s (%(title)s)") % {"name": leader.name, "title": leader.title}
        for leader in workday.invited_leaders.all()
    ]
    if invited:
        people.append(_("Invited district leaders: %(names)s") % {"names": _joined(invited)})
    departments = [u.name for u in workday.liaison_departments.all()]
    if departments:
        people.append(_("Liaison departments: %(names)s") % {"names": _joined(departments)})

    headings_and_lines = [
        (_("Time"), [when_text(workday)]),
        (_("Place"), place_lines),
        (_("Participants"), people),
        (_("Agenda"), _lines(workday.agenda)),
    ]
    if _lines(workday.procedure):
        headings_and_lines.append((_("Procedure"), _lines(workday.procedure)))
    sections = [Section(_numbered(i, heading), lines) for i, (heading, lines) in enumerate(headings_and_lines, start=1)]

    published = workday.notice_published_at is not None
    return Notice(
        workday=workday,
        title=_("%(unit)s: notice on holding a “Masses Work Day”") % {"unit": unit},
        intro=_(
            "To hear the people's voices face to face and solve their problems on the spot, %(unit)s will hold "
            "a “Masses Work Day” on %(date)s. The arrangements are announced as follows:"
        )
        % {"unit": unit, "date": long_date(workday.date)},
        sections=sections,
        closing=_("Citizens are welcome to come and put forward their requests, opinions and suggestions."),
        issuer=unit,
        issued_on=timezone.localdate(workday.notice_published_at) if published else timezone.localdate(),
        published=published,
        voided=workday.status == Status.VOIDED,
    )


def notice_filename(workday: WorkDay, extension: str) -> str:
    """群众工作日公告-巴川街道-2026-12-10.docx"""
    prefix = _("Work Day notice")
    return f"{prefix}-{workday.host_unit.name}-{workday.date:%Y-%m-%d}.{extension}"

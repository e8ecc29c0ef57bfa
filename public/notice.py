"""The public notice of a Work Day (R4c: time, place, participants, agenda and procedure), composed
once and rendered three ways: the public page, the A4 poster and the .docx."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from workdays.models import Invitation, NoticeChange, Status, WorkDay

CHINESE_NUMERALS = "一二三四五六七八九十"
# What `notice_for` reads of a day beside its own fields.
NOTICE_PREFETCH = ("invitations__leader", "liaison_departments", "notice_changes")


@dataclass(frozen=True)
class Section:
    heading: str
    lines: list[str]


@dataclass(frozen=True)
class ChangeNotice:
    """变更公告 / 延期公告 / 取消公告 as the public reads it: what changed, from → to, by label."""

    kind: str
    title: str
    published_on: datetime.date
    reason: str
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
    cancelled: bool = False
    postponed: bool = False
    changes: tuple[ChangeNotice, ...] = ()


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


def numbered(index: int, heading: str) -> str:
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
    # Only the invited leaders who accepted are announced as attending.
    attending = [
        _("%(name)s (%(title)s)") % {"name": i.leader.name, "title": i.leader.title}
        for i in workday.invitations.all()
        if i.answer == Invitation.Answer.ACCEPTED
    ]
    if attending:
        people.append(_("District leaders attending: %(names)s") % {"names": _joined(attending)})
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
    contact = " ".join(v for v in (workday.contact_person, workday.contact_phone) if v)
    if contact:
        headings_and_lines.append((_("Contact"), [_("Contact: %(contact)s") % {"contact": contact}]))
    sections = [Section(numbered(i, heading), lines) for i, (heading, lines) in enumerate(headings_and_lines, start=1)]

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
        cancelled=workday.status == Status.CANCELLED,
        postponed=any(c.kind == NoticeChange.Kind.POSTPONED for c in workday.notice_changes.all()),
        changes=tuple(change_notice(c) for c in workday.notice_changes.all()),
    )


CHANGE_TITLES = {
    NoticeChange.Kind.CHANGED: _lazy("Change notice"),
    NoticeChange.Kind.POSTPONED: _lazy("Postponement notice"),
    NoticeChange.Kind.CANCELLED: _lazy("Cancellation notice"),
}


def _fact_label(field: str) -> str:
    return str(
        {
            "date": _lazy("Date"),
            "start_time": _lazy("Start time"),
            "end_time": _lazy("End time"),
            "place": _lazy("Main site"),
            "extension_sites": _lazy("Extension sites"),
        }.get(field, field)
    )


def _fact_value(field: str, value) -> str:
    if value in (None, "", []):
        return _("none")
    if field == "date":
        day = datetime.date.fromisoformat(value)
        return _("%(date)s (%(weekday)s)") % {"date": long_date(day), "weekday": date_format(day, "l")}
    if isinstance(value, list):
        return _joined(value)
    return str(value)


def change_notice(change: NoticeChange) -> ChangeNotice:
    lines = [
        _("%(what)s: changed from %(before)s to %(after)s")
        % {"what": _fact_label(field), "before": _fact_value(field, before), "after": _fact_value(field, after)}
        for field, (before, after) in (change.changes or {}).items()
    ]
    return ChangeNotice(
        kind=change.kind,
        title=str(CHANGE_TITLES.get(change.kind, change.get_kind_display())),
        published_on=timezone.localdate(change.published_at),
        reason=change.reason,
        lines=lines,
    )


def notice_filename(workday: WorkDay, extension: str) -> str:
    """群众工作日公告-巴川街道-2026-12-10.docx"""
    prefix = _("Work Day notice")
    return f"{prefix}-{workday.host_unit.name}-{workday.date:%Y-%m-%d}.{extension}"

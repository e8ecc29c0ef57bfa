"""Which Work Days a user may see: the host unit's own staff, the district leaders linked to it, and
the joint office (all)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import can_write_for_unit, filter_by_units, is_supervisor
from accounts.home import TodoItem
from workdays.models import CALLED_OFF, Report, Status, WorkDay
from workdays.rules import deadlines_for


def visible_workdays(user) -> QuerySet[WorkDay]:
    return filter_by_units(user, WorkDay.objects.select_related("host_unit"), "host_unit_id")


def access_workday_by_id(user, workday_id) -> WorkDay:
    try:
        return visible_workdays(user).get(pk=workday_id)
    except (WorkDay.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def home_todo(user) -> list:
    """The steps of the user's Work Days that are due now (R4, R6), and for the joint office the
    reports waiting at the intake (收发员) to be forwarded."""
    items: list[TodoItem] = []
    today = timezone.localdate()
    if is_supervisor(user):
        waiting = Report.objects.filter(forwarded_at__isnull=True).count()
        if waiting:
            items.append(TodoItem(_("%(n)s Work Day report(s) wait at the intake to be forwarded to the complaint centre") % {"n": waiting},
                                  reverse("workdays:list") + "?status=reported", "warning"))
        return items
    days = (
        visible_workdays(user)
        .exclude(status__in=CALLED_OFF).filter(date__gte=today - datetime.timedelta(days=40), date__lte=today + datetime.timedelta(days=14))
        .exclude(status=Status.ARCHIVED)
        .order_by("date")
    )
    for day in days:
        if not can_write_for_unit(user, day.host_unit):
            continue
        d = deadlines_for(day.date)
        url = reverse("workdays:detail", args=[day.pk])
        label = f"{day.host_unit.name} {day.date:%m-%d}"
        if day.status == Status.PLANNED and today <= d.notice_latest:
            if today >= d.notice_earliest:
                items.append(TodoItem(_("%(day)s: publish the public notice by %(date)s") % {"day": label, "date": d.notice_latest}, url, "warning"))
        elif day.status == Status.PLANNED and today < day.date:
            items.append(TodoItem(_("%(day)s: the public notice is late (window ended %(date)s)") % {"day": label, "date": d.notice_latest}, url, "danger"))
        elif day.status == Status.HELD:
            late = today > d.report_due
            items.append(TodoItem(_("%(day)s: submit the report to the joint office by %(date)s") % {"day": label, "date": d.report_due},
                                  url, "danger" if late else "warning"))
        elif day.status == Status.REPORTED:
            late = today > d.publication_due
            items.append(TodoItem(_("%(day)s: publish the results by %(date)s") % {"day": label, "date": d.publication_due},
                                  url, "danger" if late else "info"))
    return items

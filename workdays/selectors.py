"""Which Work Days a user may see: the host unit's own staff, the district leaders linked to it or
leading or invited to the day, and the joint office (all)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import can_write_for_unit, is_supervisor, visible_unit_ids
from accounts.home import TodoItem
from accounts.models import Role
from units.models import UnitKind
from workdays.models import Invitation, Report, Status, WorkDay
from workdays.rules import deadlines_for

# What a list of days prefetches so that its flags, invitations and attendance cost no query per day.
WORKDAY_PREFETCH = ("invited_leaders", "liaison_departments", "screening_items", "invitations", "sign_ins", "host_unit__officials")


def _district_leader_id(user) -> int | None:
    if user.is_authenticated and user.is_active and user.role == Role.DISTRICT_LEADER:
        return user.district_leader_id
    return None


def led_or_invited_day_ids(user) -> QuerySet | None:
    """The one rule for a district leader's own days: the days they lead or are invited to (whatever
    their answer), as a subquery of ids; None for a user who is no district leader. Their
    registrations and cases are visible with them (cases.selectors.visible_cases), read only."""
    leader_id = _district_leader_id(user)
    if leader_id is None:
        return None
    invited = Invitation.objects.filter(leader_id=leader_id).values("workday_id")
    return WorkDay.objects.filter(Q(leading_district_leader_id=leader_id) | Q(pk__in=invited)).values("pk")


def visible_workdays(user) -> QuerySet[WorkDay]:
    """The days of the units the user may see (accounts.access), and a district leader's own days."""
    workdays = WorkDay.objects.select_related("host_unit")
    unit_ids = visible_unit_ids(user)
    if unit_ids is None:
        return workdays
    condition = Q(host_unit_id__in=unit_ids)
    own_days = led_or_invited_day_ids(user)
    if own_days is not None:
        condition |= Q(pk__in=own_days)
    return workdays.filter(condition)


def led_joint_office_day_ids(user) -> QuerySet:
    """The joint-office days the user leads as a district leader (see `leads_joint_office_day`)."""
    leader_id = _district_leader_id(user)
    if leader_id is None:
        return WorkDay.objects.none().values("pk")
    return WorkDay.objects.filter(leading_district_leader_id=leader_id, host_unit__kind=UnitKind.JOINT_OFFICE).values("pk")


def leads_joint_office_day(user, workday: WorkDay | None) -> bool:
    """The district leader leading a joint-office day acts on it as its leader: they sign off its
    report and results drafts as a unit leader does for their unit's days (docs/adr/0011)."""
    leader_id = _district_leader_id(user)
    return (
        workday is not None
        and leader_id is not None
        and workday.leading_district_leader_id == leader_id
        and workday.host_unit.kind == UnitKind.JOINT_OFFICE
    )


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
        .exclude(status=Status.VOIDED).filter( date__gte=today - datetime.timedelta(days=40), date__lte=today + datetime.timedelta(days=14))
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

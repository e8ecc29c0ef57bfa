"""Which Work Days a user may see: the host unit's own staff, the district leaders linked to it or
leading or invited to the day, and the joint office (all)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import can_write_for_unit, is_supervisor, visible_unit_ids
from accounts.home import TodoItem
from accounts.models import Role
from units.models import UnitKind
from workdays.models import CALLED_OFF, Activity, Invitation, Report, ScreeningItem, Status, WorkDay
from workdays.rules import deadlines_for

# What a list of days prefetches so that its flags, invitations and attendance cost no query per day.
WORKDAY_PREFETCH = (
    "invited_leaders", "liaison_departments", "screening_items", "invitations", "sign_ins", "host_unit__officials", "notice_changes",
)


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


def can_view_workday(user, workday: WorkDay | None) -> bool:
    """Whether the user may open the day's page (the rule of `access_workday_by_id`): a page that
    names a day links it only then, and shows it as text otherwise (a lead or assisting unit reads
    a case of another unit's day, not the day)."""
    return workday is not None and visible_workdays(user).filter(pk=workday.pk).exists()


def access_workday_by_id(user, workday_id) -> WorkDay:
    try:
        return visible_workdays(user).get(pk=workday_id)
    except (WorkDay.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_screening_item_by_id(user, item_id) -> ScreeningItem:
    """A screening item of a day the user may see; 404 otherwise."""
    try:
        return ScreeningItem.objects.select_related("workday__host_unit").get(
            pk=item_id, workday__in=visible_workdays(user)
        )
    except (ScreeningItem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def activity_of_workday(workday: WorkDay, activity_id, kind: str | None = None) -> Activity:
    """A record of this day (of `kind` when given); 404 for another day's or an unknown one."""
    try:
        found = workday.activities.filter(kind=kind) if kind else workday.activities.all()
        return found.select_related("workday__host_unit").get(pk=activity_id)
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- The home page's to-do list ---------------------------------------------------------------------

# A day that still owes one of its steps, in the order of the steps.
STEP_STATUSES = (Status.PLANNED, Status.NOTICE_PUBLISHED, Status.HELD, Status.REPORTED)
OPEN_SCREENING = (ScreeningItem.Outcome.MEDIATION, ScreeningItem.Outcome.UNRESOLVED)


def home_todo(user) -> list:
    """What the user's unit owes on its Work Days (R4, R6, R13), day by day from the oldest, each day's
    items in the order of its steps: screening, open screening items, notice, the day held, report
    (the analysis goes with it), results, relief follow-ups. An overdue step stays until it is done;
    archived, voided and cancelled days owe nothing. For the joint office, first the reports waiting at
    the intake (收发员) to be forwarded. A fixed number of queries, however many days."""
    items: list[TodoItem] = []
    if is_supervisor(user):
        waiting = Report.objects.filter(forwarded_at__isnull=True).count()
        if waiting:
            items.append(TodoItem(_("%(n)s Work Day report(s) wait at the intake to be forwarded to the complaint centre") % {"n": waiting},
                                  reverse("workdays:list") + "?status=reported", "warning"))
    unit = user.unit if user.unit_id else None
    if unit is None or not can_write_for_unit(user, unit):
        return items
    today = timezone.localdate()
    open_screening = ScreeningItem.objects.filter(workday=OuterRef("pk"), outcome__in=OPEN_SCREENING)
    follow_ups = Activity.objects.filter(
        kind=Activity.Kind.RELIEF, outcome="", follow_up_on__lte=today, workday__host_unit=unit
    ).exclude(workday__status__in=(Status.ARCHIVED, *CALLED_OFF))
    days = (
        WorkDay.objects.filter(host_unit=unit)
        .exclude(status__in=(Status.ARCHIVED, *CALLED_OFF))
        .filter(Q(status__in=STEP_STATUSES) | Exists(open_screening) | Exists(follow_ups.filter(workday=OuterRef("pk"))))
        .annotate(
            n_screening=Count("screening_items"),
            n_open_screening=Count("screening_items", filter=Q(screening_items__outcome__in=OPEN_SCREENING)),
        )
        .order_by("date", "id")
    )
    due_relief: dict[int, list[Activity]] = {}
    for activity in follow_ups.order_by("follow_up_on", "id"):
        due_relief.setdefault(activity.workday_id, []).append(activity)
    for day in days:
        items.extend(_day_todo(day, unit, today, due_relief.get(day.pk, [])))
    return items


def _day_todo(day: WorkDay, unit, today: datetime.date, follow_ups: list[Activity]) -> list[TodoItem]:
    d = deadlines_for(day.date)
    url = reverse("workdays:detail", args=[day.pk])
    label = f"{unit.name} {day.date:%m-%d}"
    before_day = day.status in (Status.PLANNED, Status.NOTICE_PUBLISHED)
    items: list[TodoItem] = []

    def add(text: str, params: dict, anchor: str, level: str) -> None:
        items.append(TodoItem(text % {"day": label, **params}, f"{url}#{anchor}", level))

    if before_day and day.date >= today and not day.n_screening:
        if today <= d.screening_due:
            add(_("%(day)s: record the dispute screening by %(date)s"), {"date": d.screening_due}, "screening", "warning")
        else:
            add(_("%(day)s: the dispute screening is late (due %(date)s): record it before the day"),
                {"date": d.screening_due}, "screening", "danger")
    if day.n_open_screening:
        add(_("%(day)s: %(n)s screening item(s) still in mediation or unresolved: record how they progress"),
            {"n": day.n_open_screening}, "screening", "info")
    if day.status == Status.PLANNED and day.date >= today:
        if d.notice_earliest <= today <= d.notice_latest:
            add(_("%(day)s: publish the public notice by %(date)s"), {"date": d.notice_latest}, "notice", "warning")
        elif today > d.notice_latest:
            add(_("%(day)s: the public notice is late (window ended %(date)s)"), {"date": d.notice_latest}, "notice", "danger")
    if before_day and day.date < today:
        add(_("%(day)s: the day has passed but is not recorded as held: enter the sign-in book and the registrations, or void it"),
            {}, "sign-in", "danger")
    if day.status == Status.HELD:
        if today <= d.report_due:
            add(_("%(day)s: submit the report to the joint office by %(date)s"), {"date": d.report_due}, "report", "warning")
        else:
            add(_("%(day)s: the report to the joint office is overdue (due %(date)s)"), {"date": d.report_due}, "report", "danger")
    if day.status == Status.REPORTED:
        if today <= d.publication_due:
            add(_("%(day)s: publish the results by %(date)s"), {"date": d.publication_due}, "results", "info")
        else:
            add(_("%(day)s: the publication of the results is overdue (due %(date)s)"), {"date": d.publication_due}, "results", "danger")
    for activity in follow_ups:
        add(_("%(day)s: follow up the relief for %(target)s (%(area)s), due %(date)s: record the outcome"),
            {"target": activity.target, "area": activity.subject, "date": activity.follow_up_on}, "activities",
            "danger" if activity.follow_up_on < today else "warning")
    return items

"""What was done around a Work Day (docs/api.md "Work Days"): the R13 records (visits, research,
relief with its follow-up) under /workdays/{id}/, and the progress of a screening item at
/screening-items/{id}. Same access helpers and services as the day's page."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema

from workdays import activities, services
from workdays.api import ActivityRecordOut
from workdays.inputs import ReliefIn, ReliefOutcomeIn, ResearchIn, ScreeningUpdateIn, VisitIn
from workdays.models import Activity, ScreeningItem
from workdays.rules import screening_on_time
from workdays.selectors import access_screening_item_by_id, access_workday_by_id, activity_of_workday
from xinfang.api_types import ApiError, Id

router = Router(tags=["workdays"])
screening_router = Router(tags=["workdays"])


class ActivityOut(ActivityRecordOut):
    """A record as the report carries it (ActivityRecordOut), with its ids and when it was entered."""

    id: int
    workday_id: int
    recorded_at: datetime.datetime


class ActivityList(Schema):
    items: list[ActivityOut]
    total: int
    dates_from: datetime.date
    dates_to: datetime.date


def _add(request, workday_id: int, kind: str, payload) -> tuple[int, Activity]:
    workday = access_workday_by_id(request.user, workday_id)
    return 201, activities.activity_add(workday=workday, actor=request.user, kind=kind, **payload.arguments())


@router.post("/{workday_id}/visits", response={201: ActivityOut})
def add_visit(request, workday_id: Id, payload: VisitIn):
    return _add(request, workday_id, Activity.Kind.VISIT, payload)


@router.post("/{workday_id}/research", response={201: ActivityOut})
def add_research(request, workday_id: Id, payload: ResearchIn):
    return _add(request, workday_id, Activity.Kind.RESEARCH, payload)


@router.post("/{workday_id}/relief", response={201: ActivityOut})
def add_relief(request, workday_id: Id, payload: ReliefIn):
    return _add(request, workday_id, Activity.Kind.RELIEF, payload)


@router.get("/{workday_id}/activities", response=ActivityList)
def list_activities(request, workday_id: int, kind: str | None = None):
    workday = access_workday_by_id(request.user, workday_id)
    records = workday.activities.all()
    if kind:
        if kind not in Activity.Kind.values:
            raise ApiError(400, _("The input is not valid."), {"kind": [_("Choose visit, research or relief.")]})
        records = records.filter(kind=kind)
    items = list(records)
    _period, start, end = activities.allowed_dates(workday)
    return {"items": items, "total": len(items), "dates_from": start, "dates_to": end}


@router.get("/{workday_id}/relief/{activity_id}", response=ActivityOut)
def get_relief(request, workday_id: int, activity_id: int):
    workday = access_workday_by_id(request.user, workday_id)
    return activity_of_workday(workday, activity_id, Activity.Kind.RELIEF)


@router.patch("/{workday_id}/relief/{activity_id}", response=ActivityOut)
def follow_up_relief(request, workday_id: Id, activity_id: Id, payload: ReliefOutcomeIn):
    """The outcome of a relief action's follow-up, written (or rewritten) when it is known."""
    workday = access_workday_by_id(request.user, workday_id)
    activity = activity_of_workday(workday, activity_id, Activity.Kind.RELIEF)
    return activities.activity_update_outcome(activity=activity, actor=request.user, **payload.arguments())


class ScreeningItemOut(Schema):
    id: int
    workday_id: int
    description: str
    outcome: str
    opinion: str
    recorded_at: datetime.datetime
    updated_at: datetime.datetime | None
    on_time: bool


def _screening_out(item: ScreeningItem) -> dict:
    fields = ("id", "workday_id", "description", "outcome", "opinion", "recorded_at", "updated_at")
    return {**{f: getattr(item, f) for f in fields}, "on_time": screening_on_time(item.workday.date, item.recorded_at)}


@screening_router.get("/{item_id}", response=ScreeningItemOut)
def get_screening_item(request, item_id: int):
    return _screening_out(access_screening_item_by_id(request.user, item_id))


@screening_router.patch("/{item_id}", response=ScreeningItemOut)
def update_screening_item(request, item_id: Id, payload: ScreeningUpdateIn):
    """A screening item's progress: outcome and opinion as they stand now (unresolved needs an opinion)."""
    item = access_screening_item_by_id(request.user, item_id)
    return _screening_out(services.screening_update(item=item, actor=request.user, **payload.arguments()))

"""The case ledger API (../shared/API.md "Cases")."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from cases.models import Case, CaseStatus
from cases.selectors import CaseFilters, access_case_by_id, filter_cases, is_overdue, visible_cases
from history.labels import action_label
from history.selectors import timeline_for
from xinfang.api import ApiError

router = Router(tags=["cases"])


class TimelineEntry(Schema):
    at: datetime.datetime
    actor: str
    action: str
    action_label: str
    detail: str


class CaseOut(Schema):
    id: int
    workday_id: int
    host_unit_id: int
    kind: str
    category_id: int
    territory_unit_id: int | None
    content: str
    disposition: str
    handling: str
    status: str
    lead_unit_id: int | None
    assisting_unit_ids: list[int]
    responsible_person: str
    clock_start: datetime.date | None
    due_date: datetime.date | None
    due_provisional: bool
    feedback_due: datetime.date | None
    feedback_at: datetime.datetime | None
    replied_at: datetime.datetime | None
    overdue: bool
    return_count: int
    version: int


class CaseDetail(CaseOut):
    timeline: list[TimelineEntry]


class CaseList(Schema):
    items: list[CaseOut]
    total: int


class CaseQuery(Schema):
    unit_id: int | None = None
    status: str | None = None
    overdue: bool = False
    due_soon: bool = False
    category_id: int | None = None
    territory_unit_id: int | None = None
    workday_id: int | None = None
    page: int = 1
    page_size: int = 50


def case_out(case: Case) -> dict:
    return {
        **{
            f: getattr(case, f)
            for f in (
                "id", "workday_id", "host_unit_id", "kind", "category_id", "content", "disposition", "handling", "status",
                "lead_unit_id", "responsible_person", "clock_start", "due_date", "due_provisional", "feedback_due",
                "feedback_at", "replied_at", "return_count", "version",
            )
        },
        "territory_unit_id": case.territory_id,
        "assisting_unit_ids": [u.pk for u in case.assisting_units.all()],
        "overdue": is_overdue(case),
    }


def _detail(event) -> str:
    parts = [event.note] if event.note else []
    parts += [f"{field}: {pair[0]} → {pair[1]}" for field, pair in (event.changes or {}).items()]
    return "; ".join(str(p) for p in parts)


@router.get("", response=CaseList)
def list_cases(request, query: Query[CaseQuery]):
    if query.status and query.status not in CaseStatus.values:
        raise ApiError(400, _("The input is not valid."), {"status": [_("Unknown status.")]})
    if query.page < 1 or not (1 <= query.page_size <= 200):
        raise ApiError(400, _("The input is not valid."), {"page": [_("Pages start at 1; page_size is 1 to 200.")]})
    filters = CaseFilters(**query.dict(exclude={"page", "page_size"}))
    cases = filter_cases(visible_cases(request.user), filters).order_by("-id").prefetch_related("assisting_units")
    total = cases.count()
    start = (query.page - 1) * query.page_size
    return {"items": [case_out(c) for c in cases[start : start + query.page_size]], "total": total}


@router.get("/{case_id}", response=CaseDetail)
def get_case(request, case_id: int):
    case = access_case_by_id(request.user, case_id)
    timeline = [
        {
            "at": e.at,
            "actor": e.actor.display_name if e.actor else "",
            "action": e.action,
            "action_label": str(action_label(e.action)),
            "detail": _detail(e),
        }
        for e in timeline_for(case)
    ]
    return {**case_out(case), "timeline": timeline}

"""The case ledger API (docs/api.md "Cases")."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from cases import deadlines, handling
from cases.models import Case, CaseStatus
from cases.paging import id_page
from cases.selectors import CaseFilters, access_case_by_id, ledger_ids, visible_cases
from cases.transitions import TABLE
from history.labels import action_label
from history.selectors import timeline_for
from intake.personal_data import may_view_personal_data, reveal_personal_data
from xinfang.api_types import ApiError, Id, Page

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
    overdue: bool  # open past the reply deadline: the cases ?overdue=true lists
    replied_late: bool  # replied after the deadline (frozen at the reply)
    promised_due: datetime.date | None  # 承诺解决时限 of a time_limit matter
    promised_provisional: bool
    promise_kept: bool | None  # null while the promise runs
    return_count: int
    repeat_of_id: int | None  # 重复访: the earlier case of the same person it was linked to
    merged_into_id: int | None  # 并案: the case it was merged into (its status is then closed)
    version: int


class CaseDetail(CaseOut):
    timeline: list[TimelineEntry]


class CaseList(Schema):
    items: list[CaseOut]
    total: int


class CaseQuery(Schema):
    unit_id: Id | None = None
    status: str | None = None
    overdue: bool = False
    due_soon: bool = False
    category_id: Id | None = None
    territory_unit_id: Id | None = None
    workday_id: Id | None = None
    page: Page = 1
    page_size: Annotated[int, Field(ge=1, le=200)] = 50
    # Keyset paging: the cases older than this id (`page` is then ignored); costs the same at any depth.
    after: Id | None = None

    def filters(self) -> CaseFilters:
        return CaseFilters(**self.dict(exclude={"page", "page_size", "after"}))


def case_out(case: Case) -> dict:
    return {
        **{
            f: getattr(case, f)
            for f in (
                "id", "workday_id", "host_unit_id", "category_id", "handling", "status",
                "lead_unit_id", "responsible_person", "clock_start", "due_date", "due_provisional", "feedback_due",
                "feedback_at", "replied_at", "return_count", "repeat_of_id", "merged_into_id", "version",
                "promised_due", "promised_provisional",
            )
        },
        **{f: getattr(case.registration, f) for f in ("kind", "content", "disposition")},
        "territory_unit_id": case.territory_id,
        "assisting_unit_ids": [u.pk for u in case.assisting_units.all()],
        "overdue": deadlines.is_overdue(case),
        "replied_late": deadlines.is_replied_late(case),
        "promise_kept": deadlines.promise_kept(case),
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
    page = id_page(ledger_ids(request.user, query.filters()), _api_rows, query.page_size, page=query.page, after=query.after, exact_count=True)
    return {"items": [case_out(c) for c in page], "total": page.paginator.count}


def _api_rows(ids: list[int]) -> list[Case]:
    return list(Case.objects.filter(pk__in=ids).order_by("-id").select_related("registration").prefetch_related("assisting_units", "replies"))


@router.get("/{case_id}", response=CaseDetail)
def get_case(request, case_id: int):
    return case_detail(access_case_by_id(request.user, case_id))


def case_detail(case: Case) -> dict:
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


# --- Handling (R7–R10): one route per step of the case's transition table, taking the step's input.


def _handling_route(transition):
    def act(request, case_id, payload):
        case = access_case_by_id(request.user, case_id)
        handling.perform(case, request.user, transition.name, payload)
        # A unit that returned the case may no longer see it; it still gets the state its own
        # action produced.
        return case_detail(visible_cases(request.user).filter(pk=case.pk).first() or Case.objects.get(pk=case.pk))

    act.__name__ = f"case_{transition.name}"
    act.__doc__ = TABLE_DOCS.get(transition.name, "")
    act.__annotations__ = {"case_id": Id, "payload": transition.input}
    router.post(f"/{{case_id}}/{transition.slug}", response=CaseDetail, operation_id=act.__name__)(act)


TABLE_DOCS = {
    "assign": "交办 (joint office): the reply clock starts at delivery.",
    "receive": "签收 (lead unit): records the signing; the deadline does not move.",
    "reply": "答复 (lead unit; the host unit for self-handled cases).",
    "return": "退回 (lead unit): back to the joint office with a reason; counts as a return.",
    "assist_opinion": "协办意见 (assisting unit).",
    "feedback": "Feedback to the citizen on a referred case (host unit, R8).",
    "rate": "Quality rating of the latest reply (joint office).",
    "revisit": "回访 (joint office).",
    "rehandle": "重新办理 (joint office), after a failed revisit or a poor rating: back to the lead unit on a new clock.",
    "close": "Close a replied or answered case (joint office).",
    "link": "重复访 / 并案 (joint office): link to an earlier case of the same person; `merge` closes this one into it.",
    "unmerge": "Undo a merge (joint office): the case gets back the status it had.",
    "void": "Void an entry made in error (joint office); it stays visible to the joint office.",
}

for _transition in TABLE:
    _handling_route(_transition)


class PetitionerFull(Schema):
    name: str
    id_number: str
    phone: str
    address: str


@router.post("/{case_id}/personal-data", response=list[PetitionerFull])
def personal_data(request, case_id: int):
    """The petitioners' full ID numbers and phones, for roles that need them; every call is logged."""
    case = access_case_by_id(request.user, case_id)
    if not may_view_personal_data(request.user, case):
        raise PermissionDenied
    return reveal_personal_data(registration=case.registration, actor=request.user, shown_on=case)

"""The case ledger API (../shared/API.md "Cases")."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from cases import deadlines, handling, pii
from cases.models import Case, CaseStatus
from cases.selectors import CaseFilters, access_case_by_id, filter_cases, visible_cases
from history.labels import action_label
from history.selectors import timeline_for
from units.models import Unit
from xinfang.api_types import ApiError, Id, Page, Text

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
    return_count: int
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
        "overdue": deadlines.is_overdue(case),
        "replied_late": deadlines.is_replied_late(case),
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


# --- Handling (R7–R10). Every write carries the case's version; a stale one is a 409. --------------


class VersionIn(Schema):
    version: Annotated[int, Field(ge=1, le=2**31 - 1)]


class AssignIn(VersionIn):
    lead_unit_id: Id
    assisting_unit_ids: list[Id] = []


class ReceiveIn(VersionIn):
    responsible_person: Text[50] = ""


class ReasonIn(VersionIn):
    reason: str


class ContentIn(VersionIn):
    content: str


class ReplyIn(VersionIn):
    content: str
    concluded: bool
    feedback_to_center: str = ""


class RateIn(VersionIn):
    acceptable: bool
    reason: str = ""


class RevisitIn(VersionIn):
    reached: bool
    satisfied: bool | None = None
    confirms_reply: bool | None = None
    note: str = ""


def _units(field: str, ids: list[int]) -> list[Unit]:
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    missing = [i for i in ids if i not in units]
    if missing:
        raise ApiError(400, _("The input is not valid."), {field: [_("Unknown unit: %(ids)s") % {"ids": ", ".join(map(str, missing))}]})
    return [units[i] for i in ids]


def _fresh(request, case_id: int) -> dict:
    return get_case(request, case_id)


@router.post("/{case_id}/assign", response=CaseDetail)
def assign_case(request, case_id: Id, payload: AssignIn):
    case = access_case_by_id(request.user, case_id)
    lead = _units("lead_unit_id", [payload.lead_unit_id])[0]
    handling.case_assign(
        case=case, actor=request.user, version=payload.version, lead_unit=lead,
        assisting_units=_units("assisting_unit_ids", payload.assisting_unit_ids),
    )
    return _fresh(request, case_id)


@router.post("/{case_id}/receive", response=CaseDetail)
def receive_case(request, case_id: Id, payload: ReceiveIn):
    case = access_case_by_id(request.user, case_id)
    handling.case_receive(case=case, actor=request.user, version=payload.version, responsible_person=payload.responsible_person)
    return _fresh(request, case_id)


@router.post("/{case_id}/return", response=CaseDetail)
def return_case(request, case_id: Id, payload: ReasonIn):
    case = access_case_by_id(request.user, case_id)
    case = handling.case_return(case=case, actor=request.user, version=payload.version, reason=payload.reason)
    # The returning unit no longer leads the case and may not see it again; it still gets the
    # state its own action produced.
    return case_detail(case)


@router.post("/{case_id}/assist-opinion", response=CaseDetail)
def assist_opinion(request, case_id: Id, payload: ContentIn):
    case = access_case_by_id(request.user, case_id)
    handling.case_assist_opinion(case=case, actor=request.user, version=payload.version, content=payload.content)
    return _fresh(request, case_id)


@router.post("/{case_id}/feedback", response=CaseDetail)
def feedback(request, case_id: Id, payload: ContentIn):
    case = access_case_by_id(request.user, case_id)
    handling.case_feedback(case=case, actor=request.user, version=payload.version, content=payload.content)
    return _fresh(request, case_id)


@router.post("/{case_id}/reply", response=CaseDetail)
def reply(request, case_id: Id, payload: ReplyIn):
    case = access_case_by_id(request.user, case_id)
    handling.case_reply(
        case=case, actor=request.user, version=payload.version, content=payload.content,
        concluded=payload.concluded, feedback_to_center=payload.feedback_to_center,
    )
    return _fresh(request, case_id)


@router.post("/{case_id}/rate", response=CaseDetail)
def rate(request, case_id: Id, payload: RateIn):
    case = access_case_by_id(request.user, case_id)
    handling.case_rate(case=case, actor=request.user, version=payload.version, acceptable=payload.acceptable, reason=payload.reason)
    return _fresh(request, case_id)


@router.post("/{case_id}/revisit", response=CaseDetail)
def revisit(request, case_id: Id, payload: RevisitIn):
    case = access_case_by_id(request.user, case_id)
    handling.case_revisit(
        case=case, actor=request.user, version=payload.version, reached=payload.reached,
        satisfied=payload.satisfied, confirms_reply=payload.confirms_reply, note=payload.note,
    )
    return _fresh(request, case_id)


@router.post("/{case_id}/close", response=CaseDetail)
def close(request, case_id: Id, payload: VersionIn):
    case = access_case_by_id(request.user, case_id)
    handling.case_close(case=case, actor=request.user, version=payload.version)
    return _fresh(request, case_id)


@router.post("/{case_id}/void", response=CaseDetail)
def void(request, case_id: Id, payload: ReasonIn):
    case = access_case_by_id(request.user, case_id)
    handling.case_void(case=case, actor=request.user, version=payload.version, reason=payload.reason)
    return _fresh(request, case_id)


class PetitionerFull(Schema):
    name: str
    id_number: str
    phone: str
    address: str


@router.post("/{case_id}/personal-data", response=list[PetitionerFull])
def personal_data(request, case_id: int):
    """The petitioners' full ID numbers and phones, for roles that need them; every call is logged."""
    case = access_case_by_id(request.user, case_id)
    if not pii.may_view_personal_data(request.user, case):
        raise PermissionDenied
    return pii.reveal_personal_data(case=case, actor=request.user)

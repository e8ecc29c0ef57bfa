"""Supervision orders (督办), mounted at /api/v1/ (docs/api.md "Supervision orders"). Same
visibility and verdicts as the orders page."""

from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from cases.selectors import visible_cases
from supervision import orders
from supervision.models import SupervisionOrder
from supervision.order_inputs import OrderIssueIn, OrderRespondIn
from xinfang.api_types import Id

router = Router(tags=["supervision"])


class OrderOut(Schema):
    id: int
    case_id: int
    unit_id: int
    unit_name: str
    text: str
    status: str
    issued_at: datetime.datetime
    respond_by: datetime.date
    overdue: bool
    response: str
    responded_at: datetime.datetime | None


class OrderList(Schema):
    items: list[OrderOut]
    total: int


def _out(order: SupervisionOrder) -> dict:
    fields = ("id", "case_id", "unit_id", "text", "status", "issued_at", "respond_by", "response", "responded_at")
    return {**{f: getattr(order, f) for f in fields}, "unit_name": order.unit.name, "overdue": orders.is_overdue(order)}


@router.get("/supervision-orders", response=OrderList)
def list_orders(request, status: SupervisionOrder.Status | None = None, unit_id: Id | None = None):
    items = orders.visible_orders(request.user)
    if status:
        items = items.filter(status=status)
    if unit_id:
        items = items.filter(unit_id=unit_id)
    return {"items": [_out(o) for o in items], "total": items.count()}


@router.post("/cases/{case_id}/supervision-orders", response={201: OrderOut})
def issue_order(request, case_id: Id, payload: OrderIssueIn):
    case = get_object_or_404(visible_cases(request.user), pk=case_id)
    return 201, _out(orders.order_issue(case=case, actor=request.user, **payload.dict()))


@router.post("/supervision-orders/{order_id}/respond", response=OrderOut)
def respond_order(request, order_id: Id, payload: OrderRespondIn):
    order = get_object_or_404(orders.visible_orders(request.user), pk=order_id)
    return _out(orders.order_respond(order=order, actor=request.user, content=payload.content))

"""Sign-off by the unit leader (审核签发) in the API (docs/api.md "Sign-off")."""

from __future__ import annotations

import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from cases import signoff
from cases.approvals import visible_approvals
from cases.models import Approval
from xinfang.api_types import Id

router = Router(tags=["sign-off"])


class ApprovalOut(Schema):
    id: int
    kind: str
    case_id: int | None
    workday_id: int | None
    unit_id: int
    draft: dict
    status: str
    requested_by: str
    requested_at: datetime.datetime
    decided_by: str | None
    decided_at: datetime.datetime | None
    reason: str


class ApprovalList(Schema):
    items: list[ApprovalOut]
    total: int


class ApprovalQuery(Schema):
    status: Literal["pending", "approved", "sent_back"] | None = None


class SendBackIn(Schema):
    reason: str = ""


def approval_out(approval: Approval) -> dict:
    return {
        **{f: getattr(approval, f) for f in ("id", "kind", "case_id", "workday_id", "unit_id", "draft", "status", "requested_at", "decided_at", "reason")},
        "requested_by": approval.requested_by.display_name,
        "decided_by": approval.decided_by.display_name if approval.decided_by else None,
    }


@router.get("", response=ApprovalList)
def list_approvals(request, query: Query[ApprovalQuery]):
    """Drafts awaiting (or given) sign-off: a unit's leaders and clerks see their unit's, the joint office all."""
    approvals = visible_approvals(request.user)
    if query.status:
        approvals = approvals.filter(status=query.status)
    return {"items": [approval_out(a) for a in approvals], "total": approvals.count()}


def _approval(approval_id: int) -> Approval:
    # Deciding is for the drafting unit's leaders; anyone else is refused with 403 (lifecycle.Table.check).
    return get_object_or_404(Approval, pk=approval_id)


@router.post("/{approval_id}/approve", response=ApprovalOut)
def approve(request, approval_id: Id):
    """签发: the drafted step happens now, as the unit leader's act on behalf of the drafting clerk."""
    return approval_out(signoff.approval_approve(approval=_approval(approval_id), actor=request.user))


@router.post("/{approval_id}/send-back", response=ApprovalOut)
def send_back(request, approval_id: Id, payload: SendBackIn):
    """退回修改 with a reason: a reply's case returns to its status before the draft."""
    approved = signoff.approval_send_back(approval=_approval(approval_id), actor=request.user, reason=payload.reason)
    return approval_out(approved)


"""审核签发 — sign-off by the unit leader, for the districts that ask for it (DistrictSettings
.signoff_required): a clerk's reply, Work Day report or results publication is stored as a draft
(`Approval`) and released only when a leader of the drafting unit approves it (docs/adr/0011).

This module holds what the drafting steps need (the table, the draft, who is told); the decisions,
which run the drafted step, are in cases/signoff.py."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.access import sees_everything
from accounts.home import TodoItem
from accounts.models import Role
from cases import notices
from cases.models import Approval, ApprovalKind, ApprovalStatus, CaseStatus
from lifecycle import Table, Transition, states
from units.models import Unit, signoff_required
from workdays.selectors import leads_joint_office_day, led_joint_office_day_ids

__all__ = ["signoff_required", "TABLE", "request_signoff", "pending_approval", "visible_approvals"]


def unit_leader(user, approval: Approval) -> bool:
    """A unit leader of the drafting unit signs its drafts off; a joint-office day's report and results
    are signed off by the district leader who leads that day, as its leader."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.role == Role.UNIT_LEADER and user.unit_id == approval.unit_id:
        return True
    return approval.workday_id is not None and leads_joint_office_day(user, approval.workday)


def _still_waiting(approval: Approval) -> str | None:
    if approval.kind == ApprovalKind.REPLY and approval.case.status != CaseStatus.AWAITING_SIGNOFF:
        return _("The case no longer awaits this reply.")
    return None


_decided = lambda approval: _("This draft was already decided.")  # noqa: E731

TABLE = Table(
    [
        Transition(
            "approve", states(ApprovalStatus.PENDING), None, unit_leader, "signoff_approved", _decided,
            guard=_still_waiting,
        ),
        Transition(
            "send_back", states(ApprovalStatus.PENDING), None, unit_leader, "signoff_sent_back", _decided,
            guard=_still_waiting,
        ),
    ]
)


def pending_approval(*, case=None, workday=None, kind: str | None = None) -> Approval | None:
    approvals = Approval.objects.filter(status=ApprovalStatus.PENDING)
    approvals = approvals.filter(case=case) if case is not None else approvals.filter(workday=workday)
    if kind is not None:
        approvals = approvals.filter(kind=kind)
    return approvals.select_related("requested_by").first()


def request_signoff(
    *, kind: str, unit: Unit, actor, draft: dict, case=None, workday=None, return_status: str = ""
) -> Approval:
    """Store the draft and tell the unit's leaders. Runs in the drafting step's transaction."""
    approval = Approval.objects.create(
        kind=kind, unit=unit, case=case, workday=workday, draft=draft, return_status=return_status,
        requested_by=actor, requested_at=timezone.now(),
    )
    notices.signoff_requested(approval, actor)
    return approval


def visible_approvals(user) -> QuerySet[Approval]:
    """The joint office sees every draft; a unit's clerks and leaders see their unit's; a district
    leader those of the joint-office days they lead."""
    approvals = Approval.objects.select_related("case", "case__category", "workday", "workday__host_unit", "requested_by", "decided_by", "unit")
    if sees_everything(user):
        return approvals
    if user.is_authenticated and user.unit_id and user.role in (Role.CLERK, Role.UNIT_LEADER):
        return approvals.filter(unit_id=user.unit_id)
    if user.is_authenticated and user.role == Role.DISTRICT_LEADER:
        return approvals.filter(workday_id__in=led_joint_office_day_ids(user))
    return approvals.none()


def home_todo(user) -> list[TodoItem]:
    """A unit leader's home page (and a district leader's, for the joint-office days they lead): the
    drafts waiting for their sign-off."""
    if user.is_authenticated and user.role == Role.UNIT_LEADER and user.unit_id:
        waiting = Approval.objects.filter(unit_id=user.unit_id, status=ApprovalStatus.PENDING).count()
    elif user.is_authenticated and user.role == Role.DISTRICT_LEADER:
        waiting = visible_approvals(user).filter(status=ApprovalStatus.PENDING).count()
    else:
        return []
    if not waiting:
        return []
    return [TodoItem(gettext("%(n)s draft(s) await your sign-off") % {"n": waiting}, reverse("approvals:list"), "warning")]

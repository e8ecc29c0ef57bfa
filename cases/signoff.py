"""The unit leader's decision on a draft (审核签发, docs/adr/0011): approving runs the drafted step with
the stored input, now, in the leader's name and on behalf of the drafting clerk; sending back, with
a reason, returns the matter to the clerk. One transaction each, with the history entry and the
notice to the drafting unit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import handling, notices
from cases.approvals import TABLE
from cases.models import Approval, ApprovalKind, ApprovalStatus, Case
from history.services import diff, record, snapshot
from workdays import services as workday_services
from workdays.models import WorkDay


def _begin(approval: Approval, actor, name: str) -> Approval:
    fresh = Approval.objects.select_for_update().select_related("requested_by").get(pk=approval.pk)
    # The case or Work Day is locked too: its step runs now.
    if fresh.case_id:
        fresh.case = Case.objects.select_for_update(of=("self",)).select_related(
            "workday", "host_unit", "lead_unit", "category"
        ).get(pk=fresh.case_id)
    else:
        fresh.workday = WorkDay.objects.select_for_update().select_related("host_unit").get(pk=fresh.workday_id)
    TABLE.check(fresh, actor, name)
    return fresh


def _decide(approval: Approval, actor, status: str, reason: str = "") -> None:
    approval.status, approval.decided_by, approval.decided_at, approval.reason = status, actor, timezone.now(), reason
    approval.save(update_fields=["status", "decided_by", "decided_at", "reason"])


@transaction.atomic
def approval_approve(*, approval: Approval, actor) -> Approval:
    """签发: the drafted step happens now (a reply's time, and whether it was on time, are now's)."""
    approval = _begin(approval, actor, "approve")
    note = _("Signed off by %(leader)s; drafted by %(clerk)s") % {
        "leader": actor.display_name, "clerk": approval.requested_by.display_name,
    }
    drafted_by, draft = approval.requested_by, approval.draft
    if approval.kind == ApprovalKind.REPLY:
        handling.release_reply(approval.case, actor, drafted_by=drafted_by, note=note, **draft)
    elif approval.kind == ApprovalKind.REPORT:
        workday_services.release_report(approval.workday, actor, drafted_by=drafted_by, note=note, **draft)
    else:
        workday_services.release_results(approval.workday, actor, drafted_by=drafted_by, note=note, **draft)
    _decide(approval, actor, ApprovalStatus.APPROVED)
    notices.signoff_decided(approval, actor)
    return approval


@transaction.atomic
def approval_send_back(*, approval: Approval, actor, reason: str) -> Approval:
    """退回修改: the draft goes back to the clerk with the reason, shown on the case's or day's timeline."""
    approval = _begin(approval, actor, "send_back")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the draft is sent back.")]})
    _decide(approval, actor, ApprovalStatus.SENT_BACK, reason)
    if approval.kind == ApprovalKind.REPLY:
        case = approval.case
        before = snapshot(case)
        case.status = approval.return_status
        case.version += 1
        case.save()
        changes = {k: v for k, v in diff(before, snapshot(case)).items() if k != "version"}
        record(instance=case, actor=actor, action=TABLE["send_back"].action, changes=changes, note=reason)
    else:
        record(
            instance=approval.workday, actor=actor, action=TABLE["send_back"].action,
            changes={"signoff": [str(ApprovalKind(approval.kind).label), str(ApprovalStatus.SENT_BACK.label)]}, note=reason,
        )
    notices.signoff_decided(approval, actor)
    return approval

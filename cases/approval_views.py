"""The sign-off pages (审核签发): a unit's drafts, pending first, with the leader's approve and
send-back forms; the same decisions as the API (cases/signoff.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases import signoff
from cases.approvals import TABLE, visible_approvals
from cases.models import Approval, ApprovalStatus
from lifecycle import TransitionError


def _render_list(request: HttpRequest, status: int = 200) -> HttpResponse:
    approvals = visible_approvals(request.user)
    pending = list(approvals.filter(status=ApprovalStatus.PENDING))
    decided = list(approvals.exclude(status=ApprovalStatus.PENDING)[:50])
    rows = [(a, {t.name for t in TABLE.available(a, request.user)}) for a in pending]
    return render(request, "cases/approvals.html", {"rows": rows, "decided": decided}, status=status)


@login_required
@require_GET
def approval_list(request: HttpRequest) -> HttpResponse:
    return _render_list(request)


def _target_url(approval: Approval) -> str:
    if approval.case_id:
        return reverse("cases:detail", args=[approval.case_id])
    return reverse("workdays:detail", args=[approval.workday_id])


@require_POST
@login_required
def decide(request: HttpRequest, approval_id: int, name: str) -> HttpResponse:
    """Approve or send back: 403 for anyone but a leader of the drafting unit, 409 for a decided draft,
    400 for a send-back without a reason; the list shows why."""
    approval = get_object_or_404(Approval, pk=approval_id)
    try:
        if name == "approve":
            signoff.approval_approve(approval=approval, actor=request.user)
            messages.success(request, _("Approved and released."))
        else:
            signoff.approval_send_back(approval=approval, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("Sent back to the drafting clerk."))
    except TransitionError as exc:
        messages.error(request, exc.message)
        return _render_list(request, status=409)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _render_list(request, status=400)
    return redirect(_target_url(approval) if request.POST.get("back") == "target" else reverse("approvals:list"))

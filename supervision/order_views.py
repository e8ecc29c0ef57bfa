"""The supervision-orders page (督办): for the joint office the open proposals, each with an issue
form, and every issued order; for a unit the orders addressed to it, with a response form."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import is_supervisor, require_supervisor
from cases.selectors import visible_cases
from lifecycle import TransitionError
from lifecycle.forms import Form
from lifecycle.inputs import parse
from supervision import orders
from supervision.models import OrderProposal
from supervision.order_inputs import OrderIssueIn, OrderRespondIn
from supervision.proposals import propose_orders

SUGGESTED_DAYS = 3


class IssueForm(Form):
    text = forms.CharField(required=False)
    respond_within_days = forms.CharField(required=False)
    version = forms.CharField(required=False)


class RespondForm(Form):
    content = forms.CharField(required=False)


def _suggested_text(proposal: OrderProposal) -> str:
    return _(
        "Case #%(number)s (%(category)s): %(reason)s. Report the handling in writing to the joint office "
        "within %(days)s working days."
    ) % {
        "number": proposal.case_id, "category": proposal.case.category.name,
        "reason": proposal.get_trigger_display(), "days": SUGGESTED_DAYS,
    }


def _render(
    request: HttpRequest, *, errors: dict | None = None, posted: dict | None = None, case=None, status: int = 200
) -> HttpResponse:
    """`errors`/`posted`: {form key: ...} for the form that was sent back ("case-12", "order-3");
    `case`: the case an issue form was sent for, shown on top when no proposal carries its form."""
    errors, posted = errors or {}, posted or {}
    proposals = [
        {"proposal": p, "case": p.case, "key": f"case-{p.case_id}", "text": _suggested_text(p)}
        for p in orders.open_proposals(request.user)
    ]
    if case is not None and f"case-{case.pk}" not in {item["key"] for item in proposals}:
        proposals.insert(0, {"proposal": None, "case": case, "key": f"case-{case.pk}", "text": ""})
    rows = [
        {
            "order": o, "overdue": orders.is_overdue(o), "key": f"order-{o.pk}",
            "can_respond": bool(orders.TABLE.available(o, request.user)),
        }
        for o in orders.visible_orders(request.user)
    ]
    for item in proposals + rows:
        item["errors"], item["posted"] = errors.get(item["key"], {}), posted.get(item["key"])
    context = {
        "proposals": proposals, "rows": rows, "is_supervisor": is_supervisor(request.user),
        "suggested_days": SUGGESTED_DAYS,
    }
    return render(request, "supervision/orders.html", context, status=status)


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    return _render(request)


@require_POST
@login_required
def order_issue(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_object_or_404(visible_cases(request.user), pk=case_id)
    form = IssueForm(request.POST)
    form.is_valid()
    key = f"case-{case.pk}"
    try:
        data = parse(OrderIssueIn, form.cleaned_data)
        orders.order_issue(case=case, actor=request.user, **data.dict())
    except ValidationError as exc:
        return _render(request, errors={key: exc.message_dict}, posted={key: request.POST}, case=case, status=400)
    except TransitionError as exc:
        messages.error(request, exc.message)
        return _render(request, status=409)
    messages.success(request, _("The supervision order was issued to the lead unit."))
    return redirect("supervision:orders")


@require_POST
@login_required
def order_respond(request: HttpRequest, order_id: int) -> HttpResponse:
    order = get_object_or_404(orders.visible_orders(request.user), pk=order_id)
    form = RespondForm(request.POST)
    form.is_valid()
    key = f"order-{order.pk}"
    try:
        data = parse(OrderRespondIn, form.cleaned_data)
        orders.order_respond(order=order, actor=request.user, content=data.content)
    except ValidationError as exc:
        return _render(request, errors={key: exc.message_dict}, posted={key: request.POST}, status=400)
    except TransitionError as exc:
        messages.error(request, exc.message)
        return _render(request, status=409)
    messages.success(request, _("The response was sent to the joint office."))
    return redirect("supervision:orders")


@require_POST
@login_required
def proposals_scan(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    new = propose_orders()
    messages.success(request, _("%(n)s new proposal(s).") % {"n": len(new)})
    return redirect("supervision:orders")


@require_POST
@login_required
def proposal_dismiss(request: HttpRequest, proposal_id: int) -> HttpResponse:
    require_supervisor(request.user)
    proposal = get_object_or_404(OrderProposal, pk=proposal_id)
    try:
        orders.proposal_dismiss(proposal=proposal, actor=request.user)
    except TransitionError as exc:
        messages.error(request, exc.message)
        return _render(request, status=409)
    return redirect("supervision:orders")

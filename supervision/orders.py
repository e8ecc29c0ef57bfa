"""督办 — supervision orders. The joint office issues an order on an open case to its lead unit, with a
text and a number of working days to answer; the unit answers in writing. An order unanswered after
its `respond_by` is overdue (a supervision signal, supervision/metrics.py).

Issuing checks the case's `version` as the caller saw it (a stale one is a 409, like the case steps)
but does not change the case, so the case's version stays: the order is the joint office's record
about the case, not a step of its handling.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import filter_by_units, is_supervisor
from accounts.models import Role
from cases.models import OPEN_STATUSES, Case, CaseStatus, Reply
from history.services import record, snapshot
from lifecycle import StaleVersion, Table, Transition, TransitionError, states
from supervision import notices
from supervision.models import OrderProposal, SupervisionOrder
from workcal.calendar import add_workdays

MIN_DAYS, MAX_DAYS = 1, 30


def _clerk_of_unit(user, order: SupervisionOrder) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.CLERK and user.unit_id == order.unit_id


TABLE = Table(
    [
        Transition(
            "respond", states(SupervisionOrder.Status.ISSUED), SupervisionOrder.Status.RESPONDED, _clerk_of_unit,
            "responded", lambda order: gettext_lazy("This supervision order was already answered."),
        ),
    ]
)


def _require_text(field: str, value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: [message]})
    return value


@transaction.atomic
def order_issue(*, case: Case, actor, version: int, text: str, respond_within_days: int) -> SupervisionOrder:
    """The joint office presses the lead unit of an open case; refused (409) for a closed, replied or
    voided case, a case without a lead unit (returned: assign it again) and a stale version."""
    if not is_supervisor(actor):
        raise PermissionDenied
    # Only the case's row is locked: its lead unit is a nullable join, which PostgreSQL cannot lock.
    case = Case.objects.select_for_update(of=("self",)).select_related("lead_unit", "category").get(pk=case.pk)
    if case.version != version:
        raise StaleVersion(
            _("This case was changed by someone else in the meantime (version %(theirs)s, yours %(yours)s). Reload it and try again.")
            % {"theirs": case.version, "yours": version}
        )
    if case.status not in OPEN_STATUSES:
        raise TransitionError(_("Only an open case can be supervised."))
    if case.lead_unit is None:
        raise TransitionError(_("The case has no lead unit: assign it before issuing a supervision order."))
    errors = {}
    if not (text or "").strip():
        errors["text"] = [_("Write the text of the supervision order.")]
    if not MIN_DAYS <= respond_within_days <= MAX_DAYS:
        errors["respond_within_days"] = [
            _("Give between %(min)s and %(max)s working days.") % {"min": MIN_DAYS, "max": MAX_DAYS}
        ]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    order = SupervisionOrder.objects.create(
        case=case, unit=case.lead_unit, text=text.strip(), issued_at=now, issued_by=actor,
        respond_by=add_workdays(timezone.localdate(now), respond_within_days).date,
    )
    OrderProposal.objects.filter(case=case, order__isnull=True, dismissed=False).update(order=order)
    record(instance=order, actor=actor, action="issued", before={})
    record(instance=case, actor=actor, action="supervision_order", changes={}, note=order.text)
    notices.order_issued(order, actor)
    return order


@transaction.atomic
def order_respond(*, order: SupervisionOrder, actor, content: str) -> SupervisionOrder:
    """The unit answers the order in writing (once)."""
    order = SupervisionOrder.objects.select_for_update(of=("self",)).select_related("case__category", "unit").get(pk=order.pk)
    step = TABLE.check(order, actor, "respond")
    content = _require_text("content", content, _("Write the unit's response."))
    before = snapshot(order)
    order.status = step.target
    order.response, order.responded_at, order.responded_by = content, timezone.now(), actor
    order.save(update_fields=["status", "response", "responded_at", "responded_by"])
    record(instance=order, actor=actor, action=step.action, before=before)
    notices.order_answered(order, actor)
    return order


@transaction.atomic
def proposal_dismiss(*, proposal: OrderProposal, actor) -> OrderProposal:
    """The joint office decides a proposal needs no order."""
    if not is_supervisor(actor):
        raise PermissionDenied
    proposal = OrderProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.dismissed or proposal.order_id:
        raise TransitionError(_("This proposal was already dealt with."))
    proposal.dismissed = True
    proposal.save(update_fields=["dismissed"])
    return proposal


def overdue_q(today: datetime.date | None = None) -> Q:
    """Unanswered and past the day it was to be answered by."""
    return Q(status=SupervisionOrder.Status.ISSUED, respond_by__lt=today or timezone.localdate())


def is_overdue(order: SupervisionOrder, today: datetime.date | None = None) -> bool:
    return order.status == SupervisionOrder.Status.ISSUED and order.respond_by < (today or timezone.localdate())


def visible_orders(user) -> QuerySet[SupervisionOrder]:
    """The joint office sees every order; anyone else the orders of the units they may see."""
    return filter_by_units(user, SupervisionOrder.objects.select_related("case__category", "unit", "issued_by"), "unit_id")


def open_proposals(user) -> QuerySet[OrderProposal]:
    """The joint office's to-do list: proposals not used nor dismissed on cases still open (for a
    failed revisit: still waiting to be handled again)."""
    if not is_supervisor(user):
        return OrderProposal.objects.none()
    rehandled_since = Reply.objects.filter(case=OuterRef("case"), superseded_at__gte=OuterRef("created_at"))
    not_rehandled = Q(trigger=OrderProposal.Trigger.NOT_REHANDLED)
    still_due = (Q(case__status__in=OPEN_STATUSES) & ~not_rehandled) | (
        not_rehandled & Q(case__status__in=(CaseStatus.REPLIED, CaseStatus.CLOSED)) & ~Q(Exists(rehandled_since))
    )
    return OrderProposal.objects.filter(still_due, order__isnull=True, dismissed=False).select_related(
        "case__category", "case__lead_unit"
    )

"""What an attachment may be attached to, and the rules it borrows from there: who sees a target
(its own access helper: 404 otherwise), who may attach to it (the writers its own transition table
names: 403 otherwise), and when it takes no more files (409). Nothing here re-derives a rule of
the Work Day, the case or the 督办."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.access import is_supervisor
from attachments.models import Target
from cases import transitions as case_rules
from cases.models import Case, CaseStatus, Reply
from cases.selectors import access_case_by_id
from supervision import orders as order_rules
from supervision.models import SupervisionOrder
from workdays.models import Status as WorkDayStatus
from workdays.models import WorkDay
from workdays.selectors import access_workday_by_id
from workdays.transitions import host_writer


def _access_reply(user, reply_id) -> Reply:
    """A reply is seen by whoever sees its case."""
    try:
        reply = Reply.objects.select_related("case").get(pk=reply_id)
    except (Reply.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    access_case_by_id(user, reply.case_id)
    return reply


def _access_order(user, order_id) -> SupervisionOrder:
    try:
        return order_rules.visible_orders(user).get(pk=order_id)
    except (SupervisionOrder.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _case_handler(user, case) -> bool:
    """The units handling a case: the joint office, its lead, registering and assisting units."""
    return any(who(user, case) for who in (case_rules.supervisor, case_rules.lead, case_rules.host, case_rules.assisting))


def _order_writer(user, order: SupervisionOrder) -> bool:
    """The joint office that issues a 督办 and the clerks of the unit that answers it."""
    return is_supervisor(user) or order_rules.TABLE["respond"].who(user, order)


def _workday_closed(workday) -> str | None:
    if workday.status == WorkDayStatus.VOIDED:
        return str(_("This Work Day was voided."))
    if workday.status == WorkDayStatus.ARCHIVED:
        return str(_("This Work Day is archived: its dossier takes no more files."))
    return None


def _case_closed(case) -> str | None:
    return str(_("This case was voided.")) if case.status == CaseStatus.VOIDED else None


@dataclass(frozen=True)
class TargetRule:
    access: Callable[[object, object], Model]  # (user, id) -> the object, or Http404
    writer: Callable[[object, Model], bool]  # (user, object) -> may attach
    owner: Callable[[Model], Model]  # object -> the Work Day or case whose state decides
    refused: Callable[[Model], str | None]  # owner -> why it takes no files now, or None


RULES: dict[str, TargetRule] = {
    Target.WORKDAY: TargetRule(access_workday_by_id, host_writer, lambda workday: workday, _workday_closed),
    Target.CASE: TargetRule(access_case_by_id, _case_handler, lambda case: case, _case_closed),
    Target.REPLY: TargetRule(_access_reply, lambda user, reply: _case_handler(user, reply.case), lambda reply: reply.case, _case_closed),
    Target.SUPERVISION_ORDER: TargetRule(_access_order, _order_writer, lambda order: order.case, _case_closed),
}


def access_target(user, target: str, target_id):
    """The target object, if `user` may see it; Http404 otherwise (an unknown kind is the caller's
    400)."""
    return RULES[target].access(user, target_id)


def may_attach(user, target: str, obj) -> bool:
    return RULES[target].writer(user, obj)


KIND_MODELS = {Target.WORKDAY: WorkDay, Target.CASE: Case, Target.REPLY: Reply, Target.SUPERVISION_ORDER: SupervisionOrder}


def kind_of(obj) -> str:
    for target, model in KIND_MODELS.items():
        if isinstance(obj, model):
            return target
    raise TypeError(f"cannot attach to {type(obj).__name__}")

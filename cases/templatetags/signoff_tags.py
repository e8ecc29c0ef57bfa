"""The draft awaiting sign-off (审核签发) on a case's or Work Day's page, with the leader's buttons."""

from django import template

from cases.approvals import TABLE, pending_approval
from cases.models import Case

register = template.Library()


@register.inclusion_tag("cases/_signoff_draft.html", takes_context=True)
def signoff_draft(context, obj):
    approval = pending_approval(case=obj) if isinstance(obj, Case) else pending_approval(workday=obj)
    user = context["request"].user
    steps = {t.name for t in TABLE.available(approval, user)} if approval else set()
    return {"approval": approval, "may_approve": "approve" in steps, "may_send_back": "send_back" in steps, "csrf_token": context.get("csrf_token")}

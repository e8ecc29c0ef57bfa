"""The attachments block of a Work Day's or a case's page, built here so the pages' views need no
change: `{% include "attachments/_block.html" with target=workday %}`. A fixed number of queries,
however many files."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from attachments import content, selectors, services, targets
from attachments.forms import VoidForm
from attachments.models import Target
from supervision.orders import visible_orders

register = template.Library()


def _label(attachment) -> str:
    if attachment.target == Target.REPLY:
        return _("Reply of %(date)s") % {"date": f"{attachment.reply.replied_at:%Y-%m-%d}"}
    if attachment.target == Target.SUPERVISION_ORDER:
        return _("Supervision order of %(date)s") % {"date": f"{attachment.order.issued_at:%Y-%m-%d}"}
    return ""


def _upload_choices(user, kind: str, obj) -> list[tuple[str, str, str]]:
    """(target, target id, label) of what `user` may attach to on this page."""
    if kind == Target.WORKDAY:
        return [(kind, str(obj.pk), _("This Work Day"))] if targets.may_attach(user, kind, obj) else []
    choices = []
    if targets.may_attach(user, kind, obj):  # the case's handlers write to its replies too
        choices.append((kind, str(obj.pk), _("This case")))
        for reply in obj.replies.order_by("replied_at", "id"):
            choices.append((Target.REPLY, str(reply.pk), _("Reply of %(date)s") % {"date": f"{reply.replied_at:%Y-%m-%d}"}))
    for order in visible_orders(user).filter(case=obj).order_by("issued_at", "id"):
        if targets.may_attach(user, Target.SUPERVISION_ORDER, order):
            choices.append((Target.SUPERVISION_ORDER, str(order.pk), _("Supervision order of %(date)s") % {"date": f"{order.issued_at:%Y-%m-%d}"}))
    return choices


@register.inclusion_tag("attachments/_list.html", takes_context=True)
def attachments_block(context, target):
    user = context["request"].user
    kind = targets.kind_of(target)
    rule = targets.RULES[kind]
    files = selectors.attachments_of(user, target)
    if kind == Target.CASE:
        files = files.select_related("reply", "order")
    rows = [
        {
            "file": a, "label": _label(a), "download": selectors.may_download(user, a),
            "voidable": bool(services.TABLE.available(a, user)),
            "void_form": VoidForm(auto_id=f"id_void_{a.pk}_%s"),
        }
        for a in files
    ]
    refusal = rule.refused(rule.owner(target))
    choices = [] if refusal else _upload_choices(user, kind, target)
    return {
        "rows": rows, "choices": choices, "refusal": refusal,
        "accept": ",".join("." + e for e in content.ALLOWED_EXTENSIONS), "max_mb": services.megabytes(services.max_bytes()),
        "csrf_token": context.get("csrf_token"), "request": context["request"],
    }

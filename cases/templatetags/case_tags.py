"""Small display helpers for the ledger pages."""

from django import template

from cases.models import CaseStatus

register = template.Library()

_STATUS_CLASSES = {
    CaseStatus.AWAITING_ASSIGNMENT: "warn",
    CaseStatus.ASSIGNED: "info",
    CaseStatus.HANDLING: "info",
    CaseStatus.AWAITING_SIGNOFF: "warn",
    CaseStatus.ANSWERED: "ok",
    CaseStatus.REPLIED: "ok",
    CaseStatus.CLOSED: "ok",
    CaseStatus.VOIDED: "void",
}


@register.filter
def status_class(status: str) -> str:
    """The badge colour of a case status."""
    return _STATUS_CLASSES.get(status, "")


@register.filter
def petitioner_names(registration) -> str:
    """张三、李四 — the names of a registration's petitioners (prefetched by the ledger query)."""
    names = [p.name for p in registration.petitioners.all()]
    if len(names) > 2:
        return f"{'、'.join(names[:2])}…"
    return "、".join(names)
